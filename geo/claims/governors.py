"""Which trigger governs a quantity: "regained" for "over 86%", "control" for "85% under
Russian control", the held area in "their area of control fell to 18,625 km²"; and whether
a quantity is a share of ground ("86% of the land") or of something else ("90% of Russian
gains"), or a place's own size.
"""

from __future__ import annotations

import re

from geo.claims.armed import is_armed
from geo.claims.counts import coordinated_trigger
from geo.claims.fallen import fallen_governor
from geo.claims.lexicon import (
    CAME_UNDER,
    CHANGE_VERBS,
    CONTROL_VERBS,
    COVER_VERBS,
    EXPEL_VERBS,
    HOLD_NOUNS,
    LEAVE_VERBS,
    LINKING_VERBS,
    NOUN_ACTIONS,
    PART_NOUNS,
    PLACE_TYPE_NOUNS,
    POST_LEMMAS,
    TERRITORY_NOUNS,
    TOTAL_VERBS,
    UNDER_NOUNS,
    ZONE_VERBS,
    ZONE_WORDS,
)
from geo.claims.region_names import COMPASS
from geo.claims.syntax import of_phrase_object, subject_of
from geo.claims.triggers import is_trigger, lemma_of

__all__ = [
    "copula_trigger",
    "governor_of",
    "held_figure",
    "measures_no_claim",
    "object_read_as_subject",
    "of_object",
    "participle_on",
    "quantity_trigger",
    "share_of_territory",
    "size_of_place",
    "total_brought_to",
    "trigger_before_bracket",
]


def governor_of(head):
    """The trigger that governs a quantity: the nearest ancestor that takes, holds or loses
    ground, passing through nouns and linking verbs ("an area of", "which amounts to") but
    not through comparisons ("than", "after that of") or other verbs."""
    own = copula_trigger(head, None)
    if own is not None and own.dep_ == "pobj":
        return own  # "[Pokrovsk] is now about 85% under Russian control"
    misread = object_read_as_subject(head)
    if misread is not None:
        return misread
    cur = head
    for _ in range(8):
        parent = cur.head
        if parent == cur:
            return None
        if cur.dep_ == "pobj" and parent.lower_ in ("than", "after", "before", "like", "unlike"):
            return None
        if cur.dep_ == "prep" and cur.lower_ == "to" and lemma_of(parent) in CHANGE_VERBS:
            return held_figure(parent)  # "their area of control fell to 18,625 km²"
        if is_trigger(parent) and not (parent.pos_ == "NOUN" and cur.dep_ == "compound"):
            if lemma_of(parent) == "hold" and cur.dep_ == "prep" and any(
                    c.dep_ == "auxpass" for c in parent.children):
                return None  # "elections were held in 12 districts": an event, not ground
            return parent
        if parent.pos_ in ("VERB", "AUX"):
            lemma = lemma_of(parent)
            if lemma in ("remain", "stay") and cur.dep_ == "prep" and cur.lower_ == "in" and \
                    head.lemma_.lower() in POST_LEMMAS and is_armed(subject_of(parent)):
                return parent  # "Israeli troops remain in five positions": held (`holds`)
            if lemma in ("be", "remain", "stay", "lie"):  # "lies outside state control"
                return copula_trigger(parent, cur)
            if lemma in CAME_UNDER:
                return fallen_governor(parent, cur)
            control = _control_before(parent, cur)
            if control is not None:
                return control  # "securing control over 93 settlements", "of" on the verb
            if parent.dep_ == "conj" and is_trigger(parent.head) and any(
                    c.dep_ == "cc" and c.lower_ in ("or", "and/or")
                    for c in (*parent.children, *parent.head.children)):
                return parent.head  # "control or influence roughly 40% of Burkina Faso"
            # "pushed Russian forces out of 400 km²", "cleared militants from 70% of X"; not
            # "pushed the jobless rate up from 9.3 percent".
            entry = ("out",) if lemma in ("push", "force") else ("out", "from")
            if lemma in EXPEL_VERBS and cur.dep_ == "prep" and cur.lower_ in entry \
                    and not any(c.lower_ in ("back", "up", "down") for c in parent.children):
                return parent  # "pushed Russian forces out of about 400 square kilometers"
            if lemma in LEAVE_VERBS and ((cur.dep_ == "prep" and cur.lower_ in ("out", "from")) or (
                    cur.lower_ == "back" and any(c.lower_ == "from" for c in cur.children))) \
                    and is_armed(subject_of(parent)):
                return parent  # "troops pulled back from two villages"; not "refugees fled"
            if lemma in COVER_VERBS and cur.dep_ == "dobj":
                zone = _zone_maker(parent)
                if zone is not None or parent.dep_ not in ("acl", "relcl") or \
                        parent.head.lemma_.lower() not in TERRITORY_NOUNS or \
                        parent.head.dep_ not in ("pobj", "dobj"):  # not "X, an area covering"
                    return zone
                cur = parent  # "lost control of townships covering 86 percent of Myanmar"
                continue
            if lemma not in LINKING_VERBS:
                return _conjoined_predicate(parent) if cur.dep_ in ("nsubj", "nsubjpass") \
                    else None
            labelled = _labelled_territory(parent) if cur.dep_ in ("dobj", "attr", "prep") \
                else None
            if labelled is not None:
                return labelled
        cur = parent
    return None


def held_figure(verb):
    """"The opposition's area of dominance fell to 18,625 km²", "Russian-held territory grew
    to 20%": the subject of a change verb when it is ground someone holds (it stands for the
    claim, "controls"; its owner is the actor), or the control it extends ("expanded its
    control to 75%"); None for other figures ("the rate fell to")."""
    held_noun = next((c for c in verb.children if c.dep_ == "dobj" and
                      c.lemma_.lower() == "control"), None)
    if held_noun is not None:
        return held_noun  # "Israel has expanded its control to about 75% of Gaza"
    subj = subject_of(verb)
    if subj is not None and subj.lemma_.lower() == "control" and subj.pos_ == "NOUN":
        # "Afghan government control has shrunk ... to less than a third of the country's
        # territory": control of ground, not "control of the budget fell to 30%"
        to = [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
              for t in c.subtree]
        ground = any(t.dep_ == "pobj" and t.head.lower_ == "of" and (
            t.lemma_.lower() in TERRITORY_NOUNS or t.pos_ == "PROPN") for t in to)
        return subj if ground and of_phrase_object(subj) is None else None
    if subj is None or subj.lemma_.lower() not in TERRITORY_NOUNS:
        return None
    held = any(t.lemma_.lower() in HOLD_NOUNS or (t.tag_ == "VBN" and is_trigger(t))
               for t in subj.subtree if t != subj)
    return subj if held else None


def _labelled_territory(verb):
    """"SDF-held territory constituted 27.4%", "Russian-occupied land makes up a fifth": the
    participle of taking or holding on the territory that is the linking verb's subject."""
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subj.lemma_.lower() not in TERRITORY_NOUNS:
            continue
        for mod in subj.children:
            if mod.dep_ in ("amod", "compound", "acl") and mod.tag_ == "VBN" and \
                    is_trigger(mod):
                return mod  # also "the territories occupied by Russia make up 20%"
    return None


def _zone_maker(cover):
    """"is establishing a buffer zone that covers 16 percent of Gaza", "created a security zone
    covering 10%": the verb that makes or keeps the zone whose extent the quantity is."""
    zone = cover.head if cover.dep_ in ("relcl", "acl") else subject_of(cover)
    if zone is None or zone.lemma_.lower() not in ("zone", "perimeter", "belt", "strip") or \
            not any(c.lower_ in ZONE_WORDS for c in zone.children
                    if c.dep_ in ("compound", "amod")):
        return None
    maker = zone.head
    if zone.dep_ in ("dobj", "nsubjpass") and lemma_of(maker) in ZONE_VERBS:
        return maker
    return None


def _conjoined_predicate(verb):
    """"four villages were shelled but were not under Russian control": a second predicate
    of the quantity's subject, conjoined to a first that takes or holds nothing."""
    for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            continue  # a clause with a subject of its own
        if is_trigger(conj):
            return conj
        if lemma_of(conj) in ("be", "remain", "stay"):
            own = copula_trigger(conj, None)
            if own is not None:
                return own
    return None


def _control_before(verb, prep):
    """The noun "control" right before an "of"/"over" phrase that the parser hung on the verb
    instead ("took control of 40%", "securing control over 93 settlements"), when the verb
    is one that takes, keeps or loses control."""
    if prep.dep_ != "prep" or prep.lower_ not in ("of", "over") or \
            lemma_of(verb) not in CONTROL_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.i == prep.i - 1 and
                 c.lemma_.lower() in ("control", "jurisdiction")), None)


def object_read_as_subject(head):
    """The verb right before a quantity the parser made the subject of a clause after it:
    "regained 60% of the land Ukraine seized in the Kursk region" (a relative clause without
    "that", read as "[60% of the land Ukraine] seized ..."). A verb that takes ground, with no
    object of its own, followed at once by the quantity, has it for its object."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.dep_ != "ccomp" or verb.i < head.i:
        return None
    upper = verb.head
    if not is_trigger(upper) or upper.pos_ not in ("VERB", "AUX") or any(
            c.dep_ in ("dobj", "attr", "oprd") for c in upper.children):
        return None
    return upper if head.left_edge.i == upper.i + 1 else None


_AREA_NOUNS = frozenset({"area", "territory", "land", "ground"})


def copula_trigger(verb, via):
    """"their gain was 5 sq km" (the subject), "60% ... remains under state control", "80% of
    X is back under its control" ("under" on the adverb)."""
    for child in [*verb.children, *(g for c in verb.children if c.dep_ == "advmod"
                                    for g in c.children if g.dep_ == "prep")]:
        if child.dep_ in ("nsubj", "nsubjpass") and child != via and \
                child.lemma_.lower() in NOUN_ACTIONS:
            return child
        if child.dep_ == "nsubj" and child.lemma_.lower() in _AREA_NOUNS:
            # "The area occupied by Russia is about 18% of Ukraine", "the total area of land
            # lost to Russia is about 18%": the participle on the area
            found = next((t for t in child.subtree if t.dep_ == "acl" and t.tag_ == "VBN" and
                          t.head.lemma_.lower() in _AREA_NOUNS and is_trigger(t)), None)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in ("under", "in", "outside", "beyond"):
            for obj in child.children:  # (outside: `geo.claims.people` negates it)
                if obj.dep_ == "pobj" and (obj.lemma_.lower() in ("control", "hand") or (
                        child.lower_ == "under" and obj.lemma_.lower() in UNDER_NOUNS)):
                    return obj  # "under state control", "in Ukrainian hands", "under occupation"
    return None


def participle_on(head):
    """"584 km² still held by Kyiv", "13.7% controlled by rebel groups": a participle of
    taking or holding, with its agent, on the quantity itself (a label with a number)."""
    return next((c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN" and
                 is_trigger(c) and any(g.dep_ == "agent" for g in c.children)), None)


def total_brought_to(head, *, figure: bool = False):
    """"bringing the total recaptured since June to 17 square miles": the participle after
    "the total" that a "bring ... to" or "raise ... to" figure counts (the small parser hangs
    the "to" on whatever verb comes last); with `figure`, the verb of taking that brings
    "the total figure" (or area, tally) to the value."""
    doc = head.doc
    first = head.left_edge.i
    if first < 3 or doc[first - 1].lower_ != "to":
        return None
    for i in range(first - 2, max(head.sent.start, first - 25) - 1, -1):
        tok = doc[i]
        if tok.lemma_.lower() != "total" or tok.pos_ not in ("NOUN", "ADJ"):
            continue
        noun = tok if tok.pos_ == "NOUN" else tok.head  # "the total figure"
        verb = noun.head
        if noun.dep_ not in ("dobj", "nsubjpass") or lemma_of(verb) not in TOTAL_VERBS:
            return None
        after = doc[i + 1] if i + 1 < len(doc) else None
        if not figure and noun is tok and after is not None and after.tag_ == "VBN" and \
                is_trigger(after):
            return after
        if figure and noun.lemma_.lower() in ("figure", "area", "tally") and verb.dep_ in (
                "advcl", "conj") and is_trigger(verb.head):
            return verb.head  # "occupied 0.04% ..., bringing the total figure to 19.04%"
        return None
    return None


def quantity_trigger(head, text: str, q, earlier) -> tuple[object | None, str | None]:
    """The word that makes a quantity (its head word `head`) a claim, and the action when
    it is not that word's own: a total figure that a taking brings to a value is what is
    held ("occupied 0.04% ..., bringing the total figure to 19.04%": controls); `earlier`
    are the sentence's (quantity, trigger) pairs so far (`coordinated_trigger`)."""
    trigger = governor_of(head) or trigger_before_bracket(head) or participle_on(head) \
        or total_brought_to(head)
    if trigger is not None:
        return trigger, None
    total = total_brought_to(head, figure=True)
    if total is not None:
        return total, "controls"
    return coordinated_trigger(text, q, earlier), None


def trigger_before_bracket(head):
    """"Russian territorial gains in November (629 km²)": a bracketed quantity after the noun
    that it measures."""
    doc = head.doc
    first = head.left_edge.i
    if first == 0 or doc[first - 1].text not in "([":
        return None
    for i in range(first - 2, max(-1, first - 8), -1):
        tok = doc[i]
        if tok.lower_ in ("after", "than", "that", "before", ",", ";") or tok.pos_ == "VERB":
            return None
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOUN_ACTIONS and \
                tok.lemma_.lower() != "control":
            return tok
    return None


# "an area of 31.75 km² had been liberated": these nouns name the ground taken, not a place
# whose size is given.
_MEASURED_AREAS = frozenset({"area", "zone", "territory", "corridor", "quarter", "heights",
                             "valley", "part", "stretch", "swath", "swathe"})


_OF_PHRASE = re.compile(r"\s*(?:\([^()]*\)\s*)?of\b[^,;()]*")
# An area "of" a crop: "(5,000 hectares) of crops", "of wheat" (a harvest lost or burnt, not
# ground; "200 km² of forest" is ground).
_OF_CROPS = re.compile(r"\s*\)?\s*(?:\([^()]*\)\s*)?of\s+(?:[\w-]+\s+){0,2}?(?:crops?|"
                       r"harvests?|wheat|grain|maize|corn|rice|cotton)\b", re.IGNORECASE)


def measures_no_claim(head, text: str, q, drafts) -> bool:
    """Whether quantity `q` (its head token `head`) is a place's size ("a country of 230,000
    square miles") or a bracketed aside to a quantity drafted before it in its
    sentence (`drafts`): a restatement in another unit ("63.2 percent (801 square kilometers)", the
    first unit written being the claim's) or the size of the place that quantity is a share
    of ("of the territory of Kursk Oblast (1,268 square kilometers)")."""
    if size_of_place(head) or (q.unit not in ("percent", "settlements", None) and
                               _OF_CROPS.match(text, q.end)):
        return True  # "the loss of 5,000 hectares of crops": a harvest, not ground
    bracket = text.rfind("(", 0, q.start)
    if bracket < 0 or text[bracket + 1:q.start].strip():
        return False
    return any(d.quantity is not None and d.quantity.end <= bracket and (
        not text[d.quantity.end:bracket].strip() or
        _OF_PHRASE.fullmatch(text, d.quantity.end, bracket)) for d in drafts)


def size_of_place(head) -> bool:
    """"a country of 230,000 square miles": the quantity is the size of a place."""
    return head.dep_ == "pobj" and head.head.lower_ == "of" and \
        head.head.head.lemma_.lower() in (PLACE_TYPE_NOUNS | {"size"}) - _MEASURED_AREAS


def of_object(head):
    """What a quantity is a part of: "86% of [the land]", "half [the country]"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "out"):
            objs = [c for c in child.subtree if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    if head.dep_ in ("nummod", "predet", "quantmod", "det") and head.head.pos_ in ("NOUN",
                                                                                   "PROPN"):
        return head.head
    return None


def share_of_territory(head, trigger) -> bool:
    """A percentage is a claim only if it is a share of territory: "of the land", "of Ukraine",
    "of its territory", or a bare share that is the object of the trigger ("controls 81%")."""
    of = of_object(head)
    if of is None:
        if trigger.lemma_.lower() in ("control", "hand") or (
                trigger.lemma_.lower() in UNDER_NOUNS and trigger.head.lower_ == "under"):
            return True  # "controls 81%", "85% under Russian control", "under occupation"
        if trigger.pos_ not in ("VERB", "AUX"):
            return False  # "a gain of 1.2%" is a price, not ground
        if trigger.head == head and trigger.dep_ == "acl":
            return True  # "13.7% controlled by rebel groups"
        if head.dep_ in ("conj", "appos"):
            whole = head.head  # "107 of Myanmar's 330 townships or 32 percent"
            return whole.lemma_.lower() in TERRITORY_NOUNS | PLACE_TYPE_NOUNS or \
                whole.pos_ == "PROPN" or whole.lower_ in ("%", "percent", "kilometres",
                                                          "kilometers", "km", "miles")
        return head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj")
    lemma = of.lemma_.lower()
    if lemma in TERRITORY_NOUNS or of.lower_ in TERRITORY_NOUNS or lemma in PLACE_TYPE_NOUNS:
        return True
    if of.pos_ == "PROPN" or of.ent_type_ in ("GPE", "LOC", "FAC") or (
            lemma == "community" and lemma_of(trigger) in ("control", "hold", "occupy") and any(
                c.dep_ == "prep" and c.lower_ in ("in", "across") for c in of.children)):
        return True  # "in control of half of the communities in Borno State"; not "80% of
        # the communities in Rakhine have lost electricity"
    if of.lower_ in PART_NOUNS:
        # "most of the east and south of Libya", "half of the north": a part of a place.
        parts = [of, *(c for c in of.children if c.dep_ == "conj")]
        return of.lower_ in COMPASS or any(
            inner is not None and (inner.pos_ == "PROPN" or inner.lemma_.lower() in
                                   TERRITORY_NOUNS | PLACE_TYPE_NOUNS)
            for inner in map(of_phrase_object, parts))
    return any(t.lemma_.lower() in TERRITORY_NOUNS for t in of.children
               if t.dep_ in ("compound", "conj"))
