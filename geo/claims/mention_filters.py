"""Which of the geoparser's mentions can be where a claim is, read from the words around them.

A mention is not a claim region when it is a dateline ("TEL AVIV, Israel (AP) —"), the one who
acts ("Russia seized ...", "held by Ukraine") or a place only compared with ("the size of the
Netherlands"). An adjectival mention counts only when it says whose territory ("Ukrainian
land"). Used by `geo.claims.places.Places`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.claims.lexicon import COMPARISON_CUES, REGION_NOUNS
from geo.geoparse.nlp import parsed_at, text_of
from geo.models import Mention

__all__ = ["acts", "as_dateline", "compared", "followed_by", "followed_by_admin_word",
           "mention_root", "qualifies_territory"]

_OWNED_NOUNS = frozenset({"territory", "territories", "land", "lands", "soil", "area", "areas",
                          "ground"})
_COMPARISON_HEADS = frozenset({"than", "like", "unlike", "size", "compare", "comparable",
                               "equivalent", "border", "borders", "bank", "banks", "river"})
_DATELINE_END = re.compile(r"^(?:,|\s*\(|\s*[—–-]\s|:)")


def mention_root(doc, m: Mention):
    """The head token of the words a mention covers, or None if they are not tokens."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None else None


def as_dateline(m: Mention) -> Mention:
    """The mention as a dateline if it is one the geoparser did not mark: a name in capitals
    opening the text, followed by a comma, bracket or dash ("TEL AVIV, Israel (AP) —")."""
    if m.reason == "dateline" or m.start > 0 or not m.surface.isupper() or \
            len(m.surface) < 3 or not _DATELINE_END.match(m.sentence[m.end - m.sentence_start:]):
        return m
    return replace(m, reason="dateline")


def acts(doc, m: Mention) -> bool:
    """A place named as the subject or agent of a verb ("Russia seized", "held by Ukraine")."""
    root = mention_root(doc, m)
    if root is None:
        return False
    return (root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX")) or (
        root.dep_ == "pobj" and root.head.dep_ == "agent")


def qualifies_territory(doc, m: Mention) -> bool:
    """An adjectival mention that says whose territory: "Ukrainian land", "Russian territory"."""
    root = mention_root(doc, m)
    if root is None:
        return False
    if root.dep_ == "pobj":  # "took 701 km² from the Ukrainians"
        return True
    return root.head.lemma_.lower() in _OWNED_NOUNS


def compared(doc, m: Mention) -> bool:
    """A place only compared with or bordered ("the size of the Netherlands", "much greater
    than the Netherlands, Belgium and Luxembourg", "the borders with China")."""
    before = text_of(doc)[max(0, m.start - 30):m.start].lower()
    if before.rstrip().removesuffix(" the").endswith(COMPARISON_CUES):
        return True
    tok = mention_root(doc, m)
    if tok is None or not parsed_at(doc, tok.i):
        return False  # a sentence left unparsed is a flat tree: no head says "compared"
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return False
        tok = head
        if tok.lower_ in _COMPARISON_HEADS or tok.lemma_.lower() in _COMPARISON_HEADS:
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() != "compare":
            return False
    return False


def followed_by_admin_word(m: Mention) -> bool:
    """"Kharkiv region", "Kursk border region": a city's name standing for its admin-1 unit."""
    return followed_by(m.sentence[m.end - m.sentence_start:], REGION_NOUNS)


def followed_by(text: str, nouns, border_nouns=None) -> bool:
    """Whether `text` (what follows a name) opens with one of `nouns`, or with "border" and
    one of `border_nouns` (default `nouns`): "Kursk region", "Kursk border region"."""
    words = [w.strip(",.;:()") for w in text.lower().split(maxsplit=2)[:2]]
    if not words:
        return False
    return words[0] in nouns or (words[0] == "border" and len(words) > 1 and
                                 words[1] in (nouns if border_nouns is None else border_nouns))
