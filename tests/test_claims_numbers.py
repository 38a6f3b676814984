"""Territorial quantities in text: numbers in digits and words, fractions, units and bounds."""

from __future__ import annotations

import pytest

from geo.claims.numbers import find_quantities, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("1,268", 1268.0), ("31.75", 31.75), ("0.04", 0.04), ("1.2 million", 1_200_000.0),
    ("three", 3.0), ("eleven", 11.0), ("twenty-five", 25.0), ("two hundred and forty", 240.0),
    ("a thousand", 1000.0), ("half", 50.0), ("a third", 33.3), ("one-third", 33.3),
    ("two-thirds", 66.7), ("three quarters", 75.0), ("one-fifth", 20.0), ("a fifth", 20.0),
    ("most", 50.0), ("the majority", 50.0),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def _found(text):
    return [(text[q.start:q.end], q.value, q.unit, q.bound, q.role) for q in find_quantities(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("regained over 86% of the land", [("over 86%", 86.0, "percent", "over", "claim")]),
    ("controls 86 per cent of it", [("86 per cent", 86.0, "percent", None, "claim")]),
    ("took 32 percent", [("32 percent", 32.0, "percent", None, "claim")]),
    ("liberated 1,000 square kilometres", [("1,000 square kilometres", 1000.0, "km2", None,
                                            "claim")]),
    ("took 701 km² and 68,050 km2", [("701 km²", 701.0, "km2", None, "claim"),
                                     ("68,050 km2", 68050.0, "km2", None, "claim")]),
    ("captured 13.5sq km", [("13.5sq km", 13.5, "km2", None, "claim")]),
    ("some 51,000 square miles", [("some 51,000 square miles", 51000.0, "mi2", "about",
                                   "claim")]),
    ("4,000 hectares of farmland", [("4,000 hectares", 4000.0, "hectares", None, "claim")]),
    ("11 key trade towns", [("11 key trade towns", 11.0, "settlements", None, "claim")]),
    ("eight villages and towns", [("eight villages and towns", 8.0, "settlements", None,
                                   "claim")]),
    ("nearly two-thirds of the city", [("nearly two-thirds", 66.7, "percent", "under", "claim")]),
    ("more than half the country", [("more than half", 50.0, "percent", "over", "claim")]),
    ("most of the city", [("most", 50.0, "percent", "over", "claim")]),
    ("at least 1,103 square kilometers", [("at least 1,103 square kilometers", 1103.0, "km2",
                                           "at_least", "claim")]),
    ("up to 40% of the territory", [("up to 40%", 40.0, "percent", "up_to", "claim")]),
    ("almost 4,500 square kilometers", [("almost 4,500 square kilometers", 4500.0, "km2",
                                         "under", "claim")]),
    ("just 0.04% of the area", [("just 0.04%", 0.04, "percent", None, "claim")]),
    ("exactly 12 villages", [("exactly 12 villages", 12.0, "settlements", "exactly",
                              "claim")]),
    # Quantities as written (issue 13): a decimal comma, "sq-km" run together, dunams.
    ("held 55,7% of the territory", [("55,7%", 55.7, "percent", None, "claim")]),
    ("about 12,5 % of it", [("about 12,5 %", 12.5, "percent", "about", "claim")]),
    ("some 1,000sq-km of land", [("some 1,000sq-km", 1000.0, "km2", "about", "claim")]),
    ("seized 2,000 dunums", [("2,000 dunums", 2000.0, "dunams", None, "claim")]),
    ("took 500 dunams of land", [("500 dunams", 500.0, "dunams", None, "claim")]),
    ("1,250 villages", [("1,250 villages", 1250.0, "settlements", None, "claim")]),
    # "km" written for an area: a length of ground, not a distance.
    ("captured 200 km of territory", [("200 km", 200.0, "km2", None, "claim")]),
    ("some 3,000 kilometres of their land", [("some 3,000 kilometres", 3000.0, "km2", "about",
                                             "claim")]),
])
def test_quantities(text, expected):
    assert _found(text) == expected


def test_control_over_is_a_preposition_not_a_bound():
    assert _found("had control over 28 settlements") == [
        ("28 settlements", 28.0, "settlements", None, "claim")]


def test_bracketed_conversion_is_not_a_second_claim():
    roles = [(q.unit, q.role) for q in find_quantities(
        "about 500 square kilometers (193 square miles) out of 1,268 square kilometers "
        "(490 square miles) initially seized")]
    assert roles == [("km2", "claim"), ("mi2", "conversion"), ("km2", "denominator"),
                     ("mi2", "conversion")]


def test_a_part_of_a_counted_whole():
    found = find_quantities("controls fewer than 100 of the 350 towns in the country")
    assert [(q.value, q.bound, q.role, q.denominator) for q in found] == [
        (100.0, "under", "claim", "the 350 towns"), (350.0, None, "denominator", None)]


@pytest.mark.parametrize("text", [
    "approximately 430 Ukrainian soldiers have been taken captive",
    "advanced 8.6 km and pushed 12 km deep along a 40 km front",
    "a 30 km stretch of the border, 15 km of road and 40 km of the front line",
    "in 2024, on February 24, 2022, at 10 am",
    "killed 40,000 people and wounded 16,000",
])
def test_numbers_without_a_territorial_unit_are_not_quantities(text):
    assert find_quantities(text) == []


def test_rates_are_marked_as_changes():
    assert [q.role for q in find_quantities("declining by almost 50% compared to August")] == [
        "change"]
    assert [q for q in find_quantities("up 3 percentage points") if q.role == "claim"] == []
