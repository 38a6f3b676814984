"""The map's box and time query on both backends: in the database on PostGIS, over the in-memory
columns on SQLite; the same mentions either way, and the same as working it out row by row."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geo.access import local_editor
from geo.cli.main import main
from geo.models import Article, article_id
from geo.store.database import Store
from geo.store.reads import read_columns, read_mention_ids_in_view, read_mention_rows

TEXTS = [  # (published, text): the fake parser finds the capitalised place names
    ("2025-03-01", "Shelling near Kursk.\nKyiv said Kharkiv was calm."),
    ("2025-03-05T08:00:00+00:00", "Moscow said Ukraine lost Sudzha."),
    ("2025-03-09", "Kharkiv and Kyiv were quiet."),
    (None, "Undated: Kursk again, and Moscow."),
]
BOXES = {
    "kursk": (35.5, 51.0, 37.0, 52.0),
    "ukraine and kursk": (29.0, 44.0, 41.0, 53.0),
    "everywhere": (-180.0, -90.0, 180.0, 90.0),
    "across the antimeridian": (170.0, 40.0, 31.0, 60.0),  # 170°E eastwards to 31°E
    "nowhere": (-10.0, -10.0, 10.0, 10.0),
}
DAYS = [(None, None), ("2025-03-02", None), (None, "2025-03-05"), ("2025-03-05", "2025-03-05")]


@pytest.fixture
def filled(store, parse) -> Store:
    for published, text in TEXTS:
        article = Article(id=article_id(text), text=text, published=published, source="Wire")
        store.add_article(article, parse(article), editor=local_editor())
    return store


def _by_hand(rows: list[dict], box, date_from, date_to) -> list[dict]:
    west, south, east, north = box
    out = []
    for row in rows:
        if row["lat"] is None or not south <= row["lat"] <= north:
            continue
        inside = west <= row["lon"] <= east if west <= east else \
            (row["lon"] >= west or row["lon"] <= east)
        day = (row["published"] or "")[:10] or None
        if (date_from or date_to) and day is None:
            continue
        if inside and (not date_from or day >= date_from) and (not date_to or day <= date_to):
            out.append(row)
    return out


@pytest.mark.parametrize("box_name", BOXES)
@pytest.mark.parametrize(("date_from", "date_to"), DAYS)
def test_box_and_days(filled, box_name, date_from, date_to):
    box = BOXES[box_name]
    ids = read_mention_ids_in_view(filled, box, date_from=date_from, date_to=date_to)
    expected = _by_hand(filled.mention_rows(), box, date_from, date_to)
    assert read_mention_rows(filled, ids) == expected
    if box_name != "nowhere" and (date_from, date_to) == (None, None):
        assert expected
    # The columns a caller (the dashboard) already holds give the same answer.
    assert read_mention_ids_in_view(filled, box, date_from=date_from, date_to=date_to,
                                    columns=read_columns(filled)) == ids


def test_bad_day_is_refused(filled):
    with pytest.raises(ValueError, match="ISO day"):
        read_mention_ids_in_view(filled, BOXES["everywhere"], date_from="March")


def test_cli_mentions_in_a_box_and_days(filled, store_url):
    result = CliRunner().invoke(main, ["mentions", "--db", str(store_url), "--format", "json",
                                       "--bbox", "35.5,51,37,52", "--from", "2025-03-01"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["name"], r["published"]) for r in rows] == [("Kursk", "2025-03-01")]
    bad = CliRunner().invoke(main, ["mentions", "--db", str(store_url), "--bbox", "1,2,3"])
    assert bad.exit_code == 2 and "expected four numbers W,S,E,N" in bad.output


def test_an_untitled_article_is_listed_by_its_opening_words(store, parse):
    """The heads the dashboard lists: a title as stored, else the text's first sentence in
    quotation marks (whitespace collapsed, cut near 90 characters); the stored title stays
    empty, and an empty title counts as none."""
    long = ("Rebels of the M23 movement seized the airport of Kavumu on Friday, a vital supply "
            "hub north of Bukavu in South Kivu, after days of fighting. More followed.")
    articles = [Article(id=article_id(t), text=t, title=title) for title, t in (
        ("Calm in Kyiv", "Kyiv was calm."), (None, "Rebels seized\n  Kidal. Then they left."),
        ("", long))]
    for article in articles:
        store.add_article(article, parse(article), editor=local_editor())
    heads = {a.id: a.title for a in read_columns(store).articles}
    assert [heads[a.id] for a in articles] == [
        "Calm in Kyiv", "“Rebels seized Kidal.”",
        "“Rebels of the M23 movement seized the airport of Kavumu on Friday, a vital supply "
        "hub…”"]
    assert store.article(articles[1].id).title is None
