"""Claim mechanisms added in the session of 2026-12-06 (issue 13), each on sentences written for
these tests, not copied from shared records: the rest of a place, definite claimants that stand
for one named before, front sectors."""

from __future__ import annotations

import pytest
from claims_support import claims_of as _claims

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


@pytest.mark.parametrize(("text", "expected"), [
    ("Fighting went on in Marib. The rest of the city is under Houthi control.",
     [("Houthi", "controls", "Ma'rib")]),
    ("The Houthis control the rest of Marib, the governor said.",
     [("The Houthis", "controls", "Ma'rib")]),
    ("The army recaptured the remainder of Wad Madani on Friday.",
     [("The army", "regained", "Wad Medani")]),
])
def test_the_rest_of_a_place_is_a_claim_about_that_place(text, expected):
    found = [(c.actor, c.action, c.region_name) for c in _claims(text)]
    assert found == expected


@pytest.mark.parametrize(("text", "claimant"), [
    # Another word for the same body, qualified before.
    ("Congolese forces routed the M23 near Goma on Sunday. The army said on Monday it had "
     "recaptured Sake.", "Congolese army"),
    # Several generic words: the name written in full before.
    ("Ukraine's General Staff reported heavy fighting near Pokrovsk. The General Staff said "
     "Russian forces had captured Novohrodivka.", "Ukraine's General Staff"),
    # Nothing named before: the claimant as written.
    ("The army said on Monday it had recaptured Sake.", "army"),
])
def test_a_definite_claimant_is_the_one_the_article_named_before(text, claimant):
    found = [c.claimant for c in _claims(text)]
    assert found == [claimant]


def test_a_front_sector_is_the_region_of_what_was_taken_along_it():
    text = ("Along the Kursk front, Ukrainian forces have advanced 30 kilometres into Russian "
            "territory, capturing 1,000 square kilometres, the commander said.")
    found = [(c.value, c.unit, c.region_name) for c in _claims(text)]
    assert found == [(1000.0, "km2", "Kursk front")]


@pytest.mark.parametrize("text", [
    "The Houthis seized several northern cities in 2014, including the port city of Hodeidah.",
    "The airport has been closed since the Houthis' seizure of several northern cities, "
    "including the strategic city of Hodeidah.",
])
def test_a_place_named_after_its_noun_in_an_including_list_is_claimed(text):
    found = [(c.action, c.region_name) for c in _claims(text)]
    assert found == [("captured", "Hodeidah")]


def test_a_group_that_calculated_a_figure_is_its_claimant():
    text = ("The monitoring group has calculated that the rebels held 40 of the country's 120 "
            "districts in Burkina Faso.")
    found = [(c.value, c.claimant) for c in _claims(text)]
    assert found == [(40.0, "monitoring group")]


def test_of_the_names_before_a_place_noun_the_nearest_is_the_place():
    text = "After losing Damascus' Eastern Ghouta suburb in April, the rebels left for Idlib."
    found = [(c.action, c.region_name) for c in _claims(text)]
    assert found == [("lost", "Eastern Ghouta")]


@pytest.mark.parametrize(("text", "expected"), [
    ("M23 fighters entered Goma in eastern Congo on Monday and declared the city under their "
     "control.", [("M23 fighters", "Goma")]),
    ("The army brought the town of Kidal under its control.", [("army", "Kidal")]),
    ("The rebels put Goma under their control, the UN said.", [("rebels", "Goma")]),
    ("Police kept the crowd in Kidal under control.", []),
])
def test_a_place_brought_under_someone_s_control_is_theirs(text, expected):
    found = [(c.actor, c.region_name) for c in _claims(text) if c.action == "controls"]
    assert found == expected


def test_an_untrue_remark_withdraws_every_claim_of_its_own_sentence():
    text = ("Ukrainian troops hold the hills near Bakhmut, Hanna Maliar said. \u201cThey pretend "
            "that they have taken Klishchiivka and Andriivka, but this is not the case,\u201d "
            "she said.")
    found = [(c.action, c.negated, c.region_name) for c in _claims(text)]
    assert found == [("denied", True, "Klishchiivka"), ("denied", True, "Andriivka")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ukrainian troops withdrew from two villages near Pokrovsk.",
     [("Ukrainian troops", "lost", 2.0, "settlements", "Pokrovsk")]),
    ("Ukrainian troops pulled out of three villages near Pokrovsk.",
     [("Ukrainian troops", "lost", 3.0, "settlements", "Pokrovsk")]),
    ("Refugees fled from three villages near Pokrovsk.", []),
])
def test_a_withdrawal_from_a_count_of_places_is_a_loss_of_that_count(text, expected):
    found = [(c.actor, c.action, c.value, c.unit, c.region_name) for c in _claims(text)]
    assert found == expected


@pytest.mark.parametrize(("text", "actor"), [
    ("Russia claimed the capture of Ocheretyne, a village north of Avdiivka, on Sunday.",
     "Russia"),
    ("The army announced the liberation of Wad Madani in Sudan.", "The army"),
    # A spokesman is no side: the taker stays unnamed.
    ("MNDAA spokesman Li Jiawen confirmed the capture of Lashio.", None),
])
def test_a_side_claiming_a_capture_with_no_taker_is_the_taker(text, actor):
    assert [c.actor for c in _claims(text)] == [actor]


@pytest.mark.parametrize("text", [
    "Hamas no longer controls northern Gaza, the Israeli military said.",
    "Russian forces no longer hold the village of Krynky in the Kherson region.",
])
def test_no_longer_holding_a_place_is_a_negated_claim(text):
    found = [(c.action, c.negated) for c in _claims(text)]
    assert found == [("controls", True)]


def test_an_actor_stops_at_the_words_outside_its_phrase():
    # The parser hangs "a claim Moscow denies" on "forces": the phrase is not "its forces have".
    found = {c.actor for c in _claims("Kyiv says its forces have recaptured Kupiansk, a claim "
                                      "Moscow denies.")}
    assert found == {"Ukraine's forces"}


@pytest.mark.parametrize(("text", "places"), [
    ("Russia has yet to capture Pokrovsk, the governor said.", []),
    ("Russian forces have captured Pokrovsk, but have yet to take Myrnohrad.", ["Pokrovsk"]),
])
def test_a_place_yet_to_be_taken_is_not_taken(text, places):
    assert [c.region_name for c in _claims(text)] == places


@pytest.mark.parametrize(("text", "places"), [
    ("Russian forces are close to capturing Pokrovsk, the ISW said.", []),
    ("Russian forces captured Pokrovsk, close to the Dnipropetrovsk border.", ["Pokrovsk"]),
])
def test_being_close_to_taking_a_place_is_not_taking_it(text, places):
    assert [c.region_name for c in _claims(text)] == places


@pytest.mark.parametrize(("text", "values"), [
    ("Ukraine retook the lead in the second half.", []),
    ("Russian forces captured half of Vovchansk in the first half of the year.", [50.0]),
])
def test_the_first_or_second_half_of_a_time_is_no_share(text, values):
    assert [c.value for c in _claims(text)] == values


@pytest.mark.parametrize("text", [
    "Republicans regained control of the Senate in Ohio.",
    "The Democrats seized control of the House of Representatives.",
])
def test_control_of_a_legislature_is_no_claim_about_territory(text):
    assert _claims(text) == []


def test_a_reduced_passive_names_no_speaker():
    # "if confirmed" has no one speaking: "he" is the analyst, not "the town's fall".
    text = ("The analyst Emil Varga said it was likely that the town's fall, if confirmed, "
            "would open the road west.\n\n\"Russian forces now control most of Chasiv Yar,\" he "
            "said.")
    assert [c.claimant for c in _claims(text)] == ["Emil Varga"]


@pytest.mark.parametrize(("text", "actor"), [
    # The party named before in the same sentence, by a name the table of sides knows.
    ("Fighters of the Arakan Army advanced on Sunday, and the group said it had seized "
     "Maungdaw.", "Arakan Army"),
    # Named in the sentence before.
    ("The Rapid Support Forces launched an offensive in the north. On Friday the group "
     "captured Mellit.", "Rapid Support Forces"),
    # A group the table does not know as a party, and a modified "group": left as written.
    ("A human rights group said on Monday that the group had captured Goma.", "the group"),
    ("The Islamist group took control of Kismayo.", "The Islamist group"),
])
def test_the_group_is_the_party_named_before_it(text, actor):
    assert [c.actor for c in _claims(text)] == [actor]
