"""Find the stretches of text that may name a place: gazetteer phrases, NER spans, datelines.

spaCy's NER is one signal, not the authority (it tags Kursk as PRODUCT and Sudzha as PERSON), so
every capitalised phrase that the gazetteer knows is a candidate too. Deciding which candidates
really are places is `geo.geoparse.resolve`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Span

from geo.gazetteer.index import Candidate, Gazetteer
from geo.gazetteer.names import fold
from geo.geoparse.doc_text import text_of

MAX_TOKENS = 6
# Lower-case words allowed inside a multi-word name ("Bay of Bengal", "Rostov-on-Don",
# "Port-au-Prince", "Boulogne-sur-Mer"), Arabic's article also as assimilated before some
# letters ("Deir ez-Zor", "Jisr ash-Shughur"; not the English "as", "at", "an").
CONNECTORS = frozenset("of on upon de del la le al el the and - ' ’ da do di du van von "
                       "au aux sur sous en les lès ez es ed er et ash ad ar az".split())
# Words after a name that make it an administrative unit of any level ("the Kursk region",
# "Bakhmut district", "Крымская республика"): the span is qualified as admin. Broader than
# `geo.claims.lexicon.ADMIN1_WORDS`, which decides that a claim is about a first-level unit.
ADMIN_QUALIFIERS = frozenset("oblast region province governorate state district raion rayon krai "
                        "kray okrug county prefecture republic municipality "
                        "область край республика район округ області район".split())
POPULATED_WORDS = frozenset("town city village settlement hamlet suburb capital port".split())
# Words after a name that make it a front sector ("the Kursk front", "the Pokrovsk direction").
FRONT_WORDS = frozenset("front frontline direction axis sector".split())
PLACE_NER = frozenset({"GPE", "LOC", "FAC"})
# Words that end the name of a street, building, facility, landform or unit ("Main Street",
# "Kavumu Airport", "Silicon Valley", "Kursk Region"). GeoNames has places called Street,
# Airport, Valley or Region, but right after a capitalised word such a word is the tail of a
# longer name the gazetteer lacks, not a place of its own.
NAME_TAILS = frozenset("""
street road avenue boulevard lane square bridge airport airbase airfield station port harbour
harbor hospital clinic hotel stadium arena prison jail university college school academy church
chapel cathedral mosque temple synagogue museum theatre theater palace park plant factory mine
market mall centre center hall court tower building camp base barracks embassy refinery terminal
crossing checkpoint valley bay island islands lake river mountain mountains hill hills beach
region district county city town village""".split())
# Dashes of prose set off by spaces part names; a spaced ASCII hyphen is left as the model
# read it (headlines and tweets use it between a title and its text: "Birmingham News - ...").
_DASHES = frozenset({"–", "—"})


@dataclass
class SpanCandidate:
    """A stretch of one field that may name a place, with the evidence around it."""

    start: int
    end: int
    tok_start: int
    tok_end: int  # exclusive
    surface: str
    candidates: tuple[Candidate, ...]
    ner: str | None = None
    ner_is_longer: bool = False
    pos: str = ""
    qualifier: str | None = None  # "admin" ("the Kursk region"), "populated" ("town of X"),
    # or "front" ("the Kursk front")
    qualifier_word: str = ""  # the populated-place word of "populated" ("town" of "town of X")
    the_before: bool = False
    dateline: bool = False
    all_caps: bool = False
    from_ner_only: bool = False
    # One word of a two-word PERSON or ORG name, the other a capitalised word ("Georgia Smith",
    # "George Washington"): how given names and surnames that are places look.
    name_pair: bool = False
    container: tuple[Candidate, ...] = ()  # candidates of a place right after ", " (Paris, Texas)
    notes: list[str] = field(default_factory=list)


def find_spans(doc, gaz: Gazetteer, *,
               dateline_span: tuple[int, int] | None) -> list[SpanCandidate]:
    """Longest gazetteer phrases starting at capitalised tokens, plus NER place spans."""
    text = text_of(doc)
    doc_ents = _split_at_dashes(doc, list(doc.ents))  # `doc.ents` builds new Spans each time
    ents = {}
    for ent in doc_ents:
        for i in range(ent.start, ent.end):
            ents[i] = ent
    found: list[SpanCandidate] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if not _can_start(tok):
            i += 1
            continue
        match = None
        for j in range(min(n, i + MAX_TOKENS), i, -1):
            last = doc[j - 1]
            if not _can_end(last) or any(not _can_continue(doc[k]) for k in range(i + 1, j - 1)):
                continue
            if "\n" in text[tok.idx:last.idx + len(last)]:
                continue
            cands = gaz.candidates(text[tok.idx:last.idx + len(last)])
            if cands:
                match = (j, cands)
                break
        if match is None:
            i += 1
            continue
        j, cands = match
        if j == i + 1 and name_tail(doc, i):
            i += 1
            continue
        found.append(make_span(doc, i, j, cands, ents, dateline_span))
        i = j
    covered = {k for s in found for k in range(s.tok_start, s.tok_end)}
    for ent in doc_ents:
        if ent.label_ in ("GPE", "LOC") and covered.isdisjoint(range(ent.start, ent.end)):
            start, end = ent.start, ent.end
            if doc[start].lower_ == "the":
                start += 1
            if start >= end or "\n" in ent.text:
                continue
            span = make_span(doc, start, end, (), ents, dateline_span)
            span.from_ner_only = True
            found.append(span)
    found += _postal_codes(doc, gaz, found, ents, dateline_span)
    found.sort(key=lambda s: s.start)
    for a, b in pairwise(found):
        if text[a.end:b.start] in (", ", ","):
            a.container = tuple(c for c in b.candidates if c.place.feature in ("country", "admin1"))
    return found


def name_tail(doc, i: int) -> bool:
    """Whether token `i` is one of `NAME_TAILS` right after a capitalised word that is not a
    function word: the end of a longer name ("Goma Airport", "Main Street", "FALLS VILLAGE"),
    not "the Bay region" or "Burkina Faso's Centre region".

    >>> from geo.geoparse.nlp import load_nlp
    >>> doc = load_nlp().make_doc("Rebels seized Kavumu Airport, then the Airport road.")
    >>> [name_tail(doc, k) for k in (3, 7)]
    [True, False]
    """
    tok = doc[i]
    if i == 0 or tok.lower_ not in NAME_TAILS:
        return False
    prev = doc[i - 1]
    return prev.is_alpha and (prev.is_title or prev.is_upper) and not prev.is_stop and \
        prev.whitespace_ == " "


def _split_at_dashes(doc, ents: list) -> list:
    """Entities cut where a dash set off by spaces lies inside them: the model reads "in Sumy
    – Zhuravka, Veselivka" as one organisation, but a spaced dash parts two names (a name's
    own hyphen has no spaces: "Sar-e-Pol")."""
    out = []
    for ent in ents:
        start = ent.start
        for k in range(ent.start + 1, ent.end - 1):
            tok = doc[k]
            if tok.text in _DASHES and tok.whitespace_ and doc[k - 1].whitespace_:
                if start < k:
                    out.append(Span(doc, start, k, label=ent.label))
                start = k + 1
        if start == ent.start:
            out.append(ent)
        elif start < ent.end:
            out.append(Span(doc, start, ent.end, label=ent.label))
    return out


def _postal_codes(doc, gaz: Gazetteer, found: list[SpanCandidate], ents,
                  dateline_span) -> list[SpanCandidate]:
    """Postal codes qualifying the place before them ("Austin, TX", "Sydney, NSW").

    Alone, "TX" or "ON" is too often something else; after "Place, " it is taken when the
    place has a candidate in that unit (or is a name the gazetteer does not know at all).
    """
    by_start = {s.tok_start: s for s in found}
    out = []
    for span in found:
        k = span.tok_end
        if k + 1 >= len(doc) or doc[k].text != ",":
            continue
        units = gaz.postal(doc[k + 1].text)
        admin1 = {c.place.admin1 for c in units}
        if not units or not (span.from_ner_only or any(c.place.admin1 in admin1
                                                       for c in span.candidates)):
            continue
        known = by_start.get(k + 1)
        if known is None:
            out.append(make_span(doc, k + 1, k + 2, units, ents, dateline_span))
        elif known.from_ner_only and known.tok_end == k + 2:
            known.candidates, known.from_ner_only = units, False  # NER saw it, now it resolves
    return out


def _can_start(tok) -> bool:
    t = tok.text
    return bool(t) and t[0].isalpha() and t[0].isupper()


def _can_end(tok) -> bool:
    t = tok.text
    return bool(t) and t[0].isalpha() and t[0].isupper()


def _can_continue(tok) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or t.lower() in CONNECTORS or t in "-'’")


def make_span(doc, i: int, j: int, cands, ents, dateline_span) -> SpanCandidate:
    """One candidate span, with the evidence around it."""
    text = text_of(doc)
    first, last = doc[i], doc[j - 1]
    start, end = first.idx, last.idx + len(last)
    surface = text[start:end]
    ent = ents.get(i)
    span = SpanCandidate(start=start, end=end, tok_start=i, tok_end=j, surface=surface,
                         candidates=tuple(cands))
    if ent is not None:
        span.ner = ent.label_
        span.ner_is_longer = ent.start < i or ent.end > j
        if ent.label_ in ("PERSON", "ORG") and ent.end - ent.start == 2 and j - i == 1:
            other = doc[ent.start] if ent.start < i else doc[ent.end - 1]
            span.name_pair = other.is_alpha and other.is_title
    span.pos = last.pos_
    span.all_caps = surface.replace(".", "").replace(" ", "").isupper() and len(surface) > 1
    words = fold(surface).split()
    if words and words[-1] in ADMIN_QUALIFIERS and len(words) > 1:
        span.qualifier = "admin"
    elif j < len(doc) and doc[j].lower_ in ADMIN_QUALIFIERS:
        span.qualifier = "admin"
        if doc[j].text[0].isupper() and cands:
            # "Kherson Oblast": a capitalised generic is part of the name.
            span.end = doc[j].idx + len(doc[j])
            span.surface = text[span.start:span.end]
            span.tok_end = j + 1
    if span.qualifier is None and j < len(doc) and doc[j].lower_ in FRONT_WORDS and cands:
        span.qualifier = "front"
    before = [t.lower_ for t in doc[max(0, i - 3):i]]
    town_of = len(before) >= 2 and before[-1] == "of" and before[-2] in POPULATED_WORDS
    if town_of or (before and before[-1] in POPULATED_WORDS):
        span.qualifier = span.qualifier or "populated"
        if span.qualifier == "populated":
            span.qualifier_word = before[-2] if town_of else before[-1]
    span.the_before = bool(before) and before[-1] == "the"
    if dateline_span and start >= dateline_span[0] and end <= dateline_span[1]:
        span.dateline = True
    return span
