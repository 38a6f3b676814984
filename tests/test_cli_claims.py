"""`conflict-map claims add`, `claims --format geojson`, `areas import` and `areas`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from click.testing import CliRunner
from pyproj import Transformer
from shapely.geometry import box, mapping

from geo.cli.main import main
from geo.store.database import Store

ADD = ["claims", "add", "--region", "RU-KRS", "--actor", "Russian forces", "--action",
       "regained", "--value", "86", "--unit", "percent", "--bound", "over", "--claimant",
       "Russian General Staff", "--date", "2025-03-12", "--quote",
       "Russian forces have regained over 86% of the land", "--source",
       "https://example.org/gs"]
# A box around Sudzha, inside Kursk Oblast and reaching into Sumy Oblast (UA-59).
SALIENT = box(34.9, 51.05, 35.6, 51.4)


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONFLICT_MAP_DB", raising=False)
    return CliRunner()



def _run(runner: CliRunner, db: Path, *args: str):
    return runner.invoke(main, [*args, "--db", str(db)])


def _geojson(path: Path, features: list[dict]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                    encoding="utf-8")
    return path


def _feature(geom, **props) -> dict:
    return {"type": "Feature", "geometry": mapping(geom), "properties": props}


def test_claims_add_stores_a_manual_claim_with_provenance(runner, db_path, regions):
    result = _run(runner, db_path, *ADD)
    assert result.exit_code == 0, result.output
    assert "stored manual claim: RU-KRS Kursk Oblast, regained > 86 %" in result.stderr
    listed = _run(runner, db_path, "claims", "--format", "json")
    (row,) = json.loads(listed.stdout)
    assert (row["origin"], row["url"], row["article_id"], row["region_name"]) == (
        "manual", "https://example.org/gs", None, "Kursk Oblast")
    assert (row["value"], row["unit"], row["bound"], row["published"]) == (
        86.0, "percent", "over", "2025-03-12")
    geo = json.loads(_run(runner, db_path, "claims", "--format", "geojson").stdout)
    assert geo["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_claims_add_takes_a_region_name(runner, db_path, regions):
    args = [a if a != "RU-KRS" else "Kharkiv Oblast" for a in ADD]
    assert _run(runner, db_path, *args).exit_code == 0
    with Store(db_path) as store:
        assert [r["region"] for r in store.claims()] == ["UA-63"]


@pytest.mark.parametrize(("change", "message"), [
    (("RU-KRS", "Atlantis"), "no admin-1 region"),
    (("2025-03-12", "12/03/2025"), "not an ISO date"),
    (("regained", "took"), "'took' is not one of"),
    (("86", "inf"), "not a quantity of ground"),
    (("86", "nan"), "not a quantity of ground"),
    (("86", "-40"), "not a quantity of ground"),
    (("86", "250"), "more than 100 percent"),
    (("https://example.org/gs", "javascript:alert(1)"), "must be an http(s) address"),
])
def test_claims_add_refuses_bad_input(runner, db_path, regions, change, message):
    args = [change[1] if a == change[0] else a for a in ADD]
    result = _run(runner, db_path, *args)
    assert result.exit_code == 2 and message in result.output
    if db_path.exists():
        with Store(db_path) as store:
            assert store.claims() == []


def test_claims_add_without_the_region_file_needs_a_code(runner, db_path, tmp_path,
                                                         monkeypatch):
    monkeypatch.setenv("CONFLICT_MAP_REGIONS", str(tmp_path / "none.sqlite"))
    assert _run(runner, db_path, *ADD).exit_code == 0
    by_name = [a if a != "RU-KRS" else "Kursk Oblast" for a in ADD]
    result = _run(runner, db_path, *by_name)
    assert result.exit_code == 2 and "not an ISO 3166-2 code" in result.output


def _equal_area_share(part, whole) -> float:
    """Share by planar areas in a Lambert azimuthal equal-area projection centred on Kursk."""
    laea = Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=51.5 +lon_0=36 +ellps=WGS84",
                                always_xy=True).transform
    def area(geom) -> float:
        return shapely.transform(geom, laea, interleaved=False).area

    return 100 * area(part.intersection(whole)) / area(whole)


def test_areas_import_measures_region_shares(runner, db_path, tmp_path, regions):
    file = _geojson(tmp_path / "salient.geojson", [
        _feature(SALIENT, actor="Ukrainian forces", status="Assessed control",
                 date="2024-08-20", name="Sudzha salient"),
        _feature(box(35.5, 51.5, 35.7, 51.6), status="claimed")])
    result = _run(runner, db_path, "areas", "import", str(file), "--actor", "Russian MoD",
                  "--date", "2024-09-01", "--source", "https://example.org/map")
    assert result.exit_code == 0, result.output
    assert f"{file}: imported 2 areas, 0 already stored" in result.stderr
    listed = json.loads(_run(runner, db_path, "areas", "--format", "json").stdout)
    first, second = listed
    assert (first["actor"], first["status"], first["date"], first["source"]) == (
        "Ukrainian forces", "assessed_control", "2024-08-20", "https://example.org/map")
    assert (second["actor"], second["status"], second["date"]) == (
        "Russian MoD", "claimed", "2024-09-01")
    shares = {s["region"]: s for s in first["shares"]}
    assert set(shares) == {"RU-KRS", "UA-59"}
    expected = _equal_area_share(SALIENT, regions.geometry("RU-KRS"))
    assert shares["RU-KRS"]["share_pct"] == pytest.approx(expected, rel=0.01)
    total = sum(s["area_km2"] for s in first["shares"])
    assert total == pytest.approx(first["area_km2"], rel=0.01)  # the box is all on land
    table = _run(runner, db_path, "areas", "--region", "UA-59")
    assert "Sudzha salient" in table.stdout and "RU-KRS" in table.stdout
    assert "Russian MoD" not in table.stdout  # the small box is in Kursk Oblast only


def test_areas_import_twice_stores_each_area_once(runner, db_path, tmp_path, regions):
    file = _geojson(tmp_path / "salient.geojson", [
        _feature(SALIENT, actor="Ukrainian forces", status="claimed", date="2024-08-20")])
    for _ in range(2):
        result = _run(runner, db_path, "areas", "import", str(file))
        assert result.exit_code == 0, result.output
    assert f"{file}: imported 0 areas, 1 already stored" in result.stderr
    assert len(json.loads(_run(runner, db_path, "areas", "--format", "json").stdout)) == 1
    later = _geojson(tmp_path / "later.geojson", [  # the same shape, assessed on another day
        _feature(SALIENT, actor="Ukrainian forces", status="claimed", date="2024-09-20")])
    assert _run(runner, db_path, "areas", "import", str(later)).exit_code == 0
    assert len(json.loads(_run(runner, db_path, "areas", "--format", "json").stdout)) == 2


def test_areas_import_reads_kml(runner, db_path, tmp_path, regions):
    ring = " ".join(f"{lon},{lat},0" for lon, lat in SALIENT.exterior.coords)
    kml = tmp_path / "salient.kml"
    kml.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'
        "<Document><Placemark><name>Sudzha salient</name><Polygon><outerBoundaryIs>"
        f"<LinearRing><coordinates>{ring}</coordinates></LinearRing></outerBoundaryIs>"
        "</Polygon></Placemark></Document></kml>", encoding="utf-8")
    result = _run(runner, db_path, "areas", "import", str(kml), "--actor", "Ukrainian forces",
                  "--status", "assessed_advance", "--date", "2024-08-15")
    assert result.exit_code == 0, result.output
    with Store(db_path) as store:
        (area,) = store.areas()
    assert (area["name"], area["status"]) == ("Sudzha salient", "assessed_advance")
    assert {s["region"] for s in area["shares"]} == {"RU-KRS", "UA-59"}


@pytest.mark.parametrize(("features", "problem"), [
    ([_feature(SALIENT, actor="A", status="claimed", date="2024-08-20"),
      _feature(SALIENT, actor="A", date="2024-08-20")], "feature 2: no status"),
    ([_feature(SALIENT, actor="A", status="rumoured", date="2024-08-20")],
     "feature 1: status 'rumoured' is not one of"),
    ([_feature(SALIENT, actor="A", status="claimed", date="last week")],
     "feature 1: date 'last week' is not an ISO date"),
    ([_feature(shapely.Point(35.2, 51.2), actor="A", status="claimed", date="2024-08-20")],
     "feature 1: a Point, not a polygon"),
    ([_feature(box(350, 51, 351, 52), actor="A", status="claimed", date="2024-08-20")],
     "feature 1: coordinates are not WGS 84"),
    ([], "no features"),
])
def test_a_bad_area_file_is_named_and_nothing_is_stored(runner, db_path, tmp_path, regions,
                                                         features, problem):
    file = _geojson(tmp_path / "bad.geojson", features)
    result = _run(runner, db_path, "areas", "import", str(file))
    assert result.exit_code == 1
    assert f"{file}: " in result.output and problem in result.output
    assert "Traceback" not in result.output
    with Store(db_path) as store:
        assert store.areas() == []


def test_an_unreadable_area_file(runner, db_path, tmp_path, regions):
    file = tmp_path / "broken.geojson"
    file.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    result = _run(runner, db_path, "areas", "import", str(file))
    assert result.exit_code == 1 and f"{file}: cannot read as GeoJSON or KML" in result.output
    missing = _run(runner, db_path, "areas", "import", str(tmp_path / "nope.geojson"))
    assert missing.exit_code == 1 and "nope.geojson: no such file" in missing.output


def test_claims_carry_their_side_and_merge_restatements(runner, tmp_path):
    db = tmp_path / "db.sqlite"
    for claimant, day in (("Russian General Staff", "2025-03-12"),
                          ("the Russian defence ministry", "2025-03-13")):
        args = [a for a in ADD]
        args[args.index("Russian General Staff")] = claimant
        args[args.index("2025-03-12")] = day
        assert _run(runner, db, *args).exit_code == 0
    rows = json.loads(_run(runner, db, "claims", "--format", "json").output)
    assert len(rows) == 2
    assert {(r["actor"], r["side"], r["claimant_side"]) for r in rows} == {
        ("Russian forces", "Russia", "Russia")}
    assert {"as_of", "denominator_kind", "place_id", "lat", "lon"} <= set(rows[0])
    (merged,) = json.loads(_run(runner, db, "claims", "--merge", "--format", "json").output)
    assert [s["claimant"] for s in merged["sources"]] == ["Russian General Staff",
                                                          "the Russian defence ministry"]
