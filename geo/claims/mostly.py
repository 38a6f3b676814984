"""A state of control said to cover most of a place ("Western Sahara, mostly under Moroccan
control", "the capital is mostly controlled by gangs"): by the convention of
../shared/claims/README.md, "most of" is over 50 %, and the adverb says the same of the place
itself."""

from __future__ import annotations

from geo.claims.numbers import Quantity

__all__ = ["most_of_it"]

_MOSTLY = frozenset({"mostly", "predominantly"})


def most_of_it(trigger) -> Quantity | None:
    """Over 50 % when "mostly" qualifies the state of control at `trigger` (the verb, or the
    "under" of "under X control" and what it hangs on), else None.

    >>> from spacy.tokens import Doc
    >>> from geo.geoparse.nlp import load_nlp
    >>> doc = Doc(load_nlp().vocab, words=["Kidal", "is", "mostly", "controlled", "by", "rebels"],
    ...           heads=[3, 3, 3, 3, 3, 4], pos=["PROPN", "AUX", "ADV", "VERB", "ADP", "NOUN"],
    ...           deps=["nsubjpass", "auxpass", "advmod", "ROOT", "agent", "pobj"])
    >>> most_of_it(doc[3]).value, most_of_it(doc[3]).bound
    (50.0, 'over')
    >>> most_of_it(doc[5]) is None
    True
    """
    holders = [trigger]
    if trigger.pos_ == "NOUN" and trigger.head.lower_ == "under":
        holders += [trigger.head, trigger.head.head]
    word = next((c for h in holders for c in h.children
                 if c.dep_ == "advmod" and c.lower_ in _MOSTLY), None)
    if word is None:
        return None
    end = word.idx + len(word)
    return Quantity(value=50.0, unit="percent", bound="over", start=word.idx, end=end,
                    num_start=word.idx, num_end=end, fraction=True)
