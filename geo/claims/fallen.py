"""A share that fell or came to someone: "50% of the Artibonite region had fallen under gang
control", "half of the province came under rebel control", "a third of the district fell to
the Taliban", "two districts fell into the hands of the Taliban". "Fall" is also a change
verb ("the rate fell to 9%"), so only a fall to an armed side, into its hands or under its
control governs the share.
"""

from __future__ import annotations

from geo.claims.armed import is_armed
from geo.claims.lexicon import CAME_UNDER, UNDER_NOUNS
from geo.claims.syntax import fell_into_hands_of, object_of
from geo.claims.triggers import lemma_of

__all__ = ["fallen_governor"]


def fallen_governor(verb, cur):
    """The trigger for a quantity `cur` that is the subject of "fell"/"came": the control
    noun of "under X control" (its action is `captured`, `geo.claims.triggers`), or the verb
    itself for "fell to" an armed side; None otherwise."""
    if cur.dep_ != "nsubj" or lemma_of(verb) not in CAME_UNDER:
        return None
    if lemma_of(verb) == "fall" and is_armed(fell_into_hands_of(verb)):
        return verb  # "two districts had fallen into the hands of the Taliban"
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        obj = object_of(prep)
        if obj is None:
            continue
        if prep.lower_ == "under" and obj.lemma_.lower() in UNDER_NOUNS | {"control"}:
            return obj
        if prep.lower_ == "to" and lemma_of(verb) == "fall" and is_armed(obj):
            return verb
    return None
