"""Where a claim goes on the map: a code the control layer can shade, or a point.

* An admin-1 unit keeps its ISO 3166-2 code ("RU-KRS").
* Admin-1 units listed together ("the Daraa and Quneitra provinces") keep every unit's code,
  comma-joined in the order written ("SY-DR,SY-QU"). A share of both says nothing about
  either alone, so neither the first code alone nor a copy per unit would be true; the
  control layer shades single codes only, the GeoJSON export draws the units' outlines
  together, and `Store.claims(region=...)` finds the claim by any one of its codes.
* A country, or a compass part of one ("southern and eastern Ukraine"), gets the country's
  ISO 3166-1 alpha-2 code ("UA"): the claim is about a share of the whole.
* A town, village, front sector (its town: the first one named, "Pokrovsk" of "the Pokrovsk,
  Kurakhove and Vuhledar directions") or a region without a code ("Darfur", the Gaza Strip)
  gets a gazetteer point, with its GeoNames id where it has one.

The point is the article's own where it can be: the place the geoparser resolved for those
words from their context, else its resolution of the same name elsewhere in the article,
else the gazetteer's place of that name in a country the article names (the most-mentioned
country first, then the primary spelling, then population), else one that dwarfs every
namesake ("Goma" in a text naming no country), else, for a name the gazetteer lacks as
written, the one town of a named admin-1 unit spelled nearly alike ("Striliche" in the
Kharkiv region: Strilecha). Each must fit the admin-1 units or towns the article names
(`geo.claims.nearness.Nearness`). A wrong point is worse than none: a name shared by many
villages of a country ("Krasne") or one absent from the gazetteer (a village under 500
people) stays unplaced.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from geo.claims.nearness import Nearness, villages_named
from geo.claims.other_spellings import spelled_like
from geo.claims.places import Places
from geo.claims.region_names import Region
from geo.errors import GazetteerError
from geo.gazetteer.index import distance_km
from geo.gazetteer.names import fold
from geo.gazetteer.village_points import VILLAGE_COUNTRIES, village_point
from geo.models import Mention, Place

__all__ = ["names_settlement", "placement", "town_of_sector"]

# Features a point stands for; an admin-1 unit only when it has no ISO code to shade by.
_POINT_FEATURES = ("city", "admin2", "region", "admin1")
_SECTOR_END = re.compile(r"\s+(?:directions?|axis|axes|fronts?|sectors?)$", re.IGNORECASE)
# A town name shared by more places of one country than this is too common to look up
# without the geoparser: the village meant is likely one too small for the gazetteer.
_COMMON_NAME = 3
# Without the article's countries, a name is looked up only when one place of that name has
# this many times the people of any namesake over `_SAME_PLACE_KM` away.
_DOMINANT = 10
_SAME_PLACE_KM = 25.0
_SETTLEMENT = re.compile(r"^(?:the\s+)?(?:\w+\s+)?(?:city|town|village|settlement)\b",
                         re.IGNORECASE)
_ADMIN_WORD = re.compile(r"\s+(?:oblast|governorate|province|region|state|district|"
                         r"prefecture|raion|muhafazah)$", re.IGNORECASE)
_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def placement(region: Region | None, places: Places, *,
              of_settlement: bool = False) -> dict[str, Any]:
    """The `Claim` fields that place a claim about `region`: region (a code), region_name,
    place_id, lat and lon (see the module docstring). `of_settlement`: the claim's share is
    of a city or town ("most of the city"), so an admin-1 unit named like its capital
    (Aleppo Governorate) stands for that city, placed as a town."""
    out: dict[str, Any] = {"region": None, "region_name": None, "place_id": None,
                           "lat": None, "lon": None}
    if region is None:
        return out
    out["region_name"] = region.name or None
    city = _city_of(region, places) if region.code and of_settlement else None
    if city is not None:
        out.update(region_name=city.name, place_id=city.geonameid, lat=city.lat, lon=city.lon)
        return out
    if region.code:
        out["region"] = region.code
        return out
    if region.feature == "country":
        out["region"] = region.country
        return out
    place = _point(region, places)
    if place is None and region.feature != "sector" and not _SECTOR_END.search(region.name):
        place = spelled_like(region.name, places)
        if place is not None:  # named as the gazetteer spells it, as `city_name` does
            out["region_name"] = place.name
        else:  # a village the gazetteer lacks, where the article leaves one choice
            name = region.written or region.name  # "Plekhovo", not the gazetteer's "Plekhiv"
            near = Nearness(places, name, region.start)
            place = village_point(name, places.gaz, _countries(places),
                                  near.in_admin1 if near.shapes else None, near.towns,
                                  near.listed, near.beside)
            if place is not None:
                out["region_name"] = place.name
    if place is not None:
        out.update(place_id=place.geonameid, lat=place.lat, lon=place.lon)
    elif region.written and region.key is not None:
        # The gazetteer's namesake did not fit the article ("Veselivka" in Sumy region is not
        # the Russian "Veselovka"): the place keeps the name the text gives it.
        out["region_name"] = region.written
    return out


def names_settlement(denominator: str | None) -> bool:
    """Whether a share's denominator is a city, town or village ("the northern city").

    >>> names_settlement("the northern city"), names_settlement("the Kursk region")
    (True, False)
    """
    return bool(denominator) and bool(_SETTLEMENT.search(denominator or ""))


def _city_of(region: Region, places: Places) -> Place | None:
    # The city an admin-1 unit is named after ("Aleppo Governorate" → Aleppo), if the article
    # or the gazetteer has it in that unit.
    name = _ADMIN_WORD.sub("", region.name).strip()
    if not name or places.gaz is None:
        return None
    try:
        cands = places.gaz.candidates(name)
    except GazetteerError:
        return None
    towns = [c.place for c in cands if c.kind != "demonym" and c.place.feature == "city"
             and _placeable(c.place) and (region.country is None
                                          or c.place.country == region.country)]
    return max(towns, key=lambda p: p.population) if towns else None


def town_of_sector(name: str) -> str:
    """The town a front sector is named by: the first of a list.

    Examples
    --------
    >>> town_of_sector("Pokrovsk, Kurakhove, Vuhledar, and Velyka Novosilka directions")
    'Pokrovsk'
    >>> town_of_sector("Kupiansk direction")
    'Kupiansk'
    """
    bare = _SECTOR_END.sub("", name.strip())
    return _LIST_SPLIT.split(bare)[0].strip()


def _point(region: Region, places: Places) -> Place | None:
    # A sector carried over from an earlier claim has lost its feature, not its name.
    sector = region.feature == "sector" or bool(_SECTOR_END.search(region.name))
    name = town_of_sector(region.name) if sector else region.name
    if not name:
        return None
    near = Nearness(places, name, region.start)
    # A town is not its namesake unit ("the provincial capital of Kunduz province").
    unit = "admin1" if region.feature == "city" else None
    here = _mention_at(region, name, places)
    if here is not None and _placeable(here.place) and near(here.place) and \
            here.place.feature != unit:
        return here.place  # the geoparser's reading of these very words
    resolved = [m.place for m in [*places.body, *places.title] if m.place is not None
                and _placeable(m.place) and m.place.feature != unit and (
                    (m.place.key == region.key and not sector) or fold(m.surface) == fold(name))]
    resolved = [p for p in resolved if near(p)]
    if resolved:
        return resolved[0]  # the same place or name resolved elsewhere in the article
    return _best_in(name, _countries(places), places, near) or _respelled(region, name, places,
                                                                          near)


def _respelled(region: Region, name: str, places: Places, near: Nearness) -> Place | None:
    """The place a name the gazetteer lacks as written was looked up as (`Places.lookup`:
    "Qaim" is Al Qa'im in a text naming Iraq), where it fits the article."""
    if region.key is None or places.gaz is None:
        return None
    try:
        if places.gaz.candidates(name):
            return None  # the name itself is known: `_best_in` chose among its places
        place = places.gaz.place(region.key)
    except GazetteerError:
        return None
    return place if place is not None and _placeable(place) and near(place) else None


def _mention_at(region: Region, name: str, places: Places) -> Mention | None:
    """The resolved mention where the text names `region` (its first words), or None."""
    if region.start < 0:
        return None
    found = places.mentions_in(region.start, region.start + len(name) + 1)
    return found[0] if found and found[0].start == region.start else None


def _best_in(name: str, countries: Counter, places: Places,
             near: Callable[[Place], bool]) -> Place | None:
    """The gazetteer's place called `name`: in one of the article's countries (the most
    mentioned first), else one that dwarfs every namesake elsewhere ("Goma"); None for a name
    too common in its country (`_COMMON_NAME`) or shared by places of like size."""
    if places.gaz is None:
        return None
    try:
        cands = places.gaz.candidates(name)
    except GazetteerError:
        return None
    named = [c for c in cands if c.kind != "demonym" and _placeable(c.place)]
    kept = [c for c in named if near(c.place)]
    local = [c for c in kept if c.place.country in countries]
    if local:
        best = max(local, key=lambda c: (countries[c.place.country], c.kind == "name",
                                         c.place.feature == "city", c.place.population)).place
    else:
        # A place called so by its own name dwarfing the others of that name; else one that
        # dwarfs every place the name may stand for ("Homs" is also an old name of Libya's
        # Al Khums, a quarter its size: the name is Homs's own).
        best = _dominant([c.place for c in kept if c.kind == "name"], rivals=[
            c.place for c in kept if c.kind != "name"]) or _dominant([c.place for c in kept]) \
            or _only_one([c.place for c in named], kept, places.gaz, name)
    if best is None:
        return None
    towns = Counter(c.place.country for c in named if c.place.feature == "city")
    return None if towns[best.country] > _COMMON_NAME else best


def _only_one(found: list[Place], kept: list, gaz, name: str) -> Place | None:
    """The gazetteer's one town of the name (of 1,000 people or more, fitting the article) in
    a country whose villages are known, and no village so called elsewhere ("Sudzha")."""
    if not found or not kept or found[0].country not in VILLAGE_COUNTRIES or \
            found[0].population < 1_000:
        return None
    one = found[0]
    if all(distance_km(one.lat, one.lon, p.lat, p.lon) <= _SAME_PLACE_KM
           for p in [*found, *villages_named(gaz, name)]):
        return one
    return None


def _dominant(found: list[Place], rivals: list[Place] = ()) -> Place | None:
    """The most populous of `found` when it has `_DOMINANT` times as many people as any of
    them lying elsewhere (over `_SAME_PLACE_KM` away, in another admin-1 unit), and at least
    10,000, and more people than any of `rivals` lying elsewhere; a town rather than its
    namesake unit ("Kidal")."""
    if not found:
        return None
    best = max(found, key=lambda p: (p.population, p.feature == "city"))

    def elsewhere(p: Place) -> bool:
        return p.admin1 != best.admin1 and \
            distance_km(best.lat, best.lon, p.lat, p.lon) > _SAME_PLACE_KM

    if best.population < 10_000 or any(
            p.population * _DOMINANT > best.population for p in found if elsewhere(p)) or \
            any(p.population >= best.population for p in rivals if elsewhere(p)):
        return None
    towns = [p for p in found if p.feature == "city" and p.admin1 == best.admin1]
    return max(towns, key=lambda p: p.population) if towns else best


def _placeable(place: Place | None) -> bool:
    return place is not None and place.feature in _POINT_FEATURES and \
        place.lat is not None and place.lon is not None


def _countries(places: Places) -> Counter:
    """How often the article names each country (any place in it, title and places only
    compared with included)."""
    return Counter(m.place.country for m in places.context
                   if m.place is not None and m.place.country)
