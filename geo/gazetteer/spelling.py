"""Transliteration-tolerant lookup for place names the gazetteer lacks in the spelling used.

Arabic and Slavic names reach English news in many spellings (Hodeidah / Al Hudaydah, Deir Ez
Zur / Deir ez-Zor, Nabatiyeh / Nabatieh). A name spaCy tags as a place that the gazetteer does
not know is looked up by its skeleton (articles dropped, digraphs merged, vowel runs collapsed),
and only candidates in a country the article itself names are kept: on the dev corpora the
skeleton alone gave 239 NER-only names that no corpus annotates a candidate ("Ebola",
"Hartmann"), against 16 whose candidate was right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geo.gazetteer.names import fold

PREFIX = "~"  # skeletons are indexed as "~" + skeleton, a form `fold` never produces
KIND = "spelling"
MIN_LENGTH = 5
# Arabic definite articles as transliterated ("Deir ez-Zor", "Al Hudaydah"), dropped before the
# last word only so that a bare "Al" or "El" is left alone.
ARTICLES = frozenset("al el ad an ar as ash at az ed en er es et ez ul il ud ur us uz".split())
DIGRAPHS = (("kh", "h"), ("gh", "g"), ("sh", "s"), ("zh", "z"), ("dh", "d"), ("th", "t"),
            ("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("x", "ks"), ("dj", "j"),
            ("v", "w"))
_VOWELS = re.compile(r"[aeiouyw]+")
_DOUBLES = re.compile(r"(.)\1+")


def skeleton(folded: str) -> str | None:
    """The spelling-insensitive key of a folded name, or None when too short or not Latin.

    Examples
    --------
    >>> skeleton(fold("Hodeidah")) == skeleton(fold("Al Hudaydah"))
    True
    >>> skeleton(fold("Deir Ez Zur")) == skeleton(fold("Dayr az Zawr"))
    True
    >>> skeleton("kyiv") is None
    True
    """
    words = folded.split()
    last = len(words) - 1
    s = "".join(w for i, w in enumerate(words) if i == last or w not in ARTICLES)
    if not s.isascii() or not s.isalpha():
        return None
    for digraph, letter in DIGRAPHS:
        s = s.replace(digraph, letter)
    s = _DOUBLES.sub(r"\1", _VOWELS.sub("a", s))
    s = s[:-1] if s.endswith("ah") else s
    return s if len(s) >= MIN_LENGTH else None


def index_key(name: str) -> str | None:
    """The names-table key under which a gazetteer name is indexed for this lookup."""
    sk = skeleton(fold(name))
    return PREFIX + sk if sk else None


def article_countries(spans: Iterable) -> set[str]:
    """Countries the article names outright (a country or its demonym among the candidates)."""
    return {c.place.country for s in spans for c in s.candidates
            if c.place.country and (c.place.feature == "country" or c.kind == "demonym")
            and c.kind in ("name", "alias", "demonym")}


def respell(spans: list, gaz) -> None:
    """Give NER place names the gazetteer lacks the candidates of another spelling, in place;
    and a name the text calls a town ("the central city of Deir al-Balah") that the gazetteer
    knows only as a unit, the towns of the same country spelled alike ("Dayr al Balah")."""
    for span in spans:
        if span.qualifier == "populated" and span.candidates and \
                not any(c.place.feature == "city" for c in span.candidates):
            key = index_key(span.surface)
            here = {c.place.country for c in span.candidates}
            towns = tuple(c for c in gaz.lookup(key) if c.place.feature == "city"
                          and c.place.country in here) if key else ()
            if towns:
                span.candidates += towns
                span.notes.append("another spelling")
    unknown = [s for s in spans if s.from_ner_only and not s.candidates]
    if not unknown:
        return
    countries = article_countries(spans)
    if not countries:
        return
    for span in unknown:
        key = index_key(span.surface)
        cands = tuple(c for c in gaz.lookup(key) if c.place.country in countries) if key else ()
        if cands:
            span.candidates, span.from_ner_only = cands, False
            span.notes.append("another spelling")


def add_to_rows(rows: Iterable) -> None:
    """Index every name of populated places and admin units by skeleton (gazetteer build)."""
    for row in rows:
        if row.feature not in ("city", "admin1", "admin2"):
            continue
        for norm, kind in list(row.names.items()):
            sk = skeleton(norm) if kind != "demonym" else None
            if sk:
                row.names.setdefault(PREFIX + sk, KIND)
