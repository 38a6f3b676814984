"""What an anaphoric noun phrase may stand for: "the region" an oblast or a region like the
Donbas, "the country" a country, "the city" a town, "the capital" the national capital; None
when the phrase names its place itself ("the city of Pokrovsk")."""

from __future__ import annotations

from geo.claims.arguments import place_argument
from geo.claims.lexicon import CITY_NOUNS, COUNTRY_NOUNS, REGION_NOUNS
from geo.claims.parse import Sentences
from geo.claims.phrases import is_name, phrase_text, proper_run
from geo.claims.places import Places
from geo.claims.plausible import plausible_place
from geo.claims.region_names import Region, strip_qualifier_words
from geo.claims.unnamed import town_named_after, town_named_before
from geo.errors import GazetteerError
from geo.geoparse.nlp import parsed_at

__all__ = ["CAPITAL", "anaphor_kinds", "anaphor_place", "capital_before", "capital_of",
           "country_before", "indefinite_town", "national_capital"]

CAPITAL = "capital"  # the kind `anaphor_kinds` gives "the capital": the national capital


def anaphor_kinds(head) -> tuple[str, ...] | None:
    """What an anaphoric noun phrase may stand for, by its head ("the region" → admin-1), or
    None if the phrase names its place itself."""
    lemma = head.lemma_.lower()
    if any(c.pos_ == "PROPN" for c in head.children if c.dep_ in ("compound", "nmod", "poss")):
        return None
    if lemma == "there":
        return ("admin1", "city", "country")
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
    if not dets:
        return None
    if not dets & {"this", "that", "these", "those"} and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(
                is_name(o) or o.ent_type_ in ("GPE", "LOC") for o in c.subtree)
            for c in head.children):
        return None  # "the territory of pre-2014 Ukraine", "the city of Pokrovsk"
    if lemma in REGION_NOUNS:
        return ("admin1", "region")  # "the region": an oblast, or Darfur, the Donbas
    if lemma in COUNTRY_NOUNS:
        return ("country",)
    if lemma in CITY_NOUNS:
        return ("city",)
    if lemma == "capital" and dets & {"the", "its"} and not any(
            (c.dep_ in ("amod", "compound") and c.lower_ not in ("national", "entire", "whole"))
            or (c.dep_ == "prep" and c.lower_ == "of") for c in head.children):
        return (CAPITAL,)  # "the (entire) capital", not "the regional capital" nor "the
        # capital of the region"
    if lemma in ("territory", "land", "area") and dets & {"its", "the", "this"}:
        if any(c.dep_ == "amod" and c.lower_ == "national" for c in head.children):
            return ("country",)  # "a third of the national territory"
        return ("admin1", "city", "region", "country")
    return None


def country_before(places: Places, sents: Sentences, tok) -> Region | None:
    """What "the country" stands for where no country was named before it: a country's name
    the geoparser took for a person ("Mali has faced ... half of the country"), as the small
    model often does at a sentence's start; else the country of the latest first-level unit
    named ("Nyala, the capital of South Darfur ... the national territory": Sudan), never of
    a town, which may be where it was said ("Zelensky spoke in Brussels")."""
    first = sents[max(0, sents.starting_by(tok.i) - 2)].start
    for t in reversed(tok.doc[first:tok.i]):
        if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
            region = places.lookup(t.text, start=t.idx, strict=True)
            if region.feature == "country":
                return region
    place = places.last_before(tok.idx, ("admin1",))  # not a town: "spoke in Brussels"
    return places.country(place.country) if place is not None else None


def capital_before(places: Places, pos: int, *, named_only: bool = False) -> Region | None:
    """What "the capital" stands for at `pos`: the national capital of the country of the
    latest place named before it (a country first), else (unless `named_only`) of the
    most-mentioned country, which counts adjectives ("Sudanese")."""
    found = places.last_before(pos, ("country", "admin1", "city")) or (
        None if named_only else places.most_mentioned("country"))
    return national_capital(places, found.country, pos) if found and found.country else None


def national_capital(places: Places, country: str, start: int) -> Region | None:
    """The gazetteer's capital of `country` as a region named at `start`, or None."""
    if places.gaz is None:
        return None
    try:
        place = places.gaz.capital(country)
    except GazetteerError:
        return None
    return places.region_of_place(place, start=start) if place is not None else None


def capital_of(places: Places, noun, region: Region | None) -> Region | None:
    """"the provincial capital of Kunduz province": the unit's town of its own name (most
    provinces are named for their capital), for "capital" of an admin-1 unit; a country's
    national capital for "the capital of Ukraine"; `region`
    itself otherwise, or where the unit has no such town ("the capital of Tigray")."""
    if region is not None and noun.lemma_.lower() == "capital" and \
            region.feature == "country" and region.country:  # "the capital of Ukraine": Kyiv
        return national_capital(places, region.country, region.start) or region
    if region is None or noun.lemma_.lower() != "capital" or region.feature != "admin1":
        return region
    town = places.lookup(strip_qualifier_words(region.name), start=region.start)
    return town if town.feature == "city" and town.country == region.country else region


def anaphor_place(places: Places, tok, sents: Sentences, last: Region | None) -> Region | None:
    """The place an anaphoric noun (`anaphor_kinds`) stands for: "the capital" the national
    capital; "the city" the place taken just before (`last`) or the latest of its kind named
    before, else a town named in its sentence. "a city" names a new one, never one before:
    the town the next sentence makes its claim about ("M23 rebels took control of a city in
    eastern Congo ... 'Kanyabayonga has been in the hands of M23 since Friday'")."""
    kinds = anaphor_kinds(tok)
    if kinds == (CAPITAL,):  # of a country named before, never of an attacker's adjective
        return capital_before(places, tok.idx, named_only=True)  # ("Russian troops")
    if not kinds:
        return None
    if _indefinite(tok):
        return indefinite_town(places, tok, sents)
    found = last or places.last_before(tok.idx, kinds)
    if found is None and kinds == ("city",):
        # "the town" before any town is named (a passage without its lead, or a title's
        # town): one named in its sentence, else the article's town, named more than once.
        found = town_named_before(places, tok, sents, proper_run) or \
            town_named_after(places, tok, proper_run) or \
            places.most_mentioned("city", at_least=2)
    return found


def _indefinite(tok) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in tok.children)


def indefinite_town(places: Places, tok, sents: Sentences) -> Region | None:
    """For "a city", "a northwestern village" (not "the city"): the town the next sentence
    makes its claim about, a town the geoparser resolved; else None."""
    if not _indefinite(tok) or anaphor_kinds(tok) != ("city",):
        return None
    n = sents.index_of(tok.i)
    if n is None or n + 1 >= len(sents) or not parsed_at(tok.doc, sents[n + 1].start):
        return None
    for t in sents[n + 1]:
        found = place_argument(t)
        if found is None:
            continue
        place = found[1]
        covering = places.mentions_over(place.idx, place.idx + len(place))
        towns = [m for m in covering
                 if m.role == "literal" and m.place is not None and m.place.feature == "city"]
        if towns:
            return places.region_of(tok.doc, towns[0])
        if not covering and place.pos_ == "PROPN" and plausible_place(places, found[0], place):
            # a name the geoparser did not place ("captured Kfar Nabudah"): the town by name
            run = proper_run(place)
            return Region(phrase_text(run), start=run[0].idx)
        return None
    return None
