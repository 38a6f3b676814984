"""Claim forms read from set F's errors (2026-12-07, twenty-first session), each on sentences
written for these tests, not copied from the set: ground that fell or came under someone's
control, a statement pointed back to from the next paragraph, denials the parser misreads,
"control over" as a bound, control taken in a town the clause names, control given, "the
national territory", and facilities of a district."""

from __future__ import annotations

import pytest
from claims_support import claims_of

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


@pytest.mark.parametrize(("text", "expected"), [
    # Coming or falling under someone's control is ground changing hands ...
    ("Officials said 40% of the Nord-Ouest region had fallen under gang control.",
     [("captured", 40.0, "Nord-Ouest")]),
    ("Officials said a third of the province had come under rebel control.",
     [("captured", 33.3, None)]),
    ("Half of the Kherson region came under Russian occupation in March.",
     [("captured", 50.0, "Kherson Oblast")]),
    ("Analysts said 30% of the Donetsk region had fallen to Russian forces.",
     [("captured", 30.0, "Donetsk Oblast")]),
    ("Gao came under the control of the army on Monday.", [("captured", None, "Gao")]),
    # ... being under it is holding it; a fall to a number is no change of hands; heavy
    # shelling is no control.
    ("Gao is under the control of the army.", [("controls", None, "Gao")]),
    ("The unemployment rate fell to 9% in the Kharkiv region.", []),
    ("Gao came under heavy shelling by the rebels.", []),
])
def test_ground_that_came_under_control_was_taken(text, expected):
    found = claims_of(text)
    assert [(c.action, c.value) for c in found] == [(a, v) for a, v, _r in expected]
    for claim, (_a, _v, region) in zip(found, expected, strict=True):
        if region is not None:
            assert region in (claim.region_name or "")


def test_the_subject_the_parser_joined_to_the_object_before_it():
    # "and the city came under ...": the parser hangs "the city" on "Gao" and leaves "came"
    # without a subject.
    found = claims_of("The rebels withdrew from Gao city and the city came under the "
                      "control of the army.")
    assert [(c.actor, c.action, c.region_name) for c in found] == [
        ("The rebels", "lost", "Gao"), ("the army", "captured", "Gao")]


@pytest.mark.parametrize(("text", "claimant"), [
    # "X announced this" in the next paragraph points back to the statement.
    ("The army has liberated twelve settlements in the Kharkiv region.\n\n"
     "General Petrenko announced this at a briefing on Monday.", "General Petrenko"),
    ("The army has liberated twelve settlements in the Kharkiv region. "
     "This was stated by General Petrenko.", "General Petrenko"),
    # A speaker who does not confirm it is no claimant.
    ("The army has liberated twelve settlements in the Kharkiv region.\n\n"
     "The ministry did not confirm this.", None),
])
def test_a_statement_pointed_back_to_names_the_claimant(text, claimant):
    assert [c.claimant for c in claims_of(text)] == [claimant]


def test_dismissed_claims_the_parser_reads_as_a_participles_subject():
    found = claims_of("The rebels said they control 60% of Upper Nile state.\n\n"
                      "However, the government has dismissed these claims saying that its "
                      "forces repulsed the attacks.")
    assert [(c.action, c.value, c.negated) for c in found] == [
        ("controls", 60.0, False), ("denied", 60.0, True)]
    assert found[1].claimant == "government"


@pytest.mark.parametrize(("text", "bound"), [
    # After the verb "control", "over" is the bound ...
    ("Officials said the rebels now control over 70 percent of the city of Gao.", "over"),
    ("Rebels who control over 20 settlements in the Donetsk region attacked.", "over"),
    # ... after the noun, the preposition.
    ("The army has control over 70 percent of Gao.", None),
    ("Rebels took control over 20 settlements in the Donetsk region.", None),
])
def test_over_after_the_verb_control_is_a_bound(text, bound):
    assert [c.bound for c in claims_of(text)] == [bound]


@pytest.mark.parametrize(("text", "expected"), [
    # Control taken with no place of its own is of the town the clause entered or attacked ...
    ("Rebels entered Gao on Sunday and took control of several districts.",
     [("Rebels", "captured", "Gao")]),
    ("Rebels entered Gao late on Sunday, taking control of some neighbourhoods.",
     [("Rebels", "captured", "Gao")]),
    ("The militants attacked Gao overnight, before taking control, police said.",
     [("The militants", "captured", "Gao")]),
    # ... never of something that is not ground.
    ("The army visited Gao and took control of security.", []),
])
def test_control_taken_in_the_town_the_clause_names(text, expected):
    assert [(c.actor, c.action, c.region_name) for c in claims_of(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Control given goes to who receives it.
    ("The fall of Nyala gave the RSF control over all five state capitals in Darfur.",
     ("RSF", "controls", 5.0, "Darfur")),
    ("Russia gave the separatists control of Donetsk.",
     ("the separatists", "controls", None, "Donetsk")),
    ("The deal gave control of Kidal to the army.", ("the army", "controls", None, "Kidal")),
])
def test_control_given_is_the_receivers(text, expected):
    found = [(c.actor, c.action, c.value, c.region_name) for c in claims_of(text)]
    assert expected in found


def test_the_national_territory_is_the_country_of_the_places_named_before():
    found = claims_of("The RSF now holds Nyala, the capital of South Darfur. The army has "
                      "lost control over roughly one-third of the national territory.")
    share = [c for c in found if c.value is not None]
    assert [(c.action, c.value, c.region) for c in share] == [("lost", 33.3, "SD")]


def test_a_facility_of_a_district_is_placed_in_the_district():
    found = claims_of("Taliban fighters overran the headquarters of Ghormach district.")
    assert [(c.action, c.region_name) for c in found] == [("captured", "Ghormach")]
    # A facility of no named place stays unplaced.
    assert [c.region_name for c in claims_of(
        "Taliban fighters captured the headquarters of the 5th brigade.")] == [None]


def test_positions_retained_are_held_and_counted():
    found = claims_of("Israel retained four strategic positions in southern Lebanon.")
    assert [(c.action, c.value, c.region) for c in found] == [("holds", 4.0, "LB")]
    assert claims_of("The party retained 40% of the vote in Kharkiv.") == []


@pytest.mark.parametrize(("text", "region"), [
    # A share of the communities in a place is a share of its ground ...
    ("Jihadists are now in control of more than half of the communities in Borno State.",
     "NG-BO"),
    ("Jihadists attacked villages in Borno State.\n\nThe group is now in control of more "
     "than half of the communities in the state.", "NG-BO"),
])
def test_a_share_of_the_communities_in_a_place(text, region):
    assert [(c.action, c.value, c.bound, c.region) for c in claims_of(text)] == [
        ("controls", 50.0, "over", region)]


def test_a_share_of_communities_with_no_control_is_no_claim():
    assert claims_of("Half of the communities in Borno State have no clinic.") == []
    assert claims_of("Jihadists now control half of the communities.") == []


def test_portions_within_a_town_are_the_towns():
    found = claims_of("Rebels now control small portions within the city of Marawi.")
    assert [(c.action, c.region_name) for c in found] == [("controls", "Marawi City")]


@pytest.mark.parametrize(("text", "expected"), [
    # A relative clause on counted towns claims the count for its own actor ...
    ("The army recovered all four villages in Rutshuru that had been occupied by the rebels.",
     [("The army", "regained", 4.0), ("the rebels", "controls", 4.0)]),
    # ... and on uncounted ones, the place alone; "recovered" takes a place as "regained" does.
    ("The army recovered the villages in Rutshuru that had been occupied by the rebels.",
     [("The army", "regained", None), ("the rebels", "controls", None)]),
    ("Police recovered the bodies in Rutshuru.", []),
])
def test_a_relative_clause_on_counted_towns_counts_them(text, expected):
    assert [(c.actor, c.action, c.value) for c in claims_of(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A village near, around or outside a named town is placed at that town ...
    ("Rebels pulled out of a village outside Grozny.", [("lost", "Grozny")]),
    ("Rebels captured a small village near Grozny.", [("captured", "Grozny")]),
    ("Rebels captured a village outside the city of Grozny.", [("captured", "Grozny")]),
    ("Russian forces captured villages outside Bakhmut.", [("captured", "Bakhmut")]),
    # ... a village "in" nothing named, nowhere (a claim all the same).
    ("Rebels captured a village on Sunday.", [("captured", None)]),
])
def test_a_village_near_a_town_is_placed_at_it(text, expected):
    assert [(c.action, c.region_name) for c in claims_of(text)] == expected


def test_their_is_not_the_one_person_who_says_it():
    # "their" is plural: not the aide who reports, but no one named here
    found = claims_of("“Gao is in their hands,” the aide said.")
    assert [(c.actor, c.action, c.claimant) for c in found] == [(None, "controls", "aide")]
    # a body may say "their forces"
    found = claims_of("The ministry said their forces had captured Avdiivka.")
    assert [c.actor for c in found] == ["ministry's forces"]


# Mended after the session's review (each a sentence the rules above had read wrongly).
def test_a_denier_is_no_claimant_of_what_it_denies():
    found = claims_of("Russian forces have captured Novoselivka. Kyiv denied this.")
    assert [(c.action, c.claimant) for c in found] == [("captured", None), ("denied", "Kyiv")]


def test_the_country_is_not_that_of_a_town_where_it_was_said():
    found = claims_of("Zelensky spoke in Brussels on Thursday. Russian forces occupy around "
                      "19% of the country, he said.")
    assert [(c.value, c.region) for c in found] == [(19.0, "UA")]


@pytest.mark.parametrize("text", [
    "Russia controls much of Ukraine's east and south.",
    "Russian troops raided Kupiansk without taking control.",
    "Fighting raged in Bakhmut for months, with neither side taking control.",
    "The new governor arrived in Kherson on Monday before taking control.",
    "Around 80 percent of the communities in Rakhine State have lost electricity.",
])
def test_no_claim_from_these(text):
    assert claims_of(text) == []


def test_control_given_up_is_lost_by_who_gives_it_up():
    found = claims_of("Ukrainian forces gave up control of Bakhmut in May.")
    assert [(c.actor, c.action, c.region_name) for c in found] == [
        ("Ukrainian forces", "lost", "Bakhmut")]


def test_their_after_one_person_of_a_named_group_is_the_group():
    found = claims_of("An M23 official said Goma was fully in their hands.")
    assert [(c.actor, c.action) for c in found] == [("M23", "controls")]
