"""Claim forms taken up as classes from a count of the errors of every read set (twenty-first
session: a helper sorted the 132 missed claims of sets A–F, the written set and the train
split by cause), each on sentences written for these tests: a figure that continues the
claim before it, and a part of a named town."""

from __future__ import annotations

import pytest
from claims_support import claims_of

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


@pytest.mark.parametrize(("text", "expected"), [
    # A figure that continues the claim before it ("it is", "the total is", "that number
    # is") takes its action and actor ...
    ("According to the governor, 30% of the Kharkiv region was in the hands of Russian forces "
     "in May, and today, it is 15%.",
     [("Russian forces", "controls", 30.0), ("Russian forces", "controls", 15.0)]),
    ("Two square kilometres have been liberated near Bakhmut this week, and the total is "
     "more than 37 square kilometres, the deputy minister said.",
     [(None, "liberated", 2.0), (None, "liberated", 37.0)]),
    ("The UN says 60% of Port-au-Prince is controlled by gangs, but residents reckon that "
     "number is closer to 90%.",
     [("gangs", "controls", 60.0), ("gangs", "controls", 90.0)]),
    ("The group has lost a quarter of its territory. “In Iraq, it’s about 40 percent,” the "
     "colonel said.",
     [("The group", "lost", 25.0), ("The group", "lost", 40.0)]),
    # ... not a restatement in another unit, nor a figure with no claim before it.
    ("Russia controls 18% of Ukraine. That is 110,000 square kilometres.",
     [("Russia", "controls", 18.0)]),
    ("It is 15% of the population.", []),
])
def test_a_figure_that_continues_the_claim_before_it(text, expected):
    assert [(c.actor, c.action, c.value) for c in claims_of(text)] == expected


@pytest.mark.parametrize(("text", "region"), [
    # A part of a named town is of that town, the name before the part as after it ...
    ("Gaddafi brigades seized control of the Yafran town center.", "Yafran"),
    ("Rebels captured Bunia's city centre on Sunday.", "Bunia"),
    ("Rebels captured the city centre of Bunia on Sunday.", "Bunia"),
    ("The militants took over the Palmyra ruins in May 2015.", "Palmyra"),
])
def test_a_part_of_a_named_town_is_the_towns(text, region):
    assert [(c.action, c.region_name) for c in claims_of(text)] == [("captured", region)]


def test_a_part_of_no_named_place_is_nowhere():
    assert claims_of("The army controls the eastern part.") == []


def test_an_update_that_names_its_own_place_is_there():
    found = claims_of("Islamic State controls about a third of Syria. In Iraq, it's about "
                      "40 percent.")
    assert [(c.value, c.region) for c in found] == [(33.3, "SY"), (40.0, "IQ")]


def test_a_difference_is_no_update():
    found = claims_of("Russia controls about 18% of Ukraine, officials say. This is 2% more "
                      "than a year ago.")
    assert [c.value for c in found] == [18.0]
