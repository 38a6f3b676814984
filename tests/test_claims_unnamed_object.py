"""A claim about a place the sentence does not name ("recaptured the town") and no sentence
near it names is still a claim: listed with its quote and placed nowhere, never on the unit or
the country around it, whose shading would say more than the text. Sentences written for
these tests."""

from __future__ import annotations

import pytest
from claims_support import claims_of

from geo.claims.drafts import alike_actors, folded_actor

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


@pytest.mark.parametrize(("text", "expected"), [
    ("Rebels recaptured the town on Sunday, a local official said.",
     [("Rebels", "regained")]),
    ("Government forces lost the city after a week of fighting, the officials said.",
     [("Government forces", "lost")]),
    # The oil region and the country around the town are not the town.
    ("Sudanese troops have retaken the main town of the oil region, the minister said.",
     [("Sudanese troops", "regained")]),
])
def test_a_place_not_named_is_claimed_without_a_region(text, expected):
    claims = claims_of(text)
    assert [(c.actor, c.action) for c in claims] == expected
    assert all(c.region is None and c.lat is None for c in claims)


def test_the_town_named_before_still_places_the_claim():
    claims = claims_of("Heavy fighting was reported around Kunduz on Saturday. The Taliban "
                       "captured the city on Sunday, a police spokesman said.")
    assert [(c.action, c.region_name) for c in claims] == [("captured", "Kunduz")]
    assert claims[0].lat is not None


@pytest.mark.parametrize("text", [
    # One sentence saying it twice is one claim, whoever the second saying names.
    "Fighters from the group seized Jalalabad on Sunday, the second provincial capital to "
    "fall since the offensive began.",
    "The militia now holds Rutshuru, a market town they have occupied since March, residents "
    "said.",
    "The Taliban seized Jalalabad on Sunday, the second provincial capital to be overrun by "
    "Taliban fighters this week.",
])
def test_one_sentence_saying_it_twice_is_one_claim(text):
    assert len(claims_of(text)) == 1


def test_actors_compared_within_a_sentence():
    assert folded_actor("The Rebels") == folded_actor("rebels") == "rebels"
    assert alike_actors("taliban", "taliban fighters")
    assert not alike_actors("taliban", "afghan forces")
    assert not alike_actors("rebels", "m23 rebels") and not alike_actors("army", "free army")


def test_the_place_named_nowhere_the_sentence_before_took_is_that_claim_again():
    claims = claims_of("Rebel fighters retook Kidal in June. Their recapture of the regional "
                       "capital came months after the army had entered it.")
    assert [(c.action, c.region_name) for c in claims] == [("regained", "Kidal")]


@pytest.mark.parametrize("text", [
    # A report called false names no place: nothing to list.
    "Reports of a coup are false, the army said.",
    # Storming a village is an attack, not a capture.
    "Bandits stormed a village and kidnapped 20 people.",
])
def test_no_claim_without_a_place_or_a_taking(text):
    assert claims_of(text) == []


def test_what_happened_again_or_to_another_side_is_another_claim():
    for text in ("Rebels captured Goma in 2012, and M23 rebels captured it again in January.",
                 "The army lost Palmyra to IS in 2015; the Free Syrian Army lost the city a "
                 "year earlier."):
        assert len(claims_of(text)) == 2, text


def test_the_next_city_to_fall_is_a_forecast():
    assert claims_of("Kramatorsk is the next city to fall to Russian forces, analysts say.") \
        == []


@pytest.mark.parametrize("text", [
    # Moved or sent to take a place: an aim, as "working to free" one is.
    "Then the army moved in to retake it.",
    "Troops were sent to recapture the town of Kidal.",
    "We are working to drive the militants out of the village and free the village.",
])
def test_sent_or_moving_to_take_a_place_is_an_aim(text):
    assert claims_of(text) == []
