"""Claims for download: CSV (through the project's one CSV writer) and GeoJSON with each
claim's region outline."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import shapely

from geo.control.regions import Regions, admin1_codes, country_code
from geo.errors import GazetteerError
from geo.gazetteer.index import Gazetteer, built_gazetteer
from geo.io.export import mentions_csv
from geo.store.claims import CLAIM_COLUMNS

__all__ = ["COUNTRY_SIMPLIFY_DEGREES", "claims_csv", "claims_feature_collection",
           "claims_geojson"]

# A country's outline in the export, simplified to about 5 km: a claim about a whole country
# needs no finer line, and Russia's outline stays under 200 kB.
COUNTRY_SIMPLIFY_DEGREES = 0.05


def claims_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV text of claim rows (`Store.claims()`), header `CLAIM_COLUMNS`.

    Written by `geo.io.export.write_csv`, as every CSV: a quote or claimant beginning with = + - @
    gets a leading "'" so a spreadsheet shows it instead of running it; numbers stay numbers.
    Rows that carry their side (`geo.sides.resolve.with_sides`) add `side` and
    `claimant_side` columns.
    """
    rows = list(rows)
    extra = tuple(k for k in ("side", "claimant_side") if any(k in r for r in rows))
    return mentions_csv(rows, columns=(*CLAIM_COLUMNS, *extra))


def claims_feature_collection(rows: Iterable[Mapping[str, Any]],
                              regions: Regions | None = None,
                              gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection with one feature per claim; properties are the row.

    The geometry is the simplified outline of its admin-1 region when `regions` knows it
    (of every unit together for units listed together), else the claim's point (a town or
    front sector), else the simplified outline of its country (a country's code, from
    `gazetteer`, the built one by default), else null: an unplaced claim is kept, not drawn.
    """
    gazetteer = gazetteer if gazetteer is not None else built_gazetteer()
    countries: dict[str, dict[str, Any] | None] = {}
    features = []
    for row in rows:
        geometry = None
        shapes = []
        for code in admin1_codes(row.get("region")) if regions is not None else ():
            region = regions.get(code)
            shape = regions.geometry(region.key, simplified=True) if region else None
            shapes += [shape] if shape is not None else []
        if shapes:
            geometry = json.loads(shapely.to_geojson(shapely.union_all(shapes)))
        elif row.get("lat") is not None and row.get("lon") is not None:
            geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        elif (code := country_code(row.get("region"))) and gazetteer is not None:
            if code not in countries:
                countries[code] = _outline(gazetteer, code)
            geometry = countries[code]
        features.append({"type": "Feature", "geometry": geometry, "properties": dict(row)})
    return {"type": "FeatureCollection", "features": features}


def _outline(gazetteer: Gazetteer, code: str) -> dict[str, Any] | None:
    """The country's outline simplified (`COUNTRY_SIMPLIFY_DEGREES`), as GeoJSON, or None."""
    try:
        shape = gazetteer.shape(f"iso:{code}")
    except GazetteerError:
        return None
    if shape is None:
        return None
    return json.loads(shapely.to_geojson(shapely.simplify(shape, COUNTRY_SIMPLIFY_DEGREES)))


def claims_geojson(rows: Iterable[Mapping[str, Any]], regions: Regions | None = None) -> str:
    """`claims_feature_collection` as JSON text (UTF-8 characters kept)."""
    return json.dumps(claims_feature_collection(rows, regions), ensure_ascii=False)
