"""Who a name in a claim sentence is: an armed side that can take ground ("Russian forces",
"the RSF", "the Wagner group"), a titled person ("Officer John Hege"), or a police story's
suspect; and the side that claims a capture for itself ("Russia claimed the capture of X").
Read by the argument, place and actor rules alike.
"""

from __future__ import annotations

from geo.claims.lexicon import ARMED_ADJECTIVES, PRONOUNS, TITLE_WORDS
from geo.claims.parse import has_word
from geo.claims.syntax import clauses_above, subject_of
from geo.claims.triggers import lemma_of

__all__ = ["claiming_side", "is_armed", "is_titled", "police_story"]

_POLICE = frozenset("""
police policeman officers deputies sheriff arrested arrest manhunt suspect custody jail prison
hospital charged detained inmate
""".split())


_ARMED = frozenset("""
force forces troop troops army military unit units soldier soldiers fighter fighters rebel
rebels militant militants militia militias insurgent insurgents jihadist jihadists guerrilla
guerrillas brigade battalion regiment division defender defenders marine marines paratrooper junta
terrorist terrorists gunmen gangs
""".split())


def is_armed(tok) -> bool:
    """An armed actor ("Russian forces", "the RSF", "Ukraine") rather than civilians."""
    if tok is None:
        return False
    if tok.lower_ in PRONOUNS:  # "Ukraine's military says it has withdrawn"
        subj = subject_of(clauses_above(tok)[-1])
        if subj is not None and subj != tok and subj.lower_ not in PRONOUNS and is_armed(subj):
            return True
        return tok.lower_ == "they" and is_armed(_plural_subject_before(tok))
    if tok.lemma_.lower() in _ARMED or tok.lower_ in _ARMED:
        return True
    if tok.lemma_.lower() in ("group", "groups") and any(
            c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.lower_ in
                                                 ARMED_ADJECTIVES)
            for c in tok.children):
        return True  # "the Wagner group", "the armed group"; not "a group of residents"
    named = ("GPE", "ORG", "NORP")
    return tok.pos_ == "PROPN" and (tok.ent_type_ in named or any(
        c.dep_ == "compound" and c.ent_type_ in named for c in tok.children))  # Islamic State


def _plural_subject_before(pronoun):
    """"Soldiers who were encircled could not do anything, and they have left the city": the
    last plural subject before "they" in its sentence (the parser may hang the pronoun's
    clause under another, so the clauses above do not reach it)."""
    for tok in reversed(pronoun.sent[:pronoun.i - pronoun.sent.start]):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ in ("NNS", "NNPS"):
            return tok
    return None


def is_titled(run) -> bool:
    """"Officer John Hege": a name with a title before it is a person."""
    first = run[0]
    before = first.doc[first.i - 1] if first.i > 0 else None
    words = [*run[:-1], *([before] if before is not None else [])]
    return any(t.lower_.rstrip(".") in TITLE_WORDS for t in words)


def police_story(sent) -> bool:
    return has_word(sent, _POLICE)  # asked for every claim: by ids, not a Token per word


def claiming_side(trigger):
    """"Russia claimed the capture of Ocheretyne", "the army announced the liberation of X":
    a side that claims a capture with no taker of its own claims it for itself (not a
    spokesman who "confirmed the capture": a person is no side)."""
    if trigger.pos_ != "NOUN" or trigger.dep_ != "dobj" or lemma_of(trigger.head) not in (
            "claim", "announce", "confirm", "report", "declare"):
        return None
    subj = subject_of(trigger.head)
    return subj if subj is not None and is_armed(subj) else None
