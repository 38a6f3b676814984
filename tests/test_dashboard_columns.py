"""geo.views.columns.MentionColumns and the readers in geo.io.export: the compact path the
dashboard uses must show exactly what the row functions show, on a real store."""

from __future__ import annotations

import numpy as np
import pytest
from browser_support import PLACES, fill_sample_store

from dashboard.map import column_markers, map_payload, popup_picks
from geo.models import ROLES, Article, Mention, article_id
from geo.store.database import Store
from geo.store.reads import read_articles_by_id, read_columns, read_mention_rows
from geo.views.filters import (
    MentionFilter,
    facets,
    filter_mentions,
    matching_articles,
    mentions_per_day,
    place_table,
    search_index,
    summary,
)

FILTERS = [
    MentionFilter(),
    MentionFilter(roles=ROLES),
    MentionFilter(roles=()),
    MentionFilter(roles=ROLES, countries=("RU",), min_score=0.5),
    MentionFilter(roles=("literal", "metonym"), date_from="2025-03-13"),
    MentionFilter(roles=ROLES, date_to="2025-03-12", features=("city",)),
    MentionFilter(roles=ROLES, sources=("TASS",)),
    MentionFilter(roles=ROLES, text="retaken"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("columns") / "store.sqlite"
    fill_sample_store(db)
    text = "Undated wire copy: Kyiv again."
    at = text.index("Kyiv")
    with Store(db) as s:
        # An undated article from another source, and a mention with no place.
        s.add_article(Article(article_id(text), text, title="Undated", source="TASS"), [
            Mention("text", "Kyiv", at, at + 4, text, 0, "literal", PLACES["Kyiv"], 0.3, "test"),
            Mention("text", "Undated", 0, 7, text, 0, "literal", None, 0.2, "test")])
        yield s


def test_columns_match_the_row_functions(store):
    rows = store.mention_rows()
    columns = read_columns(store)
    index = search_index(store.articles())
    assert len(columns.ids) == len(rows) == 11  # 9 sample mentions and 2 undated
    assert columns.facets() == facets(rows)
    assert int((~columns.mapped).sum()) == 1
    for flt in FILTERS:
        shown = filter_mentions(rows, flt, index=index)
        keep = columns.mask(flt, matching_articles(index, flt.text) if flt.text else None)
        assert int(keep.sum()) == len(shown), flt
        assert columns.summary(keep) == summary(shown), flt
        assert columns.place_table(keep) == place_table(shown), flt
        assert columns.per_day(keep) == mentions_per_day(shown), flt
    assert columns.place_table(columns.mask(MentionFilter()), limit=2) == \
        place_table(filter_mentions(rows, MentionFilter()))[:2]
    with pytest.raises(ValueError, match="text"):
        columns.mask(MentionFilter(text="Kyiv"))


def test_rows_and_articles_are_read_by_id_in_the_order_asked(store):
    rows = store.mention_rows()
    columns = read_columns(store)
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


def test_column_markers_and_popups_match_the_row_payload(store):
    rows = store.mention_rows()
    columns = read_columns(store)
    keep = columns.mask(MentionFilter(roles=ROLES))
    markers = column_markers(columns, keep, salt="v1")
    reference = map_payload(filter_mentions(rows, MentionFilter(roles=ROLES)))
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
