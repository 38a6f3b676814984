""""Aleppo is the latest city to fall to the rebels": the place of a claim made through a
copula and an ordinal, where the verb of capture has no subject of its own."""

from __future__ import annotations

from geo.claims.syntax import subject_of

__all__ = ["latest_to_subject"]

# Words that make "the ___ (town) to fall" a fact; "the next to fall" is a forecast.
_ORDER_WORDS = frozenset({"latest", "first", "last", "second", "third", "fourth", "fifth",
                          "only", "newest", "most", "biggest", "largest"})
# With a participle or a relative clause only an order of events asserts one: "the largest
# town occupied by Ukraine" is a label, as "the Russian-occupied town" is; "the only city
# controlled by the government" says who holds it.
_EVENT_ORDER = frozenset({"latest", "first", "last", "second", "third", "fourth", "fifth",
                          "newest", "only"})


def latest_to_subject(verb):
    """The subject of "is"/"became" when `verb` is "to fall", "to be captured" or "captured
    by X" hung on "the latest (city)", "the first (town)" ..., or the name that phrase is in
    apposition to; else None.

    >>> from geo.claims.parse import parsed_doc
    >>> from geo.geoparse.nlp import load_nlp
    >>> doc = parsed_doc(load_nlp()("Aleppo is the latest city to fall to the rebels."))
    >>> latest_to_subject(doc[6]).text
    'Aleppo'
    """
    infinitive = any(c.dep_ in ("aux", "auxpass") and c.lower_ == "to" for c in verb.children)
    reduced = verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)
    if verb.dep_ not in ("relcl", "acl", "xcomp") or not (
            infinitive or reduced or verb.dep_ == "relcl"):
        return None  # "to fall", "to be captured", "captured by X", "(that) X has taken"
    noun = verb.head
    words = _ORDER_WORDS if infinitive else _EVENT_ORDER
    if noun.dep_ not in ("attr", "appos") or not (noun.lower_ in words or any(
            c.lower_ in words for c in noun.children if c.dep_ in ("amod", "advmod"))):
        return None
    # "Bukavu is the second city ...", or in apposition: "Bukavu, the second city ..."
    return subject_of(noun.head) if noun.dep_ == "attr" else noun.head
