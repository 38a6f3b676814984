"""The model's attribute ruler with its one-token rules looked up instead of matched.

The attribute ruler sets parts of speech, morphology and lemmas from 179 Matcher patterns;
spaCy's Matcher tries every pattern at every token, which cost claim extraction about a third
of its time on the sentences it parses. Most patterns test one token's tag, lowercase form or
whether it is a space, which a dictionary answers; only the rest (the dependency label, two
tokens, a regular expression, a negation) go through a Matcher of their own. The matches of both
are handed to the ruler's own `set_annotations` in the ruler's order (a later pattern wins), so
every token gets what the ruler gives it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

__all__ = ["SplitRuler", "split_ruler"]

_LOOKED_UP = ("TAG", "LOWER", "IS_SPACE")
_ANY = object()  # a pattern that does not test this attribute


@lru_cache(maxsize=2)
def split_ruler(ruler: AttributeRuler) -> SplitRuler:
    """The `SplitRuler` of a pipeline's attribute ruler, made once."""
    return SplitRuler(ruler)


def _values(value: object) -> list | None:
    """What a one-token test accepts: a string or bool, or {"IN": [...]}; None for others."""
    if isinstance(value, (str, bool)):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return list(value["IN"])
    return None


class SplitRuler:
    """`ruler` applied with one-token tag, word and space tests read from a dictionary.

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
        # (tag or _ANY, word or _ANY, is_space or _ANY) -> [(attribute id, match id)]
        self.table: dict[tuple, list[tuple[int, int]]] = {}
        strings = ruler.vocab.strings
        for attr_id, pattern in enumerate(ruler.patterns):
            key = str(attr_id)  # the key the ruler matched under (`AttributeRuler.add`)
            tests = [self._tests(p) for p in pattern["patterns"]]
            if pattern.get("index", 0) != 0 or any(t is None for t in tests):
                self.matcher.add(key, pattern["patterns"])
                continue
            for tag_values, word_values, space_values in tests:
                for tag in tag_values:
                    for word in word_values:
                        for space in space_values:
                            self.table.setdefault((tag, word, space), []).append(
                                (attr_id, strings.add(key)))
        self.keys = {(tag is _ANY, word is _ANY, space is _ANY) for tag, word, space in self.table}

    @staticmethod
    def _tests(tokens: list[dict]) -> tuple[list, list, list] | None:
        """The accepted tags, words and space flags of a one-token pattern testing nothing
        else; None for any other pattern."""
        if len(tokens) != 1 or not set(tokens[0]) <= set(_LOOKED_UP):
            return None
        found = []
        for attr in _LOOKED_UP:
            values = _values(tokens[0][attr]) if attr in tokens[0] else [_ANY]
            if values is None:
                return None
            found.append(values)
        return found[0], found[1], found[2]

    def __call__(self, doc: Doc) -> Doc:
        matches = [(int(self.ruler.vocab.strings[m_id]), m_id, start, end)
                   for m_id, start, end in self.matcher(doc, allow_missing=True)]
        table = self.table
        for tok in doc:
            tag, word, space = tok.tag_, tok.lower_, tok.is_space
            for no_tag, no_word, no_space in self.keys:
                hits = table.get((_ANY if no_tag else tag, _ANY if no_word else word,
                                  _ANY if no_space else space))
                if hits:
                    matches += [(attr_id, m_id, tok.i, tok.i + 1) for attr_id, m_id in hits]
        matches.sort()
        self.ruler.set_annotations(doc, matches)
        return doc

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
