"""Written abbreviations of first-level units ("Calif.", "W.Va.", "B.C.") and postal codes ("TX").

US and Canadian news name the state or province by its abbreviation ("SPRINGFIELD, Ill.",
"Fresno, Calif.", "Vancouver, B.C."), and folding would turn these into common words ("ill",
"miss", "la"). So they are indexed under their exact spelling, which `geo.gazetteer.names.fold`
never
produces (it lower-cases and drops periods): an abbreviation with a period is looked up wherever
it stands; a two- or three-letter postal code ("TX", "NSW") only right after a place and a comma
("Austin, TX"), where it qualifies that place.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from geo.paths import ASSETS

ABBREVIATIONS_CSV = ASSETS / "abbreviations.csv"
# Countries whose first-level ISO 3166-2 suffixes are the postal codes people write.
POSTAL_COUNTRIES = frozenset({"US", "CA", "AU"})


def exact_forms(abbreviation: str) -> set[str]:
    """The spellings indexed for one abbreviation: as written and, when another period is left,
    without its final period (spaCy splits "W.Va." into "W.Va" + "." at a sentence end).

    Examples
    --------
    >>> sorted(exact_forms("W.Va."))
    ['W.Va', 'W.Va.']
    >>> sorted(exact_forms("Calif."))
    ['Calif.']
    """
    forms = {abbreviation}
    if abbreviation.endswith(".") and "." in abbreviation[:-1]:
        forms.add(abbreviation[:-1])
    return forms


def is_abbreviation(text: str) -> bool:
    """Whether a stretch of text is worth an exact abbreviation lookup (it holds a period)."""
    return "." in text and len(text) <= 12


def is_postal_code(text: str) -> bool:
    """Two or three capital ASCII letters: the shape of "TX", "BC", "NSW"."""
    return 2 <= len(text) <= 3 and text.isascii() and text.isalpha() and text.isupper()


def postal_code(key: str, country: str | None) -> str | None:
    """The postal code of a first-level unit keyed by its ISO code ("iso:US-TX" → "TX"), if any."""
    if country not in POSTAL_COUNTRIES or not key.startswith(f"iso:{country}-"):
        return None
    code = key.split("-", 1)[1]
    return code if is_postal_code(code) else None


def read_abbreviations(path: Path = ABBREVIATIONS_CSV) -> Iterator[tuple[str, str]]:
    """(abbreviation, target key) pairs of the curated table; every abbreviation has a period."""
    with open(path, encoding="utf-8", newline="") as fh:
        for line, rec in enumerate(csv.DictReader(fh), start=2):
            abbreviation, target = rec["abbreviation"].strip(), rec["target"].strip()
            if not is_abbreviation(abbreviation):
                raise SystemExit(f"{path}:{line}: {abbreviation!r} has no period; "
                                 "folded aliases belong in assets/aliases.csv")
            yield abbreviation, target


def index_names(abbreviations: Iterable[tuple[str, str]],
                admin1: Iterable[tuple[str, str | None]]) -> dict[str, set[str]]:
    """Target key → exact names to index: the curated abbreviations and the postal codes
    derived from the ISO codes of (key, country) first-level units."""
    out: dict[str, set[str]] = {}
    for abbreviation, target in abbreviations:
        out.setdefault(target, set()).update(exact_forms(abbreviation))
    for key, country in admin1:
        code = postal_code(key, country)
        if code:
            out.setdefault(key, set()).add(code)
    return out


def add_to_rows(by_key: dict, admin1: Iterable) -> None:
    """Index the abbreviations on the gazetteer build's rows (kind "alias", like "U.S.")."""
    pairs = ((r.key, r.country) for r in admin1)
    for key, names in index_names(read_abbreviations(), pairs).items():
        row = by_key.get(key)
        if row is None:
            raise SystemExit(f"{ABBREVIATIONS_CSV}: unknown target {key!r}")
        for name in names:
            row.names.setdefault(name, "alias")
