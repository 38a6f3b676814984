"""The territorial-control layer: per region, the latest claim per actor, the claims that
disagree (side by side, never averaged) and the imported areas, as GeoJSON ready to render.

Why here and not in the dashboard: the app only draws what `control_layer` returns, so the
rules (what "latest" and "disagree" mean, how a claim is labelled; `geo.control.rules`) live in
one tested place. This module gathers a store's claims and areas per region and applies them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import shapely

from geo.control.places import at_country_point, drawn_at_place, group_features, place_groups
from geo.control.regions import Regions, admin1_codes
from geo.control.restatements import merge_restatements, merged_as_of, not_after
from geo.control.rules import (
    DISAGREE_WITHIN_DAYS,
    claim_entry,
    disagreements,
    latest_by_side,
)
from geo.control.within_units import with_unit_points
from geo.gazetteer.index import Gazetteer, built_gazetteer
from geo.sides.resolve import Sides, with_sides
from geo.store.database import Store

__all__ = ["AREA_SIMPLIFY_DEGREES", "Prepared", "claims_with_sides", "control_layer", "outlines",
           "prepare", "shades_region"]

# Imported areas are drawn simplified to about 200 m: enough at the zoom levels a front line
# is read at, and a file of 1,000 areas stays small.
AREA_SIMPLIFY_DEGREES = 0.002


def control_layer(store: Store | None, regions: Regions, *, as_of: str | None = None,
                  within_days: int = DISAGREE_WITHIN_DAYS,
                  sides: Sides | None = None,
                  prepared: Prepared | None = None, details: bool = True) -> dict[str, Any]:
    """The control layer as an RFC 7946 FeatureCollection of simplified region outlines.

    One feature (`kind` "region") per admin-1 region with a claim (ISO 3166-2 `region`) or
    an imported area, then one (`kind` "area") per imported area dated `as_of` or before,
    its polygon simplified, with `id`, `name`, `actor`, `side`, `side_colour`, `status`,
    `date` and `source`, then one Point (`kind` "place") per town, village or sector claims
    are about (`geo.control.places.place_features`). Claims about a country ("UA") or
    several units listed together ("SY-DR,SY-QU") shade none; a country's claims are
    drawn as a place at the country's point. A region's properties,
    besides its `key, iso, name, country, area_km2`:

    - `lead` (the entry), `label`, `date`, `actor`, `side`, `side_colour`, `action`: the
      newest claim that shades the region, else the newest claim ("> 86 %",
      ISO date or None; the actor as written and its side, `geo.sides`); in
      a disputed region the label gives every value of the newest disagreement ("≈ 70 % vs
      < 60 %");
    - `share_pct`: what to shade by (0–100): the newest claim that shades the region
      (`shades_region`: a percent of the region itself, or an area in km² taken as a share of
      the region), else the newest area's share, else None; None in a disputed region (no
      side is picked);
    - `labelled`: True when the newest claim is a share of something else ("of the land
      once held by Ukrainian troops"): shown as a label with its denominator in words, not
      as shading;
    - `latest`: the latest claim per side (`latest_by_side`), each with `ENTRY_KEYS`;
    - `history`: every claim about the region (restatements merged), newest first;
    - `disputed` and `disagreements`: groups of claims that disagree (`disagreements`),
      side by side, never averaged;
    - `areas`: imported areas covering the region: actor, status, date, source, name,
      `share_pct` (0–100 of the region) and `area_km2`, newest first;
    - `n_claims`: how many claims the region has, a statement reported by several articles
      counting once (`merge_restatements`; its entries list them in `sources`).

    Parameters
    ----------
    store
        Where the claims and areas are read from; None when `prepared` is given.
    as_of
        An ISO date: only claims and areas dated then or before (undated claims stay).
    sides
        The sides table (default: the shipped one with the user's `CONFLICT_MAP_SIDES`).
    prepared
        `prepare(store, regions, sides=sides)` made earlier for this store version: a day
        change then only filters and groups (the dashboard caches it per version).
    details
        False: no `history` (nor a place's `denials`), which only a popup lists; the map's
        file is drawn without them and its popups come later (`dashboard.data`).
    """
    if prepared is None and store is None:
        raise ValueError("control_layer needs a store or what `prepare` made of one")
    base = prepared if prepared is not None else prepare(store, regions, sides=sides)
    by_region = {code: claims for code, every in base.region_claims.items()
                 if (claims := merged_as_of(every, as_of))}
    areas_by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for code, entry in base.area_shares:
        if not_after(entry["date"], as_of):
            areas_by_region[code].append(entry)
    properties: dict[str, dict[str, Any]] = {}
    for key in sorted(set(by_region) | set(areas_by_region)):
        region = regions.get(key)
        if region is None:
            continue
        claims = by_region.get(key, [])
        areas = sorted(areas_by_region.get(key, []), key=lambda a: a["date"], reverse=True)
        properties[region.key] = _region_properties(region.name, region.area_km2, claims,
                                                    areas, within_days, details)
    collection = regions.feature_collection(properties, properties=properties)
    for feature in collection["features"]:
        feature["properties"]["kind"] = "region"
    collection["features"].extend(
        feature for feature in base.area_features
        if not_after(feature["properties"]["date"], as_of))
    collection["features"].extend(group_features(base.place_claims, as_of=as_of,
                                                 within_days=within_days, details=details))
    return collection


@dataclass(frozen=True)
class Prepared:
    """What the layer needs from a store whatever the day: claims with their sides, by
    region or at a place, and the imported areas' shares and simplified outlines. Built once
    per store version (`prepare`), then every as-of day only filters and groups it; read-only.
    """

    region_claims: dict[str, list[dict[str, Any]]]
    place_claims: list[tuple[dict[str, Any], list[dict[str, Any]]]]
    area_shares: list[tuple[str, dict[str, Any]]]
    area_features: list[dict[str, Any]]


def prepare(store: Store, regions: Regions, *, sides: Sides | None = None,
            gazetteer: Gazetteer | None = None) -> Prepared:
    """The day-independent part of `control_layer` for a store (see `Prepared`); claims about
    a whole country are drawn at its point from `gazetteer` (the built one by default)."""
    sides = sides if sides is not None else Sides.for_database()
    gazetteer = gazetteer if gazetteer is not None else built_gazetteer()
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    place_claims = []
    for claim in with_unit_points(store, claims_with_sides(store.claims(), sides, regions)):
        codes = admin1_codes(claim.get("region"))
        # Only a claim about one admin-1 unit shades it: a share of units listed together
        # says nothing about each, and a country (its ISO 3166-1 code) has no outline here:
        # its claims are drawn at its point.
        if len(codes) == 1:
            by_code[codes[0]].append(claim)
        elif drawn_at_place(claim):
            place_claims.append(claim)
        elif (placed := at_country_point(claim, gazetteer)) is not None:
            place_claims.append(placed)
        elif claim.get("within_lat") is not None:  # in the unit its sentence names
            place_claims.append({**claim, "lat": claim["within_lat"],
                                 "lon": claim["within_lon"]})
    # Restatements merged once for every day: a day's picture filters the merge
    # (`merged_as_of`).
    region_claims = {code: merge_restatements(claims) for code, claims in by_code.items()}
    areas = store.areas()
    area_shares = []
    for area in areas:
        for share in area["shares"]:
            side = sides.side_of(area["actor"], (share["region"].split("-")[0],))
            area_shares.append((share["region"], {
                "id": area["id"], "name": area["name"], "actor": area["actor"],
                "side": side.name, "side_colour": side.colour,
                "status": area["status"], "date": area["date"], "source": area["source"],
                "share_pct": share["share_pct"], "area_km2": share["area_km2"]}))
    return Prepared(region_claims, place_groups(place_claims), area_shares,
                    _area_features(store, areas, sides))


def outlines(prepared: Prepared, regions: Regions) -> dict[str, Any]:
    """Every outline the layer may draw on some day, whatever the day: each region with a
    claim or an imported area, then each imported area, as features with the ids, `kind`
    and geometry `control_layer` gives them. A map that keeps these can draw a new day by
    restyling them (`dashboard.data`)."""
    keys = sorted(set(prepared.region_claims) | {code for code, _ in prepared.area_shares})
    shapes = [{"type": "Feature", "id": f["id"], "geometry": f["geometry"],
               "properties": {"kind": "region"}}
              for f in regions.feature_collection(keys)["features"]]
    shapes.extend({"type": "Feature", "id": f["id"], "geometry": f["geometry"],
                   "properties": {"kind": "area"}} for f in prepared.area_features)
    return {"type": "FeatureCollection", "features": shapes}


def claims_with_sides(claims: Iterable[dict[str, Any]], sides: Sides,
                      regions: Regions | None) -> list[dict[str, Any]]:
    """Stored claims with their sides (`geo.sides.resolve.with_sides`), a claim about a town
    first given the country its point lies in (`country`), so that "the army" in a Sudanese
    town is Sudan's: the one path for the map, the claims panel and the CLI."""
    located = []
    for claim in claims:
        if (regions is not None and claim.get("lat") is not None
                and claim.get("lon") is not None and not claim.get("region")):
            region = regions.containing(float(claim["lat"]), float(claim["lon"]))
            claim = {**claim, "country": region.country if region else None}
        located.append(claim)
    return with_sides(located, sides)


def shades_region(entry: dict[str, Any]) -> bool:
    """Whether a claim shades its region: a share of the region itself (not of "the land
    once held by Ukrainian troops" nor of "its 330 townships"), an area, or a claim with no
    quantity; never a denial.

    >>> shades_region({"unit": "percent", "denominator_kind": "part"})
    False
    >>> shades_region({"unit": "percent", "denominator_kind": "region"})
    True
    """
    if entry.get("negated") or entry.get("action") == "denied":
        return False
    return entry.get("unit") != "percent" or entry.get("denominator_kind") in (None, "region")


def _region_properties(name: str, area_km2: float | None, claims: list[dict[str, Any]],
                       areas: list[dict[str, Any]], within_days: int,
                       details: bool = True) -> dict[str, Any]:
    latest = latest_by_side(claims)
    for entry in latest:
        entry["region_share_pct"] = _share_of_region(entry, area_km2)
        entry["shades"] = shades_region(entry)
    groups = disagreements(claims, within_days=within_days)
    shading = [e for e in latest if e["shades"]]
    lead = shading[0] if shading else latest[0] if latest else None
    label = lead["label"] if lead else None
    share = areas[0]["share_pct"] if areas else None
    labelled = False
    if lead is not None and lead["shades"]:
        share = lead["value"] if lead["unit"] == "percent" else lead["region_share_pct"]
        if lead["unit"] in _KM2 and share is not None:
            label = f"{label} (≈ {share:.2g} % of {name})"
    elif lead is not None:
        # A share of something else: shown on the region as a labelled claim, in words.
        labelled = True
        label = f"{label} of {lead.get('denominator') or 'another measure'}"
    if groups:
        # Shading by one side of a disagreement would pick a winner: show every value.
        newest = groups[-1]
        label = " vs ".join(dict.fromkeys(e["label"] for e in newest if e["label"]))
        share = None
    return {
        "label": label, "date": lead["date"] if lead else None,
        "actor": lead["actor"] if lead else None, "action": lead["action"] if lead else None,
        "lead": lead,
        "side": lead["side"] if lead else areas[0]["side"] if areas else None,
        "side_colour": (lead["side_colour"] if lead
                        else areas[0]["side_colour"] if areas else None),
        "share_pct": share, "labelled": labelled and not groups, "latest": latest,
        "history": sorted((claim_entry(c) for c in claims), key=lambda e: e["date"] or "",
                          reverse=True) if details else [],
        "disputed": bool(groups), "disagreements": groups, "areas": areas,
        "n_claims": len(claims),
    }


_KM2 = {"km2": 1.0, "mi2": 2.589988, "hectares": 0.01, "dunams": 0.001}


def _share_of_region(entry: dict[str, Any], area_km2: float | None) -> float | None:
    # What an area claim amounts to as a share of its region (0–100).
    factor = _KM2.get(entry.get("unit") or "")
    if factor is None or entry.get("value") is None or not area_km2:
        return None
    return min(100.0, 100.0 * entry["value"] * factor / area_km2)


def _area_features(store: Store, areas: list[dict[str, Any]],
                   sides: Sides) -> list[dict[str, Any]]:
    shapes = store.area_geometries()
    out = []
    for area in areas:
        if area["id"] not in shapes:
            continue
        geom = shapely.simplify(shapely.from_wkb(shapes[area["id"]]), AREA_SIMPLIFY_DEGREES,
                                preserve_topology=True)
        countries = {s["region"].split("-")[0] for s in area["shares"]}
        side = sides.side_of(area["actor"], countries)
        out.append({"type": "Feature", "id": f"area-{area['id']}",
                    "geometry": json.loads(shapely.to_geojson(geom)),
                    "properties": {"kind": "area", "id": area["id"], "name": area["name"],
                                   "actor": area["actor"], "side": side.name,
                                   "side_colour": side.colour,
                                   "side_resolved": side.resolved, "status": area["status"],
                                   "date": area["date"], "source": area["source"]}})
    return out


