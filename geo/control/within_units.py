"""Claims about a place the gazetteer lacks ("seized Vodyane in the Zaporizhzhia region"), drawn
in the one admin-1 unit their own sentence names: at that unit's point, marked as approximate.

The claim keeps no point of its own (`lat`, `lon` stay empty, so exports and `drawable` say what
the text let us place); it gains `within` (the unit's name), `within_region` (its ISO 3166-2
code) and `within_lat`, `within_lon`, which only the map reads. The unit's outline is not
shaded: the claim is about a place inside it, not about the unit. A sentence naming no unit, or
several, leaves the claim unplaced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from geo.control.rules import drawable

__all__ = ["SIDE_BY_SIDE", "in_named_unit", "with_unit_points"]

SIDE_BY_SIDE = 0.15  # degrees of longitude between places drawn in one unit


def in_named_unit(claim: Mapping[str, Any], units: Iterable[Mapping[str, Any]]
                  ) -> dict[str, Any] | None:
    """The claim with the `within_*` keys of the one admin-1 unit among `units` (its article's
    unit mentions, `geo.store.reads.read_unit_mentions`) named inside its quote; None when
    the claim can be drawn already or its quote names no unit or several.

    >>> unit = {"start": 40, "end": 51, "name": "Zaporizhzhia Oblast", "admin1": "UA-23",
    ...         "lat": 47.5, "lon": 35.8}
    >>> claim = {"region": None, "lat": None, "region_name": "Vodyane", "start": 0, "end": 60}
    >>> in_named_unit(claim, [unit])["within"], in_named_unit({**claim, "end": 30}, [unit])
    ('Zaporizhzhia Oblast', None)
    """
    if drawable(claim) or not claim.get("region_name") or claim.get("start") is None:
        return None
    start, end = int(claim["start"]), int(claim["end"])
    named = {u["admin1"]: u for u in units if start <= u["start"] and u["end"] <= end}
    if len(named) != 1:
        return None
    unit = next(iter(named.values()))
    return {**claim, "within": unit["name"], "within_region": unit["admin1"],
            "within_lat": unit["lat"], "within_lon": unit["lon"]}


def with_unit_points(store: Any, claims: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """`claims` (stored rows), each one the map cannot draw given the unit its sentence names
    (`in_named_unit`); the unit mentions are read only for those claims' articles."""
    from geo.store.reads import read_unit_mentions

    claims = list(claims)
    unplaced = {c["article_id"] for c in claims
                if c.get("article_id") and not drawable(c) and c.get("region_name")}
    if not unplaced:
        return claims
    units = read_unit_mentions(store, unplaced)
    out = [in_named_unit(c, units.get(c.get("article_id") or "", ())) or c for c in claims]
    # Several places drawn in one unit stand side by side, eastwards, not on one another.
    names: dict[str, list[str]] = {}
    for k, claim in enumerate(out):
        if claim.get("within"):
            seen = names.setdefault(claim["within_region"], [])
            if claim["region_name"] not in seen:
                seen.append(claim["region_name"])
            step = seen.index(claim["region_name"])
            out[k] = {**claim, "within_lon": float(claim["within_lon"]) + SIDE_BY_SIDE * step}
    return out
