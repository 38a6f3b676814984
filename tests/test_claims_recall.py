"""Recall mechanisms of issue 13 (counts without a unit, counts that refer back, lists, withdrawals,
quoted denials ...), each on sentences written for these tests, not copied from shared records."""

from __future__ import annotations

import pytest
from claims_support import claims_of as _claims

from geo.claims.numbers import elided_counts, find_quantities

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


@pytest.mark.parametrize(("text", "value"), [
    ("The rebels now control nine of Shan State's 55 townships, residents said.", 9),
    ("The army has recaptured four districts in the province since March.", 4),
    ("Government troops seized two positions near the river on Sunday.", 2),
])
def test_a_count_of_townships_districts_or_positions_has_no_unit(text, value):
    found = [c for c in _claims(text) if c.value is not None]
    assert [(c.value, c.unit) for c in found] == [(value, None)], found


@pytest.mark.parametrize("text", [
    "The junta controls only 90 of the country's 330 townships or 27 percent, analysts say.",
    "The junta holds only 90 of the country's 330 townships, or 27 percent, analysts say.",
])
def test_a_count_restated_as_a_share_is_not_a_claim_of_its_own(text):
    assert not [c for c in _claims(text) if c.value is not None and c.unit is None]


def test_a_count_of_townships_without_a_trigger_is_no_claim():
    assert not _claims("Floods hit 12 townships in the delta last week.")


@pytest.mark.parametrize(("text", "values"), [
    ("The province has 12 districts; only three are controlled by the government.", [3]),
    ("By May the insurgents held 40 of the 200 district centres. By July they had seized 60 "
     "more.", [40, 60]),
])
def test_a_count_that_refers_back_takes_the_unit_of_the_last_count(text, values):
    found = [c for c in _claims(text) if c.value is not None]
    assert [c.value for c in found] == values, found
    assert len({c.unit for c in found}) == 1


def test_a_bare_number_with_no_count_before_it_is_no_quantity():
    text = "Two are still missing and 30 more were hurt in the shelling."
    assert elided_counts(text, find_quantities(text)) == []


@pytest.mark.parametrize(("text", "region"), [
    ("Moscow announced the withdrawal of its troops from Kherson on Wednesday.", "Kherson"),
    ("Russia's retreat from Kherson was a blow to the Kremlin.", "Kherson"),
    ("The army completed its pullout from the town of Bakhmut.", "Bakhmut"),
])
def test_a_nominal_withdrawal_is_lost_by_the_side_that_left(text, region):
    found = _claims(text)
    assert [(c.action, c.region_name) for c in found] == [("lost", region)], found


@pytest.mark.parametrize("text", [
    "Kyiv called for the withdrawal of Russian troops from Kherson.",
    "The withdrawal of diplomats from Kherson began on Monday.",
    "Talks on a possible withdrawal from Kherson stalled.",
])
def test_a_withdrawal_asked_for_or_of_civilians_is_no_claim(text):
    assert not _claims(text)


@pytest.mark.parametrize(("text", "regions"), [
    ("The army held positions in Lyptsi and Hlyboke.", ["Lyptsi", "Hlyboke"]),
    ("Since May the junta has kept positions in nearby towns such as Lashio and Hsipaw.",
     ["Lashio", "Hsipaw"]),
    ("The rebels established a foothold in Lyptsi.", ["Lyptsi"]),
])
def test_positions_or_a_foothold_in_a_place_hold_it(text, regions):
    found = _claims(text)
    assert [c.region_name for c in found] == regions, found
    assert {c.action for c in found} == {"holds"}


@pytest.mark.parametrize("text", [
    "The company maintained positions in Kyiv.",
    "The rebels have positions in the south.",
])
def test_positions_of_no_armed_side_or_in_no_named_place_are_no_claim(text):
    assert not _claims(text)


def test_places_listed_with_such_as_are_each_a_claim():
    found = _claims("The rebels captured several towns, such as Lyptsi and Hlyboke.")
    assert [(c.action, c.region_name) for c in found] == [("captured", "Lyptsi"),
                                                          ("captured", "Hlyboke")]


def test_a_second_predicate_of_a_counted_subject_is_its_trigger():
    found = _claims("Three villages, Lyptsi, Hlyboke and Vovchansk, were shelled but were not "
                    "under Russian control.")
    assert [c.region_name for c in found] == ["Lyptsi", "Hlyboke", "Vovchansk"]
    assert all(c.action == "controls" and c.negated for c in found)
    assert [(c.value, c.unit) for c in _claims("Two villages near Kupiansk were shelled and were "
                                               "captured by Russian forces.")] == [
        (2, "settlements")]
    assert not _claims("Five towns were damaged and remain without power.")


def test_a_share_listed_after_another_with_and_shares_its_trigger():
    text = ("Settlers have seized about 1,500 square kilometres, constituting 30 percent of the "
            "total area of the district, and 55 percent of the land classified as grazing areas.")
    found = _claims(text)
    assert [(c.value, c.unit, c.action) for c in found] == [
        (1500, "km2", "captured"), (30, "percent", "captured"), (55, "percent", "captured")]


def test_an_untrue_remark_after_a_claim_denies_it():
    found = _claims("Russia said its forces had captured Avdiivka. “But this is not true,” the "
                    "general staff said.")
    assert [(c.action, c.negated) for c in found] == [("captured", False), ("denied", True)]
    assert found[1].region_name == found[0].region_name
    assert found[1].claimant == "general staff"


def test_an_untrue_remark_in_the_claims_own_sentence_replaces_it():
    found = _claims("“They pretend that they have captured Avdiivka, but this is not the case,” "
                    "the general staff said.")
    assert [(c.action, c.negated, c.claimant) for c in found] == [
        ("denied", True, "general staff")]


@pytest.mark.parametrize("text", [
    "Russia said its forces had captured Avdiivka. That is not the only problem, analysts said.",
    "Russia said its forces had captured Avdiivka. Kyiv fears more losses, but this is not "
    "the case yet, analysts said.",
])
def test_a_remark_about_something_else_denies_nothing(text):
    assert not [c for c in _claims(text) if c.negated]


@pytest.mark.parametrize(("text", "value", "actor"), [
    ("Russian-controlled territory makes up about 18 percent of Ukraine.", 18, "Russian"),
    ("As of May, SDF-held territory constituted 27.4% of Syria.", 27.4, "SDF"),
])
def test_territory_labelled_by_a_participle_is_held_by_its_label(text, value, actor):
    found = _claims(text)
    assert [(c.value, c.unit, c.action, c.actor) for c in found] == [
        (value, "percent", "controls", actor)]


def test_territory_labelled_by_another_participle_is_no_claim():
    assert not _claims("Irrigated land makes up 18 percent of Ukraine.")


@pytest.mark.parametrize("text", [
    "The army is establishing a buffer zone that covers 16 percent of the district.",
    "Israel has created a buffer zone covering 16 percent of Gaza.",
])
def test_a_buffer_zone_made_by_a_side_holds_the_ground_it_covers(text):
    found = _claims(text)
    assert [(c.value, c.unit, c.action) for c in found] == [(16, "percent", "holds")]


def test_a_zone_of_no_one_holds_nothing():
    assert not _claims("The park, a green zone covering 10 percent of the city, was created "
                       "in 1990.")


@pytest.mark.parametrize("text", [
    "Ukrainian troops abandoned Avdiivka on Saturday.",
    "Ukrainian troops pulled back from Avdiivka.",
])
def test_abandoning_or_pulling_back_from_a_place_loses_it(text):
    assert [c.action for c in _claims(text)] == ["lost"]


@pytest.mark.parametrize("text", [
    "Residents abandoned the village of Lyptsi.",
    "Ukrainian troops pushed Russian forces back from Kharkiv.",
])
def test_civilians_abandoning_or_a_push_back_loses_nothing(text):
    assert not [c for c in _claims(text) if c.action == "lost"]


def test_the_town_with_none_before_it_is_the_town_placed_later_in_its_sentence():
    found = _claims("ISW reported that Russian forces likely captured the town and that footage "
                    "shows troops planting flags in Vuhledar.")
    assert [(c.action, c.region_name) for c in found] == [("captured", "Vuhledar")]


@pytest.mark.parametrize(("text", "claimant"), [
    ("The group lost 22 percent of its territory in the past year.\n\nThat is the result of an "
     "analysis by monitoring group IHS, which said the militants are isolated.", "IHS"),
    ("Russian forces captured 400 square kilometres in May. This is according to the "
     "Institute for the Study of War.", "Institute for the Study of War"),
])
def test_a_source_named_for_what_came_before_is_its_claimant(text, claimant):
    found = _claims(text)
    assert len(found) == 1 and found[0].claimant.endswith(claimant), found


def test_an_outcome_that_names_no_source_is_no_claimant():
    found = _claims("Russian forces captured 400 square kilometres in May. That is the result "
                    "of heavy shelling.")
    assert [c.claimant for c in found] == [None]


def test_she_said_after_a_sentence_naming_her_is_her_claim():
    found = _claims("Ukraine’s deputy defence minister Hanna Maliar spoke on Monday. “Our troops "
                    "have liberated 12 square kilometres near Robotyne this week,” she said.")
    assert [c.claimant for c in found] == ["Ukraine’s deputy defence minister Hanna Maliar"]


def test_a_possessive_nominal_after_a_claim_about_its_place_is_a_claim_of_its_own():
    found = _claims("ISW said Russian forces captured the town of Vuhledar on Tuesday. "
                    "“Russia’s seizure of Vuhledar is unlikely to alter the front,” ISW wrote.")
    assert [(c.action, c.region_name) for c in found] == [("captured", "Vuhledar")] * 2


@pytest.mark.parametrize(("text", "region"), [
    ("Wagner claimed it had taken Bakhmut.", "Bakhmut"),
    ("Russian forces have taken Toretsk.", "Toretsk"),
    ("Homs fell to the rebels.", "Homs"),
])
def test_a_place_name_the_tagger_misreads_is_read_as_a_name(text, region):
    found = _claims(text)
    assert [(c.action, c.region_name) for c in found] == [("captured", region)], found


def test_a_capitalised_word_that_names_no_place_is_left_as_the_tagger_read_it():
    found = _claims("However, Russian forces captured Avdiivka.")
    assert [c.action for c in found] == ["captured"]


@pytest.mark.parametrize(("text", "value"), [
    ("The Taliban control Kunduz.", None),
    ("The Houthis control 70 percent of Yemen.", 70),
])
def test_control_after_a_plural_name_is_the_verb(text, value):
    found = _claims(text)
    assert [(c.action, c.value) for c in found] == [("controls", value)]
    assert found[0].actor.startswith("The ")


def test_control_as_a_noun_stays_a_noun():
    assert not _claims("The rebel control zone is quiet.")


def test_a_place_held_by_an_armed_side_in_the_passive_is_held():
    found = _claims("Kidal is held by the rebels.")
    assert [(c.action, c.region_name, c.actor) for c in found] == [
        ("controls", "Kidal", "the rebels")]
    assert not _claims("He was held by the rebels in Goma for a month.")


def test_a_share_back_under_control_is_controlled():
    found = _claims("The army says 80% of Khartoum is now back under its control.")
    assert [(c.value, c.unit, c.action) for c in found] == [(80, "percent", "controls")]


@pytest.mark.parametrize(("text", "negated"), [
    ("Avdiivka fell on Saturday after months of fighting.", False),
    ("Ukraine's military denied reports that Avdiivka had fallen.", True),
])
def test_a_named_place_that_fell_with_no_one_named_was_captured(text, negated):
    found = _claims(text)
    assert [(c.region_name is not None, c.negated) for c in found] == [(True, negated)]


@pytest.mark.parametrize("text", [
    "Avdiivka fell silent.", "Kherson fell into chaos.", "Prices fell in Kyiv.",
    "Bakhmut's defences fell apart.",
])
def test_falling_silent_into_chaos_or_apart_is_no_capture(text):
    assert not _claims(text)


def test_a_count_of_the_possessive_whole_is_the_part():
    found = _claims("The Arakan Army has captured eight of the state's 17 townships.")
    assert [(c.value, c.unit) for c in found] == [(8, None)]


def test_a_verb_misread_like_its_stand_in_is_repaired_with_another():
    found = _claims("The RSF seized control of Wad Madani, the capital of Gezira state.")
    assert [(c.action, c.actor) for c in found] == [("captured", "The RSF")]


@pytest.mark.parametrize(("text", "claimant"), [
    ("The Russian military has occupied 90 percent of Chasiv Yar, Ukrainian military analyst "
     "Oleksandr Kovalenko told the Kyiv Independent.", "Oleksandr Kovalenko"),
    ("Russian troops have captured the village of Lyptsi, Ukraine's army spokesman, Nazar "
     "Voloshyn, told Reuters.", "Nazar Voloshyn"),
])
def test_a_speaker_in_apposition_before_a_trailing_told_is_the_claimant(text, claimant):
    found = _claims(text)
    assert len(found) == 1 and found[0].claimant.endswith(claimant), found


@pytest.mark.parametrize("text", [
    "Elections were held in 12 districts, and 30 more will vote in May.",
    "Elections were held in 12 villages.",
    "Floods destroyed 40 villages; 12 more were damaged.",
    "Schools in 30 townships remain closed; 12 were reopened by the junta.",
])
def test_counts_of_events_and_damage_are_no_claims(text):
    assert not _claims(text)
