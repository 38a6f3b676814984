"""The renaming check of benchmarks/claims_substitution.py reads no record of the held-out
test split and draws stand-ins that keep the text true of where a town lies."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from geo.evaluate.claims import in_split

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "data" / "gazetteer.sqlite"


def _bench():
    spec = importlib.util.spec_from_file_location(
        "claims_substitution", ROOT / "benchmarks" / "claims_substitution.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("claims_substitution", module)
    spec.loader.exec_module(module)
    return module


def test_no_record_of_the_test_split_is_read():
    ids = [r["id"] for r in _bench().records()]
    assert ids and not [i for i in ids if in_split(i, "test")]


@pytest.mark.skipif(not GAZETTEER.exists(), reason="the gazetteer is not built (make setup)")
def test_a_stand_in_is_another_town_of_the_same_unit_and_size():
    bench = _bench()
    towns = bench.Towns(GAZETTEER)
    country, admin1, people = towns.town("Sudzha")
    assert (country, admin1) == ("RU", "RU.41"), (country, admin1)
    other = towns.stand_in((country, admin1, people), "Sudzha", random.Random(1))
    found = towns.town(other)
    assert other != "Sudzha" and found is not None and found[:2] == ("RU", "RU.41"), (other, found)
    assert people / 4 <= max(found[2], 500) <= people * 4, (other, found)
