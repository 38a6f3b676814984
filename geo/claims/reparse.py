"""Parse a sentence again with one word replaced, and write such parses back into a Doc: the
shared half of `geo.claims.verb_repair` (a misread verb of capture) and
`geo.claims.name_repair` (a misread place name)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc, Span

from geo.geoparse.nlp import POS_COMPONENT, load_nlp

__all__ = ["apply_repairs", "parse_with_word"]

_STEPS = ("tok2vec", "tagger", POS_COMPONENT, "parser", "attribute_ruler", "lemmatizer")
_ATTRS = [HEAD, DEP, TAG, POS, MORPH, LEMMA]


def parse_with_word(sent: Span, i: int, word: str) -> Doc:
    """The sentence (its words only) parsed with `word` in place of its `i`-th word."""
    words = [t.text for t in sent]
    spaces = [bool(t.whitespace_) for t in sent]
    spaces[-1] = False
    words[i] = word
    nlp = load_nlp()
    parsed = Doc(nlp.vocab, words=words, spaces=spaces)
    for name in _STEPS:
        parsed = nlp.get_pipe(name)(parsed)
    return parsed


def apply_repairs(doc: Doc, repairs: Iterable[tuple[int, object, Doc, str]], *,
                  copy: bool) -> Doc:
    """`doc` (a copy with `copy`) with each repair's parse written over its sentence:
    (first token of the sentence, the replaced token, the parse, that token's lemma)."""
    repairs = list(repairs)
    if not repairs:
        return doc
    out = doc.copy() if copy else doc
    values = out.to_array(_ATTRS)
    for first, tok, parsed, lemma in repairs:
        rows = parsed.to_array(_ATTRS)
        rows[tok.i - first, _ATTRS.index(LEMMA)] = out.vocab.strings.add(lemma)
        values[first:first + len(parsed)] = rows
    out.from_array(_ATTRS, values)
    return out
