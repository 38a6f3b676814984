"""Claims for download: CSV (through the project's one CSV writer) and GeoJSON with each
claim's region outline."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import shapely

from geo.control.regions import Regions
from geo.io.export import mentions_csv
from geo.store.claims import CLAIM_COLUMNS

__all__ = ["claims_csv", "claims_feature_collection", "claims_geojson"]


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
