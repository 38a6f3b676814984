"""Ground taken without a name of its own, located by a place: "seized territory in the
Kharkiv region", "recaptured all territory held by the Islamic State in Iraq", "retook
strategic points in the town of Kidal"."""

from __future__ import annotations

from geo.claims.syntax import object_of, of_phrase_object

__all__ = ["ground_located_in"]

# Nouns for ground as such; a count or an area of it is a quantity, claimed as one.
_GROUND = frozenset({"territory", "territories", "land", "lands", "ground",
                     # military posts, which stand for the place they are in
                     "positions", "posts", "points"})  # (not one position: a post in it)
# Pieces of ground ("a swathe of territory").
_PIECES = frozenset({"swathe", "swathes", "swath", "swaths", "chunk", "chunks", "stretch",
                     "stretches", "tract", "tracts"})


def ground_located_in(verb, obj) -> list:
    """The objects of the "in" phrases that locate `obj`, when it is bare ground: on the
    ground itself, on what describes it, or on `verb`; nothing for any other object.

    >>> from spacy.tokens import Doc
    >>> from geo.geoparse.nlp import load_nlp
    >>> words = ["Troops", "seized", "territory", "in", "Kharkiv", "."]
    >>> doc = Doc(load_nlp().vocab, words=words, heads=[1, 1, 1, 1, 3, 1],
    ...           deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"])
    >>> [t.text for t in ground_located_in(doc[1], doc[2])]
    ['Kharkiv']
    """
    noun = of_phrase_object(obj) if obj.lower_ in _PIECES else obj
    if noun is None or noun.lower_ not in _GROUND or any(
            c.dep_ in ("nummod", "quantmod") for c in noun.children):
        return []
    preps = [t for t in obj.subtree if t.i > noun.i] + [c for c in verb.children if c.i > obj.i]
    return [o for p in preps if p.dep_ == "prep" and p.lower_ == "in"
            for o in [object_of(p)] if o is not None]
