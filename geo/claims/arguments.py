"""The arguments of a claim: the place taken without a number, and who takes it.

`place_argument` finds the place a trigger takes, holds or loses ("captured the village of
Maiorsk", "Kupiansk is under the control of ...", "had fallen to the RSF", "pushed out of
Avdiivka"); `actor_token` the one who holds, takes or loses it.
"""

from __future__ import annotations

from geo.claims.armed import is_armed
from geo.claims.clause_place import place_of_clause, unnamed_parts
from geo.claims.ground import ground_located_in
from geo.claims.hands import hands_argument
from geo.claims.latest_to import latest_to_subject
from geo.claims.lexicon import (
    CITY_NOUNS,
    CONTROL_VERBS,
    EXPEL_VERBS,
    FACILITY_NOUNS,
    FALL_WHEN,
    INTENT_WORDS,
    LEAVE_VERBS,
    NOMINAL_ACTIONS,
    NOT_ASSERTED_VERBS,
    OTHER_CONTROLS,
    PLACE_TYPE_NOUNS,
    POST_LEMMAS,
    REPORT_NOUNS,
    REPORT_VERBS,
    TITLE_WORDS,
    UNDER_NOUNS,
    WITHDRAWAL_NOUNS,
)
from geo.claims.listed import counted_group, dashed_list_before
from geo.claims.phrases import relative_antecedent
from geo.claims.placelike import is_placelike
from geo.claims.syntax import (
    fell_into_hands_of,
    name_after,
    nowhere_in,
    object_of,
    of_on_times,
    only_time_between,
    subject_of,
    whole_of,
    zero_relative_head,
)
from geo.claims.triggers import (
    aside_with_agent,
    has_particle_action,
    lemma_of,
    not_capture,
    with_particle,
)

__all__ = ["actor_token", "control_argument", "passive_agent", "place_argument", "place_left"]

# Spans of time a place spent under someone's control ("after two years under X control").
_SPANS = frozenset({"day", "week", "month", "year", "decade"})
# Prepositions before "control" that make it a state of the place ("outside": not held).
_UNDER = frozenset({"under", "outside", "beyond"})
_TAKEN = ("captured", "regained")  # control taken "in" a place, not held there
# "left the city in ruins": the state a place is left in, not a place lost.
_LEFT_IN_A_STATE = frozenset({"ruin", "ruins", "chaos", "tatter", "tatters", "rubble",
                              "darkness", "hand", "hands", "control", "flame", "flames"})
# Verbs that take a place as their object without a number ("captured Kupiansk").
_PLACE_VERBS = frozenset({"capture", "seize", "take", "conquer", "overrun", "recapture",
                          "retake", "regain", "reclaim", "recover", "liberate", "deoccupy", "free",
                          "control",
                          "occupy", "hold", "lose", "cede", "surrender", "annex", "administer"})


def place_argument(tok):
    """(trigger, place token, facility?) when `tok` takes, holds or loses a named place."""
    pos = tok.pos_
    if pos not in ("VERB", "AUX", "NOUN") and tok.lower_ != "hands" and \
            not tok.tag_.startswith("VB"):
        return None  # asked of every word: answered before reading the lemma
    lemma = lemma_of(tok)
    if lemma == "control" and tok.i and tok.doc[tok.i - 1].lower_ in OTHER_CONTROLS:
        return None  # "fire control" (also where the parser made "fire" the verb's subject)
    if pos not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        if lemma == "control" and tok.pos_ == "NOUN":
            return control_argument(tok)
        if lemma in UNDER_NOUNS and tok.head.lower_ == "under" and tok.pos_ == "NOUN" and \
                tok.doc[tok.i + 1:tok.i + 3].text.lower() != "of law":  # "the rule of law"
            return control_argument(tok)  # "Kherson is under Russian occupation"
        if lemma in NOMINAL_ACTIONS and tok.pos_ == "NOUN":
            return nominal_argument(tok)
        if tok.lower_ == "hands" and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            return hands_argument(tok)
        return None
    if lemma in EXPEL_VERBS or lemma in LEAVE_VERBS:
        place = place_left(tok)
        return (tok, place, False) if place is not None else None
    if lemma == "leave":  # "left the Daraa province to regime forces": a withdrawal
        to = [object_of(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"]
        place = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if place is None or not is_placelike(place):
            return None
        if to and is_armed(to[0]):
            return tok, place, False
        return (tok, place, False) if not to and _withdrawal(tok) else None
    if lemma == "fall":
        # "El Fasher had fallen to the RSF", "denied that Avdiivka had fallen"; not "the
        # measure fell short", "fell into chaos", "fell under X control" (read at "control").
        if any(c.dep_ in ("acomp", "oprd", "xcomp", "prt") or (c.dep_ in ("prep", "advmod") and
               c.lower_ not in FALL_WHEN) for c in tok.children) and \
                not any(c.lower_ == "to" and c.dep_ == "prep" for c in tok.children) and \
                fell_into_hands_of(tok) is None:
            return None
        subj = latest_to_subject(tok) or subject_of(tok)  # "the latest city to fall to X"
        # "Avdiivka, which fell in February": the name the relative pronoun stands for
        named = (relative_antecedent(subj) if subj is not None else None) or subj
        return (tok, subj, False) if subj is not None and is_placelike(subj, strict=True) and \
            (named.pos_ == "PROPN" or named.lemma_.lower() in CITY_NOUNS or is_armed(
                fell_into_hands_of(tok)) or any(c.lower_ == "to" for c in tok.children)) else None
    if lemma not in _PLACE_VERBS and not has_particle_action(tok):
        return None
    if lemma == "free" and (taker := actor_token(tok)) is not None and not is_armed(taker):
        return None  # "the agreement freed Odesa's ports": not an armed side's liberation
    if lemma == "take" and not has_particle_action(tok) and any(
            not_capture(tok, c) for c in tok.children):  # "taken to hospital", "took part"
        return None
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if lemma == "hold" and any(c.lower_ == "on" and (c.dep_ == "prt" or c.tag_ == "RP")
                               for c in tok.children):  # "holding on to parts of X"
        to = [object_of(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"]
        return (tok, to[0], False) if to and to[0] is not None and is_placelike(to[0]) else None
    if lemma == "hold" and (passive or any(c.lower_ == "to" for c in tok.children)) and not (
            passive and is_armed(passive_agent(tok))):
        return None  # "was held in jail", "held Fulham to a draw"; not "is held by the rebels"
    if lemma == "hold" and not passive and (subj := subject_of(tok)) is not None and \
            subj.pos_ == "NOUN" and is_placelike(subj):
        return None  # "the city also holds the district headquarters": it contains them (a
        # name may stand for its government: "Kyiv still holds Pokrovsk")
    # "the first town to be taken", "the second city captured by the rebels"
    latest = latest_to_subject(tok) if passive or tok.tag_ == "VBN" else None
    if latest is not None and is_placelike(latest, strict=True):
        return tok, latest, False
    if aside_with_agent(tok) and is_armed(passive_agent(tok)):  # not "Kyiv, seized by panic"
        named = tok.head.head if tok.head.dep_ == "appos" else tok.head  # "Umpulo, a town ..."
        return (tok, named, False) if is_placelike(named, strict=True) else None
    for child in tok.children:
        if passive and child.dep_ == "nsubjpass":
            # "Mr President, the village of Robotyne has been liberated": the parser takes
            # the one addressed for the subject and the place for an apposition of it.
            named = next((c for c in child.children if c.dep_ == "appos" and c.i > child.i
                          and c.lemma_.lower() in PLACE_TYPE_NOUNS and
                          is_placelike(c, strict=True)), None) \
                if child.lower_ in TITLE_WORDS else None
            if named is not None or is_placelike(child, strict=True):
                return tok, named or child, False
        # The small parser hangs some town names after the verb as adverbs ("had taken
        # Kupiansk") or, after a verb in quotes, as a predicate ('"liberated" Kurakhove'): a
        # name right after the verb is its object.
        if not passive and (child.dep_ == "dobj" or (
                child.dep_ in ("advmod", "npadvmod", "oprd") and child.pos_ == "PROPN" and
                child.i > tok.i and child.left_edge.i - tok.i in (1, 1 + tok.nbor().is_quote))):
            if child.lemma_.lower() == "control":
                return None  # handled by the noun
            child = counted_group(child)  # "a number of settlements, including A and B"
            whole = whole_of(child)  # "occupies all of Luhansk region"; not "all of the towns"
            child = whole if whole.tag_ not in ("NNS", "NNPS") else child
            if child.lemma_.lower() in FACILITY_NOUNS and lemma not in ("hold", "control"):
                return tok, child, True
            if is_placelike(child):
                return tok, child, False
            name = name_after(child) or next((o for o in ground_located_in(tok, child) if
                                                is_placelike(o, strict=True) and
                                                is_armed(actor_token(tok))), None)
            if name is not None:
                return tok, name, False
        # "took over Kidal": "over" a preposition, or a particle with an object of its own
        if child.dep_ in ("prep", "prt") and child.lower_ == "over" and \
                with_particle(tok)[0] == "take":
            obj = object_of(child)
            if obj is not None and is_placelike(obj):
                return tok, obj, False
    if not passive and (head := zero_relative_head(tok)) is not None and \
            is_placelike(head, strict=True):  # "the city of Kasugo they had been controlling"
        return tok, head, False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if not passive and nxt is not None and nxt.dep_ == "nsubj" and nxt.pos_ == "PROPN" and \
            nxt.head.i > nxt.i and nxt.head.lemma_.lower() in REPORT_VERBS and \
            not any(c.dep_ == "dobj" for c in tok.children):
        # "have captured Nyabibwe, a mining town in South Kivu, local sources said": the
        # parser made the object the subject of the reporting verb after it.
        return tok, nxt, False
    return None


def _withdrawal(leave) -> bool:
    """"they have left the city" of soldiers: an armed side leaving a place withdraws from
    it; not a place left in a state ("left the town in ruins"), left for another ("left
    Kabul for Doha"), or one to leave ("urging its citizens to leave Guinea")."""
    return is_armed(actor_token(leave)) and not any(
        (c.dep_ == "aux" and c.lower_ == "to") or c.dep_ in ("oprd", "xcomp", "acomp") or (
            c.dep_ == "prep" and (c.lower_ in ("for", "with", "behind") or (
                c.lower_ == "in" and any(o.lemma_.lower() in _LEFT_IN_A_STATE
                                         for o in c.children))))
        for c in leave.children)


def place_left(verb):
    """"pushed out of Avdiivka", "withdrew from the Amhara region": the place left."""
    lemma = lemma_of(verb)
    # "pushed Russian forces back from Kharkiv" does not say Kharkiv was held.
    if lemma in EXPEL_VERBS and any(c.lower_ == "back" for c in verb.children):
        return None
    if lemma in EXPEL_VERBS and not any(c.dep_ in ("dobj", "auxpass", "nsubjpass")
                                        for c in verb.children):
        return None  # "troops pushed from Sumy": they moved on from it, no one was driven out
    entries = {"out", "from"}
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma in ("abandon", "flee", "evacuate") and (obj is not None or lemma == "abandon"):
        # "abandoned Avdiivka", "fled the city", "evacuated their capital Grozny" (not
        # "evacuated New Orleans", its people); the armed side is the caller's check
        own = lemma != "evacuate" or any(c.dep_ == "poss" for c in obj.children)
        return obj if own and obj is not None and is_placelike(obj, strict=True) else None
    for child in verb.children:
        if child.lower_ == "back" and lemma in LEAVE_VERBS:  # "pulled back from Avdiivka"
            child = next((c for c in child.children if c.lower_ == "from"), child)
        if child.dep_ not in ("prep", "prt", "advmod") or child.lower_ not in entries:
            continue
        preps = [child] if child.lower_ == "from" else \
            [c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"]
        if child.lower_ == "out" and child.dep_ == "prt":
            preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"]
        for prep in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in POST_LEMMAS:
                    # "withdrawn from positions in Wad Madani": the town they were in
                    obj = next((o for p in obj.children if p.lower_ == "in" for o in p.children
                                if o.dep_ == "pobj"), obj)
                if obj.dep_ == "pobj" and is_placelike(obj):
                    return obj
    return None


def nominal_argument(noun):
    """"the capture of Avdiivka", "Russia's seizure of Vuhledar", "the fall of Kidal": the place
    of a nominal form; not one sought, prevented or fought for ("a bid for the capture of X",
    "to prevent the fall of X")."""
    head = noun.head
    if noun.dep_ == "pobj" and lemma_of(head.head) in INTENT_WORDS | {"fight", "battle"}:
        return None
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass") and lemma_of(head) in NOT_ASSERTED_VERBS:
        return None
    if noun.dep_ == "dobj" and lemma_of(head) in ("complete", "finish") and (
            head.tag_ in ("VBZ", "VBP") or (head.tag_ == "VBG" and head.dep_ != "pcomp")):
        return None  # "as it completes its takeover of Rakhine": under way, not done
    if lemma_of(noun) in WITHDRAWAL_NOUNS:
        return None  # left "from" a place: `geo.claims.presence`
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = object_of(child)
            if obj is not None and is_placelike(obj, strict=True):
                return noun, obj, False
    return None


def control_argument(noun):
    """"took control of Central Darfur State", "under the control of X" (subject: the place)."""
    head = noun.head
    verb = head.head.head if head.head.pos_ == "ADV" else head.head  # "are back in control"
    if noun.dep_ == "pobj" and head.lower_ == "under" and verb.lemma_.lower() in _SPANS and \
            verb.dep_ == "pobj" and verb.head.lower_ in ("after", "following"):
        # "retook Mosul after three years under Islamic State control": held till then
        obj = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
        return (noun, obj, False) if obj is not None and is_placelike(obj, strict=True) else None
    if noun.dep_ == "pobj" and head.lower_ == "under" and verb.pos_ == "NOUN" and \
            verb.dep_ in ("attr", "appos"):
        # "Western Sahara is a former colony, mostly under Moroccan control", "Kidal, a town
        # under rebel control": the place the noun describes
        place = subject_of(verb.head) if verb.dep_ == "attr" else verb.head
        return (noun, place, False) if place is not None and is_placelike(place, strict=True) \
            else None
    if noun.dep_ == "pobj" and head.lower_ == "to" and lemma_of(verb) in _HANDED and (
            verb.lemma_.lower() in ("return", "revert") or any(
                c.dep_ == "auxpass" for c in verb.children)):  # "relinquished to Russian control"
        p = subject_of(verb)
        return (noun, p, False) if p is not None and is_placelike(p, strict=True) else None
    if noun.dep_ == "pobj" and head.lower_ in ("under", "in") and verb.pos_ in ("AUX", "VERB"):
        if head.lower_ == "under":
            # "Kherson is under Russian control"; "brought the town of Kidal under its control"
            subj = subject_of(verb) or nowhere_in(verb) or dashed_list_before(verb) or (
                dashed_list_before(verb.head) if verb.dep_ == "conj" else None)
            # ("took the city under their control" is the verb's own capture)
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None) \
                if lemma_of(verb) not in _PLACE_VERBS else None
            order = (obj, subj) if obj is not None and obj.i < noun.i else (subj, obj)
            for place in order:  # "Russia has Kherson under its control": the object
                place = whole_of(place) if place is not None else None  # "the whole of X"
                if place is not None and is_placelike(place, strict=True):
                    return noun, place, False
            return None
    elif not (noun.dep_ in ("dobj", "attr") and lemma_of(head) in CONTROL_VERBS):
        return None
    # "took control (on Monday) of Bukavu": "of Bukavu" may hang on the verb or the time.
    siblings = [c for c in head.children if c.i > noun.i and only_time_between(noun, c)] \
        if noun.dep_ == "dobj" else []
    siblings += of_on_times(siblings)
    into = ("of", "over", "in") if CONTROL_VERBS.get(lemma_of(head)) in _TAKEN else ("of", "over")
    objects = [whole_of(obj) for child in [*noun.children, *siblings]  # "all of Luhansk"
               if child.dep_ == "prep" and child.lower_ in into
               for obj in child.children if obj.dep_ == "pobj"]
    for obj in objects:
        if obj.lemma_.lower() in FACILITY_NOUNS:  # "of Kavumu Airport"
            return noun, obj, True
        if is_placelike(obj):
            return noun, obj, False
    where = place_of_clause(noun) if all(unnamed_parts(o) for o in objects) and is_armed(
        actor_token(noun)) else None  # not "the new governor arrived ..., taking control"
    return (noun, where, False) if where is not None else None  # "entered Homs, taking control"


# Verbs by which a place passes "to X control" ("was handed over to", "returned to").
_HANDED = frozenset({"relinquish", "hand", "cede", "transfer", "turn", "surrender", "give",
                     "return", "revert", "restore"})


def _group_name(tok) -> bool:
    """"the Houthis", "the Kurds": a plural name with "the", not a country ("the Netherlands")."""
    return tok.pos_ == "PROPN" and tok.ent_type_ != "GPE" and (
        tok.tag_ == "NNPS" or tok.lower_.endswith("s")) and any(
        c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def actor_token(trigger):
    """The token naming who holds, takes or loses the ground at `trigger`."""
    lemma = lemma_of(trigger)
    if trigger.pos_ in ("NOUN", "PROPN"):
        under = trigger.head.lower_ in _UNDER  # "under Russian control", "outside its control"
        for child in trigger.children:
            if child.dep_ == "prep" and lemma in NOMINAL_ACTIONS and (
                    child.lower_ == "by" or (child.lower_ == "to" and lemma == "fall") or
                    (child.lower_ == "of" and lemma in WITHDRAWAL_NOUNS)):
                return object_of(child)  # "the capture of X by Russian forces", "fall to"
            if child.dep_ == "poss" or (child.dep_ == "nmod" and any(
                    g.dep_ == "case" for g in child.children)) or (
                    child.dep_ in ("amod", "compound") and (
                    child.ent_type_ in ("NORP", "GPE", "ORG") or
                    child.lower_ in ("state", "government") or trigger.lower_ == "hands")):
                return child  # "Russian control", "rebel hands"
            if child.dep_ == "prep" and child.lower_ in ("of", "by") and (
                    (lemma in UNDER_NOUNS | {"control"} and under) or trigger.lower_ == "hands"):
                obj = object_of(child)  # not "the rule of law"
                if obj is not None and (is_armed(obj) or _group_name(obj) or (
                        not is_placelike(obj) and (lemma == "control" or obj.pos_ == "PROPN"))):
                    return obj  # "under the control of Ukraine's defence forces", "the Houthis"
        head = trigger.head
        if under or lemma in NOMINAL_ACTIONS or trigger.lower_ == "hands":
            return None  # the verb over "the capture of X" is the reporter's, not the actor's
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        verb = verb.head if verb.pos_ == "ADV" else verb  # "are back in control of X"
        if trigger.dep_ in ("nsubj",) or verb.pos_ not in ("VERB", "AUX"):
            return None
        given = next((c for c in verb.children if c.dep_ == "dative"), None)
        if given is not None and trigger.dep_ == "dobj":
            return given  # "the fall of X gave the rebels control of Y"
        if with_particle(verb) == ("give", ""):  # "gave control of Kidal to the army"
            return next((object_of(c) for c in verb.children if c.dep_ == "prep" and
                         c.lower_ == "to"), None)
        return subject_of(verb)
    if lemma == "fall":
        for child in trigger.children:
            if child.lower_ == "to" and child.dep_ == "prep":  # not "the latest to fall"
                return object_of(child)
        return fell_into_hands_of(trigger)
    if lemma in EXPEL_VERBS and any(c.dep_ == "auxpass" for c in trigger.children):
        return subject_of(trigger)  # "Ukrainian troops were pushed out of Avdiivka"
    if trigger.dep_ == "amod" and trigger.tag_ == "VBN":  # "SDF-held", "Russian-controlled"
        return next((c for c in trigger.children if c.dep_ in ("npadvmod", "compound", "nmod")
                     and c.pos_ in ("PROPN", "ADJ", "NOUN")), None)
    if any(c.dep_ == "auxpass" for c in trigger.children) or (
            trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "relcl") and not any(
                c.dep_ == "nsubj" or c.lemma_ == "have" for c in trigger.children)):
        # A reduced passive ("the town captured by X"), not an active relative clause
        # ("which Ukrainian forces had liberated", "claims to have captured Kidal").
        return passive_agent(trigger)
    subj = subject_of(trigger)
    if subj is not None and subj.ent_type_ in ("DATE", "TIME"):
        subj = next((c for c in subj.children if c.dep_ == "appos"), None)
    if subj is not None and subj.lower_ in REPORT_NOUNS:
        return None
    return subj


def passive_agent(verb):
    """Who a passive `verb` says did it: its "by" phrase, or that of a passive verb joined to
    it that has no subject of its own ("which has been held and controlled by rebel forces").
    None when there is none."""
    for cand in (verb, *(c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"
                         and not any(g.dep_.startswith("nsubj") for g in c.children))):
        agent = next((c for c in cand.children if c.dep_ == "agent"), None)
        if agent is not None:
            return object_of(agent)
    return None

