"""Claims for download: CSV (through the project's one CSV writer) and GeoJSON with each
claim's region outline."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import shapely

from geo.control.regions import Regions, admin1_codes
from geo.io.export import mentions_csv
from geo.store.claims import CLAIM_COLUMNS

__all__ = ["claims_csv", "claims_feature_collection", "claims_geojson"]


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
                              regions: Regions | None = None) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection with one feature per claim; properties are the row.

    The geometry is the simplified outline of its admin-1 region when `regions` knows it
    (of every unit together for units listed together), else the claim's point (a town or
    front sector), else null: a country's code (no outline in the regions file) or an
    unplaced claim is kept, not drawn.
    """
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
        features.append({"type": "Feature", "geometry": geometry, "properties": dict(row)})
    return {"type": "FeatureCollection", "features": features}


def claims_geojson(rows: Iterable[Mapping[str, Any]], regions: Regions | None = None) -> str:
    """`claims_feature_collection` as JSON text (UTF-8 characters kept)."""
    return json.dumps(claims_feature_collection(rows, regions), ensure_ascii=False)
