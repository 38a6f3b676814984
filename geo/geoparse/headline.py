"""Headlines written in Title Case ("Rebels Seize Goma in Eastern Congo") read in sentence case.

The small English model learned names from capitals: in a Title Case headline it tags "Seize
Goma" a person and the geoparser drops Goma, though the article's body names it. A word of the
headline is lowered when the body writes it (or another form of it) in lower case and never
capitalised inside a sentence, or when it is a stop word; names the body capitalises stay. Only
the first letter of a word changes, so every offset into the headline stays valid.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS

from geo.models import Mention

__all__ = ["as_written", "sentence_case"]

_WORD = re.compile(r"\b[A-Za-z][\w'’-]*")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*")
# A capitalised word inside a sentence: after a word in lower case, a comma or a semicolon.
_NAMED = re.compile(r"(?:\b[a-z][a-z'’-]*|[,;]) ([A-Z][\w'’-]*)")
_SUFFIXES = ("ing", "ed", "es", "s", "e")
TITLE_SHARE = 0.6  # of the words longer than three letters, capitalised
MIN_TITLE_WORDS = 3


def sentence_case(title: str, body: str) -> str:
    """`title` with the capitals of its common words lowered, if it is in Title Case.

    >>> sentence_case("Rebels Seize Goma in Eastern Congo",
    ...               "M23 rebels seized Goma, the largest city of eastern Congo, on Monday.")
    'Rebels seize Goma in eastern Congo'
    >>> sentence_case("Rebels seize Goma", "Rebels seized Goma.")
    'Rebels seize Goma'
    """
    words = [(m.start(), m.group()) for m in _WORD.finditer(title)]
    long = [w for _start, w in words if len(w) > 3]
    if len(long) < MIN_TITLE_WORDS or \
            sum(w[0].isupper() for w in long) < TITLE_SHARE * len(long):
        return title
    common = {_stem(w) for w in _LOWER_WORD.findall(body)}
    named = {w.lower() for w in _NAMED.findall(body)}
    out = list(title)
    for n, (start, word) in enumerate(words):
        if n == 0 or not word[0].isupper() or not word[1:].islower():
            continue  # the first word, acronyms ("RSF", "M23") and "McDonald" stay
        lower = word.lower()
        if lower in named or len(word[0].lower()) != 1:
            continue
        if lower in STOP_WORDS or _stem(lower) in common:
            out[start] = word[0].lower()
    return "".join(out)


def as_written(mention: Mention, title: str) -> Mention:
    """A mention found in the sentence-cased headline, quoting the headline as written."""
    start = mention.sentence_start
    return replace(mention, surface=title[mention.start:mention.end],
                   sentence=title[start:start + len(mention.sentence)])


def _stem(word: str) -> str:
    """A crude stem that makes "seize", "seized" and "seizes" one word: the model in the main
    pass has no lemmatiser."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word
