"""Phrasings of claims written for these tests from how conflict reporting reads (none is
from ../shared/claims or tests/data/claims_written.jsonl): a second name joined to the first
one's date, a relative clause's subject, "clawed back", "holding on to", the object of a
verb read as the subject of a clause without "that", a facility located "in" a town, ground
taken "in" a named place, and a town taken by a side that the geoparser put in that side's
own country.
"""

from __future__ import annotations

import pytest
from claims_support import claims_of

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


def _read(text: str) -> list[tuple]:
    return [(c.actor, c.action, c.region_name) for c in claims_of(text)]


@pytest.mark.parametrize(("text", "places"), [
    ("M23 rebels captured Goma in January and Bukavu in February.", ["Goma", "Bukavu"]),
    ("Russian forces took Avdiivka in February 2024 and Vuhledar in October.",
     ["Avdiivka", "Vuhledar"]),
])
def test_a_second_name_after_the_first_ones_date_is_taken_too(text, places):
    found = claims_of(text)
    assert len(found) == len(places)
    for claim, place in zip(found, places, strict=True):
        assert claim.action == "captured" and claim.lat is not None
        assert place[:4] in claim.region_name


def test_dates_joined_after_the_object_are_no_places():
    found = claims_of("The rebels captured Goma in January and February.")
    assert [c.region_name for c in found] == ["Goma"]


def test_the_subject_of_a_relative_clause_is_the_noun_it_is_on():
    found = _read("The SDF, which controls much of northeastern Syria, withdrew from "
                  "Deir Hafer.")
    assert ("The SDF", "controls", "Syria") in found
    assert found[-1][:2] == ("The SDF", "lost")


@pytest.mark.parametrize("text", [
    "Ukrainian forces clawed back the village of Staromaiorske.",
    "Ukraine clawed back Kherson in November 2022.",
])
def test_clawed_back_is_ground_regained(text):
    assert [c.action for c in claims_of(text)] == ["regained"]


def test_holding_on_to_a_town_is_holding_it():
    found = _read("Kyiv's troops are still holding on to parts of the town of Vovchansk, "
                  "the general staff said.")
    assert found == [("Kyiv's troops", "controls", "Vovchansk")]


def test_holding_on_to_power_is_no_claim():
    assert claims_of("The president held on to power after the vote.") == []


def test_a_share_read_as_the_subject_of_a_clause_without_that_is_the_verbs_object():
    # The small parser reads "[60% of the land Ukraine] seized in the Kursk region".
    found = claims_of("Russia has regained 60% of the land Ukraine seized in the Kursk region.")
    assert [(c.actor, c.action, c.value, c.region) for c in found] == [
        ("Russia", "regained", 60.0, "RU-KRS")]


@pytest.mark.parametrize(("text", "town"), [
    ("Sudanese army troops have regained control of the presidential palace in Khartoum.",
     "Khartoum"),
    ("The army took control of the airport in Kindu.", "Kindu"),
])
def test_a_facility_in_a_town_places_the_claim_at_the_town(text, town):
    found = claims_of(text)
    assert [c.region_name for c in found] == [town]
    assert found[0].lat is not None


def test_a_named_airport_is_the_airport_not_a_place_called_airport():
    found = claims_of("Rebels seized control of Kavumu Airport in South Kivu.")
    assert [c.region_name for c in found] == ["Kavumu Airport"]


@pytest.mark.parametrize("text", [
    "The town of Pokrovsk, which had a pre-war population of 60,000, is now about 85% under "
    "Russian control, the mayor said.",
    "Pokrovsk fell into Russian hands in December after months of fighting.",
])
def test_a_town_a_side_takes_lies_across_the_front(text):
    # The geoparser reads "Russian" as the country the article is about and puts Pokrovsk
    # in Yakutia; ground Russia takes or holds is in Ukraine, which has a larger Pokrovsk.
    found = claims_of(text)
    assert len(found) == 1 and found[0].region_name == "Pokrovsk"
    assert 47 < found[0].lat < 50 and 36 < found[0].lon < 39


def test_a_town_in_a_region_the_article_names_stays_there():
    found = claims_of("Russian troops control Pokrovsk in Yakutia.")
    assert found and found[0].lat > 60


def test_a_town_only_the_sides_own_country_has_stays_there():
    found = claims_of("Russian forces captured Sudzha.")
    assert found and 51 < found[0].lat < 52


def test_a_city_the_tagger_missed_is_placed_at_the_city():
    found = claims_of("Russia claims to have captured Bakhmut.")
    assert [(c.action, c.region_name) for c in found] == [("captured", "Bakhmut")]
    assert 48 < found[0].lat < 49.5 and 37 < found[0].lon < 39


@pytest.mark.parametrize(("text", "action", "region"), [
    ("Russian forces seized territory in the Kharkiv region.", "captured", "UA-63"),
    ("Government forces have recaptured all territory held by the Islamic State in Iraq.",
     "regained", "IQ"),
    ("The militants seized a swathe of territory in the Cabo Delgado province.", "captured",
     "MZ-P"),
])
def test_ground_taken_in_a_named_place_is_a_claim_on_that_place(text, action, region):
    found = claims_of(text)
    assert [(c.action, c.value, c.region) for c in found] == [(action, None, region)]


@pytest.mark.parametrize("text", [
    "Russia has seized territory in the east.",  # no place named
    "Farmers lost land in the floods in Sindh.",  # no armed side
])
def test_ground_without_a_place_or_an_armed_side_is_no_claim(text):
    assert claims_of(text) == []


def test_they_after_a_persons_said_is_not_that_person():
    found = claims_of("Ukrainian forces entered Kursk on August 6. Within two weeks they held "
                      "1,250 square kilometres, Syrskyi said.")
    assert [(c.actor, c.value) for c in found] == [("Ukrainian forces", 1250.0)]


def test_a_name_retaken_is_a_place_whatever_the_tagger_calls_it():
    # The tagger calls "Adan Yabaal" a person; people are captured, not retaken.
    found = claims_of("Al-Shabaab retook Adan Yabaal after government troops withdrew.")
    assert [(c.action, c.region_name) for c in found] == [("regained", "Adan Yabaal")]
    assert claims_of("Police recaptured John Smith after his escape.") == []


@pytest.mark.parametrize(("text", "actor", "region"), [
    ("More than 60% of Burkina Faso's territory is outside government control.", "government",
     "BF"),
    ("About 40% of the country lies outside state control, the report said.", "state", None),
    ("Some 60% of the region is outside the control of the army.", "the army", None),
])
def test_ground_outside_a_sides_control_is_a_negated_claim(text, actor, region):
    found = claims_of(text)
    assert [(c.actor, c.action, c.negated, c.region) for c in found] == [
        (actor, "controls", True, region)]


def test_disputing_this_denies_the_claim_before():
    found = claims_of("The rebels have taken control of Goma, the UN said. The Congolese "
                      "government disputed this.")
    assert [(c.action, c.region_name, c.negated) for c in found] == [
        ("captured", "Goma", False), ("denied", "Goma", True)]


def test_a_denied_quantity_keeps_the_country_of_the_claim_it_denies():
    found = claims_of("Russia said it had captured 500 square kilometres. Ukraine "
                      "contradicted this.")
    assert [(c.action, c.value, c.region) for c in found] == [
        ("captured", 500.0, "UA"), ("denied", 500.0, "UA")]


def test_a_capital_named_in_apposition_is_that_town_not_the_unit():
    found = claims_of("Ethiopian troops took Tigray's capital, Mekelle.")
    assert [(c.action, c.region) for c in found] == [("captured", None)]
    assert "Mek" in found[0].region_name and 13 < found[0].lat < 14


def test_the_capital_of_a_unit_named_for_it_is_the_town():
    found = claims_of("Rebels seized the provincial capital of Kunduz province.")
    assert [(c.region, c.region_name, c.place_id) for c in found] == [
        (None, "Kunduz", 1135689)]  # the town (GeoNames 1135689), not the province


def test_units_sharing_their_last_word_are_joined_by_it():
    found = claims_of("M23 now controls large parts of North and South Kivu provinces.")
    assert [c.region for c in found] == ["CD-NK,CD-SK"]


def test_a_town_which_fell_is_taken():
    found = claims_of("Avdiivka, which fell in February, had been a Ukrainian stronghold "
                      "since 2014.")
    assert [(c.action, c.lat is not None) for c in found] == [("captured", True)]
    assert claims_of("Prices, which fell in February, rose again in March.") == []


def test_a_place_whose_name_ends_like_an_organisation_is_still_a_place():
    # "Bank" ends organisation names ("the World Bank"); the geoparser read a place here.
    found = claims_of("Israel has occupied the West Bank, East Jerusalem and the Golan "
                      "Heights since 1967.")
    assert [c.region_name for c in found][:2] == ["West Bank", "East Jerusalem"]


def test_names_inside_a_description_of_the_place_are_not_listed_with_it():
    found = claims_of("The junta has lost control of Paletwa, a town in Chin State near the "
                      "border with Bangladesh and India.")
    assert [c.region_name for c in found] == ["Paletwa"]


def test_a_named_facility_keeps_its_name_without_where_it_is():
    found = claims_of("The Myanmar National Democratic Alliance Army said it had seized the "
                      "Northeastern Command headquarters in Lashio.")
    assert [c.region_name for c in found] == ["Northeastern Command headquarters"]


def test_ground_a_side_holds_by_a_pronoun_is_not_its_own_country():
    found = claims_of("The Ukrainian side says it still holds about 450 square kilometres, "
                      "but Russian military bloggers put the figure at under 100.")
    assert [(c.value, c.region) for c in found][:1] == [(450.0, "RU")]


def test_entities_by_label_are_those_of_the_doc():
    from geo.claims.entities import entities_in
    from geo.geoparse.nlp import doc_for

    text = "On May 5, Ukraine said that John Smith and Mary Jones left Kyiv in June."
    doc = doc_for(text)
    for label in ("DATE", "PERSON", "GPE"):
        assert [(e.start, e.end) for e in entities_in(doc, label)] == [
            (e.start, e.end) for e in doc.ents if e.label_ == label]
        sent = doc[3:len(doc)]
        assert [(e.start, e.end) for e in entities_in(sent, label)] == [
            (e.start, e.end) for e in sent.ents if e.label_ == label]


def test_the_marker_of_a_town_moved_across_the_front_moves_with_its_claim(tmp_path):
    # Through a real ingest into a SQLite store: title and text both name the town.
    import json

    from geo.access import local_editor
    from geo.io.ingest import ingest_paths
    from geo.store.database import Store

    records = [
        {"title": "Pokrovsk largely under Russian control",
         "text": "The town of Pokrovsk, which had a pre-war population of 60,000, is now about "
                 "85% under Russian control, the mayor said."},
        # Where the article names the unit, the geoparser's town and the claim's agree.
        {"text": "Russian troops control Pokrovsk in Yakutia."}]
    path = tmp_path / "front.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    store = Store(tmp_path / "front.sqlite")
    ingest_paths([path], store, editor=local_editor())
    yakutia = {a.id for a in store.articles() if a.text.startswith("Russian troops")}
    rows = [(r["article_id"] in yakutia, r["place_key"]) for r in store.mention_rows()
            if r["surface"] == "Pokrovsk"]
    assert sorted(rows) == [(False, "gn:704422"), (False, "gn:704422"), (True, "gn:2017824")]
    assert sorted(c["place_id"] for c in store.claims()) == [704422, 2017824]


@pytest.mark.parametrize(("text", "places"), [
    ("The rebels captured three towns: Goma, Sake and Bukavu.", ["Goma", "Sake", "Bukavu"]),
    ("Ukrainian forces liberated two villages: Robotyne and Verbove.",
     ["Robotyne", "Verbove"]),
])
def test_names_after_a_colon_are_the_towns_counted(text, places):
    found = claims_of(text)
    assert [c.region_name for c in found] == places
    assert all(c.value is None and c.lat is not None for c in found)


def test_names_listed_as_regions_are_admin1_units():
    found = claims_of("Moscow annexed four Ukrainian regions: Donetsk, Luhansk, Zaporizhzhia "
                      "and Kherson.")
    assert [c.region for c in found] == ["UA-14", "UA-09", "UA-23", "UA-65"]
    found = claims_of("Russia claims to control two regions, Luhansk and Donetsk.")
    assert [c.region for c in found] == ["UA-09", "UA-14"]


def test_a_colon_after_a_count_of_people_lists_no_places():
    assert claims_of("The rebels captured three soldiers: Ivan, Petro and Taras.") == []


def test_taking_control_of_names_the_tagger_calls_people_takes_places():
    # "Rutshuru Centre" is tagged a person; no one "takes control of" a person.
    found = _read("Civil society leader John Banyene said that the rebels had taken control "
                  "of Rutshuru Centre and Kiwanja.")
    assert [r for _a, _act, r in found] == ["Rutshuru Centre", "Kiwanja"]


def test_taking_the_eastern_part_of_a_town_is_no_taking_part():
    assert _read("Russian troops took the eastern part of Myrnohrad.") == [
        ("Russian troops", "captured", "Myrnohrad")]
    assert claims_of("Ukrainian troops took part in the assault on Robotyne.") == []


@pytest.mark.parametrize(("text", "value", "denominator"), [
    ("Yemen's Houthi rebels have taken control of 10 out of 14 districts of Marib province.",
     10, "14 districts of Marib province"),
    ("The Arakan Army has seized nine out of 17 townships in Rakhine State.", 9,
     "17 townships in Rakhine State"),
])
def test_n_out_of_m_claims_n_of_m(text, value, denominator):
    found = claims_of(text)
    assert [c.value for c in found] == [value]
    assert found[0].denominator.startswith(denominator.split(" of ")[0].split(" in ")[0])


def test_reclaimed_control_is_regained():
    assert _read("The military reclaimed control of the town of Lalibela on Wednesday.") == [
        ("The military", "regained", "Lalibela")]


def test_fire_control_is_no_control_of_ground():
    assert claims_of("Houthi forces imposed fire control over the north center of Madghel "
                     "district, west of Marib city.") == []
    assert [c.action for c in claims_of("Houthi forces took control of Madghel district.")] \
        == ["captured"]


def test_a_reporting_verb_after_the_claim_takes_the_names_after_it():
    found = claims_of("Mocimboa da Praia was occupied by insurgents this morning and at 18h00 "
                      "was still under their control, report Estacio Valoi and Nazira "
                      "Suleimane of Moz24Horas.")
    assert found and all(c.claimant.startswith("Estacio Valoi") for c in found)


def test_reported_someone_as_saying_cites_that_one():
    found = claims_of("Myanmar's military does not fully control more than a third of the "
                      "country's townships, state media reported junta chief Min Aung Hlaing "
                      "as saying.")
    assert [c.claimant for c in found] == ["junta chief Min Aung Hlaing"]


def test_a_second_name_after_the_first_ones_side_is_taken_too():
    found = claims_of("Last month Russian troops seized the village of Prechystivka to the "
                      "west and Vodyane to the east.")
    assert [c.region_name for c in found] == ["Prechystivka", "Vodyane"]


def test_the_x_region_the_geoparser_left_is_looked_up():
    found = claims_of("The source said the Turkish-backed forces controlled 80% of the "
                      "Manbij region.")
    assert [(c.value, c.region_name) for c in found] == [(80, "Manbij")]
    assert found[0].lat is not None


def test_a_second_described_name_joined_to_the_first_description():
    found = claims_of("The Taliban captured Taliqan, the capital of Takhar province, and "
                      "Sar-i-Pul, the capital of the province of the same name.")
    assert len(found) == 2 and all(c.lat is not None for c in found)


def test_townships_covering_a_share_of_a_country_are_that_share():
    found = claims_of("A report showed that the military has lost control of townships "
                      "covering 86 percent of Myanmar's territory.")
    assert [(c.action, c.value, c.region) for c in found] == [("lost", 86, "MM")]
    assert claims_of("The district covers 12 percent of the province.") == []


def test_a_denier_the_parser_left_without_subject():
    found = claims_of("Kadyrov said on Sunday that Russian forces had seized the village of "
                      "Ryzhivka in the Sumy region. There was no immediate comment from "
                      "Russia's Defense Ministry and a local Ukrainian official denied the "
                      "claim.")
    assert [(c.action, c.claimant) for c in found] == [
        ("captured", "Kadyrov"), ("denied", "local Ukrainian official")]


def test_the_author_of_the_data_an_unnamed_analysis_reads_is_the_claimant():
    found = claims_of("By the end of November, the Russian army controlled 19.3 percent of "
                      "Ukrainian territory, according to the analysis of data from ISW.")
    assert [c.claimant for c in found] == ["ISW"]
    found = claims_of("Russian forces advanced by 3,985 square kilometers in Ukraine in 2024, "
                      "according to an AFP analysis of data from ISW.")
    assert [c.claimant for c in found] == ["AFP analysis"]


@pytest.mark.parametrize(("text", "region", "name"), [
    ("Israel's army has pulled out of southern Lebanese villages, a Lebanese security source "
     "said.", "LB", "southern Lebanon"),
    ("Russian troops withdrew from several Ukrainian villages.", "UA", "Ukraine"),
])
def test_villages_named_by_their_peoples_adjective_lie_in_that_country(text, region, name):
    found = claims_of(text)
    assert [(c.action, c.region, c.region_name) for c in found] == [("lost", region, name)]


def test_villages_of_a_people_without_a_country_are_no_country():
    assert [(c.action, c.region_name) for c in claims_of(
        "Kurdish fighters withdrew from Arab villages.")] == [("lost", None)]


def test_a_town_outside_the_actors_war_and_the_article_is_a_wrong_namesake():
    # The geoparser reads "Boni" as Bonn (one of its old names); a Malian army claim in an
    # article naming only Mali does not lie in Germany: the town keeps its name, no point.
    found = claims_of("The Malian army has managed to retake control of the central town of "
                      "Boni from militants, officials say.")
    assert [(c.region_name, c.lat) for c in found] == [("Boni", None)]
    # A town of the actor's war keeps its point.
    assert claims_of("Russian forces captured Avdiivka.")[0].lat is not None


def test_resumed_and_back_in_control():
    assert _read("The terrorists resumed control of the town of Wabho after the army "
                 "withdrew.")[0][1:] == ("regained", "Wabho")
    assert _read("Al-Shabaab terrorists are back in control of Wabho.") == [
        ("Al-Shabaab terrorists", "controls", "Wabho")]
    assert _read("Kherson is firmly under Ukrainian control.")[0][1:] == ("controls", "Kherson")


def test_nowhere_in_a_province_under_control_is_control_negated():
    found = claims_of("One local official said that nowhere in the entire Nimroz province is "
                      "under the control of the Afghan government.")
    assert [(c.action, c.negated, c.region) for c in found] == [("controls", True, "AF-NIM")]


def test_a_word_quoted_inside_an_actor_is_kept():
    found = claims_of('A statement by the Russian Defense Ministry said that units of the '
                      '"Western" troops took control of the village of Tabaivka.')
    assert [c.actor for c in found] == ['units of the "Western" troops']


@pytest.mark.parametrize(("text", "town"), [
    ("Earlier, air strikes hit targets near the town of Nyala, South Darfur state, which is "
     "controlled by the RSF.", "Nyala"),
    ("Government forces recaptured the port town of Mocimboa da Praia, in the northern "
     "province of Cabo Delgado, which had been held by terrorists for the past year.",
     "Mocimboa da Praia"),
])
def test_which_after_a_town_and_its_province_is_the_town(text, town):
    held = [c for c in claims_of(text) if c.action == "controls"]
    assert [c.region_name for c in held] == [town]


def test_the_marker_of_a_namesake_outside_the_war_goes_with_its_claims_point(tmp_path):
    # Through a real ingest: the geoparser's "Boni" is Bonn; the claim drops that point, and
    # the stored mention of the name is left without a place, so no marker stands in Germany.
    import json

    from geo.access import local_editor
    from geo.io.ingest import ingest_paths
    from geo.store.database import Store

    path = tmp_path / "mali.jsonl"
    path.write_text(json.dumps({"text": "The Malian army has managed to retake control of the "
                                        "central town of Boni from militants, officials "
                                        "say."}) + "\n")
    store = Store(tmp_path / "mali.sqlite")
    ingest_paths([path], store, editor=local_editor())
    rows = [r["place_key"] for r in store.mention_rows() if r["surface"] == "Boni"]
    assert rows == [None]
    assert [(c["region_name"], c["place_id"]) for c in store.claims()] == [("Boni", None)]


def test_control_through_an_adverb_is_negated_there_too():
    found = claims_of("Al-Shabaab fighters are not back in control of Wabho.")
    assert [(c.action, c.negated) for c in found] == [("controls", True)]


def test_a_running_total_figure_is_claimed_by_the_clause_it_totals():
    found = claims_of("Over the course of the month, the Russians managed to occupy 0.04% of "
                      "the country's total area, bringing the total figure to 19.04%.")
    assert [(c.actor, c.value) for c in found] == [("the Russians", 0.04), ("the Russians", 19.04)]
    # The month's occupation is ground taken; the total it brings is what is held.
    assert [c.action for c in found] == ["captured", "controls"]
    assert claims_of("Prices rose 3%, bringing the total figure to 12%.") == []


@pytest.mark.parametrize(("text", "action"), [
    ("Russian troops occupied 300 square kilometres in the Donetsk region in October, "
     "analysts said.", "captured"),
    ("Last month, Russian troops occupied 300 square kilometres of the Donetsk region.",
     "captured"),
    ("Russian forces occupied 300 square kilometres of the Donetsk region during the summer.",
     "captured"),
    # A state at a time, or since one: held, not taken.
    ("By the end of 2023, Russian forces occupied about 18% of Ukraine.", "controls"),
    ("Russian forces occupy about 18% of Ukraine.", "controls"),
    ("Russian forces have occupied Avdiivka since February, the army said.", "controls"),
])
def test_a_past_occupation_over_a_span_of_time_is_ground_taken(text, action):
    assert [c.action for c in claims_of(text)] == [action]


def test_a_nominal_taking_without_taker_takes_the_taker_just_before():
    found = claims_of("The Taliban seized three more provincial capitals in Afghanistan, "
                      "officials said. The fall of Fayzabad puts increasing pressure on the "
                      "government.")
    assert [(c.actor, c.region_name) for c in found][1:] == [("The Taliban", "Fayzabad")]
    # A loss before names who lost, not who took.
    found = claims_of("Ukrainian troops withdrew from Sudzha on Saturday. The fall of Sudzha "
                      "was a blow.")
    assert all(c.actor != "Ukrainian troops" or c.action == "lost" for c in found)
