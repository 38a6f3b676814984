"""A side's presence in a place, kept or given up, where the word that says so takes or holds
nothing on its own:

* footholds: "the junta maintained positions in nearby towns", "Ukrainian troops still hold
  positions in the city", "established a bridgehead in Krynky". A side with positions or a
  foothold in a place holds it (the `holds` action of ../shared/claims/README.md);
* nominal withdrawals: "the withdrawal of troops from Lyman", "Russia's retreat from Kherson",
  "the army completed its pullout from the town of X". By the README's convention a withdrawal
  is `lost`, with the side that withdrew as actor (`geo.claims.arguments.actor_token` reads it
  from "of troops" or the possessive).
"""

from __future__ import annotations

from geo.claims.arguments import actor_token, control_argument, place_argument
from geo.claims.armed import is_armed
from geo.claims.lexicon import (
    CITY_NOUNS,
    FOOTHOLD_NOUNS,
    FOOTHOLD_VERBS,
    INTENT_WORDS,
    LEAVE_VERBS,
    PLACE_TYPE_NOUNS,
    PRONOUNS,
    UNDONE_WITHDRAWAL_VERBS,
    WITHDRAWAL_NOUNS,
)
from geo.claims.listed import enumerated_places
from geo.claims.phrases import noun_phrase, phrase_text
from geo.claims.placelike import is_placelike
from geo.claims.syntax import object_of, subject_of
from geo.claims.triggers import action_of, lemma_of

__all__ = [
    "advance_argument",
    "foothold_argument",
    "grip_argument",
    "held_out_argument",
    "left_behind",
    "presence_argument",
    "withdrawal_argument",
]


def presence_argument(tok):
    """(trigger, place, False) for a foothold, a nominal withdrawal, an advance into a place,
    a withdrawal from the place the clause above takes, or a grip on a place at `tok`, else
    None."""
    return foothold_argument(tok) or withdrawal_argument(tok) or advance_argument(tok) or \
        left_behind(tok) or grip_argument(tok) or held_out_argument(tok)


def held_out_argument(verb):
    """"Islamic State fighters are holding out in Sirte", "most of Sirte, where Islamic State
    is holding out": a side holding out holds the town (not "held out in the steelworks", nor
    "held out hope")."""
    if lemma_of(verb) != "hold" or not any(c.lower_ == "out" and c.dep_ in ("prt", "advmod")
                                           for c in verb.children) or any(
            c.dep_ == "dobj" for c in verb.children) or not is_armed(actor_token(verb)):
        return None
    if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        place = verb.head
    else:
        place = next((object_of(c) for c in verb.children if c.dep_ == "prep" and
                      c.lower_ == "in"), None)
    return (verb, place, False) if place is not None and (
        place.pos_ == "PROPN" or place.lemma_.lower() in CITY_NOUNS) and \
        is_placelike(place, strict=True) else None


# Verbs that keep a grip ("hold a firm grip on", "tightened its grip on").
_GRIP_VERBS = frozenset({"hold", "keep", "maintain", "tighten", "have", "strengthen",
                         "consolidate", "retain", "extend", "cement"})


def grip_argument(noun):
    """"armed groups still hold a firm grip on the town", "the Taliban tightened their grip on
    Kunduz": a side that keeps its grip on a place controls it; not "a grip on power"."""
    if noun.pos_ != "NOUN" or noun.lower_ not in ("grip", "stranglehold", "chokehold") or \
            noun.dep_ != "dobj" or lemma_of(noun.head) not in _GRIP_VERBS:
        return None
    on = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("on", "over")),
              None) or next((c for c in noun.head.children if c.dep_ == "prep" and
                             c.lower_ in ("on", "over") and c.i > noun.i), None)
    obj = object_of(on) if on is not None else None
    return (noun, obj, False) if obj is not None and is_placelike(obj, strict=True) else None


# Conjunctions of a clause of withdrawal that gives the time of a taking.
_WHEN = frozenset({"after", "when", "as", "once", "since"})


def left_behind(verb):
    """"The rebels took control of the town after the army withdrew": an armed side that
    withdraws, naming no place left ("withdrew to new positions" names none), in a clause of
    time on a taking of a place, leaves that place (`lost`, by the README's convention for
    withdrawals); not one that withdraws "from" a place of its own
    (`geo.claims.arguments.place_left`)."""
    if verb.dep_ != "advcl" or verb.pos_ != "VERB" or \
            lemma_of(verb) not in LEAVE_VERBS | {"leave"} or not any(
                c.dep_ == "mark" and c.lower_ in _WHEN for c in verb.children) or any(
                c.dep_ in ("dobj", "prt", "auxpass") or (
                    c.dep_ in ("prep", "advmod") and c.lower_ in _AWAY) for c in verb.children):
        return None
    leaver, taker = actor_token(verb), subject_of(verb.head)
    if not is_armed(leaver) or leaver.lower_ in PRONOUNS or (
            taker is not None and _words(leaver) == _words(taker)):
        return None  # "Ukrainian troops retook Robotyne after they withdrew": the same side
    place = _place_taken(verb.head)
    return (verb, place, False) if place is not None else None


def _words(noun) -> str:
    """A noun phrase's words, lower case ("Russian troops")."""
    return phrase_text(noun_phrase(noun)).lower()


def _place_taken(taking):
    """The place `taking` (a verb) captures, regains or liberates, or None."""
    held = place_argument(taking) or next(
        (control_argument(c) for c in taking.children if c.dep_ == "dobj" and
         c.lemma_.lower() == "control"), None)
    if held is None or action_of(held[0]) not in ("captured", "regained", "liberated"):
        return None
    return held[1]


# Words after a verb of leaving that name the place left ("withdrew from", "pulled out of"):
# a place of its own, or ground left that is not the place ("withdrew from two positions").
_AWAY = frozenset({"from", "out"})


# Verbs of ground gained "into" a place ("advanced into", "expanding into", "pushed into").
_ADVANCE_VERBS = frozenset({"advance", "expand", "push"})


def advance_argument(verb):
    """"Russian forces have advanced into the centre of Chasiv Yar", "before expanding into
    the neighbouring regions of Amhara and Afar": ground gained inside a place (`advanced`,
    no quantity); not a distance ("advanced 2 km into X": no claim,
    ../shared/claims/README.md), nor "towards", "near" or "in" a place, nor an advance going
    on ("were advancing in the Donetsk region", as the shared records have it)."""
    if verb.pos_ != "VERB" or lemma_of(verb) not in _ADVANCE_VERBS or (
            verb.tag_ == "VBG" and any(c.dep_ == "aux" for c in verb.children)) or \
            not is_armed(actor_token(verb)):
        return None  # not "were advancing in the Donetsk region": on the move, no ground said
    if lemma_of(verb) == "push" and any(c.dep_ == "dobj" for c in verb.children):
        return None  # "pushed Russian troops into ...": moving others
    if any(c.dep_ in ("dobj", "npadvmod", "advmod") and any(
            n.like_num for n in c.subtree) for c in verb.children):
        return None  # a distance or an area: read as a quantity, if it is one
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("into", "inside"):
            obj = object_of(prep)
            if obj is not None and is_placelike(obj, strict=True):
                return verb, obj, False
    return None


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
            if prep.dep_ == "prep" and prep.lower_ in ("in", "inside", "within", "on"):
                obj = object_of(prep)
                if obj is not None and (is_placelike(obj) or (
                        obj.lemma_.lower() in PLACE_TYPE_NOUNS and enumerated_places(obj))):
                    return verb, obj, False  # "positions in towns such as A and B": listed
    return None


def withdrawal_argument(noun):
    """"the withdrawal of troops from Lyman", "Russia's retreat from Kherson": the place left
    by an armed side, also one another side takes "after the withdrawal of" it; not one called
    for or talked about ("called for the withdrawal of")."""
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
    if frm is None and side is not None and noun.dep_ == "pobj" and \
            noun.head.lower_ in ("after", "following"):
        # "retook Uvira after the withdrawal of M23 rebels": the place the other side took
        obj = _place_taken(noun.head.head)
        return (noun, obj, False) if obj is not None else None
    return (noun, obj, False) if obj is not None and is_placelike(obj, strict=True) else None
