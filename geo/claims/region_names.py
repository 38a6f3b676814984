"""How a claim region is named: `Region`, and the names the claims README asks for.

Read from the words around a mention: a whole hyphenated name ("Al-Jili"), a front sector
("the Kupiansk axis" → "Kupiansk direction"), several units named together ("the Donetsk and
Dnipropetrovsk regions"), the compass side of a country ("eastern Ukraine"), and a town's
English name as written rather than the gazetteer's transliteration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from geo.claims.lexicon import REGION_NOUNS, SECTOR_WORDS
from geo.claims.mention_filters import mention_root
from geo.claims.syntax import object_of
from geo.gazetteer.names import QUALIFIERS, fold
from geo.geoparse.nlp import text_of
from geo.models import Mention, Place

__all__ = ["COMPASS", "Region", "as_direction", "city_name", "compass_of", "compass_part",
           "hyphenated", "joined_phrase", "sector_named", "sector_phrase",
           "strip_qualifier_words", "with_compass"]

_DIRECTIONS = {"north": "northern", "south": "southern", "east": "eastern", "west": "western"}


@dataclass(frozen=True, slots=True)
class Region:
    """A place a claim is about. `code` is ISO 3166-2 for an admin-1 unit; `feature` as `Place`,
    or "sector" for a front direction; `start` is where the text names it (-1: from context);
    `written` the text's own spelling when `name` is the gazetteer's."""

    name: str
    code: str | None = None
    key: str | None = None
    feature: str | None = None
    country: str | None = None
    start: int = -1
    population: int = 0
    written: str | None = None


def hyphenated(text: str, start: int, end: int) -> tuple[int, str]:
    """The whole hyphenated name a mention is part of ("Al-Jili" around "Jili")."""
    while start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
        start -= 2
        while start > 0 and text[start - 1].isalpha():
            start -= 1
    while (after := _HYPHEN_ON.match(text, end)) is not None:  # "Sar-e-Pol", "Al-Jili"
        end = after.end()
        while end < len(text) and text[end].isalpha():
            end += 1
    return start, text[start:end]


# A hyphen and a capital going on with the name, also across a lowercase link ("-e-", "-i-",
# "-ul-"): "Sar-e-Pol", "Mazar-i-Sharif".
_HYPHEN_ON = re.compile(r"-(?:[a-z]{1,3}-)?(?=[A-Z])")


def sector_phrase(doc, m: Mention) -> str | None:
    """"the Pokrovsk, Kurakhove and Vuhledar directions" → that phrase, "axis" as "direction"."""
    tok = mention_root(doc, m)
    if tok is None:
        return None
    for _ in range(4):
        if tok.head == tok:
            return None
        if tok.dep_ not in ("compound", "conj", "nmod", "amod", "appos"):
            return None
        tok = tok.head
        if tok.lemma_.lower() in SECTOR_WORDS:
            words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss")]
            words = words[next(i for i, t in enumerate(words) if t.idx >= m.start
                               or t.pos_ == "PROPN"):]
            return as_direction(text_of(doc)[words[0].idx:tok.idx + len(tok)])
    return None


def sector_named(tok) -> Region | None:
    """A front sector named by the town before "direction" or "axis", as written, the town
    unresolved ("the Kurakhove direction")."""
    names = [c for c in tok.lefts if c.pos_ == "PROPN" and c.dep_ in ("compound", "nmod")]
    if not names or tok.lower_ in ("front", "frontline"):
        return None
    first = min(names[0].left_edge.i, names[0].i)
    words = [t for t in tok.doc[first:tok.i + 1] if t.dep_ not in ("det", "poss", "case")]
    if not words or words[0].pos_ != "PROPN":
        return None
    phrase = as_direction(text_of(tok.doc)[words[0].idx:tok.idx + len(tok)])
    return Region(phrase, feature="sector", start=words[0].idx)


def as_direction(phrase: str) -> str:
    """A sector named as the claims README does: "axis" becomes "direction"."""
    return re.sub(r"\baxis\b", "direction", re.sub(r"\baxes\b", "directions", phrase))


def city_name(place: Place, surface: str | None) -> str:
    """The gazetteer's name for a spelling variant ("Avdeyevka" → "Avdiyivka"), the English
    name as written for a different name altogether ("Palmyra", not "Tadmur")."""
    if place.feature == "country" or not surface or surface.isupper() or len(surface) < 4:
        return place.name
    written = re.sub(r"^(?:the)\s+", "", surface.strip(), flags=re.IGNORECASE)
    if SequenceMatcher(None, fold(written), fold(place.name)).ratio() < 0.6:
        return written
    if written.isascii() and not place.name.isascii():
        return written  # "Bara", not the transliteration "Bārah"; "Shusha", not "Şuşa"
    return place.name


def joined_phrase(doc, m: Mention) -> str | None:
    """"the Donetsk and Dnipropetrovsk regions": one claim about both, named together."""
    tok = mention_root(doc, m)
    if tok is None:
        return None
    head = tok.head if tok.dep_ in ("compound", "nmod", "amod") else None
    if head is None or head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in \
            REGION_NOUNS | {"district", "state"}:
        return None  # towns so listed are one claim each (`geo.claims.listed`)
    names = [c for c in head.children if c.dep_ in ("compound", "nmod", "amod")
             and c.pos_ == "PROPN"]
    if not names or not any(c.dep_ == "conj" for n in names for c in n.subtree):
        return None
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss")]
    return text_of(doc)[words[0].idx:head.idx + len(head)]


def strip_qualifier_words(name: str) -> str:
    """The name without words such as "Oblast" or "region" ("Kursk Oblast" → "Kursk")."""
    return " ".join(w for w in name.split() if fold(w) not in QUALIFIERS)


def with_compass(text: str, end: int, region: Region) -> Region:
    """"Ukraine in the south and in the east" → "southern and eastern Ukraine", "eastern
    Ukraine" as written; still a country for choosing between places."""
    if region.feature != "country":
        return region
    match = re.match(r"\s+in\s+the\s+(north|south|east|west)(?:\s+and\s+(?:in\s+the\s+)?"
                     r"(north|south|east|west))?\b", text[end:end + 60], re.IGNORECASE)
    if match is not None:
        sides = " and ".join(_DIRECTIONS[s.lower()] for s in match.groups() if s)
    else:
        before = re.search(r"\b(north|south|east|west)(?:ern)?(?:-(?:north|south|east|west)"
                           r"(?:ern)?)?\s+$", text[max(0, region.start - 25):region.start],
                           re.IGNORECASE)
        if before is None:
            return region
        sides = before.group().strip().lower()
    return replace(region, name=f"{sides} {region.name}")


# Compass points and their adjectives ("to the south of", "the northern half").
COMPASS = {"north": "northern", "south": "southern", "east": "eastern", "west": "western",
           "northeast": "northeastern", "northwest": "northwestern",
           "southeast": "southeastern", "southwest": "southwestern"}


def compass_part(qhead) -> str | None:
    """"seized the northern half of the country": "northern"."""
    if qhead is None or qhead.lower_ not in ("half", "third", "quarter", "part", "parts"):
        return None
    sides = [c.lower_ for c in qhead.children
             if c.dep_ == "amod" and c.lower_ in COMPASS.values()]
    return " and ".join(sides) or None


def compass_of(prep) -> bool:
    """"to the south of the city": a "to" that locates by a compass point of a place."""
    obj = object_of(prep)
    return prep.lower_ == "to" and obj is not None and obj.lower_ in COMPASS and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in obj.children)
