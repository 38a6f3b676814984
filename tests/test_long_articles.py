"""Long articles: spaCy runs on pieces of the text, the geoparser's per-mention work is linear.

Nothing here is timed (`benchmarks/ingest_scale.py` measures time and memory). These tests
check that the long path gives what the short one would: a text cut into pieces for spaCy is
one Doc with the text, offsets, sentences, entities and tok2vec rows of its pieces run one by
one; sentence Docs made for the parser are `Span.as_doc()`'s; and the linear forms of the
discourse and anchor cues give what their first, quadratic definitions gave.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import pairwise

import numpy
import pytest
from spacy.tokens import Doc

from benchmarks.ingest_scale import long_article
from geo.gazetteer.index import Candidate, distance_km
from geo.geoparse import nlp as geo_nlp
from geo.geoparse.parse import _elsewhere
from geo.geoparse.resolve import Context
from geo.models import Article, Place

SMALL_CHUNK = 4_000  # pieces this long keep the tests quick; the shipped size is 50,000


@pytest.fixture(scope="module")
def text() -> str:
    return long_article(11_000, seed=7)


def _tokens(doc, offset: int = 0) -> list[tuple]:
    return [(t.idx + offset, t.text, t.whitespace_, t.tag_, t.pos_, t.ent_iob_, t.ent_type_,
             bool(t.is_sent_start)) for t in doc]


def test_pieces_cover_the_text_and_end_after_line_breaks(text):
    parts = geo_nlp.pieces(text, SMALL_CHUNK)
    assert len(parts) >= 3 and parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(parts))
    assert all(0 < end - start <= SMALL_CHUNK for start, end in parts)
    assert all(text[end - 1] == "\n" for _start, end in parts[:-1])


def test_pieces_of_one_long_paragraph_end_after_a_sentence():
    paragraph = long_article(9_000, seed=2).replace("\n", " ")
    parts = geo_nlp.pieces(paragraph, SMALL_CHUNK)
    assert "".join(paragraph[a:b] for a, b in parts) == paragraph and len(parts) >= 3
    for _start, end in parts[:-1]:
        assert paragraph[end - 2:end] in (". ", "? ", "! ") and paragraph[end].isupper()
    spaces = "x" * 3_000 + " " + "y" * 3_000  # no sentence end: after a space
    assert geo_nlp.pieces(spaces, SMALL_CHUNK) == [(0, 3_001), (3_001, 6_001)]
    solid = "z" * 9_000  # nothing to cut at: cut at the size
    assert geo_nlp.pieces(solid, SMALL_CHUNK) == [(0, 4_000), (4_000, 8_000), (8_000, 9_000)]


def test_a_text_up_to_the_chunk_size_is_one_pipeline_call(monkeypatch):
    def refuse(*_args):
        raise AssertionError("a short text must not be cut")

    monkeypatch.setattr(geo_nlp, "pieces", refuse)
    short = long_article(3_000, seed=1)
    doc = geo_nlp.run(short, SMALL_CHUNK)
    assert _tokens(doc) == _tokens(geo_nlp.load_nlp()(short))
    assert numpy.array_equal(doc.tensor, geo_nlp.load_nlp()(short).tensor)


def test_a_long_text_is_the_doc_of_its_pieces(text):
    nlp = geo_nlp.load_nlp()
    doc = geo_nlp.run(text, SMALL_CHUNK)
    assert doc.text == text and geo_nlp.text_of(doc) == text
    row = 0
    for start, end in geo_nlp.pieces(text, SMALL_CHUNK):
        piece = nlp(text[start:end])
        assert _tokens(doc[row:row + len(piece)], 0) == _tokens(piece, start)
        assert numpy.array_equal(doc.tensor[row:row + len(piece)], piece.tensor)
        expected = [(e.start + row, e.end + row, e.label_) for e in piece.ents]
        assert [(e.start, e.end, e.label_) for e in doc.ents
                if row <= e.start < row + len(piece)] == expected
        row += len(piece)
    assert row == len(doc) and doc.tensor.shape == (len(doc), 96)
    # Pieces end at line breaks, where a sentence ends anyway: the sentences are the whole
    # text's, and so are the tokens.
    whole = nlp(text)
    assert [(t.idx, t.text) for t in doc] == [(t.idx, t.text) for t in whole]
    assert [(s.start, s.end) for s in doc.sents] == [(s.start, s.end) for s in whole.sents]


def test_sentence_docs_are_as_doc(text):
    doc = geo_nlp.load_nlp()(text)
    arrays = geo_nlp._doc_array(doc)
    head = Doc._get_array_attrs()
    rng = random.Random(3)
    spans = list(doc.sents)
    for _ in range(200):  # spans that cut entities at either end
        i = rng.randrange(len(doc) - 2)
        spans.append(doc[i:min(len(doc), i + rng.randrange(1, 25))])
    for span in spans:
        made, expected = geo_nlp._sentence_doc(span, arrays), span.as_doc()
        assert made.text == expected.text
        assert numpy.array_equal(made.to_array(head), expected.to_array(head))
        assert numpy.array_equal(made.tensor, expected.tensor)
        assert [(e.start, e.end, e.label_) for e in made.ents] == \
            [(e.start, e.end, e.label_) for e in expected.ents]


def test_parsed_sentences_of_a_long_doc_are_those_of_its_pieces(text):
    doc = geo_nlp.run(text, SMALL_CHUNK)
    sents = [s for s in doc.sents if len(s) > 5][::7]
    parsed = geo_nlp.parse_spans(sents)
    nlp = geo_nlp.load_nlp()
    docs = [s.as_doc() for s in sents]  # the first way, Span.as_doc
    for name in geo_nlp.ON_DEMAND:
        docs = list(nlp.get_pipe(name).pipe(docs))
    for sent, alone, expected in zip(sents, parsed, docs, strict=True):
        assert alone.text == expected.text and alone.text.strip() == sent.text.strip()
        assert [(t.dep_, t.head.i, t.lemma_, t.tag_, t.pos_) for t in alone] == \
            [(t.dep_, t.head.i, t.lemma_, t.tag_, t.pos_) for t in geo_nlp._one_tree(expected)]


def test_mentions_of_a_long_article_are_those_of_the_whole_text(text, monkeypatch):
    """Cut into pieces or not, the article gives the same mentions (the pieces end at
    paragraph ends, and the geoparser's context is the whole article either way); each
    mention's offsets index its surface and sentence in the text."""
    from geo.claims.extract import extract_claims
    from geo.geoparse.parse import parse, parse_article

    whole = parse(text)
    geo_nlp.doc_for.cache_clear()
    monkeypatch.setattr(geo_nlp, "CHUNK_CHARS", SMALL_CHUNK)
    assert len(geo_nlp.pieces(text, SMALL_CHUNK)) >= 3
    cut = parse(text)
    assert len(cut) > 150
    assert [(m.start, m.end, m.surface, m.role, m.place and m.place.key, m.sentence_start,
             m.sentence) for m in cut] == \
        [(m.start, m.end, m.surface, m.role, m.place and m.place.key, m.sentence_start,
          m.sentence) for m in whole]
    for m in cut:
        assert text[m.start:m.end] == m.surface
        assert text[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence
    # The claims read the same pieced Doc (geo.geoparse.nlp.doc_for) and quote the text verbatim.
    article = Article("long", text)
    claims = extract_claims(article, parse_article(article))
    assert claims
    assert all(text[c.start:c.end] == c.quote for c in claims)
    geo_nlp.doc_for.cache_clear()


def test_paragraphs_give_the_same_spans_alone_and_in_a_long_article(text, monkeypatch):
    """spaCy's part of the proposal (tokens, entities, parts of speech) is per piece, so the
    spans proposed in a long article are those of its pieces parsed separately."""
    from geo.gazetteer.index import open_gazetteer
    from geo.geoparse.parse import proposed_spans

    gaz = open_gazetteer()
    monkeypatch.setattr(geo_nlp, "CHUNK_CHARS", SMALL_CHUNK)
    doc = geo_nlp.run(text)
    nlp = geo_nlp.load_nlp()

    def shown(spans, offset=0):
        return [(s.start + offset, s.end + offset, s.surface, s.ner, s.pos,
                 tuple(c.place.key for c in s.candidates)) for s in spans]

    together = shown(proposed_spans(doc, gaz, None, lower_case=True))
    apart = []
    for start, end in geo_nlp.pieces(text, SMALL_CHUNK):
        apart += shown(proposed_spans(nlp(text[start:end]), gaz, None, lower_case=True), start)
    assert together == apart and len(together) > 150
    assert all(text[start:end] == surface for start, end, surface, *_ in together)


@dataclass
class _Span:
    surface: str


def _elsewhere_quadratic(decided, ctx):
    """`geoparse._elsewhere` as first written: every mention against every other."""
    from geo.gazetteer.names import fold

    by_name = {}
    for span, cands, plaus, _reason, rule_ok in decided:
        by_name.setdefault(fold(span.surface), []).append((id(span), plaus if cands else 0.0,
                                                           rule_ok and bool(cands)))
    out = {}
    for name, mentions in by_name.items():
        for key, _p, _ok in mentions:
            others = [(p, ok) for k, p, ok in mentions if k != key]
            ok_elsewhere = any(ok for _p, ok in others) or name in ctx.sense
            out[key] = (float(ok_elsewhere), max((p for p, _ok in others), default=0.0))
    return out


def test_elsewhere_is_the_quadratic_definition():
    rng = random.Random(5)
    names = ["Bukavu", "Goma", "Kursk", "Sudzha", "Uvira", "Rafah"]
    ctx = Context(country_votes={}, anchors=[])
    ctx.sense = {"goma": "gn:1", "rafah": "gn:2"}
    for _ in range(50):
        decided = []
        for _k in range(rng.randrange(1, 30)):
            plaus = rng.choice([0.0, 0.2, 0.35, 0.5, 0.5, 0.8, 0.95, rng.random()])
            decided.append((_Span(rng.choice(names)), ("c",) if rng.random() < 0.8 else (),
                            plaus, "", rng.random() < 0.5))
        assert _elsewhere(decided, ctx) == _elsewhere_quadratic(decided, ctx)


def _place(rng: random.Random, i: int) -> Place:
    feature = rng.choice(["city", "city", "city", "admin2", "admin1", "country", "landmark"])
    lat = None if rng.random() < 0.05 else rng.uniform(-60, 70)
    return Place(f"gn:{i}", f"P{i}", lat, rng.uniform(-180, 180) if lat is not None else None,
                 feature, "UA", rng.choice(["UA-14", "UA-63", "UA-65", None]))


@pytest.mark.parametrize("n_anchors", [5, 40, 300])
def test_anchor_cues_are_the_scan_over_other_names(n_anchors):
    """`Context.nearest_other_km` and `other_in_admin1` (indexed, memoised, numpy from 48
    places) give exactly what scanning the other names' anchors gave."""
    rng = random.Random(n_anchors)
    places = [_place(rng, i) for i in range(n_anchors)]
    names = [f"name{i}" for i in range(max(3, n_anchors // 3))]
    anchors = [(rng.choice(names), Candidate(place=rng.choice(places), kind="name"))
               for _ in range(n_anchors * 2)]
    ctx = Context(country_votes={}, anchors=anchors)
    unanchored = _place(rng, 10_000)  # a key names one place: the memo is by key
    for _ in range(300):
        cand = Candidate(place=rng.choice([*places, unanchored]), kind="name")
        name = rng.choice([*names, "unseen"])
        others = [a for n, a in anchors if n != name]
        assert ctx.nearest_other_km(cand, name) == _nearest_by_scan(cand, others)
        p = cand.place
        assert ctx.other_in_admin1(p, name) == (bool(p.admin1) and any(
            a.place.admin1 == p.admin1 and a.place.key != p.key for a in others))


def _nearest_by_scan(c: Candidate, anchors: list[Candidate]) -> float | None:
    """The anchor scan `Context.nearest_other_km` replaced (quadratic), kept to check it."""
    p = c.place
    if p.lat is None or p.feature in ("country", "region", "water", "admin1"):
        return None
    best = None
    for a in anchors:
        q = a.place
        if q.key == p.key or q.lat is None or q.feature in ("country", "region", "water", "admin1"):
            continue
        d = distance_km(p.lat, p.lon, q.lat, q.lon)
        best = d if best is None or d < best else best
    return best
