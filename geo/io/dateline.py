"""The dateline at the start of a wire story ("KYIV, Ukraine —", "MOSCOW (Reuters) -"), as the
article's metadata: the place written, not yet resolved."""

from __future__ import annotations

import re

__all__ = ["detect_dateline"]


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
