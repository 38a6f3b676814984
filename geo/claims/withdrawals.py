"""Nominal withdrawals: "the withdrawal of troops from Lyman", "Russia's retreat from Kherson",
"the army completed its pullout from the town of X". By the README's convention a withdrawal
is `lost`, with the side that withdrew as actor (`geo.claims.arguments.actor_token` reads it
from "of troops" or the possessive).
"""

from __future__ import annotations

from geo.claims.arguments import actor_token, is_armed, is_placelike
from geo.claims.lexicon import (
    INTENT_WORDS,
    PRONOUNS,
    UNDONE_WITHDRAWAL_VERBS,
    WITHDRAWAL_NOUNS,
)
from geo.claims.people import object_of, subject_of
from geo.claims.triggers import lemma_of

__all__ = ["withdrawal_argument"]


def withdrawal_argument(noun):
    """"the withdrawal of troops from Lyman", "Russia's retreat from Kherson": the place left
    by an armed side; not one called for or talked about ("called for the withdrawal of")."""
    if noun.pos_ != "NOUN" or lemma_of(noun) not in WITHDRAWAL_NOUNS:
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if lemma_of(verb) in UNDONE_WITHDRAWAL_VERBS | INTENT_WORDS or any(
            c.dep_ == "amod" and c.lower_ in ("planned", "proposed", "possible", "full")
            for c in noun.children):
        return None
    side = actor_token(noun)
    if side is not None and side.lower_ in PRONOUNS and side.dep_ == "poss":
        side = subject_of(verb)  # "the army completed its pullout": the army's
    if side is not None and not is_armed(side):
        return None  # "the withdrawal of diplomats from Moscow"
    frm = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    obj = object_of(frm) if frm is not None else None
    return (noun, obj, False) if obj is not None and is_placelike(obj, strict=True) else None
