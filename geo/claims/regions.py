"""Where a claim is: the place a share is "of", the places it is "in", the sentence, the article.

`RegionFinder` applies, in order: the object of the share ("86% of the land ..." → what "the
land" refers to; "80% of Vovchansk"), places the trigger locates it in ("in the Kursk region",
"towards Dobropillia" → "Dobropillia direction"), any place of the sentence outside the actor's
and claimant's words, and then the article: the whole country for "the entire frontline", the
previous claim of the paragraph, the most-mentioned admin-1 unit, the most-mentioned country.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from geo.claims.anaphors import (
    CAPITAL,
    anaphor_kinds,
    anaphor_place,
    capital_before,
    capital_of,
    country_before,
    indefinite_town,
)
from geo.claims.counts import included_spans
from geo.claims.demonyms import demonym_region
from geo.claims.frames import outside_frame
from geo.claims.governors import object_read_as_subject
from geo.claims.lexicon import (
    ADMIN1_WORDS,
    LOCATIVE_PREPS,
    PART_NOUNS,
    PLACE_TYPE_NOUNS,
    SECTOR_WORDS,
    WHOLE_FRONT,
)
from geo.claims.parse import Sentences, span_text
from geo.claims.phrases import is_name, phrase_text, proper_run, relative_antecedent, river_side
from geo.claims.placelike import bare_compass, compass_region
from geo.claims.places import Places
from geo.claims.region_names import COMPASS, Region, compass_of, compass_part, sector_named
from geo.claims.syntax import in_phrase_name, object_of, whole_of_part
from geo.claims.unnamed import town_named_before

__all__ = ["RegionFinder"]

_NOT_PLACES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL",
                         "ORDINAL", "EVENT", "LAW", "LANGUAGE", "WORK_OF_ART"})


class RegionFinder:
    """Regions for the claims of one parsed article (see the module docstring)."""

    def __init__(self, doc, places: Places, sents: Sequence) -> None:
        self.doc = doc
        self.places = places
        self.sents = sents if isinstance(sents, Sentences) else Sentences(sents)
        self.last_object: Region | None = None

    def of_object(self, tok, *, unit: bool = False) -> Region | None:
        """The place a taken, held or lost noun phrase names ("the village of X", "it");
        `unit`: a name listed as an admin-1 unit."""
        lower = tok.lower_
        if lower == "it":
            # Only a place taken or held just before ("captured Kupiansk ... liberated it"),
            # or a town named earlier in its sentence ("Mariupol ... before it was captured").
            if self.last_object is not None and self.last_object.start >= \
                    self._previous_sentence_start(tok):
                return self.last_object
            return self.places.last_before(tok.idx, ("city", "admin1", "region"),
                                           after=tok.sent.start_char) or \
                town_named_before(self.places, tok, self.sents, proper_run)
        antecedent = relative_antecedent(tok)
        if antecedent is not None:
            return self.of_object(_located_town(antecedent))
        if bare_compass(tok):  # "the north": of the country named last before it
            return compass_region(tok, self._anaphor(tok, ("country",)))
        if (lower in PART_NOUNS and tok.pos_ != "PROPN") or river_side(tok):
            whole = whole_of_part(tok)  # "the outskirts of Rubizhne": the whole; not a
            return self.of_object(whole) if whole is not None else None  # "Rutshuru Centre"
        covering = self.places.mentions_over(tok.idx, tok.idx + len(tok))
        if covering and covering[0].role != "adjectival":
            region = self.places.region_of(self.doc, covering[0], unit=unit)
            self.last_object = region
            return region
        if tok.lemma_.lower() in PLACE_TYPE_NOUNS:
            names = [c for c in tok.children if c.pos_ == "PROPN" and c.dep_ in (
                "compound", "nmod", "amod")]
            names += [c for n in names for c in n.subtree if c.dep_ == "conj"]
            if len(names) > 1 and tok.tag_ in ("NNS", "NNPS"):
                # "the Amhara and Afar regions": one claim about several regions, joined.
                joined = self.places.joined_at(names[0].idx)
                if joined is not None:
                    return joined
                words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ != "det"]
                return Region(phrase_text(words), feature="region", start=words[0].idx)
            # "The Kursk town of Sudzha" is Sudzha, "Tigray's capital, Mekelle" Mekelle; else
            # the name nearest the noun first: "Damascus' Eastern Ghouta suburb" is Eastern
            # Ghouta, in Damascus.
            for child in sorted(tok.children, key=lambda c: (
                    not (c.dep_ == "prep" and c.lower_ == "of"), c.dep_ != "appos",
                    abs(c.i - tok.i))):
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj" and is_name(obj):
                            return capital_of(self.places, tok, self.of_object(obj))
                    # "the village of Piatykhatky, Ukraine's southern command reported": the
                    # parser took the reporter for the object; the name right after "of" is.
                    nxt = self.doc[child.i + 1] if child.i + 1 < len(self.doc) else None
                    if nxt is not None and nxt.pos_ == "PROPN" and \
                            self.places.mentions_over(nxt.idx, nxt.idx + len(nxt)):
                        return capital_of(self.places, tok, self.of_object(nxt))
                if child.pos_ == "PROPN" and child.dep_ in ("appos", "npadvmod", "compound",
                                                            "nmod", "poss"):  # "X province"
                    return self.of_object(child, unit=child.dep_ == "compound" and
                                          tok.lower_ in ADMIN1_WORDS)
            within = in_phrase_name(tok)  # "several towns in South Kivu": South Kivu
            if within is not None:  # ("a city in eastern Congo" the next sentence may name)
                return indefinite_town(self.places, tok, self.sents) or self.of_object(within)
            owned = demonym_region(tok, self.places)  # "southern Lebanese villages"
            if owned is not None:
                return owned
            if found := anaphor_place(self.places, tok, self.sents, self.last_object):
                self.last_object = found  # "a village ... losing it": "it" is that town
            return found
        region = self._named(tok, unit=unit)
        if region is not None:
            self.last_object = region
        return region

    def _counted_in(self, qhead) -> list[Region]:
        """The place named before a counted noun ("11 Donetsk villages", "five Darfur state
        capitals"): its admin-1 unit when one is so named, else the place it names."""
        out = []
        for c in qhead.children:
            if c.i < qhead.i and c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN":
                unit = self.places.lookup(phrase_text(proper_run(c)), start=c.idx, unit=True)
                named = unit if unit.feature == "admin1" else self._named(c, gazetteer_only=True)
                out += [named] if named is not None else []
        return out

    def _previous_sentence_start(self, tok) -> int:
        n = self.sents.starting_by_char(tok.idx)
        return self.sents[n - 2].start_char if n > 1 else 0

    def near(self, sent) -> Region | None:
        """The first place of a sentence or, failing that, of the next one."""
        i = self.sents.index_of(sent.start)
        i = i if i is not None and self.sents[i].start == sent.start else None
        for s in ([sent] if i is None else self.sents[i:i + 2]):
            region = self.places.region_in(s)
            if region is not None:
                return region
        return None

    def for_quantity(self, trigger, qhead, skip: list[tuple[int, int]], *,
                     previous: Region | None, actor_countries: set[str],
                     action: str, facility: bool = False,
                     taker_is_country: bool = False) -> Region | None:
        """The region of a claim at `trigger` (with quantity head `qhead`, or None); see
        `_locate`. A country found for a claim said to be "in the south" becomes "southern
        Ukraine"."""
        region = self._locate(trigger, qhead, skip, previous=previous,
                              actor_countries=actor_countries, action=action,
                              facility=facility, taker_is_country=taker_is_country)
        part = compass_part(qhead)
        sides = part or self._compass(trigger, qhead)
        sent = trigger.sent
        from_context = region is not None and not sent.start_char <= region.start < sent.end_char
        if sides and (from_context or part) and region.feature == "country" and \
                region.name.split(" ")[0].lower() not in COMPASS.values():
            return replace(region, name=f"{sides} {region.name}")
        return region

    def _compass(self, trigger, qhead) -> str | None:
        """"recaptured 370 km² in the south": "southern"."""
        for tok in self._anchors(trigger, qhead):
            for child in tok.children:
                if child.dep_ != "prep" or child.lower_ != "in":
                    continue
                obj = object_of(child)
                if obj is not None and obj.lower_ in COMPASS and not any(
                        c.dep_ == "prep" for c in obj.children):
                    sides = [obj.lower_] + [c.lower_ for c in obj.children
                                            if c.dep_ == "conj" and c.lower_ in COMPASS]
                    return " and ".join(COMPASS[s] for s in sides)
        return None

    def _locate(self, trigger, qhead, skip: list[tuple[int, int]], *,
                previous: Region | None, actor_countries: set[str],
                action: str, facility: bool = False,
                taker_is_country: bool = False) -> Region | None:
        """The region of a claim at `trigger` (with quantity head `qhead`, or None).

        A place named in what the share is "of" comes first; then a place the claim is
        located "in" (a town before a country); then what an anaphor in either stands for
        ("86% of the land ..." → the region talked about); then the rest of the sentence;
        then the article (see the module docstring). Ground regained or liberated is the
        actor's own country when nothing else says where; ground captured is not.
        """
        sent = trigger.sent
        whole: list[list] = []
        if qhead is not None:
            whole = [list(c.subtree) for c in qhead.children
                     if c.dep_ == "prep" and c.lower_ in ("of", "out")]
            if not whole and qhead.dep_ in ("nummod", "predet", "quantmod", "det"):
                whole = [[t for t in qhead.head.subtree if t != qhead]]  # "half the country"
            if object_read_as_subject(qhead) == trigger:  # "of the land Ukraine seized in X":
                whole = [[t for t in ts if "appos" not in (t.dep_, t.head.dep_)] for ts in whole]
                whole.append([t for t in qhead.head.subtree if t not in qhead.subtree])
        of_named: list[Region] = []
        of_anaphors: list[Region] = []
        for tokens in whole:
            named, anaphors = self._candidates(tokens, skip, lookup=True)
            of_named += named
            of_anaphors += anaphors
        if qhead is not None and not of_named:
            of_named = self._counted_in(qhead)
        in_named: list[Region] = []
        in_anaphors: list[Region] = []
        for tok in self._anchors(trigger, qhead):
            for child in tok.children:
                if child.dep_ == "advmod" and child.lower_ == "there":
                    found = self._anaphor(child, ("admin1", "city", "country"))
                    in_anaphors += [found] if found is not None else []
                if child.dep_ == "prep" and (child.lower_ in LOCATIVE_PREPS - {"of"} or
                                             compass_of(child)):
                    sector = child.lower_ in ("towards", "toward")
                    named, anaphors = self._candidates(list(child.subtree), skip, lookup=True,
                                                       sector=sector)
                    in_named += named
                    in_anaphors += anaphors
        taking = action in ("captured", "advanced", "controls", "holds")
        excluded = actor_countries if taking else set()
        # "Russia occupied 18 percent of the country": the country "the country" stands for
        # is not the one that takes or holds part of it (but "Myanmar's regime controls 100
        # of the country's towns": a regime may hold its own).
        unlike = excluded if action in ("captured", "advanced") or taker_is_country else set()
        of_anaphors = _not_countries_of(of_anaphors, unlike)
        in_anaphors = _not_countries_of(in_anaphors, unlike)
        local = [r for r in in_named if r.feature != "country"]
        if local and qhead is not None and qhead.lower_ not in ("%", "percent", "per") and \
                all(r.feature == "country" for r in of_named):
            # "2,400 dunums of Palestinian land in the occupied West Bank": an area's country
            # says less than where it lies (a share stays a share of what it is "of").
            of_named = []
        for group in (of_named, local, of_anaphors, in_anaphors, in_named):
            if group:
                return _most_specific(group)
        frame = outside_frame(trigger)
        named, anaphors = self._candidates(frame, skip, lookup=False)
        anaphors = _not_countries_of(anaphors, unlike)
        if facility:
            named = [r for r in named if r.feature != "country"] or named
        local = [r for r in named if r.feature != "country"]
        for group in (local, anaphors, named):
            if group:
                return _most_specific(group)
        # A town the geoparser missed ("are beginning to encircle Bakhmut", tagged as an
        # organisation), known to the gazetteer in a country the article names.
        countries = self.places.countries()
        named = [r for r in self._candidates(frame, skip, lookup=True)[0]
                 if r.key is not None and r.country in countries]
        if named:
            return named[0]
        text = span_text(sent).lower()
        if any(cue in text for cue in WHOLE_FRONT):
            found = self.places.most_mentioned("country", exclude_countries=excluded)
            if found is not None:
                return found
        if previous is not None:
            return previous
        found = self.places.most_mentioned("admin1", outside=included_spans(qhead))
        if found is not None:
            return found
        if action in ("regained", "liberated") and len(actor_countries) == 1:
            found = self.places.country(next(iter(actor_countries)))
            if found is not None:
                return found
        return self.places.most_mentioned("country", exclude_countries=excluded)

    # -- private -----------------------------------------------------------------------------

    def _anchors(self, trigger, qhead) -> list:
        """The quantity, the trigger, and the verbs the trigger hangs from ("lost" in "captured
        X but lost Y" also reads "captured"'s places)."""
        out = [t for t in (qhead, trigger) if t is not None]
        tok = trigger
        while tok.dep_ in ("conj", "pobj", "dobj", "prep", "xcomp") and tok.head != tok:
            tok = tok.head
            out.append(tok)
        return out

    def _candidates(self, tokens: list, skip, *, lookup: bool,
                    sector: bool = False) -> tuple[list[Region], list[Region]]:
        """The places among `tokens`, in text order: those named (mentions; with `lookup`
        also "the town of X" and proper nouns the geoparser left unresolved) and those an
        anaphor stands for ("the region", "its land")."""
        if not tokens:
            return [], []
        tokens = sorted(tokens, key=lambda t: t.i)
        named = self.places.regions_in(tokens, skip=skip)
        anaphors: list[Region] = []
        for tok in tokens:
            if any(a <= tok.idx < b for a, b in skip):
                continue
            kinds = anaphor_kinds(tok) if tok.pos_ in ("NOUN", "ADV") else None
            region = self._anaphor(tok, kinds) if kinds else None
            if region is not None:
                anaphors.append(_at(region, tok.idx))
            elif tok.lemma_.lower() in SECTOR_WORDS and tok.pos_ == "NOUN":
                region = sector_named(tok)  # "the Kurakhove direction", the town unresolved
                if region is not None and not any(
                        region.start <= r.start <= tok.idx for r in named):
                    named.append(region)
            elif lookup and tok.lemma_.lower() in PLACE_TYPE_NOUNS and any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                region = self.of_object(tok)  # "the town of Chasiv Yar"
                if region is not None and all(r.start != region.start for r in named):
                    named.append(_at(region, tok.idx))
            elif lookup and tok.pos_ == "PROPN" and (tok.dep_ != "compound" or (
                    tok.head.lower_ in ADMIN1_WORDS | {"district"})) and \
                    tok.ent_type_ not in _NOT_PLACES and \
                    not self.places.named(tok.idx, tok.idx + len(tok)):
                region = self._named(tok, gazetteer_only=True)  # also "the Manbij region"
                if region is not None:
                    named.append(_at(region, tok.idx))
        named.sort(key=lambda r: r.start)
        if sector:
            named = [Region(f"{r.name} direction", feature="sector", country=r.country,
                            start=r.start) if r.feature in ("city", "admin2", None) else r
                     for r in named]
        return named, anaphors

    def _anaphor(self, tok, kinds) -> Region | None:
        if kinds == (CAPITAL,):
            return capital_before(self.places, tok.idx)
        found = self.places.last_before(tok.sent.start_char if tok.lower_ == "there"
                                        else tok.idx, kinds)
        if found is None and kinds == ("country",):
            found = country_before(self.places, self.sents, tok)
        return found

    def _named(self, tok, *, gazetteer_only: bool = False, unit: bool = False) -> Region | None:
        """The place a proper noun names: its mention, else a gazetteer match, else (unless
        `gazetteer_only`) the name as written ("Maiorsk")."""
        run = proper_run(tok)
        start, end = run[0].idx, run[-1].idx + len(run[-1])
        joined = self.places.joined_at(start)
        if joined is not None:
            return joined
        mentions = self.places.mentions_in(start, end)
        whole = phrase_text(run)
        if mentions and not ("-" in whole and mentions[0].end - mentions[0].start < len(whole)):
            return self.places.region_of(self.doc, mentions[0], unit=unit)
        region = self.places.lookup(whole, start=start, strict=gazetteer_only, unit=unit)
        if region.key is None and gazetteer_only:
            return None
        return region


def _not_countries_of(regions: list[Region], countries: set[str]) -> list[Region]:
    """The regions an anaphor stands for, less the countries of the side that takes."""
    return [r for r in regions if r.feature != "country" or r.country not in countries]


def _most_specific(found: list[Region]) -> Region:
    """The first region, or for "Russia's Kursk region" the part named within the country."""
    first = found[0]
    if first.feature == "country":
        inner = [r for r in found[1:] if r.country == first.country and r.feature != "country"]
        if inner:
            return inner[0]
    return first


def _located_town(antecedent):
    """What "which" stands for after "Lyman in Donetsk Oblast, which ...": the town the unit
    locates, not the unit (the small parser hangs the clause on the nearer noun)."""
    prep = antecedent.head
    if antecedent.dep_ == "appos" and antecedent.lemma_ in ADMIN1_WORDS and prep.pos_ == "PROPN":
        return prep  # "Nyala, South Darfur state, which is controlled by the RSF"
    if antecedent.dep_ != "pobj" or prep.lower_ != "in" or prep.i == 0:
        return antecedent
    doc = antecedent.doc  # also "X, in Y province, which"
    before = doc[prep.i - 2] if doc[prep.i - 1].text == "," and prep.i > 1 else doc[prep.i - 1]
    return before if before.pos_ == "PROPN" else antecedent


def _at(region: Region, start: int) -> Region:
    return replace(region, start=start)
