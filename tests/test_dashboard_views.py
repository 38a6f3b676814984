"""The view behind the dashboard's count, table, timeline and map: filters applied to the
compact columns read from a real store (`geo.store.reads`, `geo.views.columns`), as the app
does, and the mention rows and articles read back by id."""

from __future__ import annotations

import numpy as np
import pytest
from browser_support import PLACES, fill_sample_store, sample_articles

from dashboard.map import column_markers, map_payload
from dashboard.popups import popup_picks
from geo.access import local_editor
from geo.models import ROLES, Article, Mention, article_id
from geo.store.database import Store
from geo.store.reads import read_articles_by_id, read_columns, read_mention_rows
from geo.views.columns import distinct
from geo.views.filters import (
    MentionFilter,
    day_of,
    group_places,
    matching_articles,
    search_index,
    search_terms,
)

ALL = ("literal", "metonym", "adjectival")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The sample store, an undated article from another source (Kyiv, score 0.3) and a
    mention with no place."""
    db = tmp_path_factory.mktemp("views") / "store.sqlite"
    fill_sample_store(db)
    text = "Undated wire copy: Kyiv again."
    at = text.index("Kyiv")
    with Store(db) as s:
        s.add_article(Article(article_id(text), text, title="Undated", source="TASS"), [
            Mention("text", "Kyiv", at, at + 4, text, 0, "literal", PLACES["Kyiv"], 0.3, "test"),
            Mention("text", "Undated", 0, 7, text, 0, "literal", None, 0.2, "test")],
                editor=local_editor())
        yield s


@pytest.fixture(scope="module")
def columns(store):
    return read_columns(store)


@pytest.fixture(scope="module")
def index(store):
    return search_index(store.articles())


def shown(store, columns, index=None, **kwargs) -> list[dict]:
    """The rows a view with this filter shows, read as the app reads them."""
    flt = MentionFilter(**kwargs)
    allowed = matching_articles(index, flt.text) if flt.text else None
    return read_mention_rows(store, columns.ids[columns.mask(flt, allowed)].tolist())


def test_default_filter_keeps_mapped_literal_mentions(store, columns):
    out = shown(store, columns)
    assert {r["role"] for r in out} == {"literal"}
    assert all(r["lat"] is not None for r in out)
    assert len(out) == 7  # 6 sample literals + the undated one; the unplaced one is dropped
    assert int(columns.mask(MentionFilter(), mapped_only=False).sum()) == 8
    assert int((~columns.mapped).sum()) == 1


def test_each_filter(store, columns, index):
    assert {r["role"] for r in shown(store, columns, roles=("metonym",))} == {"metonym"}
    assert shown(store, columns, roles=()) == []
    assert {r["source"] for r in shown(store, columns, roles=ALL, sources=("TASS",))} == \
        {"TASS"}
    assert {r["country"] for r in shown(store, columns, roles=ALL, countries=("RU",))} == {"RU"}
    assert {r["feature"] for r in shown(store, columns, roles=ALL, features=("country",))} == \
        {"country"}
    assert [r["score"] for r in shown(store, columns, roles=ALL, min_score=0.5)] == [0.9] * 9
    march_13 = shown(store, columns, roles=ALL, date_from="2025-03-13", date_to="2025-03-13")
    assert {day_of(r) for r in march_13} == {"2025-03-13"} and len(march_13) == 5
    assert all(r["published"] for r in shown(store, columns, roles=ALL, date_from="2025-03-01"))
    sudzha = shown(store, columns, index, roles=ALL, text="SUDZHA")
    assert {r["title"] for r in sudzha} == {"Fighting continues near Sudzha"}
    assert shown(store, columns, index, roles=ALL, text="retaken")[0]["surface"] == "Sudzha"


def test_free_text_needs_the_matching_articles(columns):
    with pytest.raises(ValueError, match="text"):
        columns.mask(MentionFilter(text="Kyiv"))


def test_search_terms_and_matching():
    index = search_index([article for article, _ in sample_articles()])
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


def test_facets(columns):
    found = columns.facets()
    assert found.sources == ("Example Wire", "TASS")
    assert found.countries == ("RU", "UA")
    assert found.features == ("country", "city")  # in FEATURES order
    assert (found.first_day, found.last_day) == ("2025-03-12", "2025-03-13")


def test_mentions_per_day(columns):
    # Every dated mention counts (the undated article's two do not); roles in ROLES order.
    assert columns.per_day(columns.mask(MentionFilter(roles=ALL), mapped_only=False)) == [
        {"day": "2025-03-12", "role": "literal", "mentions": 3},
        {"day": "2025-03-12", "role": "metonym", "mentions": 1},
        {"day": "2025-03-13", "role": "literal", "mentions": 3},
        {"day": "2025-03-13", "role": "metonym", "mentions": 1},
        {"day": "2025-03-13", "role": "adjectival", "mentions": 1},
    ]
    assert columns.per_day(columns.mask(MentionFilter(roles=()))) == []


def test_places_table_and_summary(store, columns):
    keep = columns.mask(MentionFilter())
    table = columns.place_table(keep)
    assert table[0]["place"] == "Kyiv" and table[0]["mentions"] == 3
    assert (table[0]["literal"], table[0]["articles"]) == (3, 2)
    assert {"key", "lat", "lon", "articles"} <= set(table[0])
    assert [r["mentions"] for r in table] == sorted((r["mentions"] for r in table), reverse=True)
    assert columns.place_table(keep, limit=2) == table[:2]
    assert columns.summary(keep) == "7 mentions of 4 places in 3 articles"
    assert columns.summary(columns.mask(MentionFilter(roles=()))) == \
        "0 mentions of 0 places in 0 articles"
    one = columns.mask(MentionFilter(sources=("TASS",)))
    assert columns.summary(one) == "1 mention of 1 place in 1 article"


def test_places_grouped_for_popups(store):
    places = {p.name: p for p in group_places(store.mention_rows())}
    assert places["Kyiv"].counts == {"literal": 3}
    assert places["Kyiv"].articles == 2
    assert places["Moscow"].dominant_role() == "metonym"
    assert "Undated" not in places  # no place, no popup


def test_rows_and_articles_are_read_by_id_in_the_order_asked(store, columns):
    rows = store.mention_rows()
    assert read_mention_rows(store, list(columns.ids)) == rows
    assert read_mention_rows(store, [int(columns.ids[3]), int(columns.ids[0]), 10**9]) == \
        [rows[3], rows[0]]
    first = rows[0]["article_id"]
    assert read_mention_rows(store, article_id=first) == [r for r in rows
                                                          if r["article_id"] == first]
    wanted = [a.id for a in reversed(store.articles())]
    assert [a.id for a in read_articles_by_id(store, wanted)] == wanted
    assert read_articles_by_id(store, wanted)[0].text  # full articles, unlike the column heads
    assert all(a.text == "" for a in columns.articles)


def test_column_markers_and_popups_match_the_row_payload(store, columns):
    keep = columns.mask(MentionFilter(roles=ROLES))
    markers = column_markers(columns, keep, salt="v1")
    reference = map_payload(read_mention_rows(store, columns.ids[keep].tolist()))
    assert sorted(markers.places) == sorted(reference.places)
    assert markers.markers == reference.markers
    assert markers.key != column_markers(columns, keep, salt="v2").key
    limit, picks = popup_picks(columns, keep, limit=1)
    assert limit == 1 and len(picks) == len(markers.places)
    kyiv = next(i for i, p in enumerate(markers.places) if p[4] == "Kyiv")
    # Kyiv, literal: two mentions of 12 March and an undated one, which comes last.
    picked = read_mention_rows(store, picks[kyiv])
    assert len(picked) == 1 and picked[0]["published"] == "2025-03-12"
    assert np.all([len(p) >= 1 for p in picks])


def test_distinct_matches_numpy_unique():
    # `distinct` stands in for np.unique (whose hash table stays resident): same values, same
    # order, for index columns (with -1 for no place) and for wide keys.
    rng = np.random.default_rng(7)
    for size in (0, 1, 50, 5_000):
        indices = rng.integers(-1, 40, size)
        assert distinct(indices, 40).tolist() == np.unique(indices).tolist()
        wide = rng.integers(0, 2**40, size) * rng.integers(1, 3, size)
        assert distinct(wide).tolist() == np.unique(wide).tolist()
