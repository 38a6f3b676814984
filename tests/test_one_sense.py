"""One sense per discourse in recognition, and namesakes that only match once a generic is cut."""

from __future__ import annotations

import pytest

from geo.models import Article, article_id

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


def _parse(text: str):
    from geo.geoparse.parse import parse_article

    return parse_article(Article(id=article_id(text), text=text))


def test_later_mentions_of_an_accepted_town_carry_the_first_ones_evidence():
    from geo.gazetteer.index import open_gazetteer
    from geo.geoparse.features import SPAN_FEATURES
    from geo.geoparse.nlp import load_nlp
    from geo.geoparse.parse import span_items
    from geo.geoparse.spans import find_spans

    text = ("Rebels pushed into Bukavu on Friday. Bukavu residents were told to stay indoors, "
            "and Goma was calm.")
    doc = load_nlp()(text)
    items = span_items(doc, find_spans(doc, open_gazetteer(), dateline_span=None), every=True)
    ok = SPAN_FEATURES.index("name_ok_elsewhere")
    plaus = SPAN_FEATURES.index("name_plaus_elsewhere")
    bukavu = [it for it in items if it.surface == "Bukavu"]
    assert len(bukavu) == 2
    assert bukavu[1].x[ok] == 1.0 and bukavu[1].x[plaus] >= 0.5
    goma = [it for it in items if it.surface == "Goma"]
    assert goma and goma[0].x[ok] == 0.0 and goma[0].x[plaus] == 0.0


def test_a_bare_state_name_is_the_state_when_only_a_longer_city_name_matches():
    # "Texas City" matches "Texas" once "City" is cut; that does not make "Texas" a city.
    found = [m for m in _parse("He grew up in Alvin, Texas, a Houston suburb.")
             if m.surface == "Texas"]
    assert found and found[0].place is not None
    assert found[0].place.feature == "admin1" and found[0].place.country == "US"


def test_same_name_accepted_elsewhere_is_accepted_by_the_rules_too():
    from geo.gazetteer.index import open_gazetteer
    from geo.geoparse.nlp import load_nlp
    from geo.geoparse.parse import span_items
    from geo.geoparse.spans import find_spans

    # Without the first mention the rules reject "Bukavu residents" (a name before a noun).
    text = "The situation in Bukavu is tense. Bukavu residents were told to stay indoors."
    doc = load_nlp()(text)
    items = span_items(doc, find_spans(doc, open_gazetteer(), dateline_span=None), every=True)
    bukavu = [it for it in items if it.surface == "Bukavu"]
    assert len(bukavu) == 2 and bukavu[0].plaus >= 0.75
    assert bukavu[1].rule_ok and bukavu[1].reason == "same name accepted elsewhere"


def test_coordination_and_apposition_cues():
    from geo.geoparse.parse import APPOSITION_AFTER, APPOSITION_BEFORE, COORDINATION

    assert COORDINATION.fullmatch(", ") and COORDINATION.fullmatch(", and ")
    assert COORDINATION.fullmatch(" or ") and not COORDINATION.fullmatch(" in ")
    assert APPOSITION_AFTER.match(", a village some 35 kilometers east")
    assert APPOSITION_AFTER.match(", the capital of North Kivu Province")
    assert not APPOSITION_AFTER.match(", the coach, said")
    assert APPOSITION_BEFORE.search("an assault on the state capital, ")
