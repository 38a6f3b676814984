"""Parse a sentence again with one word replaced, and write such parses back into a Doc: the
shared half of `geo.claims.verb_repair` (a misread verb of capture) and
`geo.claims.name_repair` (a misread place name)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc, Span

from geo.geoparse.nlp import POS_COMPONENT, load_nlp
from geo.geoparse.ruler import lemmatized, split_ruler

__all__ = ["apply_repairs", "forget_parses", "parse_with_word"]

_STEPS = ("tok2vec", "tagger", POS_COMPONENT, "parser")  # then the ruler and lemmatizer
_ATTRS = [HEAD, DEP, TAG, POS, MORPH, LEMMA]


def parse_with_word(sent: Span, i: int, word: str) -> Doc:
    """The sentence (its words only) parsed with `word` in place of its `i`-th word. Callers
    only read the parse: the same sentence repaired again (an article's claims are read in
    two passes) gets the same Doc, until `forget_parses` (called per article).

    >>> doc = load_nlp().make_doc("Russian forces have taken Bakhmut.")
    >>> parse_with_word(doc[0:6], 4, "Madrid") is parse_with_word(doc[0:6], 4, "Madrid")
    True
    """
    words = [t.text for t in sent]
    spaces = [bool(t.whitespace_) for t in sent]
    spaces[-1] = False
    words[i] = word
    return _parsed(tuple(words), tuple(spaces))


def forget_parses() -> None:
    """Drop the parses `parse_with_word` kept: each article's are its own (so a benchmark
    that reads the same texts again pays for them again)."""
    _parsed.cache_clear()


@lru_cache(maxsize=64)
def _parsed(words: tuple[str, ...], spaces: tuple[bool, ...]) -> Doc:
    nlp = load_nlp()
    parsed = Doc(nlp.vocab, words=list(words), spaces=list(spaces))
    for name in _STEPS:
        parsed = nlp.get_pipe(name)(parsed)
    # The same rules as the pipeline's attribute ruler and lemmatizer, read faster.
    ruled = split_ruler(nlp.get_pipe("attribute_ruler"))(parsed)
    return lemmatized(nlp.get_pipe("lemmatizer"), ruled)


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
