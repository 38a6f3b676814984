"""The dateline at the start of a wire story ("KYIV, Ukraine —", "MOSCOW (Reuters) -").

Two readings, on purpose, with different costs of a false match:
- `detect_dateline` is the article's metadata (the reader stores it): only forms an ordinary
  sentence cannot take (an all-caps place, or a place with a news agency after it), since a
  wrong dateline would be stored and shown;
- `find_dateline` is where the geoparser looks first for the dateline's place: more lenient
  ("Kyiv, March 3 —", "Kyiv:"), since the words must still resolve to a place to count.
`dateline_span` combines them for the parser: its own reading, else the stored dateline when
the text opens with it.
"""

from __future__ import annotations

import re

__all__ = ["DATELINE_RE", "dateline_span", "detect_dateline", "find_dateline"]


# Datelines: "KYIV, Ukraine —", "KYIV (Reuters) -", "BEIRUT/JERUSALEM, Oct 5 (Reuters) -",
# "WASHINGTON, D.C. —", "Kyiv (AP) —". Only all-caps places stand alone; a title-case place
# needs the news agency after it, or ordinary sentences would match.
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_WORD = r"[A-Z][\w.'’\-]*"
_MONTH_DAY = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
_AGENCY = r"\([A-Z][\w .&'’\-]{0,30}\)"
_DASH = r"(?:—|–|--?)"
_QUALIFIER = rf", (?!{_MONTH_DAY}){_WORD}(?: {_WORD}){{0,2}}"  # ", Ukraine", ", D.C."
_DATELINES = (
    re.compile(
        rf"(?P<place>{_CAPS_WORD}(?:[ /]{_CAPS_WORD})*(?:{_QUALIFIER})?)"
        rf"(?:,? {_MONTH_DAY})?(?: ?{_AGENCY})? {_DASH} "
    ),
    re.compile(rf"(?P<place>{_WORD}(?: {_WORD}){{0,2}}) {_AGENCY} {_DASH} "),
)


def detect_dateline(text: str) -> str | None:
    """The dateline place at the very start of `text` ("KYIV, Ukraine"), or None.

    Examples
    --------
    >>> detect_dateline("KYIV, Ukraine — Russian forces advanced.")
    'KYIV, Ukraine'
    >>> detect_dateline("MOSCOW (Reuters) - The Kremlin said.")
    'MOSCOW'
    >>> detect_dateline("Russia said on Monday - again - that it would not.") is None
    True
    """
    for pattern in _DATELINES:
        match = pattern.match(text)
        if match:
            return match.group("place")
    return None


# A dateline opens the text, or its body after a one-line title ("Home hit by fire. BYESVILLE
# --"): "KYIV, Ukraine —", "CAIRO (Reuters) -", "Kyiv, March 3 —". Its place is a few
# capitalised words ("RIO DE JANEIRO", "Rio de Janeiro"), never a clause ("The governor said
# four villages in Sumy – ...").
_NAME = (r"[A-Z][A-Za-z'’.-]*"
         r"(?:\s+(?:(?:de|da|do|del|la|le|al|el|es|of|on)\s+)?[A-Z][A-Za-z'’.-]*){0,3}")
DATELINE_RE = re.compile(
    rf"^\s*(?:[^\n.!?]{{1,40}}[.!?]\s+)?(?P<place>{_NAME})(?:,\s*(?P<region>{_NAME}))?"
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2}\s*)?(?:[—–-]{1,2}|:)\s")


def find_dateline(text: str) -> tuple[int, int] | None:
    """Character span of the dateline's place words at the start of a text, or None."""
    m = DATELINE_RE.match(text)
    if not m:
        return None
    return m.start("place"), (m.end("region") if m.group("region") else m.end("place"))


def dateline_span(text: str, dateline: str | None) -> tuple[int, int] | None:
    """Character span of the dateline's place for the geoparser: `find_dateline`'s, else the
    given (stored) dateline's when the text opens with it (within its first five characters,
    which allows leading quotes or spaces).

    Examples
    --------
    >>> dateline_span("KYIV, Ukraine — Talks stalled.", None)
    (0, 13)
    >>> dateline_span("(KYIV) Talks stalled.", "KYIV")
    (1, 5)
    """
    found = find_dateline(text)
    if found is None and dateline:
        idx = text.find(dateline)
        found = (idx, idx + len(dateline)) if 0 <= idx < 5 else None
    return found
