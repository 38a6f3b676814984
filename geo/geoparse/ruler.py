"""The model's attribute ruler with its one-token rules looked up instead of matched.

The attribute ruler sets parts of speech, morphology and lemmas from 179 Matcher patterns;
spaCy's Matcher tries every pattern at every token, which cost claim extraction about a third
of its time on the sentences it parses. All but a few patterns test one token's tag, lowercase
form, dependency label or whether it is a space ("is", "one of", "none of"), which a dictionary
keyed by one tested value answers from the Doc's arrays; only the rest (two tokens, a regular
expression) go through a Matcher of their own, and only on a Doc where one of them may match.
The matches of both are handed to the ruler's own `set_annotations` in the ruler's order (a
later pattern wins), so every token gets what the ruler gives it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["SplitRuler", "lemmatized", "split_ruler"]

_LOOKED_UP = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the columns of `_ARRAY`, in this order
_ARRAY = [TAG, LOWER, DEP, IS_SPACE]
_TELLING = (1, 2, 0, 3)  # the columns, the test of fewest tokens first
_SET = [POS, TAG, MORPH, LEMMA]  # what the rules set, but for one label of spaces
_KEPT_ROWS = 10_000  # rows whose rules `SplitRuler` keeps before starting afresh (bounded)
# A one-token test: (column, True for "one of" or False for "none of", the values' ids).
Test = tuple[int, bool, frozenset[int]]


@lru_cache(maxsize=2)
def split_ruler(ruler: AttributeRuler) -> SplitRuler:
    """The `SplitRuler` of a pipeline's attribute ruler, made once."""
    return SplitRuler(ruler)


class SplitRuler:
    """`ruler` applied with its one-token patterns looked up rather than matched.

    Examples
    --------
    >>> from geo.geoparse.nlp import load_nlp
    >>> nlp = load_nlp()
    >>> ruler = nlp.get_pipe("attribute_ruler")
    >>> words = ["There", "was", "n't", "a", "town", "they", "had", "not", "taken", "."]
    >>> tags = ["EX", "VBD", "RB", "DT", "NN", "PRP", "VBD", "RB", "VBN", "."]
    >>> def tagged():
    ...     return Doc(nlp.vocab, words=words, tags=tags, deps=["expl", "ROOT", "neg", "det",
    ...                "attr", "nsubj", "aux", "neg", "relcl", "punct"],
    ...                heads=[1, 1, 1, 4, 1, 8, 8, 8, 4, 1])
    >>> ours, theirs = split_ruler(ruler)(tagged()), ruler(tagged())
    >>> [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [
    ...     (t.pos_, str(t.morph), t.lemma_) for t in theirs]
    True
    >>> [t.pos_ for t in ours][:3], ours[6].pos_
    (['PRON', 'VERB', 'PART'], 'AUX')
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.matcher = Matcher(ruler.vocab, validate=False)
        # (column, value id) -> [(the pattern's other tests, attribute id, match id)]
        self.rules: dict[tuple[int, int], list[tuple[list[Test], int, int]]] = {}
        # Per Matcher pattern, a test each of its tokens must pass for it to match: the
        # Matcher runs only on a Doc where some pattern may match (most Docs have none).
        self.gates: list[list[Test | re.Pattern | None]] = []
        self.lower_matches: dict[re.Pattern, tuple[set[int], set[int]]] = {}
        # What the one-token rules do per row of `_ARRAY` values (`_one_token_rules`).
        self.rows: dict[tuple[int, ...], tuple[tuple, tuple, tuple]] = {}
        self.shared: dict[tuple, tuple[tuple, tuple, tuple]] = {}  # by the rules passed
        # Per rule, the (column of `_SET`, value) pairs it writes and its other attributes.
        self.writes = [([(_SET.index(a), v) for a, v in attrs.items() if a in _SET],
                        {a: v for a, v in attrs.items() if a not in _SET})
                       for attrs in ruler.attrs]
        strings = ruler.vocab.strings
        for attr_id, pattern in enumerate(ruler.patterns):
            key = str(attr_id)  # the key the ruler matched under (`AttributeRuler.add`)
            tests = [self._tests(p, strings) for p in pattern["patterns"]]
            if pattern.get("index", 0) != 0 or any(t is None for t in tests):
                self.matcher.add(key, pattern["patterns"])
                self.gates += [[self._gate(token, strings) for token in p]
                               for p in pattern["patterns"]]
                continue
            for found in tests:
                # Filed under each value of its most telling "one of" test (a word before a
                # label before a tag); checked on the others.
                first = min((t for t in found if t[1]), key=lambda t: _TELLING.index(t[0]))
                rest = [t for t in found if t is not first]
                for value in first[2]:
                    self.rules.setdefault((first[0], value), []).append(
                        (rest, attr_id, strings.add(key)))

    @staticmethod
    def _tests(tokens: list[dict], strings) -> list[Test] | None:
        """The tests of a one-token pattern over `_LOOKED_UP` with at least one "one of" test;
        None for any other pattern."""
        if len(tokens) != 1 or not set(tokens[0]) <= set(_LOOKED_UP):
            return None
        found = []
        for column, attr in enumerate(_LOOKED_UP):
            if attr not in tokens[0]:
                continue
            value = tokens[0][attr]
            if isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
                positive, values = "IN" in value, next(iter(value.values()))
            elif isinstance(value, (str, bool)):
                positive, values = True, [value]
            else:
                return None
            ids = frozenset(int(v) if isinstance(v, bool) else strings.add(v) for v in values)
            found.append((column, positive, ids))
        return found if any(t[1] for t in found) else None

    @staticmethod
    def _gate(token: dict, strings) -> Test | re.Pattern | None:
        """A test the token must pass: one "one of" test of its own, else its lowercase form's
        regular expression, else None (any token may)."""
        for attr, value in token.items():
            tests = SplitRuler._tests([{attr: value}], strings) if attr in _LOOKED_UP else None
            if tests:
                return tests[0]
        regex = token.get("LOWER")
        if isinstance(regex, dict) and set(regex) == {"REGEX"}:
            return re.compile(regex["REGEX"])
        return None

    def _may_match(self, columns: list[set[int]]) -> bool:
        """Whether a Matcher pattern may match a Doc with these values in its columns (true
        of more Docs than those it matches, never of fewer)."""
        return any(all(self._passed(gate, columns) for gate in gates) for gates in self.gates)

    def _passed(self, gate: Test | re.Pattern | None, columns: list[set[int]]) -> bool:
        if gate is None:
            return True
        if isinstance(gate, tuple):
            return not gate[2].isdisjoint(columns[gate[0]])
        # The lowercase forms seen so far that the regex finds (the Matcher's REGEX is
        # re.search) and those it does not.
        found, missed = self.lower_matches.setdefault(gate, (set(), set()))
        lowers = columns[_LOOKED_UP.index("LOWER")]
        for value in lowers - found - missed:
            (found if gate.search(self.ruler.vocab.strings[value]) else missed).add(value)
        return not found.isdisjoint(lowers)

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array(_ARRAY).tolist()
        columns = [set(column) for column in zip(*rows, strict=True)] if rows else [set()] * 4
        matches = [] if not self._may_match(columns) else [
            (int(self.ruler.vocab.strings[m_id]), m_id, start, end)
            for m_id, start, end in self.matcher(doc, allow_missing=True)]
        known = self.rows
        if len(known) > _KEPT_ROWS:
            known.clear()
            self.shared.clear()
        entries = []
        for row in rows:
            key = tuple(row)
            entry = known.get(key)
            if entry is None:
                entry = known[key] = self._one_token_rules(row)
            entries.append(entry)
        if matches:  # a rule of several tokens too: every match applied in the ruler's order
            matches += [(attr_id, m_id, i, i + 1) for i, (found, _w, _o) in enumerate(entries)
                        for attr_id, m_id in found]
            self._annotate(doc, sorted(matches))
        elif any(found for found, _w, _o in entries):  # most Docs: what each row gets, kept
            values = doc.to_array(_SET).tolist()
            for i, (_found, writes, others) in enumerate(entries):
                row = values[i]
                for column, value in writes:
                    row[column] = value
                for other in others:
                    set_token_attrs(doc[i], other)
            doc.from_array(_SET, numpy.array(values, dtype="uint64"))
        return doc

    def _one_token_rules(self, row: list[int]) -> tuple[tuple, tuple, tuple]:
        """What the one-token rules do to a token with these values of `_ARRAY` (they read
        nothing else, so it is kept per row): the (attribute id, match id) of each rule it
        passes, the `_SET` columns they write in the end (a later rule wins, as in
        `_annotate`) and their other attributes in order."""
        found = []
        for column, value in enumerate(row):
            for rest, attr_id, m_id in self.rules.get((column, value), ()):
                if all((row[c] in ids) == positive for c, positive, ids in rest):
                    found.append((attr_id, m_id))
        found.sort()
        passed = tuple(found)
        entry = self.shared.get(passed)  # many rows pass the same rules: kept once
        if entry is None:
            written: dict[int, int] = {}
            others = []
            for attr_id, _m_id in passed:
                writes, other = self.writes[attr_id]
                written.update(writes)
                if other:
                    others.append(other)
            entry = self.shared[passed] = (passed, tuple(written.items()), tuple(others))
        return entry

    def _annotate(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """`AttributeRuler.set_annotations`, the part of speech, tag, morphology and lemma
        written in one array rather than through a Span and a Token per match."""
        ruler = self.ruler
        values = doc.to_array(_SET).tolist()
        for attr_id, _m_id, start, end in matches:
            index = ruler.indices[attr_id]
            i = start + index if index >= 0 else end + index
            writes, other = self.writes[attr_id]
            row = values[i]
            for column, value in writes:
                row[column] = value
            if other:  # the dependency label of a space: set at once, on the token
                set_token_attrs(doc[i], other)
        doc.from_array(_SET, numpy.array(values, dtype="uint64"))

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


# Per lemmatizer, the lemma's string id for each (word, part of speech, morphology) seen.
_LEMMA_IDS: dict[int, tuple[Lemmatizer, dict[tuple[int, int, int], int]]] = {}


def lemmatized(lemmatizer: Lemmatizer, doc: Doc) -> Doc:
    """`lemmatizer(doc)` with its answers kept by (word, part of speech, morphology), read
    from the Doc's arrays: it makes a Token of every word, and recomputes base forms (most
    nouns), which its own cache leaves out. Its rules read nothing else of a token, so the
    kept answer is the one it would give (a word without part of speech is asked each time,
    as spaCy warns about it)."""
    if lemmatizer.overwrite or lemmatizer.mode != "rule" or not lemmatizer._validated:
        return lemmatizer(doc)
    kept = _LEMMA_IDS.setdefault(id(lemmatizer), (lemmatizer, {}))[1]
    strings = doc.vocab.strings
    lemmas = []
    for i, (orth, pos, morph, lemma) in enumerate(
            doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
        if not lemma:
            key = (orth, pos, morph)
            lemma = kept.get(key)
            if lemma is None:
                lemma = strings.add(lemmatizer.lemmatize(doc[i])[0])
                if pos:
                    kept[key] = lemma
        lemmas.append(lemma)
    doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
    return doc
