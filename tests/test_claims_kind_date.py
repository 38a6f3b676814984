"""What a claim's share is of (`denominator_kind`) and the date the sentence gives it (`as_of`),
on sentences written for these tests."""

from __future__ import annotations

import pytest
from claims_support import claims_of

from geo.claims.dates import resolve_date


def _kinds(text: str) -> list[tuple[float | None, str | None]]:
    return [(c.value, c.denominator_kind) for c in claims_of(text)]


@pytest.mark.parametrize(("text", "kind"), [
    ("Rebel fighters have seized 45% of the land previously held by government troops.", "part"),
    ("Government forces have retaken 30% of the occupied territory.", "part"),
    ("Troops have recaptured a quarter of the territory that the militia seized last year.",
     "part"),
    ("The militia lost 30% of the ground it had taken in the spring.", "part"),
    ("The army now controls about 70% of the province.", "region"),
    ("The militia controls 15% of the country's territory.", "region"),
    ("Russian troops have retaken 60% of the territory Ukraine captured.", "part"),
    ("The army controls 40% of the areas classified as Area C.", "part"),
    ("Rebels control 30% of the rebel-held areas.", "part"),
    ("Only 10% of the Sumy salient is still held by the rebels.", "part"),
    ("The militia holds 90% of the Kherson oblast.", "region"),
    ("Kyiv controls 80% of its internationally recognised territory.", "region"),
    ("The junta has lost control of more than half the country.", "region"),
    ("Rebels hold about 70% of the Sumy and Chernihiv regions.", "region"),
    ("Insurgents control 40% of the state's 25 townships.", "other"),
    ("Rebels control half of the region's villages.", "other"),
])
def test_the_kind_of_a_share_follows_the_phrase_it_is_a_share_of(text, kind):
    assert [k for _v, k in _kinds(text)] == [kind]


def test_the_seed_claim_is_a_share_of_a_part_of_the_region():
    text = "Russian forces have regained over 86% of the land once held by Ukrainian troops."
    assert _kinds(text) == [(86.0, "part")]


def test_an_area_without_a_whole_and_a_bare_share_differ():
    assert _kinds("The army captured 300 square kilometres near the border.") == [(300.0, None)]
    assert [k for _v, k in _kinds("The rebels control 60%, the monitor said.")] == ["region"]


def test_a_non_state_holder_of_its_territory_holds_a_part():
    kinds = _kinds("The group has lost 40% of its territory since the offensive began.")
    assert kinds == [(40.0, "part")]


def _dates(text: str, published: str | None) -> list[str | None]:
    return [c.as_of for c in claims_of(text, published=published)]


@pytest.mark.parametrize(("text", "published", "as_of"), [
    ("The army controlled 40% of the province on Jan. 1.", "2024-12-02", ["2024-01-01"]),
    ("The army controlled 40% of the province on Jan. 1.", None, [None]),
    ("Rebels seized 20% of the province last August.", "2024-12-02", ["2024-08"]),
    ("Rebels seized 20% of the province last August.", "2024-08-10", ["2023-08"]),
    ("The militia held 35% of the district in 2016.", None, ["2016"]),
    ("The militia controlled 80% of the province in June but now holds 50%.", "2023-03-10",
     ["2022-06", None]),
    ("The ministry said on Friday that its troops had captured 35% of the district.",
     "2025-02-08", ["2025-02-07"]),
    ("As of March 3, rebels controlled 60% of the province.", "2024-05-01", ["2024-03-03"]),
    ("By the end of 2023, the rebels had taken 30% of the country.", None, ["2023-12"]),
    ("The army currently controls 55% of the country.", "2024-05-01", [None]),
    ("Troops have recaptured 1,200 square kilometres since March 3.", "2024-05-01", [None]),
    ("The rebels have controlled 20% of the region since 2014.", None, ["2014"]),
    ("The province has been unstable since 2019, when rebels seized 40% of the province.",
     None, ["2019"]),
    ("The war began in 2019, when a coup allowed rebels to seize 40% of the province.", None,
     ["2019"]),
])
def test_the_as_of_date_is_the_one_of_the_claims_own_clause(text, published, as_of):
    assert _dates(text, published) == as_of


def test_a_quantitys_own_date_that_names_no_date_gives_none():
    text = ("The army took 900 square kilometres in 2021, up from 300 square kilometres a "
            "year earlier.")
    assert _dates(text, None) == ["2021", None]


def test_a_date_of_a_comparison_is_not_the_claims():
    text = "The army took 500 square kilometres in March, more than in 2022."
    assert _dates(text, "2023-05-01") == ["2023-03"]


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("in late May", "2023-09-18", "2023-05"),
    ("December", "2024-03-01", "2023-12"),
    ("December 5", "2024-12-04", "2023-12-05"),
    ("December 5", "2024-12-05", "2024-12-05"),
    ("Feb. 30", "2024-03-01", None),
    ("mid-2023", None, "2023-06"),
    ("spring 2022", None, "2022"),
    ("the first months of 2023", None, "2023"),
    ("2 March 2024", None, "2024-03-02"),
    ("yesterday", "2024-03-01", "2024-02-29"),
    ("last month", "2024-01-15", "2023-12"),
    ("last year", "2024-01-15", "2023"),
    ("last year", None, None),
    ("three weeks", "2024-01-15", None),
    ("pre-2014", None, None),
    ("May", "2024-07-01", "2024-05"),
    ("may", None, None),
])
def test_resolve_date(text, published, expected):
    assert resolve_date(text, published) == expected
