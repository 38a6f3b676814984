"""Imported areas and the regions they cover, on both backends: shapely and pyproj on SQLite, the
database itself on PostGIS (its copy of the regions, geography areas); the same shares."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box, mapping

from geo.access import local_editor
from geo.control.areas import import_areas, region_shares

SALIENT = box(34.9, 51.05, 35.6, 51.4)  # Kursk Oblast, a little of Sumy
ACROSS = box(36.0, 50.0, 37.5, 51.2)  # Kharkiv, Belgorod and a corner of Kursk


def _geojson(path: Path) -> Path:
    features = [{"type": "Feature", "geometry": mapping(geom),
                 "properties": {"name": name, "actor": "Russian MoD", "status": "claimed",
                                "date": "2024-09-01"}}
                for name, geom in (("salient", SALIENT), ("across", ACROSS))]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                    encoding="utf-8")
    return path


def test_region_shares_are_the_same_on_both_backends(store, regions, tmp_path):
    imported = import_areas(_geojson(tmp_path / "areas.geojson"), store, regions,
        editor=local_editor())
    assert [a["new"] for a in imported] == [True, True]
    for area, geom in zip(store.areas(), (SALIENT, ACROSS), strict=True):
        expected = region_shares(geom, regions)  # shapely and pyproj, as SQLite has it
        assert {s["region"] for s in area["shares"]} == {s["region"] for s in expected}
        assert len(expected) >= 2
        got = {s["region"]: s for s in area["shares"]}
        for share in expected:
            # PostGIS's spheroid areas agree with pyproj's to well under 0.1 %.
            assert got[share["region"]]["share_pct"] == pytest.approx(share["share_pct"],
                                                                      rel=1e-3, abs=1e-3)
            assert got[share["region"]]["area_km2"] == pytest.approx(share["area_km2"],
                                                                     rel=1e-3, abs=1e-3)
    assert [a["name"] for a in store.areas("UA-63")] == ["across"]  # Kharkiv Oblast


def test_regions_are_loaded_into_postgis_once(store, regions, tmp_path):
    calls = []

    def shapes():
        calls.append(1)
        return regions.shapes()

    stamp = regions.meta()["built_at"]
    loaded = [store.load_regions(stamp, shapes) for _ in range(2)]
    if store.spatial:
        assert (loaded, len(calls)) == ([True, False], 1)
        overlaps = store.region_overlaps(shapely.to_wkb(SALIENT))
        assert {key for key, *_ in overlaps} >= {"RU-KRS", "UA-59"}
    else:
        assert (loaded, calls) == ([False, False], [])
    first = import_areas(_geojson(tmp_path / "areas.geojson"), store, regions,
        editor=local_editor())
    again = import_areas(_geojson(tmp_path / "areas.geojson"), store, regions,
        editor=local_editor())
    assert [a["new"] for a in first + again] == [True, True, False, False]
    assert len(calls) <= 1  # the imports found the regions loaded
