"""The parse repaired where the small English model takes a place name for another part of
speech: "Russian forces have taken Bakhmut" (an adverb), "Soledar" and "Homs" (common nouns),
"Toretsk", "Berdiansk" (adverbs). No claim rule then sees a place taken, held or lost there.
Where a capitalised word of that kind is a town or region the gazetteer knows (`is_place`),
the sentence is parsed again with a name the model always reads as one standing in for it
(`STAND_IN`); that parse is kept, with the original word as a proper noun, only if it makes
the stand-in a proper noun. As `geo.claims.verb_repair` does for verbs.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable

import numpy
from spacy.attrs import IS_ALPHA, IS_STOP, IS_TITLE
from spacy.tokens import Doc, Span

from geo.claims.reparse import apply_repairs, parse_with_word

__all__ = ["STAND_IN", "repair_names"]

STAND_IN = "Madrid"
_MISREAD_POS = frozenset({"ADV", "NOUN", "ADJ", "VERB", "ADP", "INTJ", "X"})
# Words opening an apposition or a relative clause after a name and a comma.
_DESCRIBING = frozenset({"which", "a", "an", "the", "once", "now", "long", "home"})
_NOT_NAMES = frozenset({"NORP", "DATE", "TIME", "ORDINAL", "CARDINAL", "PERCENT", "MONEY",
                        "QUANTITY"})


def repair_names(doc: Doc, sents: Iterable[Span], is_place: Callable[[str], bool], *,
                 copy: bool) -> Doc:
    """`doc` with the sentences of `sents` parsed again where a place name was misread (see
    the module docstring); `doc` itself when none was. With `copy` the repairs go into a copy.
    `is_place(word)` tells a town or region the gazetteer knows."""
    repairs = []
    # Only capitalised words that are not stop words can be misread names: found in the Doc's
    # arrays, not by a Token made per word.
    flags = doc.to_array([IS_TITLE, IS_ALPHA, IS_STOP]).astype(bool)
    titled = numpy.flatnonzero(flags[:, 0] & flags[:, 1] & ~flags[:, 2]).tolist()
    for span in sents:
        sent = doc[span.start:span.end]
        first = bisect_left(titled, span.start)
        for i in titled[first:bisect_left(titled, span.end, lo=first)]:
            tok = doc[i]
            if _misread(tok, sent) and is_place(tok.text):
                parsed = _parse_with_stand_in(sent, tok.i - sent.start)
                if parsed is not None:
                    repairs.append((sent.start, tok, parsed, tok.text))
                    break  # one repair a sentence: the new parse is of the whole sentence
    return apply_repairs(doc, repairs, copy=copy)


def _misread(tok, sent) -> bool:
    """A capitalised word, not a stop word, tagged as neither a name nor a pronoun; at the
    start of a sentence only before a verb ("Bakhmut fell to ...", not "However, ...") or
    before a comma opening what describes it ("Homs, which was once ...", "Bakhmut, a city
    in Donetsk, ...")."""
    if not (tok.is_title and tok.is_alpha) or tok.is_stop or tok.pos_ not in _MISREAD_POS or \
            tok.ent_type_ in _NOT_NAMES:
        return False
    if tok.i == sent.start or not tok.doc[tok.i - 1].is_alpha:
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < sent.end else None
        after = tok.doc[tok.i + 2] if tok.i + 2 < sent.end else None
        return nxt is not None and (nxt.pos_ in ("VERB", "AUX") or (
            nxt.text == "," and after is not None and after.lower_ in _DESCRIBING))
    return True


def _parse_with_stand_in(sent: Span, i: int) -> Doc | None:
    """The sentence (words only) parsed with `STAND_IN` for its `i`-th word, or None unless
    that parse reads the stand-in as a proper noun."""
    parsed = parse_with_word(sent, i, STAND_IN)
    return parsed if parsed[i].pos_ == "PROPN" else None
