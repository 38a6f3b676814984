"""The table of sides: which actor, as written, fights for which side of which conflict.

Shipped as `assets/conflicts.csv` (each conflict's countries and a source) and
`assets/sides.csv` (per row: conflict, side, colour, whether the pattern needs the conflict
known from context, and a regular expression over the folded actor). A user extends it with a
file of the same columns as `sides.csv` (colour optional), named by `CONFLICT_MAP_SIDES` or
found as `sides.csv` beside the database; its rows are tried before the shipped ones.

Patterns are matched against `geo.gazetteer.names.fold(actor)`: lower case, no accents, no
apostrophes, other punctuation as spaces ("Russia's army" → "russias army").
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geo.errors import ConflictMapError
from geo.paths import ASSETS

__all__ = [
    "CONFLICTS_FILE",
    "PALETTE",
    "SIDES_FILE",
    "SideRow",
    "SidesError",
    "read_conflicts",
    "read_rows",
    "user_sides_file",
]

CONFLICTS_FILE = ASSETS / "conflicts.csv"
SIDES_FILE = ASSETS / "sides.csv"
SIDES_VARIABLE = "CONFLICT_MAP_SIDES"
# Okabe & Ito's colour-blind-safe palette (Color Universal Design), from which a user's side
# without a colour is given the first one its conflict does not use yet.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


class SidesError(ConflictMapError):
    """A sides or conflicts file that cannot be used (named in the message)."""


@dataclass(frozen=True, slots=True)
class SideRow:
    """One pattern of a side: `needs_context` rows ("the army", "rebels") count only when
    the claim's place is in one of the conflict's countries."""

    conflict: str
    side: str
    colour: str
    needs_context: bool
    pattern: re.Pattern[str]
    origin: str


def read_conflicts(path: Path = CONFLICTS_FILE) -> dict[str, frozenset[str]]:
    """Each conflict's countries (ISO 3166-1 alpha-2).

    >>> read_conflicts()["russia-ukraine"] == frozenset({"UA", "RU"})
    True
    """
    out: dict[str, frozenset[str]] = {}
    for line, row in _csv_rows(path, ("conflict", "countries")):
        countries = frozenset(row["countries"].upper().split())
        if not row["conflict"] or not countries:
            raise SidesError(f"{path}:{line}: a conflict needs a name and its countries")
        out[row["conflict"]] = countries
    return out


def read_rows(path: Path = SIDES_FILE, *, used: dict[tuple[str, str], str] | None = None
              ) -> list[SideRow]:
    """The rows of a sides file, checked: a valid pattern, a colour (or one assigned), one
    colour per side, and different colours for the sides of one conflict.

    `used` maps (conflict, side) to the colours already given (by earlier files) and is
    updated, so a user's row for a shipped side keeps the shipped colour.

    >>> rows = read_rows()
    >>> {r.side: r.colour for r in rows if r.conflict == "russia-ukraine"}
    {'Russia': '#D55E00', 'Ukraine': '#0072B2'}
    """
    used = {} if used is None else used
    rows: list[SideRow] = []
    for line, row in _csv_rows(path, ("conflict", "side", "pattern")):
        where = f"{path}:{line}"
        conflict, side = row["conflict"], row["side"]
        if not conflict or not side:
            raise SidesError(f"{where}: a row needs a conflict and a side")
        try:
            pattern = re.compile(row["pattern"])
        except re.error as err:
            raise SidesError(f"{where}: the pattern is not a regular expression ({err})") from None
        colour = _colour(where, row.get("colour") or "", conflict, side, used)
        context = (row.get("context") or "no").strip().lower()
        if context not in ("yes", "no"):
            raise SidesError(f"{where}: context is {context!r}, not yes or no")
        rows.append(SideRow(conflict, side, colour, context == "yes", pattern, where))
    return rows


def user_sides_file(database: Path | None = None) -> Path | None:
    """The user's sides file: `CONFLICT_MAP_SIDES` if set, else `sides.csv` beside the
    database if there is one there, else None."""
    named = os.environ.get(SIDES_VARIABLE)
    if named:
        return Path(named)
    if database is not None:
        beside = Path(database).parent / "sides.csv"
        if beside.is_file():
            return beside
    return None


def _colour(where: str, given: str, conflict: str, side: str,
            used: dict[tuple[str, str], str]) -> str:
    given = given.strip()
    if given and not _COLOUR.fullmatch(given):
        raise SidesError(f"{where}: colour {given!r} is not #RRGGBB")
    known = used.get((conflict, side))
    if known is not None:
        if given and given.upper() != known.upper():
            raise SidesError(f"{where}: {side} already has colour {known}, not {given}")
        return known
    taken = {c.upper() for (other, _), c in used.items() if other == conflict}
    if not given:
        free = [c for c in PALETTE if c.upper() not in taken]
        if not free:
            raise SidesError(f"{where}: no colour left for {side}; give one")
        given = free[0]
    if given.upper() in taken:
        raise SidesError(f"{where}: {side} has colour {given}, which another side of "
                         f"{conflict} uses")
    used[(conflict, side)] = given
    return given


def _csv_rows(path: Path, required: Iterable[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise SidesError(f"{path}: no column {', '.join(missing)}")
            return [(number, {k: (v or "").strip() for k, v in row.items() if k})
                    for number, row in enumerate(reader, start=2)]
    except OSError as err:
        raise SidesError(f"{path}: cannot read ({err.strerror or err})") from None
    except (UnicodeDecodeError, csv.Error) as err:
        raise SidesError(f"{path}: not a UTF-8 CSV file ({err})") from None
