"""Other spellings of names the gazetteer lacks ("Deir Ez Zur" for Deir ez-Zor), kept to the
countries the article names."""

from __future__ import annotations

import pytest

from geo.gazetteer.names import fold
from geo.gazetteer.spelling import skeleton
from geo.models import Article, article_id


def _parse(text: str):
    from geo.geoparse.parse import parse_article

    return {m.surface: m for m in parse_article(Article(id=article_id(text), text=text))}


@pytest.mark.parametrize(("written", "indexed"), [
    ("Hodeidah", "Al Hudaydah"), ("Deir Ez Zur", "Dayr az Zawr"), ("Deir Ez-Zur", "Deir ez-Zor"),
    ("Nabatiyeh", "Nabatieh"), ("Qatraneh", "Al Qatranah"),
])
def test_transliterations_share_a_skeleton(written, indexed):
    assert skeleton(fold(written)) == skeleton(fold(indexed))


def test_short_or_non_latin_names_have_no_skeleton():
    assert skeleton("kyiv") is None and skeleton("baha i") is None
    assert skeleton(fold("Донецк")) is None
    assert skeleton(fold("Sudzha")) != skeleton(fold("Sumy"))


@pytest.mark.usefixtures("requires_gazetteer")
def test_an_unknown_spelling_resolves_in_a_country_the_article_names():
    text = ("Clashes between tribal fighters and the SDF spread across the countryside of "
            "Deir Ez Zur in eastern Syria on Monday, residents said.")
    m = _parse(text)["Deir Ez Zur"]
    assert m.place is not None and m.place.country == "SY"
    assert abs(m.place.lat - 35.3) < 0.6 and abs(m.place.lon - 40.1) < 0.6


@pytest.mark.usefixtures("requires_gazetteer")
def test_only_countries_the_article_names_are_searched():
    from geo.gazetteer.index import open_gazetteer
    from geo.gazetteer.spelling import respell
    from geo.geoparse.nlp import load_nlp
    from geo.geoparse.spans import find_spans

    gaz, nlp = open_gazetteer(), load_nlp()

    def spelled(text: str) -> set[str]:
        spans = find_spans(nlp(text), gaz, dateline_span=None)
        respell(spans, gaz)
        (span,) = [s for s in spans if s.surface == "Deir Ez Zur"]
        return {c.place.country for c in span.candidates}

    tail = " spread across the countryside of Deir Ez Zur on Monday, residents said."
    assert spelled("Clashes in eastern Syria" + tail) == {"SY"}
    assert spelled("Clashes" + tail) == set()
    assert spelled("Clashes in Lebanon" + tail) == set()
