"""Issue 13's general mechanisms for claims on unseen real text, each on sentences written for
these tests (not copied from the shared dev or test records)."""

from __future__ import annotations

import pytest
from claims_support import claims_of as _claims

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


@pytest.mark.parametrize(("text", "claimant"), [
    # The denial in the next sentence, as the object of the verb.
    ("The Russian defence ministry said its forces had captured the town of Vovchansk. "
     "Ukraine's general staff denied the claim.", "Ukraine's general staff"),
    ("Rebels said they had seized the town of Shewa Robit on Sunday. "
     "The federal army later disputed the claim.", "federal army"),
    # In the same sentence, as a relative clause on "claim".
    ("Russia said its forces had captured the town of Toretsk, a claim Kyiv has repeatedly "
     "denied.", "Kyiv"),
    # Its rival, named by an apposition.
    ("The RSF said it seized the town of Babanusa, but its rival, the Sudanese army, "
     "contradicted the claim.", "Sudanese army"),
])
def test_a_denied_earlier_claim_repeats_it_negated(text, claimant):
    found = _claims(text)
    asserted = [c for c in found if not c.negated]
    denied = [c for c in found if c.negated]
    assert len(asserted) == 1 and len(denied) == 1, found
    assert denied[0].action == "denied" and denied[0].claimant.endswith(claimant)
    assert (denied[0].actor, denied[0].region_name, denied[0].value) == \
        (asserted[0].actor, asserted[0].region_name, asserted[0].value)
    assert denied[0].quote in text and denied[0].start >= asserted[0].start


@pytest.mark.parametrize("text", [
    "Russia said it had taken Toretsk. Kyiv did not deny the claim.",
    "Russia said it had taken Toretsk. Analysts dismissed the criticism.",
    "Ukraine denied the claim.",
])
def test_no_denial_without_a_denied_claim_before(text):
    assert not [c for c in _claims(text) if c.negated]


@pytest.mark.parametrize(("text", "regions"), [
    ("Kupiansk is not under Russian control, the governor said.", ["Kupyansk"]),
    ("The villages of Vovchansk, Lyptsi and Hlyboke were not under Russian control.",
     ["Vovchansk", "Lyptsi", "Hlyboke"]),
    ("About 20% of the region is not under government control, officials said.", [None]),
])
def test_not_under_control_is_control_negated(text, regions):
    found = _claims(text)
    assert [c.region_name for c in found] == regions
    assert all(c.action == "controls" and c.negated for c in found)


def test_under_control_without_negation_stays_asserted():
    found = _claims("The villages of Vovchansk and Lyptsi are under Russian control.")
    assert found and not any(c.negated for c in found)


@pytest.mark.parametrize(("text", "action", "region", "actor"), [
    ("The capture of Avdiivka was announced by the Russian defence ministry on Saturday.",
     "captured", "Avdiyivka", None),
    ("Russia's seizure of Vuhledar came after months of fighting, the ISW said.",
     "captured", "Vuhledar", "Russia"),
    ("The fall of Kidal to the rebels in 2012 shocked the government.", "captured", "Kidal",
     "the rebels"),
    ("After the recapture of Kherson by Ukrainian forces, the front moved east.", "regained",
     "Kherson", "Ukrainian forces"),
])
def test_nominal_forms_are_claims(text, action, region, actor):
    found = _claims(text)
    assert [(c.action, c.region_name, c.actor) for c in found] == [(action, region, actor)]


@pytest.mark.parametrize("text", [
    "Its capture would be a major blow to Ukraine's defences in the region of Pokrovsk.",
    "Russian forces are fighting for the capture of Pokrovsk.",
    "The army launched a bid for the capture of Bakhmut last year.",
    "Officials hope to prevent the fall of Zaporizhzhia.",
    "The fall of the rouble surprised markets.",
])
def test_nominal_forms_not_asserted_are_not_claims(text):
    assert _claims(text) == []


def test_a_nominal_form_of_a_place_claimed_before_is_not_a_new_claim():
    found = _claims("Russia said it had full control of the town of Avdiivka. The fall of "
                    "Avdiivka is its biggest gain since it captured the city of Bakhmut.")
    assert sorted(c.region_name for c in found) == ["Avdiyivka", "Bakhmut"]


def test_control_over_hung_on_the_verb_governs_the_quantity():
    found = _claims("Government troops have pushed forward, seizing 400 square kilometres and "
                    "establishing control over 12 villages, the army said.")
    assert sorted((c.value, c.unit, c.action) for c in found) == \
        [(12.0, "settlements", "captured"), (400.0, "km2", "captured")]


def test_the_reporter_is_the_claimant_not_what_it_cites():
    found = _claims("Rebels have captured two villages in the Sumy region, Reuters reported, "
                    "citing local officials.")
    assert [c.claimant for c in found] == ["Reuters"]


def test_commands_a_share():
    found = _claims("Analysts estimate that the junta commands about 40% of the country.")
    assert [(c.action, c.value, c.bound) for c in found] == [("controls", 40.0, "about")]


@pytest.mark.parametrize(("text", "places"), [
    ("The rebels have captured five towns, including Bunia and Mahagi, since March.",
     {"Bunia", "Mahagi"}),
    ("The army retook most of the Kherson region, including the town of Oleshky.",
     {"Oleshky"}),
    ("Rebels now control 60% of the Amhara region, including its capital Bahir Dar.",
     {"Bahir Dar"}),
])
def test_places_included_in_a_quantity_are_claims_beside_it(text, places):
    found = _claims(text)
    assert any(c.value is not None for c in found), found
    named = {c.region_name for c in found if c.value is None}
    assert len(named) == len(places) and all(
        any(p.lower()[:4] in (n or "").lower() for n in named) for p in places), found


@pytest.mark.parametrize("text", [
    "Heavy fighting was reported near Ngalunde on Friday. By Sunday the rebels controlled "
    "the town.",
    "Heavy fighting was reported near Ngalunde on Friday. Residents said it had fallen to "
    "the rebels.",
])
def test_an_anaphor_stands_for_a_town_the_gazetteer_does_not_know(text):
    found = _claims(text)
    assert [c.region_name for c in found] == ["Ngalunde"], found


def test_no_town_for_an_anaphor_from_a_person_or_too_far_back():
    # Claims all the same, placed nowhere.
    assert [c.region_name for c in _claims(
        "The talks were chaired by Moussa Faki. The rebels controlled the town.")] == [None]
    assert [c.region_name for c in _claims(
        "Fighting was reported near Ngalunde. Talks began. Aid arrived. Food ran out. It had "
        "fallen to the rebels.")] == [None]


def test_who_issues_a_statement_is_its_claimant_and_the_actor_of_they():
    found = _claims("The rebels issued a statement on Friday saying they had captured the town "
                    "of Pokrovsk.")
    assert [(c.actor, c.claimant) for c in found] == [("The rebels", "rebels")], found


@pytest.mark.parametrize(("text", "negated"), [
    ("The town of Kreminna remains in Russian hands, the governor said.", False),
    ("Rebels took the town of Gao in May. It is still in rebel hands.", False),
    ("Officials said Kreminna is no longer in Russian hands.", True),
])
def test_a_place_in_someones_hands_is_controlled(text, negated):
    held = [c for c in _claims(text) if c.action == "controls"]
    assert len(held) == 1 and held[0].negated is negated, held
    assert held[0].region_name in ("Kreminna", "Gao")


def test_hands_that_are_not_a_place_held():
    assert _claims("The decision is in the hands of the president.") == []


@pytest.mark.parametrize(("text", "value"), [
    ("About 70% of the Luhansk region is under Russian occupation.", 70.0),
    ("The town of Oleshky has been under Russian occupation since March 2022.", None),
])
def test_under_occupation_is_control(text, value):
    found = _claims(text)
    assert [(c.action, c.value) for c in found] == [("controls", value)], found


def test_occupation_not_under_is_not_a_claim_by_itself():
    assert _claims("The occupation authorities held a vote in Kherson.") == []


def test_a_quotation_opening_the_text_is_said_by_who_closes_it():
    found = _claims('"Half of the Luhansk region is occupied. Our forces still hold Lysychansk," '
                    'said Haidai.')
    assert found and all(c.claimant == "Haidai" for c in found), found


def test_a_name_right_after_a_common_noun_object_is_the_place():
    found = _claims("Government forces lost the strategic hub Kupiansk in a surprise attack.")
    assert [(c.action, c.region_name[:3]) for c in found] == [("lost", "Kup")], found


def test_a_deed_conjoined_to_a_verb_of_finding_is_not_a_report():
    found = _claims("The brigade found a gap in the Russian lines, broke through and recaptured "
                    "the town of Kupiansk.")
    assert [(c.action, c.claimant) for c in found] == [("regained", None)], found


@pytest.mark.parametrize(("text", "value"), [
    ("The government says about 60% of the country is under state authority.", 60.0),
    ("The town of Musa Qala has been under Taliban rule since 2021.", None),
])
def test_under_rule_or_authority_is_control(text, value):
    found = _claims(text)
    assert [(c.action, c.value) for c in found] == [("controls", value)], found


def test_rule_and_authority_elsewhere_are_not_claims():
    assert _claims("The authority for Kherson announced new rules in 2024.") == []


@pytest.mark.parametrize(("text", "regions"), [
    ("Ukrainian troops still hold the eastern outskirts of Pokrovsk, the army said.",
     ["Pokrovsk"]),
    ("Russian forces now control the southern part of Kupiansk and Vovchansk.",
     ["Kup", "Vov"]),
])
def test_a_part_of_a_place_is_a_claim_about_the_place(text, regions):
    found = _claims(text)
    assert len(found) == len(regions) and all(
        c.region_name.startswith(r) for c, r in zip(found, regions, strict=True)), found


def test_a_part_of_something_else_is_not_a_place():
    assert _claims("Russian forces control part of the supply chain.") == []


def test_every_name_of_a_list_after_a_named_object_is_a_claim():
    found = _claims("Russian forces seized Vovchansk, Kupiansk, Lyptsi and Kozacha Lopan.")
    assert len(found) == 4 and len({c.region_name for c in found}) == 4, found


def test_the_media_after_a_named_outlet_is_that_outlet():
    found = _claims("Russian forces have captured two villages in the Sumy region, the Kyiv "
                    "Independent reported. According to the media, Russian troops seized "
                    "Yunakivka.")
    assert [c.claimant for c in found] == ["Kyiv Independent"] * len(found) and len(found) >= 2, \
        found


def test_the_media_with_no_outlet_before_stays():
    found = _claims("According to the media, Russian troops seized Yunakivka.")
    assert [c.claimant for c in found] == ["media"], found


@pytest.mark.parametrize(("text", "value", "actor"), [
    ("The map showed 584 square kilometres still held by Kyiv in the Kursk region.", 584.0,
     "Kyiv"),
    ("The latest map of Yemen shows 25% controlled by the Houthis.", 25.0, "the Houthis"),
])
def test_a_quantity_labelled_by_a_participle_with_its_agent(text, value, actor):
    found = _claims(text)
    assert (value, actor) in [(c.value, c.actor) for c in found], found


def test_a_participle_without_agent_on_a_quantity_is_not_a_claim():
    assert _claims("The 30% captured was mostly farmland, officials said.") == []


def test_maintaining_positions_is_not_speaking():
    found = _claims("Rebels captured the town of Kidal in May. Since then the army maintained "
                    "positions in nearby villages, while the rebels held the town.")
    assert all(c.claimant is None for c in found) and found, found


def test_administering_a_place_is_control_but_not_a_vaccine():
    found = _claims("Since March the rebels have administered the town of Kidal.")
    assert [(c.action, c.region_name) for c in found] == [("controls", "Kidal")], found
    assert _claims("Nurses administered vaccines in Kidal.") == []


def test_this_was_stated_by_names_the_claimant_of_the_sentences_before():
    found = _claims("Ukrainian forces have liberated 30% of the Kharkiv region. The offensive "
                    "continues. This was stated by General Oleksandr Syrskyi on Monday.")
    assert [c.claimant for c in found] == ["General Oleksandr Syrskyi"], found


def test_leaving_a_place_to_an_armed_side_is_losing_it():
    found = _claims("Under the deal, the rebels left the town of Kidal to government forces.")
    assert [(c.action, c.region_name) for c in found] == [("lost", "Kidal")], found
    assert _claims("The minister left Kidal to the press on Monday.") == []
    assert _claims("The delegation left Kidal for Bamako.") == []
