"""Claims that the small English model's misreadings used to hide, and settlement counts.

Each test is a class of miss: a past form of a verb of capture tagged as a noun or read as an
adjective, "took X" with a time or place after it, a town's name tagged as a common noun, and
counts of towns named by kind ("four provincial capitals"). The sentences were written for
these tests; none is from ../shared/claims or tests/data/claims_written.jsonl.
"""

from __future__ import annotations

import pytest
from claims_support import claims_of as _claims

pytestmark = pytest.mark.usefixtures("requires_gazetteer")




@pytest.mark.parametrize(("text", "actor", "action", "place"), [
    # "retook" tagged as a noun: the sentence parsed as one noun phrase.
    ("The junta retook Hpakant after three days of fighting.", "The junta", "regained",
     "Hpakant"),
    # "overrun" after "had" tagged as a noun.
    ("Islamist fighters had overrun Djibo by nightfall, residents said.", "Islamist fighters",
     "captured", "Djibo"),
])
def test_a_verb_of_capture_tagged_as_a_noun_still_takes_its_object(text, actor, action, place):
    found = _claims(text)
    assert [(c.actor, c.action, c.value) for c in found] == [(actor, action, None)]
    assert place in found[0].region_name


def test_the_place_after_a_misread_verb_is_the_region_not_its_province():
    found = _claims("The army retook Bentiu, the capital of Unity State, in May. Last year "
                    "the rebels seized it.")
    assert [(c.actor, c.action, c.region_name) for c in found] == [
        ("The army", "regained", "Bentiu"), ("the rebels", "captured", "Bentiu")]


def test_the_repair_leaves_the_callers_parse_alone():
    from geo.claims.parse import parsed_doc
    from geo.geoparse.nlp import doc_for

    text = "The junta retook Hpakant after three days of fighting."
    doc = doc_for(text)
    before = [(t.tag_, t.dep_, t.head.i) for t in doc]
    repaired = parsed_doc(doc)
    assert [(t.tag_, t.dep_, t.head.i) for t in doc] == before
    assert repaired[2].tag_.startswith("VB") and repaired[2].lemma_ == "retake"


@pytest.mark.parametrize("text", [
    "The insurgents took Mocimboa da Praia in August.",
    "The M23 took the town of Sake on Sunday.",  # "Sake" tagged as a common noun
])
def test_took_with_a_time_after_the_object_is_a_capture(text):
    found = _claims(text)
    assert [c.action for c in found] == ["captured"]


@pytest.mark.parametrize("text", [
    "The soldiers took Matthew to hospital on Sunday.",
    "Families returned to the Israel occupied territories last year.",
    "The company retook the lead in the market last quarter.",
    "Police seized drugs worth $2 million in Lagos.",
])
def test_no_claim_where_nothing_is_taken(text):
    assert _claims(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("Rebels seized four provincial capitals in the north, the UN said.", 4.0),
    ("The army recaptured two district centres near Kharkiv.", 2.0),
    ("Jihadists now control a dozen villages and three towns in the province.", 12.0),
    ("The militia overran six cities in a month.", 6.0),
])
def test_towns_counted_by_kind_are_settlements(text, value):
    found = _claims(text)
    assert (value, "settlements") in [(c.value, c.unit) for c in found]


def test_counting_the_settlement_nouns():
    from geo.claims.numbers import find_quantities

    found = find_quantities("took five state capitals, two district centres and three "
                            "townships")
    # Townships are administrative units: counted, but not as settlements (unit None).
    assert [(q.value, q.unit) for q in found] == [(5.0, "settlements"), (2.0, "settlements"),
                                                  (3.0, None)]
