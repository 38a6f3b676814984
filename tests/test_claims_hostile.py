"""Hostile text through the claim extractor and ingest: no crash and sane claims.

The texts are those of `tests/claims_hostile_inputs.py` (a 5,000-word sentence, 400-digit
numbers, quotes nested 200 deep, claims in table cells, a list of 2,000 names). How long each
takes, and that twice the text takes about twice the time, is `benchmarks/claims_hostile.py`'s
business (`make bench`), not a unit test's.
"""

from __future__ import annotations

import json
import math

import pytest
from claims_hostile_inputs import (
    HOSTILE,
    digits,
    huge_area,
    huge_percent,
    nested_quotes,
    table_rows,
)
from claims_support import claims_of
from click.testing import CliRunner

from geo.claims.numbers import MAX_DIGITS, find_quantities, parse_number
from geo.cli.main import main
from geo.store.database import Store


def _sane(claim) -> bool:
    """A value, if any, that is a finite number a territory can have (a Claim or a stored
    claim's dict)."""
    value, unit = (claim["value"], claim["unit"]) if isinstance(claim, dict) else \
        (claim.value, claim.unit)
    if value is None:
        return True
    if not math.isfinite(value) or value < 0:
        return False
    return value <= 100 if unit == "percent" else value < 10 ** MAX_DIGITS


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_gives_sane_claims(name):
    build, size = HOSTILE[name]
    found = claims_of(build(size))
    assert all(_sane(c) for c in found), [(c.value, c.unit) for c in found if not _sane(c)]


def test_a_400_digit_number_is_no_quantity_rather_than_inf():
    assert parse_number(digits(400)) is None
    assert parse_number(digits(MAX_DIGITS)) == float(digits(MAX_DIGITS))
    assert find_quantities(f"controls {digits(400)}% of the Donetsk region") == []
    assert [c.value for c in claims_of(huge_percent(400))] == []
    assert [c.value for c in claims_of(huge_area(400))] == []


def test_a_claim_inside_nested_quotes_is_still_read():
    found = claims_of(nested_quotes(200))
    assert [(c.action, c.value, c.unit) for c in found] == [("captured", 40.0, "percent")]


def test_claims_in_table_cells_are_read_from_each_layout():
    text = table_rows(1)
    found = claims_of(text)
    assert {(c.value, c.unit) for c in found} == {(1.0, "percent")}
    # one from the pipe table, one from the tab-separated row, one from the HTML table
    starts = sorted(c.start for c in found)
    assert len(starts) == 3
    assert text.index("| Donetsk") <= starts[0] < text.index("Region\tClaim")
    assert text.index("Donetsk\t") <= starts[1] < text.index("<table>") < starts[2]


def test_ingest_stores_the_hostile_texts(tmp_path):
    feed = tmp_path / "hostile.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for name, (build, size) in HOSTILE.items():
            # the long texts at a tenth of their size: the tests above read them in full
            small = size if build in (huge_percent, huge_area, nested_quotes) else size // 10
            out.write(json.dumps({"id": name, "text": build(small)}) + "\n")
    db = tmp_path / "hostile.sqlite"
    result = CliRunner().invoke(main, ["ingest", str(feed), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, (result.output, result.exception)
    with Store(db) as store:
        assert len(store.articles()) == len(HOSTILE)
        claims = store.claims()
    assert claims and all(_sane(c) for c in claims)
