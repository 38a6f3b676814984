"""The quantities of each sentence in text order, with the numbers that count again what a count
just before them counted ("there are 14 districts ...; only two are held by the army", "they had
taken 33 district centres. By July they had seized 125 more"): the count's noun is left out, so
`geo.claims.numbers.find_quantities` alone cannot see them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.claims.lexicon import CONTROL_VERBS
from geo.claims.numbers import Quantity, elided_counts, find_quantities, parse_number
from geo.claims.parse import paragraph, shift, span_text

__all__ = ["SentenceQuantities", "coordinated_trigger", "included_counts", "included_spans"]

# Between two quantities of one list: the first one's "of" phrase, then "and" ("42 percent of the
# total area of the district, and 69 percent of ...").
_COORDINATION = re.compile(r"(?:\s+of\s+[^,;.:()]{1,80})?\s*,?\s+(?:and|or|as\s+well\s+as)\s+$")


# "liberated 29 settlements, including six in Luhansk region", "six villages – five in Fizuli
# district and one in Jebrail district": parts of the count, placed; then the parts joined to
# the first by "and" or a comma.
_INCLUDED = re.compile(r"(?:\bincluding|[–—:])\s+(?P<num>[\w-]+)(?=\s+(?:in|near|around|inside)\s)",
                       re.IGNORECASE)
_ANOTHER_PART = re.compile(r"[^,;.:()–—]*?(?:,\s*(?:and\s+)?|\s+and\s+)(?P<num>[\w-]+)"
                           r"(?=\s+(?:in|near|around|inside)\s)", re.IGNORECASE)


def included_counts(text: str, counts: list[Quantity]) -> list[Quantity]:
    """The numbers after "including" that count some of the things the last count before them
    counted, where they are ("including six in Luhansk region"); `counts` as for
    `elided_counts`.

    >>> text = "They took 29 villages, including six in Luhansk region and 4 in Donetsk."
    >>> [(q.value, q.unit) for q in included_counts(text, find_quantities(text))]
    [(6.0, 'settlements')]
    >>> text = "They freed six villages – five in Fizuli district and one in Jebrail district."
    >>> [q.value for q in included_counts(text, find_quantities(text))]
    [5.0, 1.0]
    """
    out = []
    for match in _INCLUDED.finditer(text):
        value = parse_number(match.group("num"))
        before = [c for c in counts if c.end <= match.start() and c.unit in ("settlements", None)]
        if value is None or not before or value >= before[-1].value:
            continue
        parts = [(value, match.span("num"))]
        at = match.end()
        while match.group(0)[:1] in "–—:" and (more := _ANOTHER_PART.match(text, at)):
            more_value = parse_number(more.group("num"))
            if more_value is None:
                break
            parts.append((more_value, more.span("num")))
            at = more.end()
        if sum(v for v, _span in parts) > before[-1].value:
            parts = parts[:1]  # not the parts of this count
        for part, (start, end) in parts:
            out.append(Quantity(value=part, unit=before[-1].unit, bound=None, start=start,
                                end=end, num_start=start, num_end=end))
    return out


def included_spans(qhead) -> list[tuple[int, int]]:
    """The character ranges of the "including" phrases after a quantity's word in its sentence
    (which may hang on the verb as well as on the count), but not of one that holds it, and of
    a dash that opens a count's parts: what they list is part of the count, not where all of
    it is."""
    if qhead is None:
        return []
    sent = qhead.sent
    return [(t.idx, t.right_edge.idx + len(t.right_edge)) for t in sent
            if t.lower_ == "including" and t.i > qhead.i and qhead not in t.subtree] + [
        (t.idx, sent.end_char) for t in sent if t.text in ("–", "—") and t.i > qhead.i and
        t.i + 1 < sent.end and parse_number(sent.doc[t.i + 1].text) is not None]  # "– five in"


def coordinated_trigger(text: str, q: Quantity, earlier: list[tuple[Quantity | None, object]]):
    """The trigger of the claimed quantity that `q` is listed after with "and" when the parser
    gave `q` none of its own ("seized 1,500 km², constituting 30 percent of the district, and 55
    percent of its farmland", where "55 percent" became the subject of a clause of its own);
    `earlier` are the (quantity, trigger) pairs of the sentence so far. Offsets index `text`."""
    before = [(e, trigger) for e, trigger in earlier if e is not None and e.end <= q.start]
    if not before or q.unit in ("settlements", None):
        return None  # shares and areas only: "and 30 more will vote" is a count of its own
    last, trigger = max(before, key=lambda pair: pair[0].end)
    return trigger if _COORDINATION.fullmatch(text, last.end, q.start) else None


def _over_after_verb(sent, text: str, q: Quantity) -> Quantity:
    """"now control over 85 percent": after the verb "control", "over" is the bound; text
    alone cannot tell it from the noun's preposition ("control over 28 settlements"), which
    `find_quantities` assumes."""
    before = text[:q.start].rstrip()
    if q.bound is not None or not before.lower().endswith(" over"):
        return q
    at = len(before) - 4
    over = next((t for t in sent if t.idx - sent.start_char == at), None)
    if over is None or over.i == sent.start or over.dep_ not in ("quantmod", "advmod"):
        return q
    verb = sent.doc[over.i - 1]
    if verb.lemma_.lower() != "control" or verb.pos_ != "VERB" or verb.i == sent.start:
        return q
    before_verb = sent.doc[verb.i - 1]  # the noun: "has control", "their full control"
    if before_verb.tag_ in ("DT", "PRP$", "JJ", "POS") or \
            before_verb.lemma_.lower() in CONTROL_VERBS:
        return q
    return replace(q, bound="over", start=at)


class SentenceQuantities:
    """Reads the quantities of an article's sentences, which must be asked for in text order:
    the previous sentence's counts (in the same paragraph) are remembered for the next."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self._last: tuple[int, list[Quantity], int] | None = None  # start, quantities, paragraph

    def of(self, sent) -> list[Quantity]:
        """The quantities of `sent`, offsets into its text, in text order."""
        text = span_text(sent)
        found = [_over_after_verb(sent, text, q) for q in find_quantities(text)]
        where = paragraph(self.doc, sent)
        earlier = []
        if self._last is not None and self._last[2] == where:
            earlier = [shift(q, self._last[0] - sent.start_char) for q in self._last[1]]
        self._last = (sent.start_char, found, where)
        if not earlier and not found:
            return found
        return sorted(found + elided_counts(text, earlier + found) +
                      included_counts(text, earlier + found), key=lambda q: q.start)
