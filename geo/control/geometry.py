"""Geodesic geometry of regions and areas: areas on the WGS 84 ellipsoid, not on the plate
carrée a degree grid would give (a km² at 60° N covers half the degrees of one at the equator).
"""

from __future__ import annotations

import shapely
from pyproj import Geod
from shapely.geometry.polygon import orient

__all__ = ["geodesic_area_km2", "polygonal"]


_GEOD = Geod(ellps="WGS84")


def geodesic_area_km2(geom) -> float:
    """Area on the WGS 84 ellipsoid in km² of the polygonal part of `geom` (holes subtracted).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> round(geodesic_area_km2(box(0, 0, 1, 1)))
    12309
    """
    total = 0.0
    for poly in shapely.get_parts(polygonal(geom)):
        # Counter-clockwise exterior: pyproj then returns a positive area minus the holes.
        area, _ = _GEOD.geometry_area_perimeter(orient(poly, 1.0))
        total += abs(area)
    return total / 1e6


def polygonal(geom):
    """The polygons of a geometry (make_valid may add stray lines or points) as one geometry."""
    if geom is None or geom.is_empty:
        return shapely.MultiPolygon()
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    polys = [p for g in polys for p in shapely.get_parts(g)]
    return shapely.MultiPolygon(polys) if polys else shapely.MultiPolygon()
