"""Claims from text: the seed's claim, and sentences written for these tests.

Every sentence here was written for the tests (none is from ../shared/claims); each checks one
rule: numbers in words and fractions, units and bounds, what is not a claim, denial, claimant,
and where the region comes from.
"""

from __future__ import annotations

import pytest
from claims_support import claims_of as _claims

from geo.models import Article, Claim, article_id

pytestmark = pytest.mark.usefixtures("requires_gazetteer")




def _one(text: str) -> Claim:
    found = _claims(text)
    assert len(found) == 1, found
    return found[0]


def test_seed_claim(seed_article):
    from geo.claims.extract import extract_claims
    from geo.geoparse.parse import parse_article

    found = extract_claims(seed_article, parse_article(seed_article))
    assert len(found) == 1, found  # "approximately 430 Ukrainian soldiers" is not a claim
    claim = found[0]
    assert (claim.actor, claim.action, claim.value, claim.unit, claim.bound) == (
        "Russian forces", "regained", 86.0, "percent", "over")
    assert (claim.region, claim.region_name) == ("RU-KRS", "Kursk Oblast")
    assert claim.denominator.removeprefix("the ") == "land once held by Ukrainian troops"
    assert claim.claimant == "reports"
    assert claim.negated is False
    assert claim.quote.endswith("regained over 86% of the land once held by Ukrainian troops.")
    assert seed_article.text[claim.start:claim.end] == claim.quote
    assert claim.published == seed_article.published


@pytest.mark.parametrize(("text", "value", "unit", "bound", "action"), [
    ("Ukrainian forces have retaken two-thirds of the town of Vovchansk, the General Staff said.",
     66.7, "percent", None, "regained"),
    ("The army says it controls 86 per cent of Khartoum state.", 86.0, "percent", None,
     "controls"),
    ("Kyiv said its troops had liberated more than 1,000 square kilometres in the Kharkiv "
     "region.", 1000.0, "km2", "over", "liberated"),
    ("Rebels have seized nearly half of the province, a local official said.", 50.0, "percent",
     "under", "captured"),
    ("Government troops recaptured eleven villages near the border last week.", 11.0,
     "settlements", None, "regained"),
    ("The militia lost about 300 hectares of farmland to the advancing army.", 300.0,
     "hectares", "about", "lost"),
    ("Russian forces gained at least 50 square miles in the Zaporizhzhia region in June.", 50.0,
     "mi2", "at_least", "advanced"),
])
def test_quantity_claims(text, value, unit, bound, action):
    claim = _one(text)
    assert (claim.value, claim.unit, claim.bound, claim.action) == (value, unit, bound, action)


def test_a_conversion_in_brackets_is_one_claim():
    claim = _one("Russia seized 400 square kilometres (154 square miles) of Ukrainian territory "
                 "in March.")
    assert (claim.value, claim.unit, claim.region_name) == (400.0, "km2", "Ukraine")


@pytest.mark.parametrize("text", [
    "Russia has lost 12,000 troops near Avdiivka since October, Kyiv says.",
    "Russian units advanced 5 km towards Pokrovsk on Tuesday.",
    "About 60% of the city's residents have fled, the mayor said.",
    "The Donetsk region covers 26,517 square kilometres.",
    "Russian territorial gains fell by 40% in March compared with February.",
    "Some 30 per cent of Ukraine's farmland is contaminated with mines.",
    "Russia aims to capture the whole of the Donetsk region by the end of the year.",
    "Ukraine will retake Crimea, Zelensky said.",
    "The suspect was captured by police after a brief chase.",
    "Nearly 90% of Russian gains last month were in the Donetsk region, analysts said.",
])
def test_not_claims(text):
    assert _claims(text) == []


def test_a_denial_is_negated_with_the_denier_as_claimant():
    claim = _one("Ukraine's military denied that Russian forces had captured the village of "
                 "Krasnohorivka.")
    assert (claim.negated, claim.action, claim.value) == (True, "denied", None)
    assert claim.region_name == "Krasnohorivka"
    assert "Ukraine's military" in claim.claimant


def test_claimant_from_according_to_and_region_named_in_the_share():
    claim = _one("According to the Institute for the Study of War, Russian forces now control "
                 "about 18% of Ukraine.")
    assert claim.claimant == "Institute for the Study of War"
    assert (claim.value, claim.bound, claim.region_name, claim.region) == (
        18.0, "about", "Ukraine", "UA")


def test_claimant_said_at_the_end_and_region_with_its_iso_code():
    claim = _one("Russian troops have occupied 3% of the Sumy region, Ukraine's border guard "
                 "service said on Monday.")
    assert claim.claimant == "Ukraine's border guard service"
    assert (claim.region, claim.region_name) == ("UA-59", "Sumy Oblast")


def test_region_from_an_earlier_sentence():
    found = _claims("Fighting continued in the Kherson region on Monday.\n"
                    "Russian troops now hold about 70% of the area, officials said.")
    assert [(c.value, c.region, c.claimant) for c in found] == [(70.0, "UA-65", "officials")]


def test_claimant_carries_over_to_the_next_sentence_of_the_paragraph():
    found = _claims("Deputy Defence Minister Hanna Maliar said Ukrainian troops had liberated "
                    "four square kilometres near Bakhmut. They also recaptured the village of "
                    "Klishchiivka.")
    assert [(c.value, c.claimant) for c in found] == [
        (4.0, "Deputy Defence Minister Hanna Maliar"),
        (None, "Deputy Defence Minister Hanna Maliar")]
    assert found[1].actor == "Ukrainian troops"  # "They"


def test_a_front_direction_keeps_its_name():
    claim = _one("In the Kupiansk direction, Russian forces gained 12 square kilometres last "
                 "week, the Ukrainian military said.")
    assert (claim.region_name, claim.region) == ("Kupiansk direction", None)


def test_a_place_taken_without_a_number():
    claim = _one("Russian forces have taken control of the village of Novomykhailivka, the "
                 "Russian Defence Ministry said.")
    assert (claim.action, claim.value, claim.unit, claim.region_name) == (
        "captured", None, None, "Novomykhailivka")
    assert claim.actor == "Russian forces"
    assert claim.claimant == "Russian Defence Ministry"


def test_historical_fall_in_a_background_clause_has_no_claimant():
    found = _claims("Officials said Ukrainian forces had regained 20 square kilometres around "
                    "Bakhmut since the city fell to Russian forces in May.")
    by_value = {c.value: c for c in found}
    assert by_value[20.0].claimant == "Officials"
    assert (by_value[None].action, by_value[None].actor, by_value[None].claimant) == (
        "captured", "Russian forces", None)
    assert by_value[None].region_name == "Bakhmut"


def test_published_date_is_the_articles():
    text = "Israeli forces now control about 60% of the Gaza Strip, the military said."
    claim = _claims(text, published="2025-05-01")[0]
    assert claim.published == "2025-05-01"
    assert claim.region_name == "Gaza Strip"


def test_text_without_claims():
    assert _claims("Talks resumed in Istanbul on Friday.") == []
    from geo.claims.extract import extract_claims

    assert extract_claims(Article(id="x", text="   "), []) == []


# One spaCy pass for geoparser and claims; the parser only on sentences that may hold a claim.
TWO_PARAGRAPHS = (
    "KYIV, Ukraine — The mayor opened a new school on Monday.\n\n"
    "Russian forces have captured the village of Maiorsk, the defence ministry said. It added "
    "that troops now control over 70% of the Donetsk region.")


def test_claims_from_the_geoparsers_doc_match_a_full_parse():
    import spacy

    from geo.claims.extract import extract_claims
    from geo.geoparse.nlp import MODEL, doc_for, load_nlp
    from geo.geoparse.parse import parse_article

    article = Article(id=article_id(TWO_PARAGRAPHS), text=TWO_PARAGRAPHS)
    mentions = parse_article(article)
    full = extract_claims(article, mentions, doc=spacy.load(MODEL)(TWO_PARAGRAPHS))
    shared = extract_claims(article, mentions, doc=doc_for(TWO_PARAGRAPHS))
    fresh = extract_claims(article, mentions, doc=load_nlp()(TWO_PARAGRAPHS))
    assert full == shared == fresh
    assert [(c.action, c.value, c.region) for c in full] == [
        ("captured", None, None), ("controls", 70.0, "UA-14")]


def test_only_sentences_that_may_hold_a_claim_are_parsed():
    from geo.claims.parse import needs_parse, parsed_doc
    from geo.geoparse.nlp import load_nlp

    doc = load_nlp()(TWO_PARAGRAPHS)
    assert [needs_parse(s) for s in doc.sents] == [False, False, True, True]  # one a break
    parsed = parsed_doc(doc)
    school, captured = (next(t for t in parsed if t.text == w) for w in ("school", "captured"))
    assert school.dep_ == "dep" and captured.dep_ == "ccomp" and captured.head.text == "said"
    # Reporting sentences are parsed only beside a claim sentence (claimants come from them).
    quiet = load_nlp()("The mayor opened a new school on Monday, officials said.")
    assert not any(t.dep_ not in ("dep", "ROOT") for t in parsed_doc(quiet))


def test_a_doc_of_another_text_is_refused():
    from geo.claims.extract import extract_claims
    from geo.geoparse.nlp import load_nlp

    article = Article(id="x", text="Russian forces captured Maiorsk.")
    with pytest.raises(ValueError, match="not of article 'x'"):
        extract_claims(article, [], doc=load_nlp()("Something else."))
