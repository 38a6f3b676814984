"""The region a claim is about: read from the geoparser's mentions, named as the claims README does.

`Places` wraps one article's resolved mentions (from `geo.geoparse.parse_article`) and the
gazetteer. It turns a stretch of the parse into a `Region` ("the Kursk border region" → Kursk
Oblast, RU-KRS; "the Kupiansk axis" → "Kupiansk direction"), resolves anaphors ("the region",
"the country", "there") to earlier mentions, and gives the article's context when a sentence
names no place (the most-mentioned admin-1 unit, then country).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from geo.claims_joined import joined_regions
from geo.claims_lexicon import (
    ADMIN_WORDS,
    COMPARISON_CUES,
    REGION_NOUNS,
    SECTOR_WORDS,
)
from geo.errors import GazetteerError
from geo.gazetteer import Gazetteer
from geo.models import Mention, Place
from geo.names import QUALIFIERS, fold

__all__ = ["Places", "Region", "strip_qualifier_words"]

_ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
# Generic words an admin-1 name may end in, in the order the claims README prefers them.
_ADMIN_SUFFIXES = ("oblast", "governorate", "province", "krai", "state")
_OWNED_NOUNS = frozenset({"territory", "territories", "land", "lands", "soil", "area", "areas",
                          "ground"})
_COMPARISON_HEADS = frozenset({"than", "like", "unlike", "size", "compare", "comparable",
                               "equivalent", "border", "borders", "bank", "banks", "river"})
_DIRECTIONS = {"north": "northern", "south": "southern", "east": "eastern", "west": "western"}


@dataclass(frozen=True, slots=True)
class Region:
    """A place a claim is about. `code` is ISO 3166-2 for an admin-1 unit; `feature` as `Place`,
    or "sector" for a front direction; `start` is where the text names it (-1: from context)."""

    name: str
    code: str | None = None
    key: str | None = None
    feature: str | None = None
    country: str | None = None
    start: int = -1
    population: int = 0


class Places:
    """The resolved places of one article, for claim regions.

    Parameters
    ----------
    mentions : the article's mentions; only those of the text field are used for positions,
        title mentions count towards the article's context.
    gazetteer : used to name admin-1 units and to look up names the geoparser left
        unresolved; None works with the mentions alone.
    """

    def __init__(self, mentions: Sequence[Mention], gazetteer: Gazetteer | None,
                 doc=None) -> None:
        self.gaz = gazetteer
        self.doc = doc
        body = sorted((_dateline(m) for m in mentions if m.field == "text"),
                      key=lambda m: m.start)
        # Places only compared with ("the size of the Netherlands") are never claim regions.
        self.body = [m for m in body if doc is None or not _compared(doc, m)]
        self.compared = [(m.start, m.end) for m in body if m not in self.body]
        self.title = [m for m in mentions if m.field == "title"]
        self.joined = joined_regions(doc.text, gazetteer) if doc is not None else []

    # -- one stretch of text -----------------------------------------------------------------

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions with a place inside [start, end), in text order."""
        return [m for m in self.body if start <= m.start and m.end <= end and m.place]

    def named(self, start: int, end: int) -> bool:
        """Whether the geoparser found a place in [start, end), compared-with ones included."""
        return bool(self.mentions_in(start, end)) or any(
            start <= a and b <= end for a, b in self.compared)

    def mentions_over(self, start: int, end: int) -> list[Mention]:
        """Mentions with a place overlapping [start, end), in text order."""
        return [m for m in self.body if m.start < end and start < m.end and m.place]

    def region_in(self, tokens: Sequence, *, skip: Iterable[tuple[int, int]] = (),
                  adjectival: bool = False) -> Region | None:
        """The first place named among `tokens` (a spaCy span or token list), or None."""
        found = self.regions_in(tokens, skip=skip, adjectival=adjectival)
        return found[0] if found else None

    def regions_in(self, tokens: Sequence, *, skip: Iterable[tuple[int, int]] = (),
                   adjectival: bool = False) -> list[Region]:
        """Every place named among `tokens` (a spaCy span or token list), in text order.

        Skips character ranges in `skip` (the actor's or claimant's words), metonyms ("Kyiv
        said"), datelines and places that are only compared with ("the size of the
        Netherlands"). An adjectival mention counts only when it qualifies territory
        ("Ukrainian land"), or always with `adjectival`.
        """
        tokens = list(tokens)
        if not tokens:
            return []
        skip = list(skip)
        doc = tokens[0].doc
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        out = []
        last_start = -1
        for m in self.mentions_in(start, end):
            if any(a <= m.start < b for a, b in skip):
                continue
            if m.reason == "dateline" or m.role == "metonym":
                continue
            if m.role == "adjectival" and not adjectival and not _qualifies_territory(doc, m):
                continue
            if _acts(doc, m):
                continue  # "the territory Russia seized": who took it, not where
            region = self.region_of(doc, m)
            if region.start != last_start:  # two pieces of one hyphenated name
                out.append(region)
            last_start = region.start
        return out

    def joined_at(self, pos: int) -> Region | None:
        """The admin-1 units listed together at character `pos` ("the Donetsk, Zaporizhzhia
        and Kharkiv regions"), as one region; see `geo.claims_joined`."""
        for j in self.joined:
            if j.start <= pos < j.end:
                return Region(j.name, feature="region", country=j.country, start=j.start)
        return None

    def region_of(self, doc, m: Mention) -> Region:
        """The region a mention stands for, read with the words that follow it."""
        place = m.place
        assert place is not None
        joined = self.joined_at(m.start)
        if joined is not None:
            return joined
        whole_start, whole = _hyphenated(doc.text, m.start, m.end)
        if whole != m.surface:  # "Al" and "Jili" of "Al-Jili"
            return self.lookup(whole, start=whole_start)
        sector = _sector_phrase(doc, m)
        if sector is not None:
            return Region(sector, feature="sector", country=place.country, start=m.start)
        joined = _joined_phrase(doc, m)
        if joined is not None:
            return Region(joined, feature="region", country=place.country, start=m.start)
        after = doc.text[m.end:m.end + 40].lower().split()
        after = [w.strip(",.;:()") for w in after[:3]]
        if after and (after[0] in SECTOR_WORDS or (after[:2] and after[0] == "border"
                      and len(after) > 1 and after[1] in SECTOR_WORDS)):
            return Region(f"{m.surface} direction", feature="sector", country=place.country,
                          start=m.start)
        admin_word = after and (after[0] in ADMIN_WORDS or (after[0] == "border" and
                                len(after) > 1 and after[1] in REGION_NOUNS))
        if admin_word and place.feature != "admin1" and place.admin1:
            admin = self._admin1(place.admin1)
            if admin is not None:
                place = admin
        region = self.region_of_place(place, m.surface, start=m.start)
        return _with_compass(doc.text, m.end, region)

    def region_of_place(self, place: Place, surface: str | None = None, *,
                        start: int = -1) -> Region:
        """Name a gazetteer place the way the claims README does."""
        if place.feature == "admin1":
            code = place.admin1 if place.admin1 and _ISO_3166_2.match(place.admin1) else None
            return Region(self._admin1_name(place, surface), code=code, key=place.key,
                          feature="admin1", country=place.country, start=start,
                          population=place.population)
        return Region(_city_name(place, surface), key=place.key, feature=place.feature,
                      country=place.country, start=start, population=place.population)

    def lookup(self, name: str, *, start: int = -1, strict: bool = False) -> Region:
        """A name the geoparser did not resolve: the most populous gazetteer match, else as is
        (with `strict`, a hamlet of under 1,000 people does not count as a match)."""
        cleaned = re.sub(r"^(?:the|a)\s+", "", name.strip(" \"'“”‘’"), flags=re.IGNORECASE)
        joined = self.joined_at(start) if start >= 0 else None
        if joined is not None:
            return joined
        best = None
        if self.gaz is not None:
            try:
                cands = [c for c in self.gaz.candidates(cleaned)
                         if c.place.feature in ("city", "admin1", "admin2", "country", "region")
                         and c.kind != "demonym"]
            except GazetteerError:
                cands = []
            if cands:
                best = max(cands, key=lambda c: (c.place.population, c.kind == "name")).place
                # A bare name means the city rather than its namesake region ("Zaporozhye").
                namesake = [c.place for c in cands if c.place.feature == "city"
                            and c.place.admin1 == best.admin1]
                if best.feature == "admin1" and namesake and cleaned == strip_qualifier_words(
                        cleaned):
                    best = max(namesake, key=lambda p: p.population)
        if best is None or (strict and best.feature in ("city", "admin2") and \
                best.population < 1000):
            return Region(cleaned, start=start)
        region = self.region_of_place(best, cleaned, start=start)
        return region

    # -- context -----------------------------------------------------------------------------

    def country(self, code: str | None) -> Region | None:
        """The country with this ISO 3166-1 code, as a region."""
        if not code or self.gaz is None:
            return None
        try:
            place = self.gaz.place(f"iso:{code}")
        except GazetteerError:
            return None
        return self.region_of_place(place) if place is not None else None

    def last_before(self, pos: int, kinds: Sequence[str], *, after: int = 0,
                    skip: Iterable[tuple[int, int]] = ()) -> Region | None:
        """The latest place of one of `kinds` (features, by preference) named in [after, pos)."""
        skip = list(skip)
        found: dict[str, Mention] = {}
        for m in self.body:
            if not after <= m.start < pos or m.place is None or m.role == "adjectival":
                continue
            if any(a <= m.start < b for a, b in skip) or m.reason == "dateline":
                continue
            feature = self._feature(m)
            if feature in kinds and (m.role == "literal" or feature == "country"):
                found[feature] = m
        for kind in kinds:
            if kind in found:
                m = found[kind]
                place = m.place
                if kind == "admin1" and place.feature != "admin1" and place.admin1:
                    place = self._admin1(place.admin1) or place
                return self.region_of_place(place, m.surface, start=m.start)
        return None

    def most_mentioned(self, kind: str, *, exclude_countries: Iterable[str] = ()) -> Region | None:
        """The most-mentioned admin-1 unit or country of the article (literal mentions; for
        countries also metonyms and adjectives, "Malian"), ties broken by the first mention."""
        excluded = set(exclude_countries)
        votes: Counter = Counter()
        first: dict[str, tuple[int, Place, str]] = {}
        for order, m in enumerate([*self.title, *self.body]):
            if m.place is None or (m.role == "adjectival" and kind == "admin1"):
                continue
            if kind == "admin1":
                if m.reason == "dateline":
                    continue
                if self._feature(m) != "admin1" or m.role != "literal":
                    continue
                place = m.place if m.place.feature == "admin1" else self._admin1(m.place.admin1)
            else:
                if m.place.feature != "country" or m.place.country in excluded:
                    continue
                if m.field == "text" and self.doc is not None and _acts(self.doc, m):
                    continue  # "the territory Russia seized": who acts, not where
                place = m.place
            if place is None:
                continue
            votes[place.key] += 1
            first.setdefault(place.key, (order, place, m.surface))
        if not votes:
            return None
        key = max(votes, key=lambda k: (votes[k], -first[k][0]))
        return self.region_of_place(first[key][1], first[key][2])

    # -- private -----------------------------------------------------------------------------

    def _feature(self, m: Mention) -> str | None:
        if m.place is None:
            return None
        if m.place.feature == "admin1":
            return "admin1"
        if m.place.feature in ("city", "admin2") and m.place.admin1:
            return "admin1" if _followed_by_admin_word(m) else "city"
        return m.place.feature

    def _admin1(self, code: str | None) -> Place | None:
        if not code or self.gaz is None:
            return None
        try:
            return self.gaz.place(f"iso:{code}")
        except GazetteerError:
            return None

    def _admin1_name(self, place: Place, surface: str | None) -> str:
        words = place.name.split()
        if fold(words[-1]) in QUALIFIERS or self.gaz is None or not surface:
            return place.name
        stem = strip_qualifier_words(re.sub(r"^(?:the)\s+", "", surface, flags=re.I))
        for suffix in _ADMIN_SUFFIXES:
            try:
                found = self.gaz.lookup(fold(f"{stem} {suffix}"))
            except GazetteerError:
                return place.name
            if any(c.place.key == place.key and c.kind != "stripped" for c in found):
                return f"{stem} {suffix.title()}"
        return place.name


_DATELINE_END = re.compile(r"^(?:,|\s*\(|\s*[—–-]\s|:)")


def _dateline(m: Mention) -> Mention:
    """The mention as a dateline if it is one the geoparser did not mark: a name in capitals
    opening the text, followed by a comma, bracket or dash ("TEL AVIV, Israel (AP) —")."""
    if m.reason == "dateline" or m.start > 0 or not m.surface.isupper() or \
            len(m.surface) < 3 or not _DATELINE_END.match(m.sentence[m.end - m.sentence_start:]):
        return m
    return replace(m, reason="dateline")


def _acts(doc, m: Mention) -> bool:
    """A place named as the subject or agent of a verb ("Russia seized", "held by Ukraine")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return (root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX")) or (
        root.dep_ == "pobj" and root.head.dep_ == "agent")


def _qualifies_territory(doc, m: Mention) -> bool:
    """An adjectival mention that says whose territory: "Ukrainian land", "Russian territory"."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "pobj":  # "took 701 km² from the Ukrainians"
        return True
    return root.head.lemma_.lower() in _OWNED_NOUNS


def _compared(doc, m: Mention) -> bool:
    """A place only compared with or bordered ("the size of the Netherlands", "much greater
    than the Netherlands, Belgium and Luxembourg", "the borders with China")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    before = doc.text[max(0, m.start - 30):m.start].lower()
    if any(before.rstrip().removesuffix(" the").endswith(cue) for cue in COMPARISON_CUES):
        return True
    tok = span.root
    for _ in range(6):
        if tok.head == tok:
            return False
        tok = tok.head
        if tok.lower_ in _COMPARISON_HEADS or tok.lemma_.lower() in _COMPARISON_HEADS:
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() != "compare":
            return False
    return False


def _hyphenated(text: str, start: int, end: int) -> tuple[int, str]:
    """The whole hyphenated name a mention is part of ("Al-Jili" around "Jili")."""
    while start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
        start -= 2
        while start > 0 and text[start - 1].isalpha():
            start -= 1
    while end + 1 < len(text) and text[end] == "-" and text[end + 1].isupper():
        end += 2
        while end < len(text) and text[end].isalpha():
            end += 1
    return start, text[start:end]


def _sector_phrase(doc, m: Mention) -> str | None:
    """"the Pokrovsk, Kurakhove and Vuhledar directions" → that phrase, "axis" as "direction"."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
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
            phrase = doc.text[words[0].idx:tok.idx + len(tok)]
            return re.sub(r"\baxis\b", "direction", re.sub(r"\baxes\b", "directions", phrase))
    return None


def _city_name(place: Place, surface: str | None) -> str:
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


def _joined_phrase(doc, m: Mention) -> str | None:
    """"the Donetsk and Dnipropetrovsk regions": one claim about both, named together."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    head = tok.head if tok.dep_ in ("compound", "nmod", "amod") else None
    if head is None or head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in \
            REGION_NOUNS | {"district", "state", "city", "town", "village"}:
        return None
    names = [c for c in head.children if c.dep_ in ("compound", "nmod", "amod")
             and c.pos_ == "PROPN"]
    if not names or not any(c.dep_ == "conj" for n in names for c in n.subtree):
        return None
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss")]
    return doc.text[words[0].idx:head.idx + len(head)]


def strip_qualifier_words(name: str) -> str:
    return " ".join(w for w in name.split() if fold(w) not in QUALIFIERS)


def _followed_by_admin_word(m: Mention) -> bool:
    rest = m.sentence[m.end - m.sentence_start:].lower().split()[:2]
    rest = [w.strip(",.;:()") for w in rest]
    return bool(rest) and (rest[0] in REGION_NOUNS or (rest[0] == "border" and len(rest) > 1
                           and rest[1] in REGION_NOUNS))


def _with_compass(text: str, end: int, region: Region) -> Region:
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
    return Region(f"{sides} {region.name}", code=region.code, key=region.key,
                  feature="country", country=region.country, start=region.start,
                  population=region.population)
