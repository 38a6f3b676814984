"""Claim forms read from set D's errors (2026-12-07, nineteenth session), each on sentences
written for these tests, not copied from the set: measures written with a period ("sq. km"),
verbs misread after two adverbs, counts of district headquarters and local government areas,
a list whose last item is a place noun named before it, and "the group" for a named party."""

from __future__ import annotations

import pytest
from claims_support import claims_of

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


def test_square_kilometres_written_with_a_period_are_one_quantity_and_no_place():
    found = claims_of("Armenia says Azerbaijan now occupies 215 sq. km of Armenian territory, "
                      "which Baku denies.")
    assert [(c.actor, c.value, c.unit) for c in found if c.value is not None] == \
        [("Azerbaijan", 215.0, "km2")]
    assert not any("sq" in (c.region_name or "") for c in found)


@pytest.mark.parametrize(("text", "expected"), [
    # The parser reads "control" as a noun after two adverbs; parsed again as a verb.
    ("The rebels now only control parts of eastern Goma.", [("controls", "Goma")]),
    ("The rebels still firmly control Goma.", [("controls", "Goma")]),
])
def test_a_verb_after_two_adverbs(text, expected):
    assert [(c.action, c.region_name) for c in claims_of(text)] == expected


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The Taliban now control 120 district headquarters, the monitor said.", 120.0,
     "settlements"),
    ("Boko Haram controls three local government areas in Borno, the governor said.", 3.0,
     None),
])
def test_counts_of_district_headquarters_and_local_government_areas(text, value, unit):
    assert [(c.value, c.unit) for c in claims_of(text)] == [(value, unit)]


def test_a_list_ending_in_a_place_noun_named_before_it():
    found = claims_of("The army seized Jowhar, Balcad and Adale towns on Monday.")
    assert [c.region_name for c in found] == ["Jawhar", "Balcad", "Cadale"]  # GeoNames' names
    assert {c.action for c in found} == {"captured"}


def test_a_count_included_in_a_larger_one_is_placed_and_does_not_place_the_whole():
    found = claims_of("Russian forces captured 12 villages this week, including three in the "
                      "Kharkiv region.")
    assert [(c.value, c.unit, c.region) for c in found] == [
        (12.0, "settlements", "UA"),  # the war's ground, not Kharkiv's
        (3.0, "settlements", "UA-63")]


def test_an_including_count_needs_a_larger_count_before_it():
    assert [c.value for c in claims_of(
        "The army retook Kupiansk on Friday, including two in the north of the city.")] == [None]
    assert [c.value for c in claims_of(
        "Troops retook four villages, including six in the Kharkiv region.")] == [4.0]


@pytest.mark.parametrize(("text", "region"), [
    # "Our land" is the speaker's country where the table names the speaker's side for it.
    ("\u201cIn total, 1,200 square kilometres of our land have been liberated,\u201d "
     "Zelensky said.", "UA"),
    ("\u201cThe enemy holds 20 percent of our territory,\u201d an RSF commander said.", "SD"),
])
def test_our_land_is_the_speakers_country(text, region):
    assert [c.region for c in claims_of(text)] == [region]


def test_our_land_of_an_unknown_speaker_is_not_guessed():
    found = claims_of("\u201cWe have liberated 1,200 square kilometres of our land,\u201d the "
                      "commander said.")
    assert [c.region for c in found] != ["UA"] and len(found) == 1


@pytest.mark.parametrize(("text", "expected"), [
    # Leaving positions in a town is leaving the town; positions around it, or unnamed, not.
    ("Troops pulled out of their positions in Vuhledar on Tuesday.", [("lost", "Vuhledar")]),
    ("Ukrainian troops withdrew from positions around Avdiivka.", []),
    ("The rebels withdrew from positions they held.", []),
])
def test_leaving_positions_in_a_town(text, expected):
    assert [(c.action, c.region_name) for c in claims_of(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A place taken "after N years under X's control" was X's until then.
    ("Iraqi forces retook Mosul after three years under Islamic State control.",
     [("Iraqi forces", "regained"), ("Islamic State", "controls")]),
    ("Soldiers recaptured Lalibela after a week under the control of Fano fighters.",
     [("Soldiers", "regained"), ("Fano fighters", "controls")]),
    # No place taken: no claim of control.
    ("Talks resumed after two years under UN control of the process.", []),
])
def test_a_place_taken_after_years_under_control(text, expected):
    assert [(c.actor, c.action) for c in claims_of(text)] == expected


@pytest.mark.parametrize(("text", "value", "unit"), [
    # The administrative units of the wars reported on are counted units (unit None) ...
    ("Jihadists now control 12 communes in the north, the governor said.", 12.0, None),
    ("The Arakan Army has seized 40 village tracts in Rakhine State.", 40.0, None),
    ("Fano fighters took control of three woredas in North Wollo.", 3.0, None),
    # ... and villages stay settlements.
    ("Rebels captured two villages near Goma.", 2.0, "settlements"),
])
def test_counts_of_the_units_of_other_wars(text, value, unit):
    assert [(c.value, c.unit) for c in claims_of(text)] == [(value, unit)]


def test_a_ministrys_departments_are_no_ground():
    assert claims_of("The army controls two departments of the ministry.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # Towns named by a compass side only are that side of the country named before.
    ("Fighting raged in Mali. The army recaptured several northern towns on Monday.",
     [("regained", "ML", "northern Mali")]),
    # No country named before: a claim with no place to draw.
    ("The army recaptured several northern towns on Monday.", [("regained", None, None)]),
    # A demonym says which country: its own rule ("southern Lebanese villages").
    ("Israel's army has pulled out of southern Lebanese villages.",
     [("lost", "LB", "southern Lebanon")]),
])
def test_towns_named_by_a_compass_side(text, expected):
    assert [(c.action, c.region, c.region_name) for c in claims_of(text)] == expected
