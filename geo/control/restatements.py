"""One statement carried by several articles is one claim with several sources, not a dispute.

Two claims restate each other when they say the same thing about the same region at the same
time: the same side (`geo.sides`), region, unit and negation; dates at most a day apart (the
sentence's own as-of date, else the article's); actions of the same sense (captured, regained,
liberated and advanced all take ground); values that agree within their bound ("about 64"
is 64); and the same claimant, or claimants of the same side ("a senior Russian military
official" and the Russian general who spoke). The earliest is kept and lists them all in
`sources`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from geo.gazetteer.names import fold

__all__ = ["SAME_DAYS", "claim_day", "merge_all", "merge_restatements", "merged_as_of",
           "not_after", "same_statement", "side_key"]

SAME_DAYS = 1
_SENSE = {"captured": "taken", "regained": "taken", "liberated": "taken", "advanced": "taken",
          "controls": "held", "holds": "held", "lost": "lost", "denied": "denied"}
_SAME_VALUE = 0.5
_ABOUT = 0.05  # "about 64" agrees with values within 5 %


def side_key(claim: Mapping[str, Any]) -> str:
    """A claim's side for comparing: its resolved side, else its folded actor as written.

    >>> side_key({"side": "Russia", "side_resolved": True, "actor": "Moscow"})
    'side:Russia'
    >>> side_key({"actor": "The Brigade"})
    'the brigade'
    """
    if claim.get("side_resolved"):
        return f"side:{claim.get('side')}"
    return fold(claim.get("actor") or "")


def claim_day(claim: Mapping[str, Any]) -> str | None:
    """The day a claim speaks of: its own as-of date, else its article's."""
    return claim.get("as_of") or claim.get("published")


def not_after(when: str | None, as_of: str | None) -> bool:
    """Whether a day counts on `as_of` (None: every day); undated claims always count.

    >>> not_after("2024-06-30", "2024-06-30"), not_after("2024-07-01", "2024-06-30")
    (True, False)
    """
    return as_of is None or when is None or when[:10] <= as_of[:10]


def same_statement(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether `b` says what `a` says (see the module's docstring).

    >>> a = {"actor": "Russian forces", "side": "Russia", "side_resolved": True,
    ...      "action": "regained", "value": 64.0, "unit": "percent", "region": "RU-KRS",
    ...      "claimant": "a senior Russian military official", "claimant_side": "Russia",
    ...      "published": "2025-02-20"}
    >>> b = {**a, "action": "liberated", "bound": "about", "claimant": "Sergei Rudskoi",
    ...      "published": "2025-02-21"}
    >>> same_statement(a, b), same_statement(a, {**b, "value": 70.0})
    (True, False)
    """
    if (str(a.get("region") or "").upper() != str(b.get("region") or "").upper()
            or a.get("unit") != b.get("unit")
            or bool(a.get("negated")) != bool(b.get("negated"))
            or _SENSE.get(a.get("action") or "") != _SENSE.get(b.get("action") or "")
            or side_key(a) != side_key(b)):
        return False
    if not _near(claim_day(a), claim_day(b)):
        return False
    if not _values_agree(a, b):
        return False
    if fold(a.get("claimant") or "") == fold(b.get("claimant") or ""):
        return True
    return bool(a.get("claimant_side")) and a.get("claimant_side") == b.get("claimant_side")


def merge_restatements(claims: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """`claims` (one region's) with restatements folded into the earliest, which gains
    `sources`: each merged claim's article_id, title, url, claimant, date and quote, in order.
    """
    kept: list[dict[str, Any]] = []
    # Only claims with the same region, unit, negation, sense and side can restate each
    # other, and only a day apart: kept claims are indexed by those and by day, and the
    # earliest kept one that matches wins, as a scan of every kept claim would find.
    index: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: claim_day(c) or "9999"):
        days = _days(claim_day(claim))
        bucket = _bucket(claim)
        found = sorted(k for day in days for k in index.get((*bucket, day), ()))
        for k in found:
            if same_statement(kept[k], claim):
                kept[k]["sources"].append(_source(claim))
                break
        else:
            index[(*bucket, days[0])].append(len(kept))
            kept.append({**claim, "sources": [_source(claim)]})
    return kept


def merged_as_of(merged: Sequence[Mapping[str, Any]],
                 as_of: str | None) -> list[dict[str, Any]]:
    """What `merge_restatements` gives for the claims dated `as_of` or before (undated ones
    stay), from its result for all of them (the same dicts where nothing is left out; read
    them, never change them): a statement is kept from its earliest report,
    and later reports only join it, so the earlier picture is the merged claims of that day
    or before, each with its sources of that day or before. The map's day change filters
    instead of merging again.
    """
    if as_of is None:
        return list(merged)
    out = []
    for claim in merged:
        if not not_after(claim_day(claim), as_of):
            continue
        sources = claim.get("sources") or []
        # Sources are in day order (the merge reads claims so): most need no filtering.
        if not sources or not_after(sources[-1].get("date"), as_of):
            out.append(claim)
        else:
            out.append({**claim, "sources": [s for s in sources
                                             if not_after(s.get("date"), as_of)]})
    return out


def _bucket(claim: Mapping[str, Any]) -> tuple[Any, ...]:
    return (str(claim.get("region") or "").upper(), claim.get("unit"),
            bool(claim.get("negated")), _SENSE.get(claim.get("action") or ""),
            side_key(claim))


@lru_cache(maxsize=4096)
def _days(text: str | None) -> tuple[Any, ...]:
    # A claim's own day key first, then the keys of the days `_near` accepts beside it
    # (cached: a store has few distinct days, and a partial date "2024-06" raises here).
    if text is None:
        return (None,)
    try:
        day = date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return (("text", text[:10]),)
    return (day, *(day + d for d in range(-SAME_DAYS, SAME_DAYS + 1) if d))


def _source(claim: Mapping[str, Any]) -> dict[str, Any]:
    return {"article_id": claim.get("article_id"), "title": claim.get("title"),
            "url": claim.get("url"), "claimant": claim.get("claimant"),
            "date": claim_day(claim), "quote": claim.get("quote")}


def _values_agree(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    va, vb = a.get("value"), b.get("value")
    if va is None or vb is None:
        return va is None and vb is None
    slack = _SAME_VALUE
    if "about" in (a.get("bound"), b.get("bound")):
        slack = max(slack, _ABOUT * max(abs(va), abs(vb)))
    return abs(va - vb) <= slack


def _near(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= SAME_DAYS
    except ValueError:
        return a[:10] == b[:10]


def merge_all(claims: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """`merge_restatements` over every region and place at once: claims are grouped by
    region code, else GeoNames id, else region name; groups keep their first claim's order.
    """
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for i, claim in enumerate(claims):
        key = (str(claim.get("region") or "").upper() or str(claim.get("place_id") or "")
               or fold(claim.get("region_name") or "")) or f"no place {i}"  # restates none
        groups.setdefault(key, []).append(claim)
    return [merged for group in groups.values() for merged in merge_restatements(group)]
