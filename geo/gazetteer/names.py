"""Name normalisation shared by the gazetteer build and every lookup, so both sides agree.

Case, diacritics, apostrophes and hyphens are folded ("Kyiv", "KYIV", "Kyïv" → "kyiv";
"L'viv" → "lviv"); `strip_qualifier` drops the generic word of an administrative name
("Kursk Oblast", "Kurskaya oblast'" → "kursk", "kurskaya") so text like "the Kursk region" finds it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’ʼ`´‘ʹ′"
_APOS_RE = re.compile(f"[{_APOSTROPHES}]")
_PUNCT_RE = re.compile(r"[\s\-‐‑–—.,;:()\[\]\"/]+")

# Generic words of administrative and geographic names, in the languages our sources use.
QUALIFIERS = frozenset("""
oblast oblasti region province governorate state district raion rayon krai kray okrug
county prefecture republic autonomous territory municipality city parish department
canton voivodeship emirate muhafazah wilayah wilaya vilayeti ili
область обл край республика район округ регион провинция штат губерния
області областi республіка
""".split())

LEADING_WORDS = frozenset({"the", "of"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Fold case, diacritics and apostrophes; keep letters of any script.

    Cached: ranking folds the same few names for every candidate of every span.

    Examples
    --------
    >>> fold("Kyïv")
    'kyiv'
    >>> fold("Kurskaya oblast'")
    'kurskaya oblast'
    >>> fold("Курская область")
    'курская область'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _APOS_RE.sub("", stripped)
    return _PUNCT_RE.sub(" ", stripped.casefold()).strip()


@lru_cache(maxsize=1 << 16)
def strip_qualifier(folded: str) -> str:
    """Drop generic admin words at either end of a folded name ("kursk oblast" → "kursk").

    Cached, like `fold`: every gazetteer lookup of every candidate phrase calls it.

    Returns the input unchanged when nothing generic is found or nothing would be left.

    Examples
    --------
    >>> strip_qualifier("kursk oblast")
    'kursk'
    >>> strip_qualifier("republic of crimea")
    'crimea'
    >>> strip_qualifier("oblast")
    'oblast'
    """
    words = folded.split()
    # Drop leading generic words and connectors ("the autonomous republic of crimea"), then
    # trailing generic words ("kursk oblast"); keep the input if only generic words remain.
    while words and (words[0] in QUALIFIERS or words[0] in LEADING_WORDS):
        words.pop(0)
    while words and words[-1] in QUALIFIERS:
        words.pop()
    return " ".join(words) if words else folded


def variants(name: str) -> set[str]:
    """Every folded form under which a gazetteer name is indexed."""
    folded = fold(name)
    if not folded:
        return set()
    return {folded, strip_qualifier(folded)}
