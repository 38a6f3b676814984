"""Whether a word can name a place a claim is about: a proper noun, "the city of X", "it"
(a place taken before), "the north" (of the country named before); and what such a bare
compass part stands for.
"""

from __future__ import annotations

from dataclasses import replace

from geo.claims.lexicon import CITY_NOUNS, PART_NOUNS, PLACE_TYPE_NOUNS
from geo.claims.listed import enumerated_places
from geo.claims.phrases import is_measure, is_name, relative_antecedent, river_side
from geo.claims.region_names import COMPASS, Region
from geo.claims.syntax import in_phrase_name, whole_of_part
from geo.claims.triggers import has_particle_action, lemma_of

__all__ = ["bare_compass", "compass_region", "is_placelike"]


def is_placelike(tok, *, strict: bool = False) -> bool:
    """A token that can name a place: a proper noun, "the city of X", "it" (a place taken
    before), "which" (of a place); `strict` refuses pronouns other than "it"/"which"."""
    lemma = tok.lemma_.lower()
    if tok.lower_ in ("it", "which", "that"):
        if tok.lower_ != "it":
            antecedent = relative_antecedent(tok)
            return antecedent is not None and is_placelike(antecedent)
        # "liberated it", "have held it since", "took it back", never "taking it seriously"
        return lemma_of(tok.head) not in ("take", "have", "keep", "own") or \
            has_particle_action(tok.head)
    if tok.pos_ == "PRON":
        return False
    if tok.pos_ == "PROPN":
        # The small tagger calls many towns NORP ("Kidal", "Robotyne"): only dates and numbers
        # are ruled out here; demonyms are ruled out by the geoparser's adjectival mentions.
        return tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT") and \
            tok.lemma_.lower() not in ("forces", "army", "troops") and not is_measure(tok)
    if bare_compass(tok):
        return True  # "control the north": of the country the article is about
    if tok.lower_ in PART_NOUNS or river_side(tok):
        # "the outskirts of X", "the western part of the town", "the eastern bank of the Dnipro"
        whole = whole_of_part(tok)  # also "small portions within the city"
        return whole is not None and is_placelike(whole, strict=True)
    if lemma in PLACE_TYPE_NOUNS:
        if any(c.dep_ == "prep" and c.lower_ == "of" and any(is_name(o) or (  # "of X province"
                o.dep_ == "pobj" and o.lemma_.lower() in PLACE_TYPE_NOUNS and is_placelike(o))
                for o in c.children) for c in tok.children):
            return True
        if any(c.pos_ == "PROPN" and (c.dep_ in ("compound", "appos", "npadvmod", "nmod", "conj")
                                      or (c.dep_ == "poss" and lemma in CITY_NOUNS and
                                          tok.tag_ == "NN")) for c in tok.children):
            # "the town Avdiivka", "Omdurman's old city" (not "Syria's oil regions")
            return True
        if tok.tag_ in ("NNS", "NNPS") and enumerated_places(tok):
            return True  # "several towns, such as A and B"
        if in_phrase_name(tok) is not None:
            return True  # "several towns in South Kivu"
        if tok.tag_ == "NNS" and any(c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE")
                                     for c in tok.children):
            return True  # "southern Lebanese villages": in that country
        return any(c.dep_ in ("det", "predet") and c.lower_ in ("the", "this", "a", "both", "these")
                   for c in tok.children) and \
            lemma in ("city", "town", "village", "settlement", "capital")  # "the capital":
        # the national capital (`geo.claims.anaphors`)
    return False


def bare_compass(tok) -> bool:
    """"the north", "the whole of the northeast": a compass part named with "the" and no
    place after it, so of the country named before (`geo.claims.regions`); also places of
    that part named by no name of their own ("other northern cities were retaken")."""
    if tok.tag_ == "NNS" and tok.lemma_.lower() in PLACE_TYPE_NOUNS:
        return _compass_side(tok) is not None and not any(
            c.dep_ in ("compound", "poss", "prep", "appos", "nmod", "acl", "relcl") or
            c.ent_type_ in ("NORP", "GPE") for c in tok.children)
    return tok.lower_ in COMPASS and tok.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
        c.dep_ == "prep" for c in tok.children) and not (
        tok.dep_ == "pobj" and tok.head.lower_ not in ("of", "from", "over"))  # "in the east"


def compass_region(tok, country: Region | None) -> Region | None:
    """"the north" (`bare_compass`) of `country`, the country named last before it: "northern
    Mali", coded as Mali; None where there is none, or where its sentence names the country
    as a side ("Russia has seized the east" is not of Russia)."""
    if country is None or _names_a_side(country, tok.sent):
        return None
    side = COMPASS.get(tok.lower_) or _compass_side(tok)
    return replace(country, name=f"{side} {country.name}", start=tok.idx)


def _compass_side(noun) -> str | None:
    """The compass adjective of a place noun ("northern" of "northern cities"), or None."""
    return next((c.lower_ for c in noun.children
                 if c.dep_ == "amod" and c.lower_ in COMPASS.values()), None)


def _names_a_side(region: Region, sent) -> bool:
    """Whether `region` is named in `sent` as a side: the subject of a verb or an owner
    ("Russia has seized", "Russia's army")."""
    if not sent.start_char <= region.start < sent.end_char:
        return False
    tok = next((t for t in sent if t.idx == region.start), None)
    return tok is not None and (tok.dep_ in ("nsubj", "nsubjpass", "poss") or (
        tok.dep_ == "compound" and tok.head.dep_ in ("nsubj", "nsubjpass", "poss")))
