"""Whether a proper noun that is taken, held or left names a place rather than a person.

The small English model tags many front-line towns as persons ("Krynky", "Kidal"), so its
label alone decides nothing; the geoparser's mentions and the gazetteer are asked first.
"""

from __future__ import annotations

from geo.claims.arguments import actor_token
from geo.claims.armed import is_armed, is_titled, police_story
from geo.claims.entities import entities_in
from geo.claims.lexicon import (
    EXPEL_VERBS,
    LEAVE_VERBS,
    ORG_HEADS,
    PLACE_TYPE_NOUNS,
    UNDER_NOUNS,
    WITHDRAWAL_NOUNS,
)
from geo.claims.parse import title_cased
from geo.claims.phrases import is_measure, phrase_text, proper_run, river_side
from geo.claims.places import Places
from geo.claims.region_names import COMPASS
from geo.claims.syntax import object_of
from geo.claims.triggers import lemma_of
from geo.claims.unnamed import placed_by_text

__all__ = ["plausible_place"]

# Verbs whose object is never a person, whatever the tagger calls it ("Al-Shabaab retook Adan
# Yabaal"); people are captured, seized, held and liberated.
_NEVER_PEOPLE = frozenset({"retake", "regain", "reclaim", "overrun", "conquer", "annex",
                           "occupy", "deoccupy", "control"})


def plausible_place(places: Places, trigger, obj, *, listed: bool = False) -> bool:
    """Whether a proper noun taken, held or left is a place rather than a person ("Clark
    was captured following a manhunt"). The small tagger calls many front-line towns
    persons, so its label decides nothing alone: a name counts if the geoparser resolved
    it, or the gazetteer knows it (a country is never "withdrawn from"), or, unknown to
    both, it is the object of a verb of capture that is no person named before (the tagger's
    "person" counts only for a name of several words). Never a dateline, a titled name
    ("Officer Hege") or a name in a police story. `listed`: the name
    is in a list with a place, so neither the tagger's "person" nor its place in the parse
    counts against it."""
    if obj.like_url or obj.like_email or obj.text[:1] in ("@", "#"):
        return False  # a link, an address, a handle or a hashtag: "take it. @someone"
    if is_measure(obj):
        return False  # "5,180 sq. km of northern Kashmir"
    if obj.pos_ != "PROPN" or river_side(obj):
        return True  # a noun; "the eastern bank" (of a river), which the tagger may call a name
    covering = places.mentions_over(obj.idx, obj.idx + len(obj))
    if any(m.reason == "dateline" or m.role == "adjectival" for m in covering):
        return False  # a dateline, or "the Ukrainians"
    lemma = lemma_of(trigger)
    leaving = lemma in EXPEL_VERBS | LEAVE_VERBS | WITHDRAWAL_NOUNS
    run = proper_run(obj)
    if is_titled(run) or (police_story(trigger.sent) and (
            lemma not in _NEVER_PEOPLE or obj.dep_ in ("nsubj", "nsubjpass"))):
        return False  # "Officer Hege"; not "police regained control of Mirebalais"
    if any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_TYPE_NOUNS for c in obj.children):
        return True  # "captured Maungdaw, a town on the border": the text says it is one
    # A country is never "withdrawn from" (diplomats, treaties), a part of one is ("pulled out
    # of southern Lebanon").
    whole_country = not any(c.dep_ == "amod" and c.lower_ in COMPASS.values()
                            for c in obj.children)
    if covering and covering[0].role == "literal":  # also "the West Bank", ending in "Bank"
        return not (leaving and whole_country and covering[0].place.feature == "country")
    if run[-1].lower_ in ORG_HEADS:
        return False  # "The Japan Times", "Southwold School"
    if _introduced_person(run):
        return False  # "captured Ivan Petrov ... Troops captured Petrov near Bakhmut"
    if _introduced_place(run):
        return True  # "liberated the settlement of Robotyne ... 'Robotyne has been liberated'"
    region = places.lookup(phrase_text(run), strict=True)
    if region.key is not None:
        return not (leaving and whole_country and region.feature == "country")
    passive = any(c.dep_ == "auxpass" for c in trigger.children)
    if obj.dep_ in ("nsubj", "nsubjpass") and obj.tag_ != "NNPS" and (
            obj.ent_type_ != "PERSON" or len(run) == 1) and not title_cased(obj.sent):
        return _held_by_armed_side(trigger, lemma, passive)
    # Unknown to both: a plural name is a group of people ("taking Eastern African
    # Paediatricians through the agenda"); the plural places are in the gazetteer.
    # Listed with a place, a name left or taken in the passive is one of them ("pulled out
    # of Rutshuru and Kiwanja"); alone, it may be people ("Smith was captured").
    return (listed or not (leaving or passive)) and lemma != "hold" and not title_cased(
        obj.sent) and obj.tag_ != "NNPS" and (listed or (obj.dep_ in ("dobj", "pobj") and (
            obj.ent_type_ != "PERSON" or len(run) == 1 or lemma in _NEVER_PEOPLE or
            _taken_from_a_side(trigger))))


def _taken_from_a_side(trigger) -> bool:
    """"captured Kfar Nabudah from militants": what a side takes from another is ground, so
    a name of several words the tagger calls a person is a place here."""
    return any(c.dep_ == "prep" and c.lower_ == "from" and is_armed(object_of(c))
               for c in trigger.children)


def _held_by_armed_side(trigger, lemma: str, passive: bool) -> bool:
    """Whether a subject unknown to the gazetteer is held or taken by an armed side, as only
    ground is: "Kunlong fell to the rebels", "Kunlong was under the control of the Myanmar
    military", "was overrun by the Brotherhood Alliance" (people are captured, taken and
    liberated, so those passives are left alone)."""
    if lemma == "fall" or (lemma in UNDER_NOUNS | {"control"} and trigger.pos_ == "NOUN") or (
            passive and lemma in _NEVER_PEOPLE | {"seize", "storm", "recapture"}):
        return is_armed(actor_token(trigger))
    return False


def _introduced_person(run) -> bool:
    """Whether an earlier person's full name ends with this name. News names a person in
    full before it uses the surname alone, so a lone word the tagger calls a person but never
    introduced ("captured Kolotylivka") is likelier one of the villages the small model takes
    for people."""
    last = run[-1]
    return any(len(ent) > 1 and ent[-1].lower_ == last.lower_ and ent.end <= run[0].i
               for ent in entities_in(last.doc, "PERSON"))


def _introduced_place(run) -> bool:
    """Whether the text placed this name before: "the village of X", "near X", "X, a town"."""
    doc, last = run[0].doc, run[-1].lower_
    return any(tok.lower_ == last and tok.pos_ == "PROPN" and (placed_by_text(tok) or any(
        c.dep_ == "appos" and c.lemma_.lower() in PLACE_TYPE_NOUNS for c in tok.children))
        for tok in doc[:run[0].i])
