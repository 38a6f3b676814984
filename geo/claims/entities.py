"""The named entities of a Doc by label, found once per Doc: `Doc.ents` and `Span.ents`
build every entity of the text on each call, which a rule asked once per claim turns into
time quadratic in a long text (`benchmarks/claims_hostile.py`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Span

__all__ = ["entities_in"]

_KEY = "conflict_map_entity_bounds"
_BEGIN, _INSIDE = 3, 1  # spaCy's ENT_IOB values: 3 "B", 1 "I", 2 "O", 0 unset


def entities_in(span, label: str) -> list[Span]:
    """The entities labelled `label` inside `span` (a Span or a Doc), in text order.

    >>> from spacy.tokens import Doc
    >>> from geo.geoparse.nlp import load_nlp
    >>> doc = Doc(load_nlp().vocab, words=["In", "May", "Kyiv", "said", "."],
    ...           ents=["O", "B-DATE", "B-GPE", "O", "O"])
    >>> [e.text for e in entities_in(doc[0:5], "DATE")], [e.text for e in entities_in(doc, "GPE")]
    (['May'], ['Kyiv'])
    """
    doc = span.doc if isinstance(span, Span) else span
    start, end = (span.start, span.end) if isinstance(span, Span) else (0, len(doc))
    found = doc.user_data.get(_KEY)
    if found is None or found[0] != len(doc):
        found = doc.user_data[_KEY] = (len(doc), _bounds(doc))
    listed = found[1].get(label, [])
    out = []
    for a, b in listed[bisect_left(listed, (start, -1)):]:
        if a >= end:
            break
        if b <= end:
            out.append(Span(doc, a, b, label=label))
    return out


def _bounds(doc) -> dict[str, list[tuple[int, int]]]:
    """Every entity's (start, end) by label, from the Doc's IOB array: `Doc.ents` would make
    a Span per entity of the whole text."""
    rows = doc.to_array([ENT_IOB, ENT_TYPE])
    if not len(rows):
        return {}
    iob = rows[:, 0]
    outside = numpy.flatnonzero(iob != _INSIDE).tolist()  # where each entity has ended
    strings = doc.vocab.strings
    bounds: dict[str, list[tuple[int, int]]] = {}
    for start in numpy.flatnonzero(iob == _BEGIN).tolist():
        k = bisect_right(outside, start)
        end = outside[k] if k < len(outside) else len(doc)
        bounds.setdefault(strings[int(rows[start, 1])], []).append((start, end))
    return bounds
