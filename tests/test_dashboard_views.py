"""geo/views/filters.py: the filters, facets and aggregates behind the dashboard's count and
table."""

from __future__ import annotations

import pytest
from browser_support import sample_articles, sample_rows

from geo.views.filters import (
    MentionFilter,
    day_of,
    facets,
    filter_mentions,
    group_places,
    matching_articles,
    mentions_per_day,
    place_table,
    search_index,
    search_terms,
    summary,
)

ALL = ("literal", "metonym", "adjectival")


@pytest.fixture
def rows() -> list[dict]:
    out = sample_rows()
    # An undated article from another source, and a mention without coordinates.
    extra = {**out[0], "article_id": "c" * 64, "published": None, "source": "TASS",
             "score": 0.3, "title": "Undated"}
    unplaced = {**out[1], "place_key": None, "lat": None, "lon": None, "name": None}
    return [*out, extra, unplaced]


@pytest.fixture
def index():
    return search_index([article for article, _ in sample_articles()])


def kept(rows, index=None, **kwargs):
    return filter_mentions(rows, MentionFilter(**kwargs), index=index)


def test_default_filter_keeps_mapped_literal_mentions(rows):
    out = kept(rows)
    assert {r["role"] for r in out} == {"literal"}
    assert all(r["lat"] is not None for r in out)
    assert len(out) == 7  # 6 sample literals + the undated one; the unplaced one is dropped
    assert len(filter_mentions(rows, MentionFilter(), mapped_only=False)) == 8


def test_each_filter(rows, index):
    assert {r["role"] for r in kept(rows, roles=("metonym",))} == {"metonym"}
    assert kept(rows, roles=()) == []
    assert {r["source"] for r in kept(rows, roles=ALL, sources=("TASS",))} == {"TASS"}
    assert {r["country"] for r in kept(rows, roles=ALL, countries=("RU",))} == {"RU"}
    assert {r["feature"] for r in kept(rows, roles=ALL, features=("country",))} == {"country"}
    assert [r["score"] for r in kept(rows, roles=ALL, min_score=0.5)] == [0.9] * 9
    march_13 = kept(rows, roles=ALL, date_from="2025-03-13", date_to="2025-03-13")
    assert {day_of(r) for r in march_13} == {"2025-03-13"} and len(march_13) == 5
    assert all(r["published"] for r in kept(rows, roles=ALL, date_from="2025-03-01"))
    sudzha = kept(rows, index, roles=ALL, text="SUDZHA")
    assert {r["title"] for r in sudzha} == {"Fighting continues near Sudzha"}


def test_free_text_needs_the_index(rows):
    with pytest.raises(ValueError, match="search index"):
        kept(rows, text="Kyiv")


def test_search_terms_and_matching(index):
    assert search_terms('  "Air  defences" kharkiv ') == ("air defences", "kharkiv")
    assert search_terms('""') == ()
    kyiv_article = next(a.id for a, _ in sample_articles() if "Kyiv" in a.title)
    assert matching_articles(index, '"air defences" KHARKIV') == {kyiv_article}
    assert matching_articles(index, '"defences air"') == set()
    assert matching_articles(index, "") == set(index)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"roles": ("capital",)}, "unknown role"),
    ({"features": ("planet",)}, "unknown feature"),
    ({"min_score": 1.5}, "min_score"),
    ({"date_from": "2025-3-1"}, "ISO day"),
    ({"date_from": "2025-02-30"}, "ISO day"),
    ({"date_from": "2025-03-02", "date_to": "2025-03-01"}, "after"),
])
def test_bad_filters(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MentionFilter(**kwargs)


def test_filter_is_hashable_and_normalised():
    flt = MentionFilter(sources=["A"], text="  a   b ")
    assert flt.sources == ("A",) and flt.text == "a b"
    assert hash(flt) == hash(MentionFilter(sources=("A",), text="a b"))


def test_facets(rows):
    found = facets(rows)
    assert found.sources == ("Example Wire", "TASS")
    assert found.countries == ("RU", "UA")
    assert found.features == ("country", "city")  # in FEATURES order
    assert (found.first_day, found.last_day) == ("2025-03-12", "2025-03-13")


def test_mentions_per_day(rows):
    # Every dated row counts (the undated one does not); roles in ROLES order within a day.
    assert mentions_per_day(rows) == [
        {"day": "2025-03-12", "role": "literal", "mentions": 4},
        {"day": "2025-03-12", "role": "metonym", "mentions": 1},
        {"day": "2025-03-13", "role": "literal", "mentions": 3},
        {"day": "2025-03-13", "role": "metonym", "mentions": 1},
        {"day": "2025-03-13", "role": "adjectival", "mentions": 1},
    ]
    assert mentions_per_day([]) == []


def test_places_and_summary(rows):
    places = {p.name: p for p in group_places(rows)}
    assert places["Kyiv"].counts == {"literal": 3}
    assert places["Kyiv"].articles == 2
    assert places["Moscow"].dominant_role() == "metonym"
    table = place_table(rows)
    assert table[0]["place"] == "Kyiv" and table[0]["mentions"] == 3
    assert {"key", "lat", "lon", "articles"} <= set(table[0])
    assert summary(kept(rows)) == "7 mentions of 4 places in 3 articles"
    assert summary([]) == "0 mentions of 0 places in 0 articles"
