"""Import controlled or claimed areas (GeoJSON, KML) and measure the share of each admin-1
region they cover.

Why geodesic areas: a share computed in degrees overweights the north (Kursk is at 52°N); the
intersection and the region are both measured on the WGS 84 ellipsoid (`pyproj.Geod`), which
is what an equal-area projection would give, without choosing one per region.
A file is read and checked whole before anything is stored, and stored in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pyogrio
import shapely
from shapely.geometry.base import BaseGeometry

from geo.control.geometry import geodesic_area_km2, polygonal
from geo.control.regions import Regions
from geo.errors import AreaImportError
from geo.models import Editor
from geo.store.database import Store
from geo.store.rows import editor_of

__all__ = ["STATUSES", "AreaImportError", "import_areas", "normalise_status", "read_areas",
           "region_shares", "shares_of"]

STATUSES = ("assessed_control", "assessed_advance", "claimed")
_STATUS_WORDS = {"assessed_control": "assessed_control", "control": "assessed_control",
                 "controlled": "assessed_control", "assessed_advance": "assessed_advance",
                 "advance": "assessed_advance", "advanced": "assessed_advance",
                 "claimed": "claimed", "claim": "claimed", "claimed_control": "claimed"}
# Feature property names read for each field, first found wins (compared case-insensitively).
_KEYS = {"date": ("date", "as_of", "published"), "actor": ("actor",),
         "status": ("status",), "source": ("source", "url"), "name": ("name", "title")}
# Intersections smaller than this (km²) are slivers where boundaries do not quite meet.
MIN_SHARE_KM2 = 0.01


def normalise_status(text: str) -> str | None:
    """The status vocabulary word for a written status, or None.

    Examples
    --------
    >>> normalise_status("Assessed control"), normalise_status("claimed"), normalise_status("x")
    ('assessed_control', 'claimed', None)
    """
    return _STATUS_WORDS.get(re.sub(r"[\s\-]+", "_", text.strip().lower()))


def read_areas(path: str | Path, *, defaults: Mapping[str, str | None] | None = None
               ) -> list[dict[str, Any]]:
    """The polygon features of a GeoJSON or KML file as area dicts, checked.

    Each dict has `name, actor, status, date, source, file` and `geometry` (valid, WGS 84
    lon/lat). A field comes from the feature's properties, else from `defaults` (the CLI's
    options). Raises `AreaImportError` naming the file and feature for the first problem.
    """
    path = Path(path)
    defaults = dict(defaults or {})
    if not path.is_file():
        raise AreaImportError(f"{path}: no such file")
    if defaults.get("status"):
        status = normalise_status(defaults["status"])
        if status is None:
            raise AreaImportError(f"{path}: status {defaults['status']!r} is not one of "
                                  f"{', '.join(STATUSES)}")
        defaults["status"] = status
    frames = _read_layers(path)
    out = []
    number = 0
    for frame in frames:
        columns = {c.lower(): c for c in frame.columns if c != "geometry"}
        for record in frame.to_dict("records"):
            number += 1
            where = f"{path}: feature {number}"
            props = {field: _first(record, columns, names) for field, names in _KEYS.items()}
            area = {field: props[field] or defaults.get(field) for field in _KEYS}
            area["file"] = str(path)
            area["geometry"] = _geometry(record.get("geometry"), where)
            _check(area, where)
            out.append(area)
    if not out:
        raise AreaImportError(f"{path}: no features")
    return out


def region_shares(geom: BaseGeometry, regions: Regions) -> list[dict[str, Any]]:
    """The share of each region that `geom` covers: {region, region_name, share_pct (0–100),
    area_km2 (of the intersection)}, largest share first."""
    overlaps = [(region.key, region.name, region.area_km2,
                 geodesic_area_km2(shapely.intersection(shape, geom)))
                for region, shape in regions.candidates(geom) if shape.intersects(geom)]
    return shares_of(overlaps)


def shares_of(overlaps: list[tuple[str, str, float, float]]) -> list[dict[str, Any]]:
    """`region_shares` from (region key, name, region km², overlap km²), however measured."""
    out = []
    for key, name, region_km2, km2 in overlaps:
        if km2 < MIN_SHARE_KM2:
            continue
        share = min(100.0, 100.0 * km2 / region_km2)
        out.append({"region": key, "region_name": name,
                    "share_pct": round(share, 3), "area_km2": round(km2, 3)})
    return sorted(out, key=lambda s: -s["share_pct"])


def import_areas(path: str | Path, store: Store, regions: Regions, *,
                 defaults: Mapping[str, str | None] | None = None,
                 editor: Editor) -> list[dict[str, Any]]:
    """Read, measure and store every area of a file in one transaction; the file's areas,
    each with its `id` and `new` (False: the same area was stored before).

    Nothing is stored if any feature has a problem (`AreaImportError`); `editor` is who
    imports (None raises `NotAnEditor` before the file is read).
    """
    editor = editor_of(editor, "import areas")
    areas = read_areas(path, defaults=defaults)
    # PostGIS intersects the areas with its copy of the regions; SQLite leaves it to shapely.
    if store.spatial:
        store.load_regions(regions.meta().get("built_at", ""), regions.shapes)
    rows = []
    for area in areas:
        geom = area.pop("geometry")
        wkb = shapely.to_wkb(geom)
        shares = shares_of(store.region_overlaps(wkb)) if store.spatial \
            else region_shares(geom, regions)
        rows.append({**area, "area_km2": round(geodesic_area_km2(geom), 3), "wkb": wkb,
                     "shares": shares})
    ids = store.add_areas(rows, editor=editor)
    return [{"id": i, "new": new, **{k: v for k, v in row.items() if k != "wkb"}}
            for (i, new), row in zip(ids, rows, strict=True)]


def _read_layers(path: Path) -> list:
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
        frames = [pyogrio.read_dataframe(path, layer=layer) for layer in layers]
    except Exception as err:  # pyogrio raises its own and GDAL's errors for bad files
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise AreaImportError(f"{path}: cannot read as GeoJSON or KML ({detail})") from err
    for frame in frames:
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            frame.to_crs(4326, inplace=True)
    return frames


def _first(record: Mapping[str, Any], columns: Mapping[str, str],
           names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(columns.get(name, ""))
        if value is not None and value == value and str(value).strip():  # NaN != NaN
            return str(value).strip()
    return None


def _geometry(geom: BaseGeometry | None, where: str) -> BaseGeometry:
    if geom is None or geom.is_empty:
        raise AreaImportError(f"{where}: no geometry")
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise AreaImportError(f"{where}: a {geom.geom_type}, not a polygon")
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise AreaImportError(f"{where}: coordinates are not WGS 84 longitude/latitude")
    geom = polygonal(shapely.make_valid(shapely.force_2d(geom)))
    if geom.is_empty:
        raise AreaImportError(f"{where}: the polygon has no area")
    return geom


def _check(area: dict[str, Any], where: str) -> None:
    for field in ("actor", "status", "date"):
        if not area.get(field):
            raise AreaImportError(f"{where}: no {field} (set the property or --{field})")
    status = normalise_status(area["status"])
    if status is None:
        raise AreaImportError(f"{where}: status {area['status']!r} is not one of "
                              f"{', '.join(STATUSES)}")
    area["status"] = status
    try:
        area["date"] = date.fromisoformat(str(area["date"])[:10]).isoformat()
    except ValueError as err:
        raise AreaImportError(f"{where}: date {area['date']!r} is not an ISO date "
                              "(YYYY-MM-DD)") from err
