"""Coarse parts of speech from the tagger's tags (`PosFromTags`), the pipeline component
`geo.geoparse.nlp.load_nlp` runs in place of the attribute ruler on every text.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["POS_COMPONENT", "PosFromTags"]

POS_COMPONENT = "pos_from_tags"
_NONE = (-1, "")


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
