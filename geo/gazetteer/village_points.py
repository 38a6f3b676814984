"""A point for a village the gazetteer proper lacks, from the villages with a post office.

Asked by claim placing where the gazetteer's own places of the name did not fit the article
(none, too many, or far from the places it names: Crimea's Novenke for "Novenke, a village
north of Sumy"), and by the geoparser's last step (`geo.geoparse.villages`).

GeoNames cities500 leaves out the front line's villages of a few hundred people (Robotyne,
Klishchiivka). `Gazetteer.villages` has Ukraine's and Russia's villages with a post office
(`geo.build.villages`); a village without one is not there, and its namesake elsewhere may
be, so a point is given only where the article leaves one choice: the namesakes in a country
it names, inside an admin-1 unit it names, else within `VILLAGE_KM` of a town it names, else
(naming neither) anywhere in that country; and all of those one place (within `SAME_KM`).
Where several namesakes remain, the names listed with it settle it: villages listed together
lie together ("seized Striliche, Krasne, Pylna and Borysivka": of the Kharkiv region's four
Krasnes, the one beside Borysivka), when one namesake lies within `LISTED_KM` of a listed
place with one choice and every other lies more than twice as far.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from geo.errors import GazetteerError
from geo.gazetteer.index import Gazetteer, distance_km
from geo.models import Place

__all__ = ["ADMIN1_KM", "LISTED_KM", "LIST_REACH", "SAME_KM", "VILLAGE_COUNTRIES",
           "VILLAGE_KM", "village_point"]

# Within this many km of an admin-1 unit's outline a point counts as inside it.
ADMIN1_KM = 10.0
# The countries whose villages `Gazetteer.villages` holds (`geo.build.villages`).
VILLAGE_COUNTRIES = frozenset({"UA", "RU", "MM"})

# Villages named in a report lie near the towns it names: half a cities500 town's reach.
VILLAGE_KM = 100.0
# Points of one village (the dump has one per postal code, some a few km apart).
SAME_KM = 5.0
# How near a village must lie to a place listed with it to be the one meant.
LISTED_KM = 30.0
# How many names on either side of a village in a list count as listed with it.
LIST_REACH = 3


def village_point(name: str, gaz: Gazetteer | None, countries: Collection[str],
                  in_named_unit: Callable[[Place], bool] | None,
                  towns: Sequence[Place], listed: Sequence[str] = (),
                  beside: Sequence[Place] = ()) -> Place | None:
    """The one village called `name` the article allows (see the module docstring), or None.
    `in_named_unit` tells whether a point lies in an admin-1 unit the article names (None
    where it names none); `towns` are the towns it names; `listed` the other names of a list
    holding this one, and `beside` the places the geoparser found for them.

    >>> class Gaz:
    ...     def villages(self, name): return {
    ...         "Robotyne": (Place("a", name, 47.4, 35.8, "city", "UA", "UA-23"),
    ...                      Place("b", name, 50.1, 30.5, "city", "UA", "UA-32")),
    ...         "Tokmak": (Place("t", name, 47.25, 35.7, "city", "UA", "UA-23"),)}.get(name, ())
    >>> zap = Place("z", "Zaporizhzhia", 47.8, 35.2, "city", "UA", "UA-23", population=710052)
    >>> village_point("Robotyne", Gaz(), {"UA"}, None, [zap]).key
    'a'
    >>> village_point("Robotyne", Gaz(), {"UA"}, None, []) is None  # two choices
    True
    >>> village_point("Robotyne", Gaz(), {"UA"}, None, [], listed=["Tokmak"]).key
    'a'
    """
    if gaz is None or not countries or not name.strip():
        return None
    found = _allowed(name, gaz, countries, in_named_unit, towns)
    if not found or _one_place(found) or not (listed or beside):
        return found[0] if found and _one_place(found) else None
    anchors = [*beside]
    for other in listed:
        theirs = _allowed(other, gaz, countries, in_named_unit, towns)
        if theirs and _one_place(theirs):
            anchors.append(theirs[0])
    return _nearest(found, anchors)


def _allowed(name: str, gaz: Gazetteer, countries: Collection[str],
             in_named_unit: Callable[[Place], bool] | None,
             towns: Sequence[Place]) -> list[Place]:
    """The villages called `name` in the article's countries and named units or near its towns."""
    try:
        found = [v for v in gaz.villages(name) if v.country in countries]
    except GazetteerError:
        return []
    if in_named_unit is not None:
        return [v for v in found if in_named_unit(v)]
    if towns:
        return [v for v in found if any(
            distance_km(v.lat, v.lon, t.lat, t.lon) <= VILLAGE_KM for t in towns)]
    return found


def _one_place(found: Sequence[Place]) -> bool:
    return all(distance_km(found[0].lat, found[0].lon, v.lat, v.lon) <= SAME_KM for v in found)


def _nearest(found: Sequence[Place], anchors: Sequence[Place]) -> Place | None:
    """The village of `found` within `LISTED_KM` of an anchor, every namesake not the same
    place lying more than twice as far from them all; None if there is no such one."""
    if not anchors:
        return None

    def reach(v: Place) -> float:
        return min(distance_km(v.lat, v.lon, a.lat, a.lon) for a in anchors)

    best = min(found, key=reach)
    near = reach(best)
    if near > LISTED_KM:
        return None
    rivals = [v for v in found
              if distance_km(best.lat, best.lon, v.lat, v.lon) > SAME_KM]
    return best if all(reach(v) > max(2 * near, LISTED_KM) for v in rivals) else None
