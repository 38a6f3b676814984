"""Region, actor and trigger mechanisms added in the session of 2026-12-05 (issue 13), each on
sentences written for these tests, not copied from shared records."""

from __future__ import annotations

import pytest
from claims_support import claims_of as _claims

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


def test_an_active_relative_clause_names_its_actor_and_the_town_before_the_unit():
    text = ("Kyiv confirmed the retreat of troops from Izium in Kharkiv Oblast, which Russian "
            "forces had held since April.")
    found = [c for c in _claims(text) if c.action == "controls"]
    assert [(c.actor, c.region_name) for c in found] == [("Russian forces", "Izyum")], found


def test_a_compass_point_of_the_city_locates_the_claim_in_that_city():
    text = ("The army said its troops were advancing in the Kharkiv region near Kupiansk, "
            "recapturing 2 square kilometres to the east of the city.")
    found = [c for c in _claims(text) if c.value is not None]
    assert [(c.value, c.unit, c.region_name) for c in found] == [(2.0, "km2", "Kupyansk")], found


def test_a_running_total_brought_to_a_figure_is_a_claim_of_its_own():
    text = ("Ukrainian forces regained 3 square kilometres near Kupiansk last week, bringing the "
            "total recaptured since the spring to 40 square kilometres, the army said.")
    found = sorted((c.value, c.action) for c in _claims(text) if c.value is not None)
    assert found == [(3.0, "regained"), (40.0, "regained")]


@pytest.mark.parametrize("text", [
    "The unemployment rate fell to 40 percent, the ministry said.",
    "The number of displaced people rose to 2,000 in the region of Kharkiv.",
])
def test_a_figure_that_falls_or_rises_is_no_capture(text):
    assert not _claims(text)


def test_the_area_someone_holds_falling_to_a_figure_is_held_ground_with_its_owner():
    text = ("The rebels' area of control in Yemen fell to 5,000 square kilometres after the "
            "offensive.")
    found = _claims(text)
    assert [(c.actor, c.action, c.value, c.unit, c.region) for c in found] == [
        ("The rebels", "controls", 5000.0, "km2", "YE")], found


def test_the_country_refers_to_a_country_the_tagger_took_for_a_person():
    text = "Mali has been at war since rebels seized the northern half of the country in 2012."
    found = [c for c in _claims(text) if c.value is not None]
    assert [(c.value, c.unit, c.region, c.region_name) for c in found] == [
        (50.0, "percent", "ML", "northern Mali")], found


def test_a_town_the_geoparser_missed_is_found_where_troops_encircle_it():
    text = ("The governor said Ukrainian troops occupy the hills to the west and are "
            "starting to surround Bakhmut.")
    found = _claims(text)
    assert [c.region_name for c in found] == ["Bakhmut"], found
