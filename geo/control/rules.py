"""What the control picture says about a region's claims, as rules with no I/O: how a claim is
labelled, which claim per actor is the latest, and which claims disagree (different
claimants, same quantity, same time, different statements), shown side by side and never
averaged."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from geo.control.restatements import claim_day, not_after, side_key
from geo.gazetteer.names import fold

__all__ = [
    "BOUND_SYMBOLS",
    "DISAGREE_WITHIN_DAYS",
    "ENTRY_KEYS",
    "claim_entry",
    "claim_label",
    "disagreements",
    "drawable",
    "latest_by_side",
    "not_after",
]


# How a claim's bound is written before its value ("> 86 %"); None (a bare number) has none.
BOUND_SYMBOLS: dict[str | None, str] = {"over": ">", "at_least": "≥", "about": "≈",
                                        "under": "<", "up_to": "≤", "exactly": "=", None: ""}
_UNIT_LABELS = {"percent": "%", "km2": "km²", "mi2": "mi²", "hectares": "ha",
                "dunams": "dunams",
                "settlements": "settlements"}


# Claims by different claimants about one region whose dates are this many days apart or
# fewer speak about the same time, so differing statements disagree.
DISAGREE_WITHIN_DAYS = 7


# Two values closer than this (in the claim's unit) say the same thing ("86" and "86.0").
_SAME_VALUE = 0.5


# What an entry of `latest` or of a disagreement carries (the claim, ready to show).
ENTRY_KEYS = ("actor", "side", "side_colour", "side_resolved", "action", "value", "unit",
              "bound", "label", "negated", "claimant", "denominator", "denominator_kind",
              "date", "quote", "article_id", "title", "url", "origin", "sources")


def drawable(claim: Mapping[str, Any]) -> bool:
    """Whether the map can draw a claim (a stored row, or a `Claim` as a dict): a region code
    (ISO 3166-2, several joined, or a country's ISO 3166-1) or a point of its own; a bare
    name, a village the gazetteer lacks, cannot be.

    >>> drawable({"region": "RU-KRS"}), drawable({"region_name": "Pylna", "lat": None})
    (True, False)
    """
    return bool(claim.get("region")) or (claim.get("lat") is not None
                                         and claim.get("lon") is not None)


def claim_label(claim: Mapping[str, Any]) -> str:
    """A short text for a claim's quantity: "> 86 %", "≈ 40 km²", "12 settlements"; its
    action when it has no value ("captured"); prefixed "denied: " when it is negated.

    Examples
    --------
    >>> claim_label({"value": 86.0, "unit": "percent", "bound": "over"})
    '> 86 %'
    >>> claim_label({"value": 1000, "unit": "km2", "bound": None, "negated": True})
    'denied: 1,000 km²'
    >>> claim_label({"value": None, "action": "captured"})
    'captured'
    >>> claim_label({"value": 0.04, "unit": "percent"}), claim_label({"value": 63.2, "unit": "km2"})
    ('0.04 %', '63.2 km²')
    """
    value = claim.get("value")
    if value is None:
        text = str(claim.get("action") or "")
    else:
        # As written, to two decimals: "0.04 %" is not "0.0 %", "19.04 %" not "19.0 %".
        number = f"{value:,.0f}" if float(value).is_integer() else \
            f"{value:,.2f}".rstrip("0").rstrip(".")
        unit = _UNIT_LABELS.get(claim.get("unit") or "", "")
        text = " ".join(p for p in (BOUND_SYMBOLS.get(claim.get("bound"), ""), number, unit)
                        if p)
    return f"denied: {text}" if claim.get("negated") and text != "denied" else text


def latest_by_side(claims: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The latest claim of each side among `claims` (one region's), newest first.

    A claim's side is its resolved `side` (`geo.sides.resolve.with_sides`: "Russian forces"
    and "Moscow" are one side); an actor the sides table does not know is its own side,
    compared folded ("Russian forces" = "russian forces"). Denials are not control and are
    left out. A later date wins (the sentence's own as-of date, else the article's: a figure
    "on Jan. 1" in a December article is older than one "now"); undated claims count as
    oldest; between equal dates the one stored later wins.
    """
    best: dict[str, tuple[tuple[str, int], Mapping[str, Any]]] = {}
    for order, claim in enumerate(claims):
        if claim.get("negated") or claim.get("action") == "denied":
            continue
        key = side_key(claim)
        rank = (claim_day(claim) or "", order)
        if key not in best or rank >= best[key][0]:
            best[key] = (rank, claim)
    ranked = sorted(best.values(), key=lambda item: item[0], reverse=True)
    return [claim_entry(claim) for _, claim in ranked]


def disagreements(claims: Sequence[Mapping[str, Any]], *,
                  within_days: int = DISAGREE_WITHIN_DAYS) -> list[list[dict[str, Any]]]:
    """Groups of claims about one region that disagree, each group oldest first.

    Two claims disagree when different claimants (the reporter counts as one) say different
    things about the same quantity at the same time: same unit (or both without a value),
    dates at most `within_days` apart (or both undated), and a different action, value
    (by more than 0.5) or negation. Claims that disagree directly or through a chain form one
    group; nothing is averaged.
    """
    n = len(claims)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(claims, within_days):
        if _disagree(claims[i], claims[j], within_days):
            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[root(i)].append(i)
    out = [sorted((claim_entry(claims[i]) for i in members), key=lambda e: e["date"] or "")
           for members in groups.values() if len(members) > 1]
    return sorted(out, key=lambda group: group[0]["date"] or "")


def claim_entry(claim: Mapping[str, Any]) -> dict[str, Any]:
    """A claim as the map shows it: `ENTRY_KEYS`, with its label and its day."""
    get = claim.get
    return {"actor": get("actor"), "side": get("side"), "side_colour": get("side_colour"),
            "side_resolved": bool(get("side_resolved")), "action": get("action"),
            "value": get("value"), "unit": get("unit"), "bound": get("bound"),
            "label": claim_label(claim), "negated": bool(get("negated")),
            "claimant": get("claimant"), "denominator": get("denominator"),
            "denominator_kind": get("denominator_kind"), "date": claim_day(claim),
            "quote": get("quote"), "article_id": get("article_id"), "title": get("title"),
            "url": get("url"), "origin": get("origin"), "sources": list(get("sources") or ())}


def _candidate_pairs(claims: Sequence[Mapping[str, Any]],
                     within_days: int) -> Iterator[tuple[int, int]]:
    # The pairs (i < j) `_disagree` could accept: same unit and whole, then dates at most
    # `within_days` apart (sorted by day, a window), or both undated, or the same unreadable
    # date. The groups do not depend on the order pairs are joined in.
    buckets: dict[tuple[Any, Any], list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        buckets[(claim.get("denominator_kind") or "region", claim.get("unit"))].append(i)
    for members in buckets.values():
        dated: list[tuple[int, int]] = []
        other: dict[str | None, list[int]] = defaultdict(list)
        for i in members:
            text = claim_day(claims[i])
            day = _day(text) if text is not None else None
            if day is None:
                other[text].append(i)
            else:
                dated.append((day.toordinal(), i))
        for same in other.values():
            for x, i in enumerate(same):
                for j in same[x + 1:]:
                    yield i, j
        dated.sort()
        for x, (day, i) in enumerate(dated):
            for later, j in dated[x + 1:]:
                if later - day > within_days:
                    break
                yield min(i, j), max(i, j)


def _disagree(a: Mapping[str, Any], b: Mapping[str, Any], within_days: int) -> bool:
    if fold(a.get("claimant") or "") == fold(b.get("claimant") or ""):
        return False
    # A dispute needs different sides, or claimants of different sides.
    if (side_key(a) == side_key(b) and a.get("claimant_side")
            and a.get("claimant_side") == b.get("claimant_side")):
        return False
    # Shares of different wholes (the region, a part of it) are not the same quantity.
    if (a.get("denominator_kind") or "region") != (b.get("denominator_kind") or "region"):
        return False
    if a.get("unit") != b.get("unit") or not _same_time(claim_day(a), claim_day(b),
                                                        within_days):
        return False
    va, vb = a.get("value"), b.get("value")
    different_value = (va is None) != (vb is None) or (
        va is not None and vb is not None and abs(va - vb) > _SAME_VALUE)
    return (different_value or a.get("action") != b.get("action")
            or bool(a.get("negated")) != bool(b.get("negated")))


def _same_time(a: str | None, b: str | None, within_days: int) -> bool:
    if a is None or b is None:
        return a is None and b is None
    da, db = _day(a), _day(b)
    if da is None or db is None:
        return a == b
    return abs((da - db).days) <= within_days


@lru_cache(maxsize=8192)
def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
