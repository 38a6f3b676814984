"""The quantities of each sentence in text order, with the numbers that count again what a count
just before them counted ("there are 14 districts ...; only two are held by the army", "they had
taken 33 district centres. By July they had seized 125 more"): the count's noun is left out, so
`geo.claims.numbers.find_quantities` alone cannot see them.
"""

from __future__ import annotations

from geo.claims.numbers import Quantity, elided_counts, find_quantities
from geo.claims.parse import paragraph, shift

__all__ = ["SentenceQuantities"]


class SentenceQuantities:
    """Reads the quantities of an article's sentences, which must be asked for in text order:
    the previous sentence's counts (in the same paragraph) are remembered for the next."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self._last: tuple[int, list[Quantity], int] | None = None  # start, quantities, paragraph

    def of(self, sent) -> list[Quantity]:
        """The quantities of `sent`, offsets into its text, in text order."""
        found = find_quantities(sent.text)
        where = paragraph(self.doc, sent)
        earlier = []
        if self._last is not None and self._last[2] == where:
            earlier = [shift(q, self._last[0] - sent.start_char) for q in self._last[1]]
        self._last = (sent.start_char, found, where)
        if not earlier and not found:
            return found
        return sorted(found + elided_counts(sent.text, earlier + found), key=lambda q: q.start)
