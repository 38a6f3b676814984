"""Admin-1 regions: look one up by ISO 3166-2 code or name, find the one holding a point, and
give their simplified outlines as GeoJSON for the map.

The file is built once at set-up by `geo.build.regions` (`make regions`); here it is only read,
with indexed queries (a bounding-box prefilter before any geometry is decoded), so opening it
costs nothing and a point lookup decodes a handful of polygons.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geo.errors import RegionError
from geo.gazetteer.index import distance_km
from geo.gazetteer.names import fold, strip_qualifier
from geo.paths import data_file

__all__ = ["Region", "RegionError", "Regions", "admin1_codes", "country_code", "default_path"]

# A point farther than this from every polygon (km) is in no region: open sea, another map.
NEAREST_MAX_KM = 25.0
_ADMIN1_CODE = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
_COLUMNS = ("key, iso, gn_code, name, names, country, country_name, area_km2, lat, lon, "
            "min_lon, min_lat, max_lon, max_lat")


def default_path() -> Path:
    """`CONFLICT_MAP_REGIONS`, else `data/regions.sqlite` in the project."""
    return data_file("CONFLICT_MAP_REGIONS", "regions.sqlite")


@dataclass(frozen=True, slots=True)
class Region:
    """An admin-1 unit as built from Natural Earth.

    `key` is the ISO 3166-2 code ("RU-KRS") when the unit has one, else "ne:<adm1_code>".
    `area_km2` is geodesic (WGS 84) on the full polygon; `lat`/`lon` a point inside it.
    `names` holds the English, local and alternate names, `country` is ISO 3166-1 alpha-2.
    """

    key: str
    iso: str | None
    name: str
    names: tuple[str, ...]
    country: str | None
    country_name: str | None
    area_km2: float
    lat: float
    lon: float
    gn_code: str | None = None


class Regions:
    """Read-only access to the built region file; safe to share between threads.

    Examples
    --------
    >>> regions = Regions()
    >>> regions.get("RU-KRS").name, round(regions.get("Kursk Oblast").area_km2)
    ('Kursk Oblast', 30127)
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        if not self.path.exists():
            raise RegionError(f"{self.path}: region file not built yet; run `make regions`")
        self._local = threading.local()
        # Point lookups and map outlines, memoised: the file is read-only once built.
        self._containing: dict[tuple[float, float, float], Region | None] = {}
        self._outlines: dict[str, dict[str, Any]] = {}
        self._query("SELECT value FROM meta WHERE key = 'schema_version'")

    def get(self, code_or_name: str) -> Region | None:
        """The region with this ISO 3166-2 code or name ("UA-65", "Kherson Oblast", "Kherson").

        A name shared by several units returns the largest; None when nothing matches.
        """
        text = code_or_name.strip()
        rows = self._query(f"SELECT {_COLUMNS} FROM regions WHERE iso = ?", (text.upper(),))
        if not rows:
            norm = fold(text)
            for form in dict.fromkeys([norm, strip_qualifier(norm)]):
                rows = self._query(
                    f"SELECT {_COLUMNS} FROM regions WHERE key IN "
                    "(SELECT key FROM names WHERE norm = ?) ORDER BY area_km2 DESC", (form,))
                if rows:
                    break
        return _region(rows[0]) if rows else None

    def all(self) -> list[Region]:
        """Every region, by key (names, points and areas: what a base map labels)."""
        return [_region(r) for r in self._query(f"SELECT {_COLUMNS} FROM regions ORDER BY key")]

    def in_country(self, country: str) -> list[Region]:
        """Every region of a country (ISO 3166-1 alpha-2), by key."""
        rows = self._query(f"SELECT {_COLUMNS} FROM regions WHERE country = ? ORDER BY key",
                           (country.upper(),))
        return [_region(r) for r in rows]

    def geometry(self, key: str, *, simplified: bool = False) -> BaseGeometry | None:
        """The full polygon of a region (or the map copy), as a shapely geometry."""
        column = "map_wkb" if simplified else "wkb"
        rows = self._query(f"SELECT {column} FROM regions WHERE key = ?", (key,))
        return shapely.from_wkb(rows[0][0]) if rows else None

    def containing(self, lat: float, lon: float, *,
                   max_km: float = NEAREST_MAX_KM) -> Region | None:
        """The region holding the point, else the nearest within `max_km` (coastlines are
        coarse: Kherson's centre lies just off its polygon), else None."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"point ({lat}, {lon}) is not a WGS 84 latitude/longitude")
        memo = (lat, lon, max_km)
        if memo in self._containing:
            return self._containing[memo]
        found = self._find(lat, lon, max_km)
        if len(self._containing) > 100_000:  # shared by sessions: never read back after this
            self._containing.clear()
        self._containing[memo] = found
        return found

    def _find(self, lat: float, lon: float, max_km: float) -> Region | None:
        point = shapely.Point(lon, lat)
        pad_lat = max_km / 111.0
        pad_lon = pad_lat / max(math.cos(math.radians(lat)), 0.01)
        rows = self._query(
            f"SELECT {_COLUMNS}, wkb FROM regions WHERE min_lon <= ? AND max_lon >= ? AND "
            "min_lat <= ? AND max_lat >= ?",
            (lon + pad_lon, lon - pad_lon, lat + pad_lat, lat - pad_lat))
        best: tuple[float, tuple] | None = None
        for row in rows:
            geom = shapely.from_wkb(row[-1])
            if geom.covers(point):
                return _region(row[:-1])
            nearest = nearest_points(geom, point)[0]
            km = distance_km(lat, lon, nearest.y, nearest.x)
            if km <= max_km and (best is None or km < best[0]):
                best = (km, row[:-1])
        return _region(best[1]) if best else None

    def feature_collection(self, keys: Iterable[str], *,
                           properties: dict[str, dict[str, Any]] | None = None) -> dict:
        """A GeoJSON FeatureCollection (RFC 7946, lon/lat) of the simplified outlines.

        Parameters
        ----------
        keys
            Region keys or ISO 3166-2 codes; unknown ones are left out.
        properties
            Extra properties per key, merged over the region's own (`key`, `iso`, `name`,
            `country`, `area_km2`).
        """
        wanted = list(dict.fromkeys(keys))
        extra = properties or {}
        missing = [key for key in wanted if key not in self._outlines]
        for chunk in range(0, len(missing), 500):
            part = missing[chunk:chunk + 500]
            marks = ",".join("?" * len(part))
            rows = self._query(f"SELECT {_COLUMNS}, map_wkb FROM regions WHERE key IN ({marks})",
                               tuple(part))
            for row in rows:
                region = _region(row[:-1])
                # Shared between calls: read-only, like the file.
                self._outlines[row[0]] = {
                    "key": region.key, "iso": region.iso, "name": region.name,
                    "country": region.country, "area_km2": region.area_km2,
                    "geometry": json.loads(shapely.to_geojson(shapely.from_wkb(row[-1])))}
        features = []
        for key in wanted:
            outline = self._outlines.get(key)
            if outline is None:
                continue
            props = {k: v for k, v in outline.items() if k != "geometry"}
            features.append({"type": "Feature", "id": outline["key"],
                             "geometry": outline["geometry"],
                             "properties": {**props, **extra.get(key, {})}})
        return {"type": "FeatureCollection", "features": features}

    def candidates(self, geom: BaseGeometry) -> list[tuple[Region, BaseGeometry]]:
        """Regions whose bounding box meets `geom`, with their full polygons."""
        min_lon, min_lat, max_lon, max_lat = geom.bounds
        rows = self._query(
            f"SELECT {_COLUMNS}, wkb FROM regions WHERE min_lon <= ? AND max_lon >= ? AND "
            "min_lat <= ? AND max_lat >= ?", (max_lon, min_lon, max_lat, min_lat))
        return [(_region(row[:-1]), shapely.from_wkb(row[-1])) for row in rows]

    def shapes(self) -> list[tuple[str, str, float, bytes]]:
        """(key, name, area_km2, WKB of the full polygon) of every region, by key: what a
        PostGIS store loads to intersect areas with regions itself."""
        return self._query("SELECT key, name, area_km2, wkb FROM regions ORDER BY key")

    def meta(self) -> dict[str, str]:
        """Build metadata: schema version, build time, simplification tolerance, sources."""
        return dict(self._query("SELECT key, value FROM meta"))

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        con = getattr(self._local, "con", None)
        try:
            if con is None:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                con = self._local.con = sqlite3.connect(uri, uri=True)
            return con.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise RegionError(f"{self.path}: cannot read the region file ({err}); "
                              "rebuild it with `make regions`") from err


def _region(row: tuple) -> Region:
    (key, iso, gn_code, name, names, country, country_name, area, lat, lon) = row[:10]
    return Region(key=key, iso=iso, name=name, names=tuple(n for n in names.split("|") if n),
                  country=country, country_name=country_name, area_km2=area, lat=lat, lon=lon,
                  gn_code=gn_code)


def admin1_codes(region: str | None) -> tuple[str, ...]:
    """The ISO 3166-2 codes a claim's `region` holds: one, several listed together
    ("SY-DR,SY-QU"), or none for a country's ISO 3166-1 code ("UA") or no region.

    Examples
    --------
    >>> admin1_codes("sy-dr,SY-QU"), admin1_codes("UA"), admin1_codes(None)
    (('SY-DR', 'SY-QU'), (), ())
    """
    codes = tuple(c.strip().upper() for c in (region or "").split(","))
    return codes if all(_ADMIN1_CODE.fullmatch(c) for c in codes) else ()


def country_code(region: str | None) -> str | None:
    """A claim's `region` when it is a country's ISO 3166-1 code ("UA"), else None.

    >>> country_code("UA"), country_code("UA-14"), country_code(None)
    ('UA', None, None)
    """
    return region if region and len(region) == 2 and region.isalpha() and region.isupper() \
        else None
