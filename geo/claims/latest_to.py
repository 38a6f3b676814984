""""Aleppo is the latest city to fall to the rebels": the place of a claim made through a
copula and an ordinal, where the verb of capture has no subject of its own."""

from __future__ import annotations

from geo.claims.people import subject_of

__all__ = ["latest_to_subject"]

# Words that make "the ___ (town) to fall" a fact; "the next to fall" is a forecast.
_ORDER_WORDS = frozenset({"latest", "first", "last", "second", "third", "fourth", "fifth",
                          "only", "newest", "most", "biggest", "largest"})


def latest_to_subject(verb):
    """The subject of "is"/"became" when `verb` is "to fall"/"to be captured" hung on "the
    latest (city)", "the first (town)" ...; else None.

    >>> from geo.claims.parse import parsed_doc
    >>> from geo.geoparse.nlp import load_nlp
    >>> doc = parsed_doc(load_nlp()("Aleppo is the latest city to fall to the rebels."))
    >>> latest_to_subject(doc[6]).text
    'Aleppo'
    """
    if verb.dep_ not in ("relcl", "acl", "xcomp") or not any(
            c.dep_ in ("aux", "auxpass") and c.lower_ == "to" for c in verb.children):
        return None
    noun = verb.head
    if noun.dep_ != "attr" or not (noun.lower_ in _ORDER_WORDS or any(
            c.lower_ in _ORDER_WORDS for c in noun.children if c.dep_ in ("amod", "advmod"))):
        return None
    return subject_of(noun.head)
