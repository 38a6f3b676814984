"""The town an anaphor stands for when the geoparser resolved none: "fighting near Bunagana
... they controlled the town ... it had fallen to the rebels", Bunagana being unknown to the
gazetteer. Only a name the text itself places (after "near", "in", "outside", "entered", or
"the town of X", "the town X") counts, never a country's, nor one the model calls a person
that the gazetteer does not know (the small model calls many unknown towns organisations, so
that label decides nothing).
"""

from __future__ import annotations

from geo.claims.lexicon import CITY_NOUNS
from geo.claims.parse import Sentences
from geo.claims.phrases import phrase_text
from geo.claims.places import Places
from geo.claims.region_names import Region

__all__ = ["placed_by_text", "town_named_after", "town_named_before"]

_LOCATING = frozenset({"near", "in", "around", "outside", "at", "into", "towards", "toward",
                       "from"})
# Verbs whose object is a place under attack or one gone into or out of, not a person
# ("encircle Bakhmut", "entered Kidal", "fled Sudzha", "left Sudzha").
_SIEGE_VERBS = frozenset({"encircle", "surround", "besiege", "storm", "shell", "approach",
                          "enter", "flee", "evacuate", "reach", "leave", "abandon"})
_NOT_PLACES = frozenset({"PERSON", "NORP", "DATE", "TIME", "EVENT", "LAW",
                         "WORK_OF_ART", "PRODUCT", "LANGUAGE"})


def town_named_before(places: Places, tok, sents: Sentences, proper_run, *,
                      back: int = 2) -> Region | None:
    """The latest town named in the text placed before `tok`, within its sentence and the
    `back` sentences before it (`proper_run` gives a name's words)."""
    n = sents.starting_by(tok.i)
    first = sents[n - 1 - back].start if n > back else 0
    doc = tok.doc
    for i in range(tok.i - 1, first - 1, -1):
        town = _town_at(places, doc[i], proper_run)
        if town is not None:
            return town
    return None


def town_named_after(places: Places, tok, proper_run) -> Region | None:
    """The first town placed after `tok` in its own sentence, for "the town" with no town
    before it ("Russian forces likely captured the town and footage shows troops planting
    flags in Vuhledar")."""
    for t in tok.doc[tok.i + 1:tok.sent.end]:
        town = _town_at(places, t, proper_run)
        if town is not None:
            return town
    return None


def _town_at(places: Places, t, proper_run) -> Region | None:
    """The town `t` names, if the text places it there and it is no other kind of place."""
    if t.pos_ != "PROPN" or t.dep_ == "compound" or not placed_by_text(t):
        return None
    run = proper_run(t)
    covering = places.mentions_over(run[0].idx, run[-1].idx + len(run[-1]))
    if covering:
        m = covering[0]
        if m.role == "literal" and m.place is not None and m.place.feature == "city":
            return places.region_of(t.doc, m)
        return None
    name = phrase_text(run)
    known = places.lookup(name, start=run[0].idx, strict=True)
    if any(w.ent_type_ in _NOT_PLACES for w in run) and known.key is None:
        return None  # the small model's "person" for a town the gazetteer knows is no veto
    if known.key is not None and known.feature != "city":
        return None
    return known if known.key is not None else Region(name, feature="city", start=run[0].idx)


def placed_by_text(t) -> bool:
    """Whether the words around name `t` say it is a place: "near X", "the town of X", "the
    town X", "encircle X"."""
    head = t.head
    if t.dep_ == "dobj" and head.lemma_.lower() in _SIEGE_VERBS:
        return True
    if t.dep_ == "pobj" and head.lower_ in _LOCATING:
        return True
    if t.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in CITY_NOUNS:
        return True
    return t.dep_ == "appos" and head.lemma_.lower() in CITY_NOUNS
