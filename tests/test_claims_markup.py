"""Markup and other noise in a sentence: its claims are those of the sentence without it.

Tags, scripts, broken tags, character references, addresses and symbol runs must not become
part of an actor, region, denominator or claimant, nor a claim of their own, and the quote
stays the sentence as written. Every sentence here was written for these tests (none is from
../shared/claims).
"""

from __future__ import annotations

import json

import pytest
from claims_support import claims_of
from click.testing import CliRunner

from geo.models import Claim

pytestmark = pytest.mark.usefixtures("requires_gazetteer")

KURSK = "Russian forces have captured over 29% of the Kursk region, the ministry said."
TAG = "<body onload=alert('X')>"
# What every variant of KURSK must give (the claimant as the rules name "the ministry said").
EXPECTED = {"actor": "Russian forces", "action": "captured", "value": 29.0, "unit": "percent",
            "bound": "over", "region": "RU-KRS", "region_name": "Kursk Oblast",
            "denominator": "the Kursk region", "claimant": "ministry", "negated": False}

MARKED_UP = [
    pytest.param(KURSK, f"Russian forces have captured over 29% of the Kursk region {TAG}, the "
                 "ministry said.", id="tag-in-the-middle"),
    pytest.param(KURSK, f"{KURSK} {TAG}", id="tag-at-the-end"),
    pytest.param(KURSK, "Russian forces have captured over 29% of the Kursk region "
                 "<img src=x onerror=alert(1)>, the ministry said.", id="img-onerror"),
    pytest.param(KURSK, "Russian forces have captured over 29% of the Kursk region "
                 "<script>alert(1)</script>, the ministry said.", id="script"),
    pytest.param(KURSK, "Russian forces have captured over 29% of the <b>Kursk region</b>, the "
                 "ministry said.", id="bold-region"),
    pytest.param(KURSK, f"Russian forces {TAG} have captured over 29% of the Kursk region, the "
                 "ministry said.", id="tag-between-actor-and-verb"),
    pytest.param(KURSK, "Russian forces have captured over 29% of the Kursk region "
                 "onload=alert('X')>, the ministry said.", id="tag-without-its-start"),
    pytest.param(KURSK, "Russian forces have captured over 29% of the Kursk region "
                 "<body onload=alert('X'), the ministry said.", id="tag-without-its-end"),
    pytest.param(KURSK, "Russian forces have captured over 29% of the Kursk region "
                 "&lt;script&gt;alert(1)&lt;/script&gt;, the ministry said.", id="escaped-script"),
    pytest.param(KURSK, "Russian forces have captured over 29% of the <a "
                 "href=\"https://example.org/kursk\">Kursk region</a>, the ministry said.",
                 id="link-around-region"),
    pytest.param(KURSK, "Russian forces have captured over 29% of the Kursk region "
                 "(https://example.org/x?a=1&b=2), the ministry said.", id="address"),
    pytest.param(KURSK, "Russian&nbsp;forces have captured over 29% of the Kursk region ##### , "
                 "the ministry said.", id="reference-and-symbols"),
    pytest.param(KURSK, f"<p>{KURSK}</p>", id="paragraph"),
    pytest.param("The Sudanese army retook Wad Madani on Saturday, the army said.",
                 "The Sudanese army retook <a href='https://example.org/w'>Wad Madani</a> on "
                 "Saturday, the army said.", id="place-claim-link"),
    pytest.param("The Sudanese army retook Wad Madani on Saturday, the army said.",
                 "The Sudanese army <img src=x onerror=alert(1)> retook Wad Madani on Saturday, "
                 "the army said.", id="place-claim-tag-after-actor"),
]


def _fields(claim: Claim) -> dict:
    """A claim without its quote and offsets (which differ between the two texts)."""
    found = claim.as_dict()
    for key in ("quote", "start", "end", "article_id"):
        found.pop(key)
    return found


def test_the_sentence_without_markup():
    found = claims_of(KURSK)
    assert len(found) == 1, found
    assert {k: v for k, v in _fields(found[0]).items() if k in EXPECTED} == EXPECTED


@pytest.mark.parametrize(("clean", "marked_up"), MARKED_UP)
def test_markup_gives_the_claims_of_the_sentence_without_it(clean, marked_up):
    want = [_fields(c) for c in claims_of(clean)]
    assert want, clean  # a variant proves something only if the plain sentence has a claim
    got = claims_of(marked_up)  # also checks text[start:end] == quote
    assert [_fields(c) for c in got] == want
    for claim in got:
        for value in (claim.actor, claim.region_name, claim.denominator, claim.claimant):
            assert value is None or not set(value) & set("<>=()"), claim


def test_quote_keeps_the_markup_as_written():
    text = f"Kyiv was quiet. Russian forces have captured over 29% of the Kursk region {TAG}, " \
        "the ministry said."
    (claim,) = claims_of(text)
    assert claim.quote == text[len("Kyiv was quiet. "):]
    assert (claim.start, claim.end) == (16, len(text))


def test_cli_lists_one_claim_for_a_marked_up_sentence(tmp_path):
    from geo.cli.main import main

    path = tmp_path / "marked_up.txt"
    # The tracker's report: a second claim named by a piece of the tag.
    path.write_text(MARKED_UP[2].values[1] + "\n", encoding="utf-8")
    db = tmp_path / "claims.sqlite"
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", "--quiet", "--db", str(db), str(path)])
    assert ingested.exit_code == 0, ingested.output
    listed = runner.invoke(main, ["claims", "--format", "json", "--db", str(db)])
    assert listed.exit_code == 0, listed.output
    claims = json.loads(listed.output)
    assert len(claims) == 1, claims
    assert {k: claims[0][k] for k in EXPECTED} == EXPECTED


# -- the noise itself ------------------------------------------------------------------------

PROSE = [
    "MOSCOW (Reuters) - Russia's forces took 5 village(s), Kyiv's army said.",
    "Ukraine holds > 50% and <10% of the area; A -- B ... C, US$5 and AT&T, 3/4 of it.",
    "Côte d'Ivoire, Ma'arat al-Numan and Dar'a (Syria) are named; e-mail: 1,000 km².",
    "The army said: \"We hold [the town]\" — and {the rest}.",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_holds_no_noise(text):
    from geo.claims.markup import clean_text

    cleaned = clean_text(text)
    assert cleaned.noise == ()
    assert cleaned.text == text


@pytest.mark.parametrize(("clean", "marked_up"), [pytest.param(*p.values, id=p.id)
                                                  for p in MARKED_UP])
def test_clean_text_reads_as_the_sentence_without_markup(clean, marked_up):
    from geo.claims.markup import clean_text

    cleaned = clean_text(marked_up)
    assert cleaned.text == clean
    for i, char in enumerate(cleaned.text):  # every kept character points at itself
        assert char == " " or marked_up[cleaned.origin[i]] == char
    start, end = cleaned.original_span(0, len(cleaned.text))
    assert (marked_up[start], marked_up[end - 1]) == (clean[0], clean[-1])


def _claim(**fields) -> Claim:
    return Claim(article_id="a", action="captured", quote="q", start=0, end=1, **fields)


def test_a_field_stops_at_noise_and_a_name_of_noise_is_none():
    from geo.claims.markup import without_noise

    claim = _claim(actor="Russian forces <body onload", value=29.0, unit="percent",
                   region="RU-KRS", region_name="Kursk Oblast",
                   denominator="the Kursk region <script>", claimant="ministry")
    kept = without_noise(claim)
    assert (kept.actor, kept.denominator, kept.claimant) == (
        "Russian forces", "the Kursk region", "ministry")
    assert without_noise(_claim(actor="Russian forces", region_name="alert('X")) is None
    assert without_noise(_claim(actor="Russian forces", region_name="=")) is None
    named = _claim(value=3.0, region_name="alert('X")
    assert without_noise(named).region_name is None  # the quantity is still a claim
    plain = _claim(actor="Russia's forces", region_name="Côte d'Ivoire")
    assert without_noise(plain) is plain
