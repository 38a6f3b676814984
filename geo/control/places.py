"""Claims about a town, village, airport or front sector, drawn at that place: never by
shading the province around it.

A claim is drawn here when it carries a point (`lat`, `lon`, from the gazetteer) and no single
admin-1 code. Claims about one place (its GeoNames id, else its point) are taken together:
restatements merged (`geo.control.restatements`), the latest claim per side, the denials
beside them, and every claim as the place's history, newest first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from geo.control.regions import admin1_codes
from geo.control.restatements import claim_day, merge_restatements
from geo.control.rules import (
    DISAGREE_WITHIN_DAYS,
    claim_entry,
    disagreements,
    latest_by_side,
    not_after,
)

__all__ = ["drawn_at_place", "place_features"]


def drawn_at_place(claim: Mapping[str, Any]) -> bool:
    """Whether a claim is drawn at its point rather than on a region.

    >>> drawn_at_place({"lat": 48.1, "lon": 37.7, "region": None})
    True
    >>> drawn_at_place({"lat": 51.7, "lon": 36.2, "region": "RU-KRS"})
    False
    """
    return (claim.get("lat") is not None and claim.get("lon") is not None
            and len(admin1_codes(claim.get("region"))) != 1)


def place_features(claims: Iterable[Mapping[str, Any]], *, as_of: str | None = None,
                   within_days: int = DISAGREE_WITHIN_DAYS) -> list[dict[str, Any]]:
    """One Point feature (`kind` "place") per place claims are about, dated `as_of` or
    before. Properties: `name`, `place_id`, `lat`, `lon`; `action`, `date`, `actor`, `side`,
    `side_colour`, `side_resolved` and `label` of the newest claim that is not a denial (else
    the newest denial); `latest` (per side), `denials`, `history` (all, newest first),
    `disputed`, `disagreements` and `n_claims`. Claims must carry their sides
    (`geo.sides.resolve.with_sides`).
    """
    by_place: dict[Any, list[Mapping[str, Any]]] = defaultdict(list)
    for claim in claims:
        if drawn_at_place(claim) and not_after(claim_day(claim), as_of):
            key = claim.get("place_id") or (round(float(claim["lat"]), 3),
                                            round(float(claim["lon"]), 3))
            by_place[key].append(claim)
    features = []
    for group in by_place.values():
        merged = merge_restatements(group)
        latest = latest_by_side(merged)
        denials = [claim_entry(c) for c in merged
                   if c.get("negated") or c.get("action") == "denied"]
        history = sorted((claim_entry(c) for c in merged), key=lambda e: e["date"] or "",
                         reverse=True)
        lead = latest[0] if latest else history[0]
        first = group[0]
        groups = disagreements(merged, within_days=within_days)
        properties = {
            "kind": "place", "name": first.get("region_name"), "place_id": first.get("place_id"),
            "lat": float(first["lat"]), "lon": float(first["lon"]),
            **{k: lead.get(k) for k in ("action", "date", "actor", "side", "side_colour",
                                        "side_resolved", "label", "negated")},
            "latest": latest, "denials": denials, "history": history,
            "disputed": bool(groups), "disagreements": groups, "n_claims": len(merged)}
        ident = properties["place_id"] or len(features)
        features.append({"type": "Feature", "id": f"place-{ident}",
                         "geometry": {"type": "Point",
                                      "coordinates": [properties["lon"], properties["lat"]]},
                         "properties": properties})
    return features
