"""Claim forms read from set H (`tests/data/claims_web_h.jsonl`) after its last unseen figure
(0.679 at 99dd8b2), each on sentences written for these tests, with the negatives each form
must leave alone."""

from __future__ import annotations

import pytest
from claims_support import claims_of

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


def _read(text):
    return [(c.actor, c.action, c.region_name, c.negated) for c in claims_of(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # What a side has or brings "under its control" is the object, not the side itself.
    ("Russia now has Mariupol under its control.", [("Russia", "controls", "Mariupol", False)]),
    ("The army brought the town of Kidal under its control.",
     [("army", "controls", "Kidal", False)]),
    ("Kherson is under Russian control.", [("Russia", "controls", "Kherson", False)]),
    ("Under Russian control since 2022, Melitopol now supplies Crimea with grain.",
     [("Russia", "controls", "Melitopol", False)]),  # the object only before "under"
    # "back in government hands" is in its hands.
    ("The mayor said Kidal was back in government hands.",
     [("government", "controls", "Kidal", False)]),
    # Control taken or restored "in" a place; not control kept there, nor policies.
    ("Troops had restored government control in Khanshin district.",
     [("government", "regained", "Khanshin", False)]),
    ("The army took control in 2014.", []),
    ("Police maintained control in Kherson during the protests.", []),
    ("The central bank announced currency controls in Ukraine.", []),
    ("Russia announced tighter border control in Crimea on Monday.", []),
])
def test_control_under_in_and_announced(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # An armed side that evacuates a town leaves it; evacuating people from one is no loss.
    ("Officials evacuated residents from the town of Bentiu.", []),
    ("The UN evacuated its staff from Kidal on Sunday.", []),
    ("National Guard troops evacuated New Orleans as the storm approached.", []),
    ("Chechen fighters have evacuated their battered capital Grozny.",
     [("Chechen fighters", "lost", "Grozny", False)]),  # their own: left
])
def test_evacuating_a_town(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A participle the model reads as a noun after "was" is parsed again as the passive.
    ("Ramadi was overrun by IS in May.", [("IS", "captured", "Ramadi", False)]),
    ("Kidal was retook by the army.", [("the army", "regained", "Kidal", False)]),
])
def test_a_passive_the_model_misread(text, expected):
    assert _read(text) == expected


def test_a_statement_that_does_not_correspond_to_reality_is_denied():
    found = claims_of("The claim that Armenian forces occupied four villages does not "
                      "correspond to reality, the ministry said.")
    assert [(c.action, c.value, c.negated, c.claimant) for c in found] == [
        ("denied", 4.0, True, "ministry")]


def test_the_town_a_later_from_names():
    found = claims_of("A spokesman confirmed that government troops are in control of the "
                      "town, saying rebel forces had pulled back from Malakal.")
    assert [(c.action, c.region_name) for c in found] == [("controls", "Malakal"),
                                                          ("lost", "Malakal")]


@pytest.mark.parametrize(("text", "claimant"), [
    # A statement called untrue in someone's words denies the claim before it ...
    ("Russia said it had captured Kupiansk. The General Staff said this statement is false.",
     "General Staff"),
    ("Russia said it had captured Kupiansk. The General Staff said this does not correspond "
     "to reality.", "General Staff"),
    ("Russia said it controlled 60% of Kupiansk. Kyiv said this figure is false.", "Kyiv"),
])
def test_a_statement_said_to_be_untrue_denies_the_claim_before(text, claimant):
    found = claims_of(text)
    assert [(c.action, c.negated, c.claimant) for c in found][1:] == [
        ("denied", True, claimant)]
    assert found[1].value == found[0].value and found[1].region_name == found[0].region_name


@pytest.mark.parametrize("text", [
    # ... not one called true, nor another kind of report, and once only.
    "Russia said it had captured Kupiansk. The General Staff said the statement was true.",
    "Russia said it had captured Kupiansk. The mayor said the weather report is false.",
])
def test_no_denial_without_an_untrue_statement_of_that_claim(text):
    assert [c.action for c in claims_of(text)] == ["captured"]


def test_this_is_not_true_is_one_denial():
    found = claims_of("Russian forces claimed to have taken the village of Kolmirsk. "
                      "Ukraine's military said this was not true.")
    assert [c.action for c in found] == ["captured", "denied"]


@pytest.mark.parametrize(("text", "actor"), [
    # A dateline in capitals before a dash is where the story was filed, never who acts or
    # speaks: the subject is the name after the dash, even where the parser hangs it there.
    ("SENNAR – Sudan’s Rapid Support Forces (RSF) said on Friday they had recaptured the "
     "town of Al-Dinder.", "Rapid Support Forces"),
    ("KHARTOUM - The Sudanese army said it had recaptured the town of Sinja.",
     "The Sudanese army"),
    ("GORI, Georgia — Russia pulled its forces out of the city of Gori on Friday.", "Russia"),
    # An acronym in capitals followed by what it is between dashes is the actor itself.
    ("HTS – an offshoot of al-Qaeda – seized Aleppo on Saturday.", "HTS"),
    ("M23 – a rebel group backed by Rwanda – seized Goma.", "M23"),
])
def test_a_dateline_is_no_actor(text, actor):
    claims = claims_of(text)
    assert [c.actor for c in claims] == [actor]
    assert all(c.claimant is None or "SENNAR" not in c.claimant for c in claims)
