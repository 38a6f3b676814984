"""What an anaphoric noun phrase may stand for: "the region" an oblast or a region like the
Donbas, "the country" a country, "the city" a town, "the capital" the national capital; None
when the phrase names its place itself ("the city of Pokrovsk")."""

from __future__ import annotations

from geo.claims.lexicon import CITY_NOUNS, COUNTRY_NOUNS, REGION_NOUNS
from geo.claims.phrases import is_name
from geo.claims.places import Places
from geo.claims.region_names import Region, strip_qualifier_words

__all__ = ["CAPITAL", "anaphor_kinds", "capital_of"]

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
            c.dep_ in ("amod", "compound") and c.lower_ != "national" for c in head.children):
        return (CAPITAL,)  # "the capital", not "the regional capital"
    if lemma in ("territory", "land", "area") and dets & {"its", "the", "this"}:
        return ("admin1", "city", "region", "country")
    return None


def capital_of(places: Places, noun, region: Region | None) -> Region | None:
    """"the provincial capital of Kunduz province": the unit's town of its own name (most
    provinces are named for their capital), for "capital" of an admin-1 unit; `region`
    itself otherwise, or where the unit has no such town ("the capital of Tigray")."""
    if region is None or noun.lemma_.lower() != "capital" or region.feature != "admin1":
        return region
    town = places.lookup(strip_qualifier_words(region.name), start=region.start)
    return town if town.feature == "city" and town.country == region.country else region
