"""The territorial-control layer: per region, the latest claim per actor, the claims that
disagree (side by side, never averaged) and the imported areas, as GeoJSON ready to render.

Why here and not in the dashboard: the app only draws what `control_layer` returns, so the
rules (what "latest" and "disagree" mean, how a claim is labelled) live in one tested place.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import shapely

from geo.control.regions import Regions
from geo.gazetteer.names import fold
from geo.io.export import mentions_csv
from geo.store.database import CLAIM_COLUMNS, Store

__all__ = ["BOUND_SYMBOLS", "DISAGREE_WITHIN_DAYS", "claim_label", "claims_csv",
           "claims_feature_collection", "claims_geojson", "control_layer", "disagreements",
           "latest_by_actor"]

# How a claim's bound is written before its value ("> 86 %"); None (a bare number) has none.
BOUND_SYMBOLS: dict[str | None, str] = {"over": ">", "at_least": "≥", "about": "≈",
                                        "under": "<", "up_to": "≤", "exactly": "=", None: ""}
_UNIT_LABELS = {"percent": "%", "km2": "km²", "mi2": "mi²", "hectares": "ha",
                "settlements": "settlements"}
# Claims by different claimants about one region whose dates are this many days apart or
# fewer speak about the same time, so differing statements disagree.
DISAGREE_WITHIN_DAYS = 7
# Two values closer than this (in the claim's unit) say the same thing ("86" and "86.0").
_SAME_VALUE = 0.5
# What an entry of `latest` or of a disagreement carries (the claim, ready to show).
ENTRY_KEYS = ("actor", "action", "value", "unit", "bound", "label", "negated", "claimant",
              "denominator", "date", "quote", "article_id", "title", "url", "origin")


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
    """
    value = claim.get("value")
    if value is None:
        text = str(claim.get("action") or "")
    else:
        number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        unit = _UNIT_LABELS.get(claim.get("unit") or "", "")
        text = " ".join(p for p in (BOUND_SYMBOLS.get(claim.get("bound"), ""), number, unit)
                        if p)
    return f"denied: {text}" if claim.get("negated") and text != "denied" else text


def latest_by_actor(claims: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The latest claim of each actor among `claims` (one region's), newest first.

    Denials are not control and are left out. A later date wins; undated claims count as
    oldest; between equal dates the one stored later wins. Actors are compared folded
    ("Russian forces" = "russian forces").
    """
    best: dict[str, tuple[tuple[str, int], Mapping[str, Any]]] = {}
    for order, claim in enumerate(claims):
        if claim.get("negated") or claim.get("action") == "denied":
            continue
        key = fold(claim.get("actor") or "")
        rank = (claim.get("published") or "", order)
        if key not in best or rank >= best[key][0]:
            best[key] = (rank, claim)
    ranked = sorted(best.values(), key=lambda item: item[0], reverse=True)
    return [_entry(claim) for _, claim in ranked]


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

    for i in range(n):
        for j in range(i + 1, n):
            if _disagree(claims[i], claims[j], within_days):
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[root(i)].append(i)
    out = [sorted((_entry(claims[i]) for i in members), key=lambda e: e["date"] or "")
           for members in groups.values() if len(members) > 1]
    return sorted(out, key=lambda group: group[0]["date"] or "")


def control_layer(store: Store, regions: Regions, *, as_of: str | None = None,
                  within_days: int = DISAGREE_WITHIN_DAYS) -> dict[str, Any]:
    """The control layer as an RFC 7946 FeatureCollection of simplified region outlines.

    One feature per admin-1 region with a claim (ISO 3166-2 `region`) or an imported area.
    Its properties, besides the region's `key, iso, name, country, area_km2`:

    - `label`, `date`, `actor`, `action`: the newest claim ("> 86 %", ISO date or None); in
      a disputed region the label gives every value of the newest disagreement ("≈ 70 % vs
      < 60 %");
    - `share_pct`: that claim's value when it is a percent, else the newest area's share
      (0–100), else None: what to shade by; None in a disputed region (no side is picked);
    - `latest`: the latest claim per actor (`latest_by_actor`), each with `ENTRY_KEYS`;
    - `disputed` and `disagreements`: groups of claims that disagree (`disagreements`),
      side by side, never averaged;
    - `areas`: imported areas covering the region: actor, status, date, source, name,
      `share_pct` (0–100 of the region) and `area_km2`, newest first;
    - `n_claims`: how many claims the region has.

    Parameters
    ----------
    as_of
        An ISO date: only claims and areas dated then or before (undated claims stay).
    """
    by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in store.claims():
        if claim.get("region") and _not_after(claim.get("published"), as_of):
            by_region[claim["region"].upper()].append(claim)
    areas_by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for area in store.areas():
        if not _not_after(area["date"], as_of):
            continue
        for share in area["shares"]:
            areas_by_region[share["region"]].append(
                {"id": area["id"], "name": area["name"], "actor": area["actor"],
                 "status": area["status"], "date": area["date"], "source": area["source"],
                 "share_pct": share["share_pct"], "area_km2": share["area_km2"]})
    properties: dict[str, dict[str, Any]] = {}
    for key in sorted(set(by_region) | set(areas_by_region)):
        region = regions.get(key)
        if region is None:
            continue
        claims = by_region.get(key, [])
        areas = sorted(areas_by_region.get(key, []), key=lambda a: a["date"], reverse=True)
        latest = latest_by_actor(claims)
        groups = disagreements(claims, within_days=within_days)
        lead = latest[0] if latest else None
        share = (lead["value"] if lead and lead["unit"] == "percent"
                 else areas[0]["share_pct"] if areas else None)
        label = lead["label"] if lead else None
        if groups:
            # Shading by one side of a disagreement would pick a winner: show every value.
            newest = groups[-1]
            label = " vs ".join(dict.fromkeys(e["label"] for e in newest if e["label"]))
            share = None
        properties[region.key] = {
            "label": label, "date": lead["date"] if lead else None,
            "actor": lead["actor"] if lead else None, "action": lead["action"] if lead else None,
            "share_pct": share, "latest": latest, "disputed": bool(groups),
            "disagreements": groups, "areas": areas, "n_claims": len(claims),
        }
    return regions.feature_collection(properties, properties=properties)


def claims_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV text of claim rows (`Store.claims()`), header `CLAIM_COLUMNS`.

    Written by `geo.io.export.write_csv`, as every CSV: a quote or claimant beginning with = + - @
    gets a leading "'" so a spreadsheet shows it instead of running it; numbers stay numbers.
    """
    return mentions_csv(rows, columns=CLAIM_COLUMNS)


def claims_feature_collection(rows: Iterable[Mapping[str, Any]],
                              regions: Regions | None = None) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection with one feature per claim: the simplified outline of
    its region when `regions` knows it, else a null geometry; properties are the row."""
    features = []
    for row in rows:
        geometry = None
        if regions is not None and row.get("region"):
            region = regions.get(row["region"])
            shape = regions.geometry(region.key, simplified=True) if region else None
            if shape is not None:
                geometry = json.loads(shapely.to_geojson(shape))
        features.append({"type": "Feature", "geometry": geometry, "properties": dict(row)})
    return {"type": "FeatureCollection", "features": features}


def claims_geojson(rows: Iterable[Mapping[str, Any]], regions: Regions | None = None) -> str:
    """`claims_feature_collection` as JSON text (UTF-8 characters kept)."""
    return json.dumps(claims_feature_collection(rows, regions), ensure_ascii=False)


def _entry(claim: Mapping[str, Any]) -> dict[str, Any]:
    entry = {k: claim.get(k) for k in ENTRY_KEYS if k not in ("label", "date")}
    entry["label"] = claim_label(claim)
    entry["date"] = claim.get("published")
    entry["negated"] = bool(claim.get("negated"))
    return {k: entry[k] for k in ENTRY_KEYS}


def _disagree(a: Mapping[str, Any], b: Mapping[str, Any], within_days: int) -> bool:
    if fold(a.get("claimant") or "") == fold(b.get("claimant") or ""):
        return False
    if a.get("unit") != b.get("unit") or not _same_time(a.get("published"),
                                                        b.get("published"), within_days):
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


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _not_after(when: str | None, as_of: str | None) -> bool:
    return as_of is None or when is None or when[:10] <= as_of[:10]
