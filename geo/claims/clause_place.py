"""The place of a clause a control phrase names none of its own in: "Rebels entered Homs ...
taking control of some districts", "staged an attack at Mocimboa da Praia, before taking
control": the districts taken are the named town's, the control taken is of it.
"""

from __future__ import annotations

from geo.claims.lexicon import PART_NOUNS, PLACE_TYPE_NOUNS
from geo.claims.placelike import is_placelike

__all__ = ["place_of_clause", "unnamed_parts"]

# Prepositions after the clause's verb (or its object) that say where it happened.
_WHERE = frozenset({"at", "in", "into", "on"})


def unnamed_parts(obj) -> bool:
    """"some districts", "several neighbourhoods", "parts": ground of a place the phrase does
    not name, with no count of its own (a count is a quantity claim)."""
    lemma = obj.lemma_.lower()
    return ((lemma in PLACE_TYPE_NOUNS and obj.tag_ in ("NNS", "NNPS")) or
            obj.lower_ in PART_NOUNS) and not any(
        c.dep_ in ("nummod", "prep", "compound", "poss") or (
            c.dep_ == "amod" and c.lower_ not in _VAGUE) for c in obj.children)


_VAGUE = frozenset({"several", "many", "few", "various", "other", "more", "key"})


def place_of_clause(control):
    """The named place of the clause a "taking control" hangs from as a participle, a
    conjoined verb or after "before"/"after": the earlier verb's object or the place it
    happened at; None if there is none (or the phrase is no such clause)."""
    taking = control.head
    if control.dep_ != "dobj" or taking.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in ("neg", "nsubj") and (c.dep_ == "neg" or any(
            d.lower_ in ("neither", "no") for d in c.children)) for c in taking.children):
        return None  # "with neither side taking control"
    if taking.dep_ == "pcomp":
        if taking.head.lower_ not in ("before", "after"):
            return None  # not "without taking control"
        clause = taking.head.head  # "before taking control": the verb "before" is on
    elif taking.dep_ in ("advcl", "conj", "xcomp") and taking.tag_ in ("VBG", "VBD", "VBN"):
        clause = taking.head
    else:
        return None
    if clause.pos_ not in ("VERB", "AUX") or clause.i > taking.i:
        return None
    for tok in (clause, *(c for c in clause.children if c.dep_ == "dobj")):
        for child in tok.children:
            if child.dep_ == "dobj" and child.pos_ == "PROPN" and is_placelike(child, strict=True):
                return child  # "entered Homs"
            if child.dep_ == "prep" and child.lower_ in _WHERE:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ == "PROPN" and \
                            is_placelike(obj, strict=True):
                        return obj  # "an attack at Mocimboa da Praia"
    return None
