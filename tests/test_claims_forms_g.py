"""Claim forms read from set G's errors (2026-12-07, twenty-first session, after its last
unseen figure), each on sentences written for these tests, not copied from the set: "10pc",
"was able to capture", and control that shrank or grew to a share of ground."""

from __future__ import annotations

import pytest
from claims_support import claims_of

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


def test_pc_is_percent():
    found = claims_of("The militants occupied 15pc of the city of Marawi, the army said.")
    assert [(c.value, c.unit) for c in found] == [(15.0, "percent")]
    assert claims_of("Rebels captured 10 PC in Goma.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # "was able to" did it ...
    ("Russian forces were able to take the village of Robotyne.",
     [("Russian forces", "captured", "Robotyne")]),
    # ... "was not able to" and "will be able to" did not.
    ("The army was not able to capture Kupiansk.", []),
    ("Russia will be able to capture Pokrovsk.", []),
])
def test_was_able_to_take_a_town_took_it(text, expected):
    assert [(c.actor, c.action, c.region_name) for c in claims_of(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Control that shrank or grew to a share of ground is the holding it came to ...
    ("Russian control has grown to 20% of Ukraine.", [("controls", 20.0, "UA")]),
    # ... not control of anything else.
    ("Inflation control fell to 5%.", []),
    ("Government control of the budget fell to 30%.", []),
])
def test_control_that_came_to_a_share_of_ground(text, expected):
    assert [(c.action, c.value, c.region) for c in claims_of(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # An armed side that flees a town loses it ...
    ("The army's soldiers fled the city of Goma without a fight.",
     [("The army's soldiers", "lost", "Goma")]),
    ("Russian troops fled from Kherson in November.", [("Russian troops", "lost", "Kherson")]),
    # ... people who flee lose nothing, and fleeing to somewhere names no place left.
    ("Thousands of residents fled the city of Goma.", []),
    ("The soldiers fled to the bush.", []),
])
def test_an_armed_side_fleeing_a_town_loses_it(text, expected):
    assert [(c.actor, c.action, c.region_name) for c in claims_of(text)] == expected


def test_an_area_of_crops_is_no_ground():
    assert claims_of("The war resulted in the loss of over 12,000 acres (5,000 hectares) of "
                     "crops.") == []
    found = claims_of("Russian forces captured 200 square kilometres of forest near Kreminna.")
    assert [(c.value, c.unit) for c in found] == [(200.0, "km2")]


def test_the_parts_of_a_count_after_a_dash_are_placed_each():
    found = claims_of("“We have liberated seven villages – four in Fizuli district and three "
                      "in Jebrail district,” a spokesman said.")
    assert [(c.value, c.region_name) for c in found] == [
        (7.0, None), (4.0, "Füzuli"), (3.0, "Jabrayil")]
    # parts that add up to more than the count are not its parts
    found = claims_of("Rebels took five villages – four in Fizuli district and three in "
                      "Jebrail district.")
    assert [c.value for c in found] == [5.0, 4.0]
