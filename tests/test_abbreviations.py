"""State and province abbreviations ("Calif.", "W.Va.") and postal codes after a place ("TX")."""

from __future__ import annotations

import pytest

from geo.gazetteer.abbreviations import exact_forms, index_names, is_postal_code, postal_code
from geo.models import Article, article_id


def _parse(text: str):
    from geo.geoparse.parse import parse_article

    return {m.surface: m for m in parse_article(Article(id=article_id(text), text=text))}


def test_exact_forms_keep_the_period_that_makes_them_unambiguous():
    assert exact_forms("Ill.") == {"Ill."}
    assert exact_forms("N.J.") == {"N.J.", "N.J"}


def test_postal_codes_come_from_iso_codes_of_three_countries_only():
    assert postal_code("iso:US-TX", "US") == "TX"
    assert postal_code("iso:AU-NSW", "AU") == "NSW"
    assert postal_code("iso:FR-IDF", "FR") is None
    assert postal_code("iso:CA-BC", "US") is None
    assert not is_postal_code("Tx") and not is_postal_code("TEXAS") and is_postal_code("ON")
    names = index_names([("Calif.", "iso:US-CA")], [("iso:US-CA", "US"), ("iso:RU-KRS", "RU")])
    assert names == {"iso:US-CA": {"Calif.", "CA"}}


@pytest.mark.usefixtures("requires_gazetteer")
def test_ap_abbreviations_resolve_to_their_state_and_qualify_the_town():
    ms = _parse("SPRINGFIELD, Ill. (AP) — A man from Charleston, W.Va., was arrested after a "
                "chase that began in Columbia, S.C., police said on Monday.")
    assert ms["Ill."].place.key == "iso:US-IL"
    assert ms["S.C."].place.key == "iso:US-SC"
    assert ms["SPRINGFIELD"].place.admin1 == "US-IL"
    assert ms["Columbia"].place.admin1 == "US-SC"
    assert ms["Charleston"].place.admin1 == "US-WV"


@pytest.mark.usefixtures("requires_gazetteer")
def test_postal_code_after_a_place_qualifies_it_and_is_not_a_place_alone():
    ms = _parse("The band played in Paris, TX and then in Sydney, NSW before flying home.")
    assert ms["TX"].place.key == "iso:US-TX"
    assert ms["Paris"].place.admin1 == "US-TX"
    assert ms["NSW"].place.key == "iso:AU-NSW"
    assert ms["Sydney"].place.country == "AU"
    alone = _parse("The CA said the ON switch was broken, and Miss Lee felt ill at Mass.")
    assert not set(alone) & {"CA", "ON", "Miss", "ill", "Mass"}
