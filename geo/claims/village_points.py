"""A point for a village the gazetteer proper lacks, from the villages with a post office.

Asked where the gazetteer's own places of the name did not fit the article (none, too many,
or far from the places it names: Crimea's Novenke for "Novenke, a village north of Sumy").

GeoNames cities500 leaves out the front line's villages of a few hundred people (Robotyne,
Klishchiivka). `Gazetteer.villages` has Ukraine's and Russia's villages with a post office
(`geo.build.villages`); a village without one is not there, and its namesake elsewhere may
be, so a point is given only where the article leaves one choice: the namesakes in a country
it names, inside an admin-1 unit it names, else within `VILLAGE_KM` of a town it names, else
(naming neither) anywhere in that country; and all of those one place (within `SAME_KM`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from geo.errors import GazetteerError
from geo.gazetteer.index import Gazetteer, distance_km
from geo.models import Place

__all__ = ["SAME_KM", "VILLAGE_KM", "village_point"]

# Villages named in a report lie near the towns it names: half a cities500 town's reach.
VILLAGE_KM = 100.0
# Points of one village (the dump has one per postal code, some a few km apart).
SAME_KM = 5.0


def village_point(name: str, gaz: Gazetteer | None, countries: Collection[str],
                  in_named_unit: Callable[[Place], bool] | None,
                  towns: Sequence[Place]) -> Place | None:
    """The one village called `name` the article allows (see the module docstring), or None.
    `in_named_unit` tells whether a point lies in an admin-1 unit the article names (None
    where it names none); `towns` are the towns it names.

    >>> class Gaz:
    ...     def villages(self, name): return (
    ...         Place("a", name, 47.4, 35.8, "city", "UA", "UA-23"),
    ...         Place("b", name, 50.1, 30.5, "city", "UA", "UA-32"))
    >>> zap = Place("z", "Zaporizhzhia", 47.8, 35.2, "city", "UA", "UA-23", population=710052)
    >>> village_point("Robotyne", Gaz(), {"UA"}, None, [zap]).key
    'a'
    >>> village_point("Robotyne", Gaz(), {"UA"}, None, []) is None  # two choices
    True
    """
    if gaz is None or not countries or not name.strip():
        return None
    try:
        found = [v for v in gaz.villages(name) if v.country in countries]
    except GazetteerError:
        return None
    if in_named_unit is not None:
        found = [v for v in found if in_named_unit(v)]
    elif towns:
        found = [v for v in found if any(
            distance_km(v.lat, v.lon, t.lat, t.lon) <= VILLAGE_KM for t in towns)]
    if found and all(distance_km(found[0].lat, found[0].lon, v.lat, v.lon) <= SAME_KM
                     for v in found):
        return found[0]
    return None
