"""The curated name tables of assets/ applied to the gazetteer build's rows: aliases ("U.S."),
demonyms ("Russian" → Russia) and alternate names news uses for something else ("Hamas").

Kept apart from `geo.build.gazetteer`, which reads the packaged sources; these tables are ours,
and every row names its target by key ("iso:US", "gnadm1:PS.GZ") or as "city:CC:Name".
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from geo.gazetteer.names import fold
from geo.paths import ASSETS


def add_aliases(by_key: dict[str, Any], cities: list) -> None:
    """Curated short forms, indexed with kind "alias"."""
    for rec, row in _targeted("aliases.csv", by_key, cities):
        row.names.setdefault(fold(rec["alias"]), "alias")


def add_demonyms(by_key: dict[str, Any], cities: list) -> None:
    """Demonyms and adjectives point to their place; English plurals are derived."""
    for rec, row in _targeted("demonyms.csv", by_key, cities):
        for form in demonym_forms(rec["demonym"]):
            # A demonym outranks a generic-stripped form of the same string
            # ("Palestinian" from "Palestinian Territory"): roles depend on the kind.
            row.names[fold(form)] = "demonym"


def demonym_forms(word: str) -> set[str]:
    """The word and its English plural ("-man" compounds only: "German" is not one).

    Examples
    --------
    >>> sorted(demonym_forms("Ukrainian")), sorted(demonym_forms("Frenchman"))
    (['Ukrainian', 'Ukrainians'], ['Frenchman', 'Frenchmen'])
    >>> sorted(demonym_forms("German")), demonym_forms("Sudanese")
    (['German', 'Germans'], {'Sudanese'})
    """
    if word.endswith(("shman", "chman", "sman")):
        return {word, word[:-3] + "men"}
    if word.endswith(("ese", "sh", "ch", "ss", "Swiss")):
        return {word}
    return {word, word + "s"}


def drop_not_place_names(rows: Iterable) -> None:
    """Alternate names that news uses for something else ("Hamas" is listed for Hamm,
    Germany): an exonym few readers know must not turn a movement into a town."""
    with open(ASSETS / "not_place_names.csv", encoding="utf-8", newline="") as fh:
        drop = {fold(rec["name"]) for rec in csv.DictReader(fh)}
    for row in rows:
        for norm in drop & row.names.keys():
            if row.names[norm] == "alt":
                del row.names[norm]


def _targeted(table: str, by_key: dict[str, Any], cities: list) -> Iterator[tuple[dict, Any]]:
    """Each record of an assets table with the build row its `target` names."""
    with open(ASSETS / table, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            row = _resolve_target(rec["target"], by_key, cities)
            if row is None:
                raise SystemExit(f"assets/{table}: unknown target {rec['target']!r}")
            yield rec, row


def _resolve_target(target: str, by_key: dict[str, Any], cities: list) -> Any | None:
    if target.startswith("city:"):
        _, cc, name = target.split(":", 2)
        matches = [c for c in cities if c.country == cc and c.name == name]
        return max(matches, key=lambda c: c.population, default=None)
    return by_key.get(target)
