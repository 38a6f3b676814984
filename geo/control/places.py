"""Claims about a town, village, airport or front sector, drawn at that place: never by
shading the province around it; and claims about a whole country, drawn at its point.

A claim is drawn here when it carries a point (`lat`, `lon`, from the gazetteer) and no single
admin-1 code, or when it is about a country (`at_country_point`). Claims about one place (its
GeoNames id, else its point) are taken together: restatements merged
(`geo.control.restatements`), the latest claim per side, the denials beside them, and every
claim as the place's history, newest first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from geo.control.regions import admin1_codes, country_code
from geo.control.restatements import claim_day, merge_restatements, merged_as_of
from geo.control.rules import (
    DISAGREE_WITHIN_DAYS,
    claim_entry,
    disagreements,
    latest_by_side,
)
from geo.gazetteer.index import Gazetteer

__all__ = ["at_country_point", "drawn_at_place", "group_features", "place_features",
           "place_groups"]


def drawn_at_place(claim: Mapping[str, Any]) -> bool:
    """Whether a claim is drawn at its point rather than on a region.

    >>> drawn_at_place({"lat": 48.1, "lon": 37.7, "region": None})
    True
    >>> drawn_at_place({"lat": 51.7, "lon": 36.2, "region": "RU-KRS"})
    False
    """
    return (claim.get("lat") is not None and claim.get("lon") is not None
            and len(admin1_codes(claim.get("region"))) != 1)


def at_country_point(claim: Mapping[str, Any], gazetteer: Gazetteer | None
                     ) -> dict[str, Any] | None:
    """A claim about a whole country ("UA": "about 18 % of Ukraine") with the country's point
    (the gazetteer's, inside its largest part), so the map draws and lists it where the
    country lies instead of nowhere; no outline is shaded, as a share says nothing of where.
    None for any other claim, or without a gazetteer."""
    region = country_code(claim.get("region"))
    if gazetteer is None or claim.get("lat") is not None or region is None:
        return None
    country = gazetteer.place(f"iso:{region}")
    if country is None or country.lat is None or country.lon is None:
        return None
    return {**claim, "lat": country.lat, "lon": country.lon,
            "place_id": country.geonameid or claim.get("place_id"),
            "region_name": claim.get("region_name") or country.name}


def place_features(claims: Iterable[Mapping[str, Any]], *, as_of: str | None = None,
                   within_days: int = DISAGREE_WITHIN_DAYS) -> list[dict[str, Any]]:
    """One Point feature (`kind` "place") per place claims are about, dated `as_of` or
    before. Properties: `name`, `place_id`, `lat`, `lon`; `action`, `date`, `actor`, `side`,
    `side_colour`, `side_resolved` and `label` of the newest claim that is not a denial (else
    the newest denial); `latest` (per side), `denials`, `history` (all, newest first),
    `disputed`, `disagreements` and `n_claims`. Claims must carry their sides
    (`geo.sides.resolve.with_sides`).
    """
    return group_features(place_groups(claims), as_of=as_of, within_days=within_days)


def place_groups(claims: Iterable[Mapping[str, Any]]
                 ) -> list[tuple[Mapping[str, Any], list[dict[str, Any]]]]:
    """The claims drawn at places, by place (its GeoNames id, else its point): the place's
    first claim (its name and point) and its claims with restatements merged, whatever the
    day; `group_features` then takes a day's picture from them."""
    by_place: dict[Any, list[Mapping[str, Any]]] = defaultdict(list)
    for claim in claims:
        if claim.get("within"):  # drawn in a unit (`geo.control.within_units`): by its name
            by_place[("within", claim.get("within_region"), claim.get("region_name"))
                     ].append(claim)
        elif drawn_at_place(claim):
            key = claim.get("place_id") or (round(float(claim["lat"]), 3),
                                            round(float(claim["lon"]), 3))
            by_place[key].append(claim)
    return [(group[0], merge_restatements(group)) for group in by_place.values()]


def group_features(groups: Iterable[tuple[Mapping[str, Any], list[dict[str, Any]]]], *,
                   as_of: str | None = None, within_days: int = DISAGREE_WITHIN_DAYS,
                   details: bool = True) -> list[dict[str, Any]]:
    """`place_features` from `place_groups`, as of a day; without `details`, no `history`
    or `denials` (what only a popup shows)."""
    features = []
    for first, every in groups:
        merged = merged_as_of(every, as_of)
        if not merged:
            continue
        latest = latest_by_side(merged)
        denials = ([claim_entry(c) for c in merged
                    if c.get("negated") or c.get("action") == "denied"] if details else [])
        newest = max(merged, key=lambda c: claim_day(c) or "")
        history = (sorted((claim_entry(c) for c in merged), key=lambda e: e["date"] or "",
                          reverse=True) if details else [])
        lead = latest[0] if latest else claim_entry(newest)
        groups_ = disagreements(merged, within_days=within_days)
        properties = {
            "kind": "place", "name": first.get("region_name"), "place_id": first.get("place_id"),
            "lat": float(first["lat"]), "lon": float(first["lon"]),
            **{k: lead.get(k) for k in ("action", "date", "actor", "side", "side_colour",
                                        "side_resolved", "label", "negated")},
            "latest": latest, "denials": denials, "history": history,
            "disputed": bool(groups_), "disagreements": groups_, "n_claims": len(merged),
            "within": first.get("within")}
        # Unique in the file: a place without a GeoNames id is named by its point, one drawn
        # in a unit by the unit and its own name.
        ident = properties["place_id"] or (
            f"in-{first.get('within_region')}-{properties['name']}" if first.get("within")
            else f"at-{properties['lat']:.3f},{properties['lon']:.3f}")
        features.append({"type": "Feature", "id": f"place-{ident}",
                         "geometry": {"type": "Point",
                                      "coordinates": [properties["lon"], properties["lat"]]},
                         "properties": properties})
    return features
