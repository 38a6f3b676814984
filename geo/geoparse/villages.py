"""Villages the gazetteer proper lacks, found where the article leaves one choice.

GeoNames cities500 leaves out the front line's villages of a few hundred people, so the ranker
never sees "Robotyne" or "Klishchiivka" and reads "Plekhovo" (Kursk region) as a Ukrainian
"Plekhiv" spelled so in another transliteration. After the ranker has decided, this pass asks
the villages with a post office (`Gazetteer.villages`, Ukraine and Russia; and Myanmar's
towns and villages) about
capitalised words that are written as places, and keeps a village only where the article
allows one (`geo.gazetteer.village_points.village_point`: a country the article names,
inside an admin-1 unit it names or near a town it names, all namesakes one place, or the one
beside the places listed with it):

* a word no mention covers, written as a place: after a preposition of place ("in Robotyne",
  "near Klishchiivka") or before one ("Klishchiivka near Bakhmut"), with a place noun ("the
  village of Pishchane", "Robotyne, a village"), after a verb of taking ("captured
  Robotyne"), or in a list with such a word or a place ("Andriivka and Klishchiivka");
* a literal mention resolved to a small town (under `SMALL_TOWN` people) under another
  spelling (the gazetteer's alternate name), or to a town of any size by the spelling
  skeleton alone, that lies outside the admin-1 units and away
  from the other towns the article names, where a village of the name as written fits.

A village whose post office is a town the gazetteer has ("Avdiivka", which the ranker turned
down) is that town. The pass runs on the text field; the ranker's candidates and features are
not changed, so `conflict-map evaluate --cv` (which decides from cached span items) does not
include it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

import shapely

from geo.errors import GazetteerError
from geo.gazetteer.index import Gazetteer, distance_km
from geo.gazetteer.names import fold
from geo.gazetteer.village_points import (
    ADMIN1_KM,
    LIST_REACH,
    SAME_KM,
    VILLAGE_COUNTRIES,
    VILLAGE_KM,
    village_point,
)
from geo.geoparse.doc_text import text_of
from geo.models import Field, Mention, Place

__all__ = ["Around", "with_villages"]

REASON = "village with a post office"
MIMU_REASON = "town or village in MIMU's place codes"  # Myanmar's (`geo.build.myanmar`)
# A town this size is what the article means by its name, however the gazetteer spells it.
SMALL_TOWN = 10_000
# How near a named town a village of the name as written must be to be preferred to a town
# under another spelling that fits the article too (`_much_nearer`).
NEAR_KM = 25.0
_PLACE_WORDS = (r"village|town|settlement|hamlet|city|villages|towns|settlements|hamlets")
_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|around|from|into|towards?|of|at)|\b(?:" + _PLACE_WORDS +
    r")(?:\s+of)?|\b(?:captured?|captures|capturing|took|taken|takes|taking|seized?|"
    r"seizes|seizing|liberated?|liberates|liberating|retook|retaken|retakes|retaking|"
    r"recaptured?|recaptures|recapturing|regained|regains|regaining|entered|enters|"
    r"entering|stormed|storms|storming|occupied|occupies|occupying|controls|controlled|"
    r"holds|held|defended|defends|abandoned|left|lost|fall of|capture of|loss of|"
    r"withdrew from|withdrawn from|pulled out of))\s+$", re.IGNORECASE)
_AFTER = re.compile(r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?(?:" + _PLACE_WORDS + r")\b|"
                    r"\s+(?:near|outside|(?:(?:north|south)-?(?:east|west)?|east|west)\s+of)\s",
                    re.IGNORECASE)
_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|[–—]|/)\s*")
_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}")


def with_villages(doc, mentions: list[Mention], gaz: Gazetteer, field: Field = "text"
                  ) -> list[Mention]:
    """`mentions` with the villages of the module docstring added or put in place of a
    namesake, in text order; `mentions` itself when the article names neither country."""
    countries = {m.place.country for m in mentions if m.place is not None and m.place.country}
    if not countries & VILLAGE_COUNTRIES:
        return mentions
    try:
        known = gaz.village_names()
    except GazetteerError:
        return mentions
    text = text_of(doc)
    near = Around(mentions, gaz)
    in_unit = near.in_unit if near.shapes else None
    out = []
    for m in mentions:
        village = _instead(m, near, countries, gaz) if _misspelled(m, gaz) else None
        out.append(replace(m, place=village, reason=_reason(village)) if village is not None
                   else m)
    places = {m.start: m.place for m in out if m.place is not None}
    for group in _groups(text, _names(text, out, known)):
        if not any(placed or _cued(text, a, b) for a, b, placed in group):
            continue
        for k, (a, b, placed) in enumerate(group):
            if placed:
                continue
            surface = text[a:b]
            # The names nearest in the list: a list of thousands is read in linear time.
            window = [*group[max(0, k - LIST_REACH):k], *group[k + 1:k + 1 + LIST_REACH]]
            listed = [text[c:d] for c, d, _p in window if text[c:d] != surface]
            beside = [places[c] for c, _d, p in window if p and places[c].feature == "city"]
            village = village_point(surface, gaz, countries, in_unit, near.towns, listed,
                                    beside)
            place = _town_at(village, surface, gaz) if village is not None else None
            if place is not None and not _town_of_size(surface, gaz, place):
                # not "captured Bakhmut" read as Bashkortostan's village of the city's name,
                # nor "Donetsk" as the Rostov town of 48,000 whose post office it is
                out.append(_mention(doc, a, b, place, field))
    return sorted(out, key=lambda m: m.start)


class Around:
    """The admin-1 units and towns the article names literally (datelines aside)."""

    def __init__(self, mentions: Sequence[Mention], gaz: Gazetteer) -> None:
        literal = [m.place for m in mentions if m.place is not None and m.role == "literal"
                   and m.reason != "dateline" and m.place.lat is not None]
        self.shapes = []
        for place in literal:
            if place.feature == "admin1":
                try:
                    shape = gaz.shape(place.key)
                except GazetteerError:
                    shape = None
                if shape is not None:
                    self.shapes.append(shape)
        self.towns = [p for p in literal if p.feature == "city"
                      and (not self.shapes or self.in_unit(p))]

    def in_unit(self, place: Place) -> bool:
        point = shapely.Point(place.lon, place.lat)
        return any(point.distance(s) * 111.0 <= ADMIN1_KM for s in self.shapes)

    def fits(self, place: Place, towns: Sequence[Place]) -> bool:
        """Inside a named unit, or near one of `towns` (where the article names no unit)."""
        if self.shapes:
            return self.in_unit(place)
        return any(distance_km(place.lat, place.lon, t.lat, t.lon) <= VILLAGE_KM
                   for t in towns)


def _misspelled(m: Mention, gaz: Gazetteer) -> bool:
    """A literal mention of a town resolved under a name other than the one written: a
    small town (under `SMALL_TOWN` people; "Zaporizhzhia" is the city of 710,000 that the
    gazetteer spells "Zaporizhzhya", never a village of that name), or a town of any size
    that none of its names spells so, found by the spelling skeleton alone ("Mongyai" read
    as Monywa, 300 km from the Shan State the article names)."""
    p = m.place
    if p is None or m.role != "literal" or p.feature != "city" or m.reason == "dateline" \
            or fold(m.surface) == fold(p.name):
        return False
    return p.population < SMALL_TOWN or _respelled(m.surface, p, gaz)


def _respelled(surface: str, place: Place, gaz: Gazetteer) -> bool:
    """Whether none of the place's own names is `surface` (`Gazetteer.candidates`)."""
    try:
        return all(c.place.key != place.key for c in gaz.candidates(surface))
    except GazetteerError:
        return False


def _instead(m: Mention, near: Around, countries: set[str], gaz: Gazetteer) -> Place | None:
    """The village of the written name that fits where the town chosen does not (towns of
    the same name are no evidence), unless it is that town's own post office."""
    towns = [t for t in near.towns if fold(t.name) != fold(m.place.name)]
    if not (near.shapes or towns):
        return None
    if near.fits(m.place, towns):
        return _much_nearer(m, towns, countries, gaz)
    village = village_point(m.surface, gaz, countries, near.in_unit if near.shapes else None,
                            towns)
    if village is None or distance_km(village.lat, village.lon, m.place.lat,
                                      m.place.lon) <= SAME_KM:
        return None
    return village


def _much_nearer(m: Mention, towns: Sequence[Place], countries: set[str],
                 gaz: Gazetteer) -> Place | None:
    """The village of the written name near a town the article names (the only one within
    `NEAR_KM` of one), where the town chosen under another spelling lies at least three times
    as far from them: "Andriivka, a village near ... Bakhmut" is the village 11 km from
    Bakhmut, not Sukhanivka (once Andriyivka), 41 km away, which fits the article too."""
    if not towns:
        return None

    def reach(p: Place) -> float:
        return min(distance_km(p.lat, p.lon, t.lat, t.lon) for t in towns)

    try:
        found = [v for v in gaz.villages(m.surface)
                 if v.country in countries and reach(v) <= NEAR_KM]
    except GazetteerError:
        return None
    if len(found) != 1 or 3 * reach(found[0]) > reach(m.place):
        return None
    return found[0]


def _town_of_size(name: str, gaz: Gazetteer, chosen: Place) -> bool:
    """Whether the gazetteer has another town of `SMALL_TOWN` people or more by this name,
    larger than `chosen`: what an article means by it, wherever the ranker left it."""
    try:
        return any(c.place.feature == "city" and c.place.population >= max(
            SMALL_TOWN, chosen.population + 1) and c.place.key != chosen.key
                   for c in gaz.candidates(name) if c.kind in ("name", "alt"))
    except GazetteerError:
        return False


def _town_at(village: Place, name: str, gaz: Gazetteer) -> Place:
    """The gazetteer's own town where the village's post office is (the ranker turned down
    "Avdiivka", a town it knows as "Avdiyivka"), else the village."""
    try:
        found = [c.place for c in gaz.candidates(name) if c.kind != "demonym"
                 and c.place.feature == "city" and c.place.lat is not None]
    except GazetteerError:
        return village
    near = [p for p in found if distance_km(p.lat, p.lon, village.lat, village.lon) <= SAME_KM]
    return max(near, key=lambda p: p.population) if near else village


def _names(text: str, mentions: Sequence[Mention], known: frozenset[str]
           ) -> list[tuple[int, int, bool]]:
    """(start, end, placed) of every mention and every capitalised run of up to three words
    that no mention covers and that names a village, in text order."""
    covered = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _b in covered]
    reach = max((b - a for a, b in covered), default=0)  # the longest mention
    out = [(m.start, m.end, True) for m in mentions if m.place is not None]
    for found in _RUN.finditer(text):
        start, end = found.span()
        # Mentions overlapping the run start within `reach` before it: found by bisection,
        # not by a pass over every mention (a long text has thousands of each).
        near = covered[bisect_left(starts, start - reach):bisect_left(starts, end)]
        if any(a < end and start < b for a, b in near):
            continue
        words = found.group().split()
        # The whole run, else its first or last word ("Robotyne" of "Robotyne Ukrainian").
        for a, b in ((start, end), (start, start + len(words[0])),
                     (end - len(words[-1]), end)):
            if fold(text[a:b]) in known:
                out.append((a, b, False))
                break
    return sorted(set(out))


def _groups(text: str, names: list[tuple[int, int, bool]]) -> list[list[tuple[int, int, bool]]]:
    """The names joined into lists by commas, "and", "or", dashes or slashes."""
    groups: list[list[tuple[int, int, bool]]] = []
    for name in names:
        if groups and _JOIN.fullmatch(text[groups[-1][-1][1]:name[0]]):
            groups[-1].append(name)
        else:
            groups.append([name])
    return groups


def _cued(text: str, start: int, end: int) -> bool:
    """Whether the words around a name write it as a place (module docstring)."""
    return bool(_BEFORE.search(text[max(0, start - 30):start]) or _AFTER.match(text, end))


def _reason(village: Place) -> str:
    return MIMU_REASON if village.country == "MM" else REASON


def _mention(doc, start: int, end: int, village: Place, field: Field) -> Mention:
    """A mention of the village at text[start:end], its sentence cut at line breaks."""
    text = text_of(doc)
    span = doc.char_span(start, end, alignment_mode="expand")
    sent = span[0].sent if span is not None and len(span) else None
    lo, hi = (sent.start_char, sent.end_char) if sent is not None else (start, end)
    lo = max(lo, text.rfind("\n", lo, start) + 1)
    cut = text.find("\n", end, hi)
    hi = cut if cut != -1 else max(hi, end)
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return Mention(field=field, surface=text[start:end], start=start, end=end,
                   sentence=text[lo:hi], sentence_start=lo, role="literal", place=village,
                   score=0.5, reason=_reason(village))
