"""The territorial-control layer: per region, the latest claim per actor, the claims that
disagree (side by side, never averaged) and the imported areas, as GeoJSON ready to render.

Why here and not in the dashboard: the app only draws what `control_layer` returns, so the
rules (what "latest" and "disagree" mean, how a claim is labelled; `geo.control.rules`) live in
one tested place. This module gathers a store's claims and areas per region and applies them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from geo.control.regions import Regions, admin1_codes
from geo.control.rules import (
    DISAGREE_WITHIN_DAYS,
    disagreements,
    latest_by_actor,
    not_after,
)
from geo.store.database import Store

__all__ = ["control_layer"]


def control_layer(store: Store, regions: Regions, *, as_of: str | None = None,
                  within_days: int = DISAGREE_WITHIN_DAYS) -> dict[str, Any]:
    """The control layer as an RFC 7946 FeatureCollection of simplified region outlines.

    One feature per admin-1 region with a claim (ISO 3166-2 `region`) or an imported area;
    claims about a country ("UA") or several units listed together ("SY-DR,SY-QU") shade none.
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
        codes = admin1_codes(claim.get("region"))
        # Only a claim about one admin-1 unit shades it: a share of units listed together
        # says nothing about each, and a country (its ISO 3166-1 code) has no outline here.
        if len(codes) == 1 and not_after(claim.get("published"), as_of):
            by_region[codes[0]].append(claim)
    areas_by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for area in store.areas():
        if not not_after(area["date"], as_of):
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


