"""The words that make a claim: which token takes, holds or loses ground, and its action.

Functions over spaCy tokens. `is_trigger` tells a word that takes, holds or loses ground;
`action_of` names its action; `hypothetical` tells aims and forecasts from claims. Which
trigger governs a quantity is `geo.claims.governors`.
"""

from __future__ import annotations

from geo.claims.dates import MONTHS
from geo.claims.latest_to import latest_to_subject
from geo.claims.lexicon import (
    CAME_UNDER,
    CAMPAIGN_NOUNS,
    CHANGE_VERBS,
    CITY_NOUNS,
    CONTROL_VERBS,
    EXPEL_VERBS,
    FOOTHOLD_VERBS,
    FOOTHOLD_WORDS,
    INTENT_WORDS,
    IRREGULAR_LEMMAS,
    LEAVE_VERBS,
    MODALS,
    NOMINAL_ACTIONS,
    NOUN_ACTIONS,
    PARTICLE_ACTIONS,
    PERIOD_NOUNS,
    PERIOD_PREPS,
    PURPOSE_VERBS,
    TAKE_NOT_CAPTURE,
    UNDER_NOUNS,
    UNTRUE_WORDS,
    VERB_ACTIONS,
    ZONE_VERBS,
    ZONE_WORDS,
)
from geo.claims.syntax import subject_of
from geo.models import Action

__all__ = ["action_of", "aside_with_agent", "has_particle_action", "hypothetical", "is_trigger",
           "lemma_of", "not_capture", "not_reality", "reduced_relative", "says_untrue",
           "with_particle"]


def lemma_of(tok) -> str:
    """spaCy's lemma, with the irregular past forms it leaves alone."""
    irregular = IRREGULAR_LEMMAS.get(tok.lower_)
    return tok.lemma_.lower() if irregular is None else irregular


def is_trigger(tok) -> bool:
    lemma = lemma_of(tok)
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return lemma in VERB_ACTIONS or has_particle_action(tok)
    if tok.pos_ in ("NOUN", "PROPN"):
        return lemma in NOUN_ACTIONS
    return False


def with_particle(tok) -> tuple[str, str]:
    """The verb's lemma and its particle ("took back"; "back" also where the parser calls it
    an adverb after the object: "took it back")."""
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.lower_ == "back" and c.i > tok.i)), "")
    return lemma_of(tok), prt


def has_particle_action(tok) -> bool:
    """`with_particle(tok) in PARTICLE_ACTIONS`, reading the children only of a verb that
    some particle makes an action (asked of every verb of every claim sentence)."""
    return lemma_of(tok) in _PARTICLE_LEMMAS and with_particle(tok) in PARTICLE_ACTIONS


_PARTICLE_LEMMAS = frozenset(lemma for lemma, _particle in PARTICLE_ACTIONS)


def action_of(trigger) -> Action:
    action = _action_of(trigger)
    return "regained" if action == "captured" and _after_a_return(trigger) else action


def _after_a_return(trigger) -> bool:
    """"the Malian army came back to take control of the town", "troops returned to seize
    it": a side coming back to take a place takes it back."""
    verb = trigger.head if trigger.pos_ in ("NOUN", "PROPN") else trigger
    if verb.dep_ not in ("xcomp", "advcl") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    above = verb.head
    return lemma_of(above) == "return" or (lemma_of(above) == "come" and any(
        c.lower_ == "back" for c in above.children))


def _action_of(trigger) -> Action:
    lemma = lemma_of(trigger)
    if trigger.pos_ in ("NOUN", "PROPN") and lemma in UNDER_NOUNS | {"control"} and \
            trigger.dep_ == "pobj" and trigger.head.lower_ == "under" and \
            lemma_of(trigger.head.head) in CAME_UNDER:
        return "captured"  # "the city came under the control of X", "fell under occupation"
    if trigger.pos_ in ("NOUN", "PROPN") and lemma == "control":
        head = trigger.head
        if lemma_of(head) in CHANGE_VERBS and any(c.lower_ == "to" for c in head.children):
            return "controls"  # "expanded its control to 75%": the total it now holds
        if trigger.dep_ in ("dobj", "attr", "nsubjpass", "conj") and lemma_of(head) in \
                CONTROL_VERBS:  # "has taken back control of": the particle's action
            if with_particle(head) == ("give", "up"):
                return "lost"  # "gave up control of Bakhmut"
            return PARTICLE_ACTIONS.get(with_particle(head)) or CONTROL_VERBS[lemma_of(head)]
        if trigger.dep_ == "pobj" and lemma_of(head.head) in CONTROL_VERBS and \
                head.lower_ not in ("under", "in"):
            action = CONTROL_VERBS[lemma_of(head.head)]  # "relinquished to Russian control":
            return "controls" if action == "lost" and head.lower_ == "to" else action  # held
        return "controls"
    if trigger.pos_ in ("NOUN", "PROPN"):
        return NOUN_ACTIONS.get(lemma) or NOMINAL_ACTIONS.get(lemma, "controls")
    if with_particle(trigger) in PARTICLE_ACTIONS:
        return PARTICLE_ACTIONS[with_particle(trigger)]
    if (lemma == "hold" and any(t.lower_ in FOOTHOLD_WORDS for t in trigger.subtree)) or \
            with_particle(trigger) == ("hold", "out"):
        return "holds"  # "maintained positions in", "holding out in Sirte"
    if lemma in FOOTHOLD_VERBS | ZONE_VERBS and any(
            c.dep_ == "dobj" and (c.lower_ in FOOTHOLD_WORDS or any(
                z.lower_ in ZONE_WORDS for z in c.children)) for c in trigger.children):
        return "holds"  # "maintained positions in X", "established a buffer zone"
    if lemma == "fall":
        return "captured"
    if lemma in ("remain", "stay"):
        return "holds"  # "remain in five positions" (`geo.claims.governors`)
    if lemma in ("expand", "push") and any(c.lower_ == "into" for c in trigger.children):
        return "advanced"  # "before expanding into the regions of Amhara and Afar"
    if lemma in LEAVE_VERBS or lemma == "leave" or (lemma in EXPEL_VERBS and any(
            c.dep_ == "auxpass" for c in trigger.children)):
        return "lost"
    if lemma in EXPEL_VERBS:
        return "captured"
    if lemma == "occupy" and occupied_over_a_period(trigger):
        return "captured"
    return VERB_ACTIONS.get(lemma, "controls")


def occupied_over_a_period(verb) -> bool:
    """A past "occupy" over a span of time is ground taken, not held: "occupied 468 km² in
    October", "managed to occupy 0.04% over the course of the month"; "has occupied Crimea
    since 2014" and "by the end of 2023 ... occupied 18%" are states."""
    verbs = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    if verbs[-1].tag_ not in ("VBD", "VBN"):
        return False
    for tok in verbs:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in PERIOD_PREPS and any(
                    p.dep_ == "pobj" and _period_word(p) for p in c.children):
                return True
            if c.dep_ == "npadvmod" and _period_word(c) and any(
                    d.lower_ in ("last", "past", "this") for d in c.children):
                return True
    return False


def _period_word(tok) -> bool:
    """A month, a year ("2014"), or a word for a span of time."""
    lower = tok.lower_
    return lower in MONTHS or lemma_of(tok) in PERIOD_NOUNS or (
        len(lower) == 4 and lower.isdigit() and lower[:2] in ("19", "20"))


def hypothetical(trigger) -> bool:
    """An aim, a forecast or a condition rather than a claim ("aiming to capture", "will take")."""
    tok = trigger
    if tok.pos_ in ("NOUN", "PROPN") and tok.head.pos_ in ("VERB", "AUX"):
        tok = tok.head
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
        return True
    if tok.dep_ in ("csubj", "csubjpass", "xcomp", "advcl") and any(
            c.dep_ == "aux" and c.lower_ in MODALS for c in tok.head.children):
        return True  # "taking the city would mark the army's biggest gain"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
        return True
    if tok.dep_ in ("acl", "relcl") and any(c.lower_ == "next" for c in tok.head.children):
        return True  # "the next city to fall", "the next town they will take": a forecast
    if tok.dep_ == "pcomp" and (
            (tok.head.lower_ == "of" and lemma_of(tok.head.head) in INTENT_WORDS) or
            (tok.head.lower_ == "to" and tok.head.head.lower_ in ("close", "near", "closer"))):
        return True  # "on the verge of losing Aleppo", "close to capturing Pokrovsk"
    for _ in range(3):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if infinitive and tok.dep_ in ("xcomp", "acl", "relcl", "advcl", "ccomp", "pcomp") \
                and lemma_of(tok.head) in INTENT_WORDS | PURPOSE_VERBS and not _was_able(tok.head):
            return True
        if infinitive and _campaign_for(tok):
            return True  # "launched an operation to regain X" (not "successful operations")
        if infinitive and any(c.lower_ == "yet" for c in tok.head.children):
            return True  # "Russia has yet to capture Pokrovsk", "is yet to take"
        if infinitive and lemma_of(tok.head) in ("manage", "succeed") and any(
                c.dep_ == "neg" for c in tok.head.children):
            return True  # "did not manage to capture Kharkiv": it failed
        if infinitive and lemma_of(tok.head) == "be" and (
                subject_of(tok.head) is not None and
                subject_of(tok.head).lemma_.lower() in INTENT_WORDS):
            return True  # "the purpose ... is to advance", "the aim is to take the city"
        if tok.dep_ not in ("xcomp", "conj") or tok.head == tok:
            break
        tok = tok.head
    return False


def _campaign_for(verb) -> bool:
    """Whether an infinitive is what an operation, offensive or assault is for: on the noun
    ("an offensive to retake"), or on the verb whose object it is (as the parser may hang it:
    "launched an operation to regain"); not one called successful."""
    nouns = [verb.head] if verb.dep_ in ("acl", "relcl") else [
        c for c in verb.head.children if c.dep_ == "dobj"] if verb.dep_ == "advcl" else []
    return any(lemma_of(n) in CAMPAIGN_NOUNS and not any(
        a.lower_ == "successful" for a in n.children) for n in nouns)


def _was_able(word) -> bool:
    """"the Taliban was able to capture five districts": done, unlike "will be able to" or
    "was not able to"."""
    be = word.head
    return word.lower_ == "able" and be.lower_ in ("was", "were") and not any(
        c.dep_ in ("neg", "aux") for c in be.children)


def reduced_relative(verb) -> bool:
    """"the Donbas territories controlled by the separatists", "Crimea, annexed in 2014": a
    participle describing a noun, not a statement that something was taken; also any clause
    on what a share is of ("10% of the territories (which) it occupied in August"), which
    says what the share is measured against, as "the land once held by Ukrainian troops"
    does."""
    return (verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children) and
        latest_to_subject(verb) is None and not aside_with_agent(verb)) or (
        verb.dep_ in ("relcl", "acl") and _share_of(verb.head) and not (  # not "Goma is the
            verb.head.pos_ == "PROPN" and any(c.lower_ == "where" for c in verb.children)))
    # first city captured by M23"; "most of Sirte, where IS is holding out" is about Sirte


def aside_with_agent(verb) -> bool:
    """"the village of Krynky, seized by Ukrainian troops last year", "Umpulo, a town captured
    by the government forces in late September": a participle set off by a comma that says
    who took a named place is a statement (the claims README annotates it); "the territory
    captured by Ukraine" and "Crimea, annexed in 2014" stay descriptions."""
    noun = verb.head
    named = noun.pos_ == "PROPN" or (noun.lemma_.lower() in CITY_NOUNS and (any(
        c.lower_ == "of" for c in noun.children) or noun.dep_ == "appos"))
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > noun.i else None
    return verb.dep_ == "acl" and named and lemma_of(verb) in _TAKING and (
        (before is not None and before.text == ",") or noun.dep_ == "appos") and any(
        c.dep_ == "agent" for c in verb.children)


_TAKING = frozenset({"capture", "seize", "take", "overrun", "retake", "recapture", "liberate",
                     "conquer"})


def _share_of(noun) -> bool:
    """Whether `noun` is what a share is of: "10% of [the territories]", "half of [it]"."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of":
        return False
    share = of.head
    return share.text == "%" or share.lower_ in _SHARE_WORDS or (
        share.like_num and share.dep_ != "nummod")


_SHARE_WORDS = frozenset({"percent", "per", "cent", "half", "third", "thirds", "quarter",
                          "quarters", "fifth", "fifths", "tenth", "most", "majority"})


def says_untrue(tok) -> bool:
    return not_reality(tok) or any(c.lower_ in UNTRUE_WORDS or (c.lower_ == "true" and any(
        n.dep_ == "neg" for n in tok.children)) for c in tok.children)


def not_reality(tok) -> bool:
    """"... does not correspond to reality", as Russian and other ministries' denials are
    translated."""
    return tok.lemma_.lower() == "correspond" and any(c.dep_ == "neg" for c in tok.children) \
        and any(c.lower_ == "to" and any(o.lower_ in ("reality", "truth", "facts")
                                          for o in c.children) for c in tok.children)


def not_capture(take, child) -> bool:
    """A word that makes "take" something other than capture: "took part", "taken aback",
    "taken to hospital", "took on the army". A preposition after the object only says when
    or where ("took Kidal in January", "took the town on Sunday"), unless it sends the
    object somewhere ("to", "into", "off")."""
    if child.lower_ not in TAKE_NOT_CAPTURE or child.dep_ not in (
            "prep", "prt", "advmod", "dobj", "oprd", "acomp"):
        return False
    if child.dep_ == "dobj" and any(c.dep_ in ("det", "amod", "poss") for c in child.children):
        return False  # "took the eastern part of Myrnohrad" is no "took part"
    return child.dep_ != "prep" or child.lower_ in ("to", "into", "off") or \
        child.i == take.i + 1
