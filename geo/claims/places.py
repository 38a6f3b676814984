"""The region a claim is about: read from the geoparser's mentions, named as the claims README does.

`Places` wraps one article's resolved mentions (from `geo.geoparse.parse.parse_article`) and the
gazetteer. It turns a stretch of the parse into a `Region` ("the Kursk border region" → Kursk
Oblast, RU-KRS; "the Kupiansk axis" → "Kupiansk direction"), resolves anaphors ("the region",
"the country", "there") to earlier mentions, and gives the article's context when a sentence
names no place (the most-mentioned admin-1 unit, then country).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from geo.claims.joined import joined_regions
from geo.claims.lexicon import ADMIN1_WORDS, REGION_NOUNS, SECTOR_WORDS
from geo.claims.mention_filters import (
    acts,
    as_dateline,
    compared,
    followed_by,
    followed_by_admin_word,
    qualifies_territory,
)
from geo.claims.region_names import (
    Region,
    city_name,
    hyphenated,
    joined_phrase,
    sector_phrase,
    strip_qualifier_words,
    with_compass,
)
from geo.errors import GazetteerError
from geo.gazetteer.index import Gazetteer
from geo.gazetteer.names import QUALIFIERS, fold
from geo.gazetteer.spelling import index_key
from geo.geoparse.nlp import text_of
from geo.models import Mention, Place

__all__ = ["Places"]

_ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
# The store's `region` column holds 64 characters: about ten joined codes.
_CODES_MAX = 64
# Generic words an admin-1 name may end in, in the order the claims README prefers them.
_ADMIN_SUFFIXES = ("oblast", "governorate", "province", "krai", "state")


# A lowercase link inside a hyphenated name makes it one name ("Sar-e-Pol").
_LINKED = re.compile(r"-[a-z]{1,3}-")


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
        body = sorted((as_dateline(m) for m in mentions if m.field == "text"),
                      key=lambda m: m.start)
        # Places only compared with ("the size of the Netherlands") are never claim regions.
        kept = [doc is None or not compared(doc, m) for m in body]
        self.body = [m for m, keep in zip(body, kept, strict=True) if keep]
        compared_with = [m for m, keep in zip(body, kept, strict=True) if not keep]
        self.compared = [(m.start, m.end) for m in compared_with]
        # `body` is in text order: look-ups by position bisect it rather than pass over every
        # mention, which made claims quadratic in the length of an article.
        self._starts = [m.start for m in self.body]
        self._longest = max((m.end - m.start for m in self.body), default=0)
        # For `last_before`: the mentions that can stand for a region later on, by kind, in
        # text order (literal ones, and countries in any role but adjectival).
        self._by_kind: dict[str, tuple[list[int], list[Mention]]] = {}
        for m in self.body:
            if m.place is None or m.role == "adjectival" or m.reason == "dateline":
                continue
            feature = self._feature(m)
            if feature is not None and (m.role == "literal" or feature == "country"):
                starts, kept_mentions = self._by_kind.setdefault(feature, ([], []))
                starts.append(m.start)
                kept_mentions.append(m)
        self.title = [m for m in mentions if m.field == "title"]
        # "the left bank of the Dnipro" is no claim region, but names Ukraine all the same.
        self.context = [*self.title, *self.body, *compared_with]
        self._countries: set[str] | None = None
        # What `geo.claims.placing` works out once per article rather than once per claim.
        self.memo: dict = {}
        self.joined = joined_regions(text_of(doc), gazetteer) if doc is not None else []

    # -- one stretch of text -----------------------------------------------------------------

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Mentions (with or without a place) that start in [start, end), in text order."""
        return self.body[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions with a place inside [start, end), in text order."""
        return [m for m in self.starting_in(start, end) if m.end <= end and m.place]

    def named(self, start: int, end: int) -> bool:
        """Whether the geoparser found a place in [start, end), compared-with ones included."""
        return bool(self.mentions_in(start, end)) or any(
            start <= a and b <= end for a, b in self.compared)

    def mentions_over(self, start: int, end: int) -> list[Mention]:
        """Mentions with a place overlapping [start, end), in text order."""
        return [m for m in self.starting_in(start - self._longest, end)
                if start < m.end and m.place]

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
            if m.role == "adjectival" and not adjectival and not qualifies_territory(doc, m):
                continue
            if acts(doc, m):
                continue  # "the territory Russia seized": who took it, not where
            region = self.region_of(doc, m)
            if region.start != last_start:  # two pieces of one hyphenated name
                out.append(region)
            last_start = region.start
        return out

    def joined_at(self, pos: int) -> Region | None:
        """The admin-1 units listed together at character `pos` ("the Donetsk, Zaporizhzhia
        and Kharkiv regions"), as one region whose code joins the units' ISO 3166-2 codes
        with commas ("UA-14,UA-23,UA-63"); see `geo.claims.joined`."""
        for j in self.joined:
            if j.start <= pos < j.end:
                code = ",".join(j.codes)
                return Region(j.name, code=code if 0 < len(code) <= _CODES_MAX else None,
                              feature="region", country=j.country, start=j.start)
        return None

    def region_of(self, doc, m: Mention, *, unit: bool = False) -> Region:
        """The region a mention stands for, read with the words that follow it; with `unit`,
        an admin-1 unit whatever follows ("four regions: Donetsk, Luhansk, ...")."""
        place = m.place
        assert place is not None
        joined = self.joined_at(m.start)
        if joined is not None:
            return joined
        whole_start, whole = hyphenated(text_of(doc), m.start, m.end)
        if whole != m.surface:  # "Al" and "Jili" of "Al-Jili"; "al-Bayda province": the unit
            return self.lookup(whole, start=whole_start, unit=unit or followed_by(
                text_of(doc)[m.end:m.end + 40], ADMIN1_WORDS, REGION_NOUNS))
        sector = sector_phrase(doc, m)
        if sector is not None:
            return Region(sector, feature="sector", country=place.country, start=m.start)
        joined = joined_phrase(doc, m)
        if joined is not None:
            return Region(joined, feature="region", country=place.country, start=m.start)
        after = text_of(doc)[m.end:m.end + 40]
        if followed_by(after, SECTOR_WORDS):
            return Region(f"{m.surface} direction", feature="sector", country=place.country,
                          start=m.start)
        admin_word = unit or followed_by(after, ADMIN1_WORDS, REGION_NOUNS)
        if admin_word and place.admin1:
            admin = self._unit_named(m.surface, place) or (
                self._coded(place.admin1) if place.feature != "admin1" else None)
            if admin is not None:
                place = admin
        region = self.region_of_place(place, m.surface, start=m.start)
        return with_compass(text_of(doc), m.end, region)

    def region_of_place(self, place: Place, surface: str | None = None, *,
                        start: int = -1) -> Region:
        """Name a gazetteer place the way the claims README does."""
        if place.feature == "admin1":
            code = place.admin1 if place.admin1 and _ISO_3166_2.match(place.admin1) else None
            return Region(self._admin1_name(place, surface), code=code, key=place.key,
                          feature="admin1", country=place.country, start=start,
                          population=place.population)
        return Region(city_name(place, surface), key=place.key, feature=place.feature,
                      country=place.country, start=start, population=place.population,
                      written=surface)

    def lookup(self, name: str, *, start: int = -1, strict: bool = False,
               unit: bool = False) -> Region:
        """A name the geoparser did not resolve: the most populous gazetteer match, else as is
        (with `strict`, a hamlet of under 1,000 people counts as a match only in a country the
        article names: elsewhere, a person is likelier). A bare name is the city rather than
        its namesake admin-1 unit, unless `unit` ("11 Donetsk villages": the region's)."""
        cleaned = re.sub(r"^(?:the|a)\s+", "", name.strip(" \"'“”‘’"), flags=re.IGNORECASE)
        if start >= 0 and self.doc is not None:  # "al-Bayda province", "Sar-e-Pol": whole
            at, whole = hyphenated(text_of(self.doc), start, start + len(cleaned))
            if unit or _LINKED.search(whole):
                start, cleaned = at, whole
        joined = self.joined_at(start) if start >= 0 else None
        if joined is not None:
            return joined
        best = None
        if self.gaz is not None:
            try:
                cands = [c for c in self.gaz.candidates(cleaned)
                         if c.place.feature in ("city", "admin1", "admin2", "country", "region")
                         and c.kind != "demonym"] or self._respelled(cleaned)
            except GazetteerError:
                cands = []
            units = [c for c in cands if c.place.feature == "admin1"] if unit else []
            if units:  # "al-Bayda province": Yemen's, not the larger Libyan town of the name
                best = max(units, key=lambda c: (c.place.country in self.countries(),
                                                 c.kind == "name", c.place.population)).place
            elif cands:
                best = max(cands, key=lambda c: (c.place.population, c.kind == "name")).place
                # A bare name means the city rather than its namesake region ("Zaporozhye").
                namesake = [c.place for c in cands if c.place.feature == "city"
                            and c.place.admin1 == best.admin1]
                if best.feature == "admin1" and namesake and not unit and \
                        cleaned == strip_qualifier_words(cleaned):
                    best = max(namesake, key=lambda p: p.population)
        if best is None or (strict and best.feature in ("city", "admin2") and \
                best.population < 1000 and best.country not in self.countries()):
            return Region(cleaned, start=start)
        region = self.region_of_place(best, cleaned, start=start)
        return region

    # -- context -----------------------------------------------------------------------------

    def country(self, code: str | None) -> Region | None:
        """The country with this ISO 3166-1 code, as a region."""
        place = self._coded(code)
        return self.region_of_place(place) if place is not None else None

    def last_before(self, pos: int, kinds: Sequence[str], *, after: int = 0,
                    skip: Iterable[tuple[int, int]] = ()) -> Region | None:
        """The latest place of one of `kinds` (features, by preference) named in [after, pos)."""
        skip = list(skip)
        for kind in kinds:
            starts, mentions = self._by_kind.get(kind, ([], []))
            i = bisect_left(starts, pos) - 1
            while i >= 0 and starts[i] >= after and any(a <= starts[i] < b for a, b in skip):
                i -= 1
            if i >= 0 and starts[i] >= after:
                m = mentions[i]
                place = m.place
                if kind == "admin1" and place.feature != "admin1" and place.admin1:
                    place = self._coded(place.admin1) or place
                return self.region_of_place(place, m.surface, start=m.start)
        return None

    def _respelled(self, name: str) -> list:
        """Another transliteration of `name` ("Tarhouna" for Tarhuna, "Qaim" for Al Qa'im,
        its Arabic article dropped), kept only in a country the article names, as the
        geoparser does (`geo.gazetteer.spelling`)."""
        key = index_key(name)
        found = [*self.gaz.candidates(f"Al {name}"), *(
            c for c in (self.gaz.lookup(key) if key else ())  # alike, not merely a skeleton's
            if SequenceMatcher(None, fold(name), fold(c.place.name)).ratio() >= 0.85)]
        return [c for c in found if c.place.country in self.countries()
                and c.place.feature in ("city", "admin1", "admin2")]

    def countries(self) -> set[str]:
        """The countries of every place the article names, in any role ("Ukrainian" too);
        found once per article."""
        if self._countries is None:
            self._countries = {m.place.country for m in self.context
                               if m.place is not None and m.place.country}
        return self._countries

    def most_mentioned(self, kind: str, *, exclude_countries: Iterable[str] = (),
                       at_least: int = 1, outside: Iterable[tuple[int, int]] = ()
                       ) -> Region | None:
        """The most-mentioned admin-1 unit, town ("city") or country of the article (literal
        mentions; for countries also metonyms and adjectives, "Malian"), ties broken by the
        first mention; None if it is mentioned fewer than `at_least` times. Mentions of the
        text inside the character ranges `outside` do not count."""
        excluded, spans = set(exclude_countries), list(outside)
        votes: Counter = Counter()
        first: dict[str, tuple[int, Place, str]] = {}
        for order, m in enumerate([*self.title, *self.body]):
            if m.place is None or (m.role == "adjectival" and kind == "admin1") or (
                    m.field == "text" and any(a <= m.start < b for a, b in spans)):
                continue
            if kind == "city":
                if m.place.feature != "city" or m.role != "literal" or m.reason == "dateline":
                    continue
                place = m.place
            elif kind == "admin1":
                if m.reason == "dateline":
                    continue
                if self._feature(m) != "admin1" or m.role != "literal":
                    continue
                place = m.place if m.place.feature == "admin1" else self._coded(m.place.admin1)
            else:
                if m.place.feature != "country" or m.place.country in excluded:
                    continue
                if m.field == "text" and self.doc is not None and acts(self.doc, m):
                    continue  # "the territory Russia seized": who acts, not where
                place = m.place
            if place is None:
                continue
            votes[place.key] += 1
            first.setdefault(place.key, (order, place, m.surface))
        if not votes:
            return None
        key = max(votes, key=lambda k: (votes[k], -first[k][0]))
        if votes[key] < at_least:
            return None
        return self.region_of_place(first[key][1], first[key][2])

    # -- private -----------------------------------------------------------------------------

    def _feature(self, m: Mention) -> str | None:
        if m.place is None:
            return None
        if m.place.feature == "admin1":
            return "admin1"
        if m.place.feature in ("city", "admin2") and m.place.admin1:
            return "admin1" if followed_by_admin_word(m) else "city"
        return m.place.feature

    def _unit_named(self, name: str, place: Place) -> Place | None:
        """"The Kyiv region": of two units named so, not the city's own (Kyiv City, Moscow,
        Minsk) but the one around it (Kyiv Oblast); None where there is no other."""
        if self.gaz is None or not place.admin1:
            return None
        try:
            cands = [c.place for c in self.gaz.candidates(name) if c.place.country == place.country]
        except GazetteerError:
            return None
        city_units = {p.admin1 for p in cands if p.feature == "city"}
        if place.admin1 not in city_units:
            return None
        others = [p for p in cands if p.feature == "admin1" and p.admin1 and
                  p.admin1 not in city_units]
        return max(others, key=lambda p: p.population) if others else None

    def _coded(self, code: str | None) -> Place | None:
        """The country or admin-1 unit with this ISO 3166 code, or None."""
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
