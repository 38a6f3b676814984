"""Whether a town's point fits the article (`Nearness`): the check `geo.claims.placing`
makes of every point it would give a claim, so that a namesake far from what the article is
about is not drawn ("Pokrovsk" next to Kurakhove is not Yakutia's)."""

from __future__ import annotations

import re

import shapely

from geo.claims.lexicon import LOCATIVE_PREPS
from geo.claims.listed import listed_names, listed_span
from geo.claims.places import Places
from geo.errors import GazetteerError
from geo.gazetteer.index import distance_km
from geo.gazetteer.names import fold
from geo.gazetteer.village_points import ADMIN1_KM
from geo.geoparse.doc_text import text_of
from geo.models import Place

__all__ = ["Nearness", "villages_named"]

# A region's name for the forces of its people ("from Ethiopian and Amhara forces") names no
# place the article is about.
_FORCES = re.compile(r"\s+(?:forces|troops|militias?|fighters|soldiers|army)\b")


class Nearness:
    """Whether a town's point fits the article: inside (within `ADMIN1_KM` of) an admin-1
    unit the article names, or within `TOWN_KM` of another town it names that fits them
    (any town where it names no admin-1 unit). The geoparser put "Pokrovsk" next to
    "Kurakhove" in Yakutia, and "Pylna" of the Kharkiv border east of Moscow. Regions and
    uncoded admin-1 units, which have few namesakes, and towns of an article naming no other
    place, always fit. Where the article names no admin-1 unit, a town far from the others
    fits when no namesake of it lies near them: a roundup of two fronts ("Sudzha" in one
    sentence, "Piatykhatky" in the next) is not a choice between namesakes; where it names
    admin-1 units, so does a city of `CITY_PEOPLE` or more outside them. Datelines are where
    the report was filed, not what it is about."""

    TOWN_KM = 200.0
    CITY_PEOPLE = 100_000
    VILLAGE_PEOPLE = 10_000
    LIST_KM = 500.0

    def __init__(self, places: Places, name: str, start: int = -1) -> None:
        own = fold(name)  # what a long article names is read once (`Places.memo`)
        literal = [p for surface, p in _literal(places) if surface != own]
        units = tuple(dict.fromkeys(p.key for p in literal if p.feature == "admin1"))
        self.shapes = [s for s in (_shape(places.gaz, k) for k in units) if s is not None]
        self.unit_countries = {p.country for p in literal if p.feature == "admin1"}
        inside = places.memo.setdefault(("inside", units), {})
        for town in (p for p in literal if p.feature == "city" and p.key not in inside):
            inside[town.key] = not self.shapes or self.in_admin1(town)
        self.towns = [p for p in literal if p.feature == "city" and inside[p.key]]
        self._places, self._name = places, name
        self._rival: bool | None = None
        # Towns listed with the claim's place ("villages in Sumy – A, B and C"; not "control
        # of Kupiansk, rejecting claims by Moscow").
        bounds = _sentence_chars(places.doc, start)
        listed = listed_span(text_of(places.doc), start, start + len(name), bounds) \
            if bounds and places.doc is not None else None
        keys = {t.key for t in self.towns}
        self.beside = [m.place for m in (places.starting_in(*listed) if listed else ())
                       if m.place is not None and m.place.key in keys and fold(m.surface) != own]
        self.listed = [n for n in listed_names(text_of(places.doc), listed, start)
                       if fold(n) != own] if listed else []

    def __call__(self, place: Place) -> bool:
        if place.feature not in ("city", "admin2"):
            return True
        if self.in_admin1(place):
            return True
        others = [t for t in self.towns if t.key != place.key]
        if others and self._near_any(place, others):
            return True
        if self._apart_from_beside(place):
            return False
        # A roundup: a town far from the others (or, where admin-1 units are named, a city of
        # its own weight outside them: Hodeidah beside "the province of Marib") fits when no
        # namesake of it lies near them; any town fits an article naming nothing else.
        return ((not self.shapes or place.population >= self.CITY_PEOPLE) and
                not (others and self._namesake_near())) or self._only_one(place)

    def _only_one(self, place: Place) -> bool:
        """A town of a country whose units the article names, the only place the gazetteer
        (villages too) calls so: no namesake to mistake it for ("Tarhouna" beside Jufra)."""
        if place.country not in self.unit_countries or self._places.gaz is None or \
                villages_named(self._places.gaz, self._name):
            return False
        try:
            cands = self._places.gaz.candidates(self._name)
        except GazetteerError:
            return False
        # The town's own district, named for it, is no namesake ("Puli Khumri" district).
        return all(c.place.key == place.key or (c.place.feature == "admin2" and
                                                c.place.admin1 == place.admin1)
                   for c in cands if c.kind != "demonym" and c.place.feature in ("city", "admin2"))

    def _apart_from_beside(self, place: Place) -> bool:
        """A namesake that a list in one sentence would not hold: across a border from the
        towns named beside it (but a city of `CITY_PEOPLE`), or a small town (under
        `VILLAGE_PEOPLE`, whose namesakes the gazetteer mostly lacks) `LIST_KM` from them all.
        "Four villages in Sumy – Korop, Veselivka ...": not Crimea's Veselivka."""
        beside = [t for t in self.beside if t.key != place.key]
        if not beside or place.population >= self.CITY_PEOPLE:
            return False
        if all(t.country != place.country for t in beside):
            return True
        return place.population < self.VILLAGE_PEOPLE and all(
            distance_km(place.lat, place.lon, t.lat, t.lon) > self.LIST_KM for t in beside)

    def _near_any(self, place: Place, towns: list[Place]) -> bool:
        return any(t.key != place.key and
                   distance_km(place.lat, place.lon, t.lat, t.lon) <= self.TOWN_KM
                   for t in towns)

    def _namesake_near(self) -> bool:
        """Whether some place called the town's name lies near another town the article
        names: then a far one is the wrong namesake, not a second front."""
        if self._rival is None:
            gaz = self._places.gaz
            try:
                cands = gaz.candidates(self._name) if gaz is not None else ()
            except GazetteerError:
                cands = ()
            self._rival = any(c.kind != "demonym" and c.place.feature in ("city", "admin2")
                              and c.place.lat is not None
                              and self._near_any(c.place, self.towns) for c in cands) or \
                any(self._near_any(v, self.towns) for v in villages_named(gaz, self._name))
        return self._rival

    def in_admin1(self, place: Place) -> bool:
        point = shapely.Point(place.lon, place.lat)
        return any(point.distance(s) * 111.0 <= ADMIN1_KM for s in self.shapes)


def _literal(places: Places) -> list[tuple[str, Place]]:
    """(folded name, place) of the article's literal places with a point, datelines and
    fighters named for a region ("Amhara forces") aside, and a national capital that no
    preposition places ("a blow to Kyiv" is the government, and says nothing of where the
    fighting is; "near Kyiv" does); found once per article."""
    found = places.memo.get("literal")
    if found is None:
        text = text_of(places.doc) if places.doc is not None else ""
        found = places.memo["literal"] = [
            (fold(m.surface), m.place) for m in places.body if m.place is not None
            and m.role == "literal" and m.reason != "dateline" and m.place.lat is not None
            and not _FORCES.match(text, m.end) and not _unplaced_capital(places, m, text)]
    return found


def _unplaced_capital(places: Places, m, text: str) -> bool:
    before = text[max(0, m.start - 20):m.start].split()
    if m.place.feature != "city" or not m.place.country or places.gaz is None or (
            before and before[-1].lower() in LOCATIVE_PREPS):
        return False
    memo = ("capital", m.place.country)  # one query per country and article, not per mention
    if memo not in places.memo:
        try:
            capital = places.gaz.capital(m.place.country)
        except GazetteerError:
            capital = None
        places.memo[memo] = capital.key if capital is not None else None
    return places.memo[memo] == m.place.key


def _shape(gaz, key: str):
    try:
        return gaz.shape(key) if gaz is not None else None
    except GazetteerError:
        return None


def villages_named(gaz, name: str) -> tuple[Place, ...]:
    try:
        return gaz.villages(name) if gaz is not None else ()
    except GazetteerError:
        return ()


def _sentence_chars(doc, start: int) -> tuple[int, int] | None:
    """The character bounds of the sentence of `doc` holding character `start`, or None."""
    if doc is None or start < 0:
        return None
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    return sent.start_char, sent.end_char
