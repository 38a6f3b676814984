"""Ground "in the hands" of a side: "It remained in rebel hands", "Kidal is in the hands of
the rebels", "With Kidal back in government hands, ..."; the holder is read by
`geo.claims.arguments.actor_token` (the adjective, possessive or "of" phrase of "hands")."""

from __future__ import annotations

from geo.claims.placelike import is_placelike
from geo.claims.syntax import subject_of
from geo.claims.triggers import lemma_of

__all__ = ["hands_argument"]


def hands_argument(noun):
    """(noun, place, False) for "hands" (the object of "in") that a place is in: the subject
    of "is", "remains" or "stays" ("in Ukrainian hands" as a state of the place, not "fell
    into"), or the object of an absolute "with" ("With Zalembessa back in Ethiopia's hands,
    Eritrea has lost ..."); else None."""
    verb = noun.head.head
    verb = verb.head if verb.pos_ == "ADV" else verb  # "was back in government hands"
    if verb.lower_ == "with" or (verb.dep_ == "pobj" and verb.head.lower_ == "with"):
        with_ = verb if verb.lower_ == "with" else verb.head
        place = next((c for c in with_.children if c.dep_ == "pobj"), None)
        return (noun, place, False) if place is not None and \
            is_placelike(place, strict=True) else None
    if verb.pos_ not in ("AUX", "VERB") or lemma_of(verb) not in ("be", "remain", "stay"):
        return None
    subj = subject_of(verb)
    return (noun, subj, False) if subj is not None and is_placelike(subj, strict=True) else None
