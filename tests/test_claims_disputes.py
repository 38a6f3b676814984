"""Claims disputed by someone else, written for these tests in the way wire copy reports them
(none copied from ../shared or tests/data): a state claim called false is `denied`, not a
negated state; "rebel claims to have captured X" is the rebels' claim, denied by who denies
it; "issued a denial of ..." is a denial; and a claim's own "not" stays a negated state.
"""

from __future__ import annotations

import pytest
from claims_support import claims_of

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


def _read(text: str) -> list[tuple]:
    """(actor without its article, action, place, claimant, negated) of each claim."""
    return [((c.actor or "").removeprefix("the ").removeprefix("The "), c.action,
             c.region_name, c.claimant, c.negated) for c in claims_of(text)]


@pytest.mark.parametrize("text", [
    "The claim by the rebels that they control Kidal is false, the army said.",
    "The army said the claim that the rebels control Kidal is false.",
    "The army denied that the rebels control Kidal.",
])
def test_a_state_someone_calls_false_is_denied(text):
    assert _read(text) == [("rebels", "denied", "Kidal", "army", True)]


def test_a_state_negated_in_its_own_words_stays_a_negated_state():
    assert _read("The rebels do not control Kidal, the army said.") == [
        ("rebels", "controls", "Kidal", "army", True)]


@pytest.mark.parametrize("text", [
    "The army denied rebel claims to have captured Kidal.",
    "The army issued a denial of rebel claims to have captured Kidal.",
    "The army dismissed claims by the rebels that they had captured Kidal.",
])
def test_a_denied_claim_is_the_claimers_taking_and_the_deniers_denial(text):
    [(actor, action, region, claimant, negated)] = _read(text)
    assert actor.lower().startswith("rebel") and region == "Kidal"
    assert (action, claimant, negated) == ("denied", "army", True)


def test_a_claim_to_have_taken_a_town_is_the_claimers_own():
    assert _read("Rebel claims to have captured Kidal spread on social media.")[0][:3] == (
        "Rebel", "captured", "Kidal")


def test_a_denial_of_something_else_denies_no_claim():
    assert claims_of("The ministry issued a denial of reports about prices in Kidal.") == []
