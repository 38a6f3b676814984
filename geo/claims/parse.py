"""The parse claims are read from: which sentences need one, and helpers over its sentences.

The dependency parser costs about as much as NER, and most sentences of an article hold no
claim, so `parsed_doc` parses only the sentences a cheap test picks (see `needs_parse`): a
quantity of territory, or a word that takes, holds or loses ground or calls a claim untrue; and,
in an article with such a sentence, the sentences that report or cite someone (claimants are
inherited from them). Every other sentence gets a flat tree that no claim rule matches.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection
from dataclasses import replace

from spacy.attrs import IS_SPACE, LOWER, POS, TAG
from spacy.strings import get_string_id
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Span

from geo.claims.lexicon import (
    CONTRADICT_VERBS,
    EXPEL_VERBS,
    FOOTHOLD_NOUNS,
    IRREGULAR_LEMMAS,
    LEAVE_VERBS,
    NOMINAL_ACTIONS,
    NOUN_ACTIONS,
    NOUN_HOMOGRAPHS,
    PARTICLE_ACTIONS,
    REPORT_VERBS,
    UNDER_NOUNS,
    UNTRUE_NAMES,
    VERB_ACTIONS,
    WITHDRAWAL_NOUNS,
)
from geo.claims.name_repair import repair_names
from geo.claims.numbers import Quantity, find_quantities
from geo.claims.verb_repair import repair_verbs
from geo.geoparse.nlp import is_parsed, text_of, with_parse

__all__ = ["argument_words", "has_word", "needs_parse", "paragraph", "parsed_doc",
           "quantity_head", "sentences", "shift", "span_text", "without_apposition"]


def _inflections(lemmas) -> frozenset[str]:
    """Regular English forms of each lemma ("seize" → seizes, seized, seizing)."""
    out = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        out |= {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"}
        if lemma.endswith("y"):
            out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "controlled"
    return frozenset(out)


_IRREGULAR = {"said": "say", "told": "tell", "found": "find", "wrote": "write",
              "written": "write", "shown": "show", "won": "win"}
_CLAIM_WORDS = _inflections({*VERB_ACTIONS, *NOUN_ACTIONS, *EXPEL_VERBS, *LEAVE_VERBS, "fall",
                             "win", "take", "leave", *(v for v, _p in PARTICLE_ACTIONS)}) | \
    frozenset(IRREGULAR_LEMMAS) | {"won", "hands", "left"} | \
    UNDER_NOUNS | \
    UNTRUE_NAMES | {"true"} | WITHDRAWAL_NOUNS | FOOTHOLD_NOUNS
# Verb forms that are also everyday nouns: "Russian forces", "the military command" are no
# reason to parse a sentence; "forced ... out", "commands" are (other verb forms pick their
# sentence whatever the tagger says: "retook" tagged a noun is a misread that gets repaired).
_VERB_ONLY_WORDS = (NOUN_HOMOGRAPHS & _CLAIM_WORDS) - _inflections(
    {*NOUN_ACTIONS, *NOMINAL_ACTIONS, *UNDER_NOUNS, *WITHDRAWAL_NOUNS, *FOOTHOLD_NOUNS})
_ANY_POS_WORDS = _CLAIM_WORDS - _VERB_ONLY_WORDS
_NOUN_TAGS = frozenset(map(get_string_id, ("NN", "NNS", "NNP", "NNPS")))
_NEWLINE = re.compile("\n")
# Where `paragraph` keeps the offsets of line breaks of a Doc.
_BREAKS_KEY = "conflict_map_line_breaks"
# Where `_column` keeps each attribute's ids on a Doc.
_COLUMN_KEYS = {LOWER: "conflict_map_lowercase_ids", TAG: "conflict_map_tag_ids"}
_CLAIM_SENTENCES_KEY = "conflict_map_claim_sentences"
# The string ids of each set of words `has_word` was asked about, by the set's id.
_IDS: dict[int, tuple[Collection[str], frozenset[int]]] = {}
_REPORT_WORDS = _inflections(REPORT_VERBS | CONTRADICT_VERBS) | {
    w for w, v in _IRREGULAR.items() if v in REPORT_VERBS} | {"according", "citing"}


def span_text(span: Span) -> str:
    """`span.text`, cut from the Doc's text (`text_of`): spaCy joins every token's text each
    time, which the claim reader asked of every sentence twice.

    >>> from geo.geoparse.nlp import load_nlp
    >>> doc = load_nlp().make_doc("Troops took Sudzha. They held it.")
    >>> span_text(doc[3:7]), doc[3:7].text
    ('. They held it', '. They held it')
    """
    return text_of(span.doc)[span.start_char:span.end_char]


def has_word(sent: Span, words: Collection[str]) -> bool:
    """Whether a token of the sentence, lowercased, is one of `words`: compared by string id,
    from the Doc's array of lowercase forms read once, not by a Token made per word."""
    return not _ids(words).isdisjoint(_column(sent.doc, LOWER)[sent.start:sent.end])


# What `geo.claims.arguments.place_argument` reads beyond its first test: verbs, nouns, words
# tagged as verbs and "hands" ("in the hands of"); every other word is answered None at once.
_ARGUMENT_POS = frozenset({VERB, AUX, NOUN})
_VERB_TAGS = frozenset(map(get_string_id, ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")))
_HANDS = get_string_id("hands")


def argument_words(sent) -> list[int]:
    """The indices of the sentence's words that `place_argument` and `presence_argument` may
    answer for (their first test), from the Doc's arrays rather than a Token per word.

    >>> from spacy.tokens import Doc
    >>> from geo.geoparse.nlp import load_nlp
    >>> doc = Doc(load_nlp().vocab, words=["Troops", "took", "the", "town", "."],
    ...           pos=["NOUN", "VERB", "DET", "NOUN", "PUNCT"])
    >>> argument_words(doc[1:5])
    [1, 3]
    """
    rows = sent.to_array([POS, TAG, LOWER]).tolist()
    return [sent.start + k for k, (pos, tag, lower) in enumerate(rows)
            if pos in _ARGUMENT_POS or tag in _VERB_TAGS or lower == _HANDS]


def _ids(words: Collection[str]) -> frozenset[int]:
    """The string ids of a set of words, made once per set."""
    known = _IDS.get(id(words))
    if known is None or known[0] is not words:
        known = _IDS[id(words)] = (words, frozenset(map(get_string_id, words)))
    return known[1]


def _column(doc: Doc, attr: int) -> list[int]:
    """One attribute of every token of the Doc (lowercase form, tag) as ids, read once per Doc."""
    key = _COLUMN_KEYS[attr]
    values = doc.user_data.get(key)
    if values is None or len(values) != len(doc):
        values = doc.user_data[key] = doc.to_array(attr).tolist()
    return values


def title_cased(sent: Span) -> bool:
    """Whether the sentence is written in Title Case or capitals ("Rebels Seize UN Weapons in
    the Golan", a headline or a tweet), where a capital no longer marks a name.

    >>> from geo.geoparse.nlp import load_nlp
    >>> doc = load_nlp().make_doc("Rebels Seize UN Weapons in the Golan Heights")
    >>> title_cased(doc[:]), title_cased(load_nlp().make_doc("Rebels seized Kidal on Monday")[:])
    (True, False)
    """
    words = [t.text for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.85 * len(words)


def inside_name(tok) -> bool:
    """Whether a capitalised word between two proper nouns is part of a name ("Indian Occupied
    Kashmir"), in a sentence not written in Title Case.

    >>> from geo.geoparse.nlp import load_nlp
    >>> doc = load_nlp()("People of Indian Occupied Kashmir rejected the operation.")
    >>> inside_name(doc[3]), inside_name(doc[5])
    (True, False)
    """
    doc, i = tok.doc, tok.i
    return tok.is_title and tok.sent.start < i < len(doc) - 1 and \
        doc[i - 1].pos_ == "PROPN" and doc[i + 1].pos_ == "PROPN" and not title_cased(tok.sent)


def needs_parse(sent: Span) -> bool:
    """Whether a sentence may hold a claim: a quantity of territory ("86%", "two-thirds",
    "four villages"), or a word that takes, holds or loses ground or denies a claim (one that
    claims only as a verb, unless the tagger calls it a noun)."""
    if has_word(sent, _ANY_POS_WORDS) or _has_verb_word(sent):
        return True
    return any(q.role == "claim" for q in find_quantities(span_text(sent)))


def _has_verb_word(sent: Span) -> bool:
    words, lowers = _ids(_VERB_ONLY_WORDS), _column(sent.doc, LOWER)
    if words.isdisjoint(lowers[sent.start:sent.end]):
        return False  # most sentences: none of the words at all
    tags = _column(sent.doc, TAG)
    return any(lowers[i] in words and tags[i] not in _NOUN_TAGS
               for i in range(sent.start, sent.end))


def parsed_doc(doc: Doc, is_place: Callable[[str], bool] | None = None, *,
               claims_only: bool = False) -> Doc:
    """`doc` with its claim sentences parsed (and, when there is a claim sentence and not
    `claims_only`, those that report someone or name who "it" is: where claimants and actors
    are found); `doc` itself when it is parsed already (a full pipeline made it). Where the
    model misread a verb of capture, the sentence is parsed again (`geo.claims.verb_repair`),
    and so where it misread a place name that `is_place` knows (`geo.claims.name_repair`).
    Parses are kept on `doc`: a second call parses only the sentences the first did not."""
    if is_parsed(doc):
        claim_sents = [s for s in doc.sents if needs_parse(s)]
        repaired = repair_verbs(doc, claim_sents, copy=True)
        if is_place is None:
            return repaired
        return repair_names(repaired, claim_sents, is_place, copy=repaired is doc)
    # A line break is a sentence of its own (`geo.geoparse.sentence_breaks`): no sentence
    # "before" another.
    sents = [s for s in doc.sents if len(s) > 1 or not s[0].is_space]
    chosen = _claim_sentences(doc, sents)
    if chosen and not claims_only:
        picked = {s.start for s in chosen}
        chosen += [s for s in sents if s.start not in picked
                   and has_word(s, _REPORT_WORDS)]
        # "... On Monday it said it had captured X": the previous sentence names who "it" is.
        have = {c.start for c in chosen}
        chosen += [sents[i - 1] for i, s in enumerate(sents) if i > 0 and s.start in picked
                   and sents[i - 1].start not in have
                   and any(t.lower_ in ("it", "they", "he", "she") for t in s)]
    chosen.sort(key=lambda s: s.start)
    repaired = repair_verbs(with_parse(doc, chosen), chosen, copy=False)
    return repair_names(repaired, chosen, is_place, copy=False) if is_place else repaired


def _claim_sentences(doc: Doc, sents: list[Span]) -> list[Span]:
    """The sentences of `doc` that `needs_parse`, kept on the Doc: `geo.claims.extract` asks
    twice per article with a claim (the claim sentences, then with their context)."""
    starts = doc.user_data.get(_CLAIM_SENTENCES_KEY)
    if starts is None:
        starts = doc.user_data[_CLAIM_SENTENCES_KEY] = [s.start for s in sents if needs_parse(s)]
    wanted = set(starts)
    return [s for s in sents if s.start in wanted]


class Sentences(list):
    """An article's sentences in text order, found by position by bisection (a long article
    has thousands; the claim readers ask where a token's sentence is for every claim)."""

    def __init__(self, spans) -> None:
        super().__init__(spans)
        self._starts = [s.start for s in self]
        self._chars = [s.start_char for s in self]

    def starting_by(self, tok_i: int) -> int:
        """How many sentences start at or before token `tok_i`."""
        return bisect_right(self._starts, tok_i)

    def starting_by_char(self, char: int) -> int:
        """How many sentences start at or before character `char`."""
        return bisect_right(self._chars, char)

    def index_of(self, tok_i: int) -> int | None:
        """The index of the sentence holding token `tok_i`, or None."""
        k = self.starting_by(tok_i) - 1
        return k if k >= 0 and self[k].start <= tok_i < self[k].end else None


def sentences(doc) -> Sentences:
    """spaCy's sentences, cut again at line breaks, without surrounding space (found from the
    Doc's array of space flags, not a Token made per word: each claim reader asks for them)."""
    spaces = doc.to_array(IS_SPACE).tolist()
    breaks = [i for i, space in enumerate(spaces) if space and "\n" in doc[i].text]
    cut = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        k = bisect_left(breaks, start)
        while k < len(breaks) and breaks[k] < end:
            if breaks[k] > start:
                cut.append((start, breaks[k]))
            start = breaks[k] + 1
            k += 1
        if start < end:
            cut.append((start, end))
    trimmed = []
    for start, end in cut:
        while start < end and spaces[start]:
            start += 1
        while end > start and spaces[end - 1]:
            end -= 1
        if start < end:
            trimmed.append(doc[start:end])
    return Sentences(trimmed)


def quantity_head(doc, q: Quantity):
    """The syntactic head of a quantity's number and unit ("%" of "around 19.04%")."""
    span = doc.char_span(q.num_start, q.end, alignment_mode="expand")
    if span is None:
        return None
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    nouns = [t for t in roots if t.pos_ in ("NOUN", "PROPN")]
    return (nouns or roots or [span.root])[-1]


def without_apposition(tok) -> list:
    """The subtree of `tok` up to a comma that opens an apposition ("Chasiv Yar, a blogger")."""
    words = list(tok.subtree)
    for i, word in enumerate(words):
        if word.text == "," and i + 1 < len(words) and any(
                w.dep_ == "appos" for w in words[i + 1:]):
            return words[:i]
    return words


def paragraph(doc, sent) -> int:
    """The number of line breaks before the sentence: equal for sentences of one paragraph.
    The offsets of line breaks are found once per Doc (counting them per call was quadratic)."""
    breaks = doc.user_data.get(_BREAKS_KEY)
    if breaks is None:
        text = text_of(doc)
        breaks = doc.user_data[_BREAKS_KEY] = [m.start() for m in _NEWLINE.finditer(text)]
    return bisect_left(breaks, sent.start_char)


def shift(q: Quantity, offset: int) -> Quantity:
    return replace(q, start=q.start + offset, end=q.end + offset,
                   num_start=q.num_start + offset, num_end=q.num_end + offset)
