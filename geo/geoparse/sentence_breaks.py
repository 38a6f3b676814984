"""Sentence boundaries repaired after spaCy's `senter`, as a pipeline component that
`geo.geoparse.nlp.load_nlp` adds (importing this module registers it)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["BREAKS_COMPONENT", "sentence_breaks"]

BREAKS_COMPONENT = "sentence_breaks"
# Abbreviations of measures whose period the sentence splitter may take for a sentence's end.
_MEASURE_ABBREVIATIONS = frozenset({"sq", "approx", "ca", "est", "appr", "pct"})


@Language.component(BREAKS_COMPONENT)
def sentence_breaks(doc: Doc) -> Doc:
    """Repair `senter`'s boundaries: a line break ends a sentence (it runs paragraphs together,
    "mounted.\n\nU.S. officials", and every consumer cuts sentences at line breaks anyway) and
    is a sentence of its own (a sentence parsed with the break as its last word was read
    differently: "..., Ukraine's eastern command reported.\n\n" lost its speaker), and no
    sentence starts inside brackets ("800 square kilometers [" | "309 square miles]") or after
    the period of a measure's abbreviation before a lowercase word ("101,387 sq. km").

    >>> from geo.geoparse.nlp import load_nlp
    >>> [s.text for s in load_nlp()("India holds 101,387 sq. km of Kashmir. It says so.").sents]
    ['India holds 101,387 sq. km of Kashmir.', 'It says so.']
    """
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.is_space and "\n" in tok.text:
            tok.is_sent_start = nxt.is_sent_start = True
        elif tok.text in ("(", "[") and nxt.is_sent_start:
            nxt.is_sent_start = False
        elif tok.text == "." and nxt.is_sent_start and nxt.is_lower and tok.i > 0 and \
                doc[tok.i - 1].lower_ in _MEASURE_ABBREVIATIONS and not doc[tok.i - 1].whitespace_:
            nxt.is_sent_start = False  # "101,387 sq. km of Kashmir": one sentence
    if len(doc) > 1 and doc[-1].is_space and "\n" in doc[-1].text:
        doc[-1].is_sent_start = True  # as it would be with a word after it
    return doc
