"""Claimants named by an acronym the article spells out ("The Institute for the Study of War
(ISW) ... the ISW wrote" → "Institute for the Study of War").
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["spelled_out"]

_ACRONYM = re.compile(r"(?:the\s+)?([A-Z][A-Z&]{1,6})", re.IGNORECASE)
# Words a name may hold that give no letter to its acronym.
_LINKS = frozenset({"of", "for", "the", "and", "on", "in", "de", "du", "des", "la", "&"})


@lru_cache(maxsize=256)
def spelled_out(claimant: str | None, text: str) -> str | None:
    """The full name an acronym claimant stands for, when `text` defines it as
    "Full Name (ACR)" before or after; the claimant unchanged otherwise."""
    if not claimant:
        return claimant
    found = _ACRONYM.fullmatch(claimant.strip())
    if found is None or not found.group(1).isupper():
        return claimant
    acronym = found.group(1)
    for definition in re.finditer(r"\(\s*" + re.escape(acronym) + r"\s*\)", text):
        name = _name_before(text[:definition.start()], acronym)
        if name:
            return name
    return claimant


def _name_before(before: str, acronym: str) -> str | None:
    """The words right before "(ACR)" whose capitals spell the acronym, or None."""
    words = re.findall(r"[\w’'&-]+", before[-200:])
    letters = [c for c in acronym if c != "&"]
    taken: list[str] = []
    for word in reversed(words):
        if not letters:
            break
        if word.lower() in _LINKS and taken:
            taken.append(word)
            continue
        if not word[:1].isupper() or word[0].upper() != letters[-1]:
            return None
        letters.pop()
        taken.append(word)
    if letters:
        return None
    while taken and taken[-1].lower() in _LINKS:
        taken.pop()
    return " ".join(reversed(taken)) or None
