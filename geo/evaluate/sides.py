"""Score the sides table on labelled actors: the share resolved to the labelled side.

A label file is a CSV with columns conflict, actor and side (others are kept for reading);
the conflict gives the countries a claim's place would be in, which is what the product knows
when it resolves an actor (`geo.sides.resolve.claim_countries`).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from geo.errors import EvaluationError
from geo.sides.resolve import Sides

__all__ = ["score_sides"]


def score_sides(labels: Path, sides: Sides, split: str | None = None) -> dict[str, Any]:
    """{"n", "right", "accuracy", "wrong": [(actor, got, want), ...]} for a label file, or for
    its rows whose `split` column is `split` ("read", "f")."""
    try:
        with open(labels, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise EvaluationError(f"{labels}: cannot read the labels ({err})") from None
    if not rows or not {"conflict", "actor", "side"} <= set(rows[0]):
        raise EvaluationError(f"{labels}: needs columns conflict, actor and side")
    if split is not None:
        rows = [row for row in rows if row.get("split") == split]
        if not rows:
            raise EvaluationError(f"{labels}: no rows of split {split!r}")
    wrong = []
    for row in rows:
        countries = sides.conflicts.get(row["conflict"], frozenset())
        got = sides.side_of(row["actor"], countries)
        if got.name != row["side"]:
            wrong.append((row["actor"], got.name, row["side"]))
    right = len(rows) - len(wrong)
    return {"n": len(rows), "right": right, "accuracy": right / len(rows), "wrong": wrong}
