"""Footholds: "the junta maintained positions in nearby towns", "Ukrainian troops still hold
positions in the city", "established a bridgehead in Krynky". A side with positions or a
foothold in a place holds it (the `holds` action of ../shared/claims/README.md), though the
verb ("maintain", "keep", "have") takes or keeps nothing on its own.
"""

from __future__ import annotations

from geo.claims.arguments import actor_token, enumerated_places, is_armed, is_placelike
from geo.claims.lexicon import FOOTHOLD_NOUNS, FOOTHOLD_VERBS, PLACE_TYPE_NOUNS
from geo.claims.people import object_of
from geo.claims.triggers import lemma_of

__all__ = ["foothold_argument"]


def foothold_argument(verb):
    """(verb, place, False) when an armed side's `verb` holds positions or a foothold "in" a
    place, else None.

    The place may hang on the noun ("positions in X") or on the verb ("kept positions there
    in X"); only a place a name or a place noun stands for counts ("positions in the south"
    names none)."""
    if verb.pos_ not in ("VERB", "AUX") or lemma_of(verb) not in FOOTHOLD_VERBS:
        return None
    nouns = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in FOOTHOLD_NOUNS]
    if not nouns or not is_armed(actor_token(verb)):
        return None
    for owner in (nouns[0], verb):
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "inside", "within"):
                obj = object_of(prep)
                if obj is not None and (is_placelike(obj) or (
                        obj.lemma_.lower() in PLACE_TYPE_NOUNS and enumerated_places(obj))):
                    return verb, obj, False  # "positions in towns such as A and B": listed
    return None
