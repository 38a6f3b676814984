"""Resolve an actor as written ("Moscow's forces", "the army") to the side it fights for.

Context decides what a generic word means: "the army" in Sudan is the Sudanese Armed Forces,
in Burkina Faso the Burkinabe state. So the rows of the conflicts whose countries hold the
claim's place are tried first (their context rows included); then the named rows of every
conflict ("Wagner", "RSF"). Among matches, a user's row beats a shipped one, a named row beats
a generic one, and the earliest match in the actor beats a later one ("Russian troops in
Ukraine" is Russia). An actor nothing matches is its own side, marked unresolved.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.gazetteer.names import fold
from geo.sides.table import SideRow, read_conflicts, read_rows, user_sides_file

__all__ = ["UNATTRIBUTED", "UNRESOLVED_COLOUR", "Side", "Sides", "claim_countries",
           "count_unresolved", "with_sides"]

UNRESOLVED_COLOUR = "#999999"
# "the Sudanese army's campaign" is matched as "the Sudanese army campaign".
_POSSESSIVE = re.compile(r"['’]s\b")
# "Libyan forces opposed to Khalifa Haftar": what follows names their enemy, not their side.
_OPPOSED = re.compile(r"\b(?:opposed to|against|fighting|battling|at war with)\b")
# What a side's own statement calls the other side ("the enemy", "enemy forces").
_ENEMY = re.compile(r"(?:the )?(?:enemy|adversary)(?: (?:forces|troops|units|army))?")
UNATTRIBUTED = "Unattributed"  # the side of a claim that names no actor
# Actions by which a claimant who names no actor speaks of its own side's gains ("have been
# liberated"); "were captured" may be the other side's gain, so it is not inferred.
GAINS = frozenset({"regained", "liberated"})


@dataclass(frozen=True, slots=True)
class Side:
    """The side an actor fights for; `resolved` is False for an actor no row knows (then
    `name` is the actor as written) and for a claim with no actor."""

    name: str
    colour: str
    conflict: str | None
    resolved: bool


class Sides:
    """The shipped table plus an optional user file.

    Examples
    --------
    >>> sides = Sides()
    >>> sides.side_of("Moscow's forces").name, sides.side_of("the AFU").name
    ('Russia', 'Ukraine')
    >>> sides.side_of("the army", ["SD"]).name, sides.side_of("the army", ["BF"]).name
    ('Sudanese Armed Forces', 'Burkina Faso state')
    >>> sides.side_of("forces opposed to Hemedti", ["SD"]).name
    'forces opposed to Hemedti'
    >>> s = sides.side_of("the army")
    >>> s.name, s.resolved
    ('the army', False)
    """

    def __init__(self, user_file: Path | None = None) -> None:
        used: dict[tuple[str, str], str] = {}
        shipped = read_rows(used=used)
        self.user_file = user_file
        self.rows: list[SideRow] = [*(read_rows(user_file, used=used) if user_file else ()),
                                    *shipped]
        self.conflicts = read_conflicts()
        self._user_count = len(self.rows) - len(shipped)
        self._cache: dict[tuple[str, frozenset[str]], Side] = {}

    @classmethod
    def for_database(cls, database: str | Path | None = None) -> Sides:
        """The table with the user's file for this database (`user_sides_file`); a database
        URL (PostgreSQL) has no folder, so only `CONFLICT_MAP_SIDES` counts for it."""
        if database is not None and "://" in str(database):
            database = None
        return cls(user_sides_file(Path(database) if database is not None else None))

    def side_of(self, actor: str | None, countries: Iterable[str] = ()) -> Side:
        """The side of `actor` where the claim's place is in `countries` (ISO alpha-2)."""
        if not actor or not actor.strip():
            return Side(UNATTRIBUTED, UNRESOLVED_COLOUR, None, False)
        folded = _OPPOSED.split(fold(_POSSESSIVE.sub("", actor)), maxsplit=1)[0]
        key = (folded, frozenset(c.upper() for c in countries))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(actor.strip(), *key)
        return found

    def opponent(self, side: Side) -> Side | None:
        """The other side of `side`'s war, where the table gives that war two sides.

        >>> sides = Sides()
        >>> sides.opponent(sides.side_of("Kyiv")).name
        'Russia'
        >>> sides.opponent(sides.side_of("the SDF")) is None  # Syria's war has five
        True
        """
        others = {row.side: row for row in self.rows
                  if row.conflict == side.conflict and row.side != side.name}
        if not side.resolved or len(others) != 1:
            return None
        row = next(iter(others.values()))
        return Side(row.side, row.colour, row.conflict, True)

    def legend(self) -> dict[str, str]:
        """Each side's colour, in table order (user sides first)."""
        return {row.side: row.colour for row in self.rows}

    def _resolve(self, actor: str, folded: str, countries: frozenset[str]) -> Side:
        local = {name for name, where in self.conflicts.items() if where & countries}
        best: tuple[int, int, int, int] | None = None
        chosen: SideRow | None = None
        for index, row in enumerate(self.rows):
            in_context = row.conflict in local
            if row.needs_context and not in_context:
                continue
            match = row.pattern.search(folded)
            if match is None:
                continue
            rank = (0 if in_context or not local else 1, 0 if index < self._user_count else 1,
                    int(row.needs_context), match.start())
            if best is None or rank < best:
                best, chosen = rank, row
        if chosen is None:
            return Side(actor, UNRESOLVED_COLOUR, None, False)
        return Side(chosen.side, chosen.colour, chosen.conflict, True)


def claim_countries(claim: Mapping[str, Any]) -> tuple[str, ...]:
    """The countries a stored claim's region code names ("RU-KRS" → RU; "UA" → UA), and the
    country of its point when one was found for it (`country`).

    >>> claim_countries({"region": "RU-KRS"}), claim_countries({"region": None})
    (('RU',), ())
    >>> claim_countries({"region": None, "country": "SD"})
    ('SD',)
    """
    codes = [*str(claim.get("region") or "").replace(",", " ").split(),
             *([str(claim["country"])] if claim.get("country") else [])]
    return tuple(dict.fromkeys(code.split("-")[0].upper() for code in codes if code[:2].isalpha()))


def count_unresolved(claims: Iterable[Mapping[str, Any]], sides: Sides) -> Counter[str]:
    """How often each actor no row resolves occurs among `claims` (stored claim dicts); one
    `with_sides` gives a side ("the enemy" of a known claimant) is not counted."""
    out: Counter[str] = Counter()
    for claim in with_sides(claims, sides):
        if claim.get("actor") and not claim["side_resolved"]:
            out[str(claim["actor"])] += 1
    return out


def with_sides(claims: Iterable[Mapping[str, Any]], sides: Sides) -> list[dict[str, Any]]:
    """Copies of stored claims with `side`, `side_colour` and `side_resolved` added: the side
    of the claim's actor where its region is (`Sides.side_of`, `claim_countries`); and
    `claimant_side`, the claimant's side when the table knows it ("the Russian defence
    ministry"), else None. A claim that names no actor but gains ground for someone ("800
    km² have been liberated", said a Russian general) is the claimant's own side, and "the
    enemy" in a side's own statement is the other side of a war of two, both marked
    `side_inferred`.

    >>> [c["side"] for c in with_sides([{"actor": "Kyiv", "region": "UA-14"}], Sides())]
    ['Ukraine']
    """
    out = []
    for claim in claims:
        countries = claim_countries(claim)
        side = sides.side_of(claim.get("actor"), countries)
        claimant = sides.side_of(claim.get("claimant"), countries)
        inferred = (not str(claim.get("actor") or "").strip() and claimant.resolved
                    and claim.get("action") in GAINS and not claim.get("negated"))
        if inferred:
            side = claimant
        elif not side.resolved and claimant.resolved and \
                _ENEMY.fullmatch(fold(str(claim.get("actor") or ""))):
            # "the enemy", as a side's own statement calls the other side of its war
            opponent = sides.opponent(claimant)
            side, inferred = (opponent, True) if opponent is not None else (side, False)
        out.append({**claim, "side": side.name, "side_colour": side.colour,
                    "side_resolved": side.resolved, "side_inferred": inferred,
                    "claimant_side": claimant.name if claimant.resolved else None})
    return out
