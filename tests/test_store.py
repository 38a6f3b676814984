"""Store: round trips, idempotent writes, migrations and error conversion on real SQLite files."""

from __future__ import annotations

import dataclasses
import os
import re
import sqlite3
from pathlib import Path

import pytest

from geo.access import local_editor
from geo.errors import StoreError
from geo.io.readers import read_articles
from geo.models import Article, Mention, Place, article_id
from geo.store.database import MENTION_COLUMNS, SCHEMA_VERSION, Store


def _article(text: str, **fields: str | None) -> Article:
    return Article(id=article_id(text), text=text, **fields)


def _field(article: Article, field: str) -> str:
    value = article.title if field == "title" else article.text
    assert value is not None
    return value


def test_round_trip(store, seed, parse):
    article = read_articles(seed)[0]
    found = parse(article)
    assert {m.field for m in found} == {"title", "text"}
    assert store.add_article(article, found, editor=local_editor()) is True

    assert store.article(article.id) == article
    assert store.articles() == [article]
    rows = store.mention_rows()
    assert len(rows) == len(found)
    assert all(tuple(row) == MENTION_COLUMNS for row in rows)
    for row, mention in zip(rows, found, strict=True):  # parse order is the stored order
        assert _field(article, row["field"])[row["start"]:row["end"]] == row["surface"]
        assert (row["field"], row["surface"], row["start"], row["end"], row["sentence"],
                row["role"], row["score"], row["reason"]) == (
            mention.field, mention.surface, mention.start, mention.end, mention.sentence,
            mention.role, mention.score, mention.reason)
        assert (row["article_id"], row["title"], row["published"]) == (
            article.id, article.title, article.published)
        if mention.place is None:
            assert row["place_key"] is row["name"] is row["lat"] is row["geonameid"] is None
        else:
            place = mention.place
            assert (row["place_key"], row["name"], row["lat"], row["lon"], row["feature"],
                    row["country"], row["admin1"], row["geonameid"]) == (
                place.key, place.name, place.lat, place.lon, place.feature, place.country,
                place.admin1, place.geonameid)
    assert any(row["place_key"] is None for row in rows)  # "Sudzha" is unresolved
    places = {m.place.key for m in found if m.place is not None}
    assert store.counts() == {"articles": 1, "mentions": len(found), "places": len(places)}


def test_every_field_round_trips(store):
    article = Article(id=article_id("Text."), text="Text.", title="Kyïv “quoted”", source="S",
                      url="https://example.org/a?b=1", published="2025-03-12T10:00:00+00:00",
                      dateline="KYIV, Ukraine", path="x/y.txt")
    store.add_article(article, [], editor=local_editor())
    assert store.article(article.id) == article
    assert store.article("0" * 64) is None


def test_mention_order_title_first_then_offset(store):
    article = _article("Kyiv and Kursk", title="Kursk")
    place = Place("gn:1", "Kursk", 1.0, 2.0, "city", "RU", None)
    mentions = [
        Mention("text", "Kursk", 9, 14, "Kyiv and Kursk", 0, "literal", place, 0.5, "r"),
        Mention("text", "Kyiv", 0, 4, "Kyiv and Kursk", 0, "literal", None, 0.5, "r"),
        Mention("title", "Kursk", 0, 5, "Kursk", 0, "literal", place, 0.5, "r"),
    ]
    store.add_article(article, mentions, editor=local_editor())
    assert [(r["field"], r["start"]) for r in store.mention_rows()] == [
        ("title", 0), ("text", 0), ("text", 9)]


def test_same_article_twice_is_stored_once(store, seed, parse):
    article = read_articles(seed)[0]
    assert store.add_article(article, parse(article), editor=local_editor()) is True
    before = store.counts()
    again = dataclasses.replace(article, path="elsewhere.txt", title="Another title")
    assert store.add_article(again, [], editor=local_editor()) is False
    assert store.counts() == before
    assert store.article(article.id) == article


def test_places_are_upserted_by_key(store):
    old = Place("gn:538560", "Kursk", 51.0, 36.0, "city", "RU", None)
    new = dataclasses.replace(old, lat=51.7373, lon=36.1874, admin1="Kursk Oblast")
    for text, place in (("Kursk one", old), ("Kursk two", new)):
        mention = Mention("text", "Kursk", 0, 5, text, 0, "literal", place, 1.0, "r")
        store.add_article(_article(text), [mention], editor=local_editor())
    assert store.counts() == {"articles": 2, "mentions": 2, "places": 1}
    assert {(r["lat"], r["admin1"]) for r in store.mention_rows()} == {(51.7373, "Kursk Oblast")}


@pytest.mark.parametrize("mention", [
    Mention("text", "Kursk", 1, 6, "Kursk", 0, "literal", None, 1.0, "off by one"),
    Mention("title", "Kursk", 0, 5, "Kursk", 0, "literal", None, 1.0, "no title"),
])
def test_mention_that_does_not_match_its_field_writes_nothing(store, mention):
    with pytest.raises(StoreError, match="does not"):
        store.add_article(_article("Kursk is a city."), [mention], editor=local_editor())
    assert store.counts() == {"articles": 0, "mentions": 0, "places": 0}


def test_duplicate_mention_span_rolls_back_the_article(store):
    mention = Mention("text", "Kursk", 0, 5, "Kursk", 0, "literal", None, 1.0, "r")
    with pytest.raises(StoreError, match="cannot store article"):
        store.add_article(_article("Kursk."), [mention, mention], editor=local_editor())
    assert store.counts()["articles"] == 0


def test_a_batch_stores_what_one_by_one_does(store, tmp_path):
    # `add_articles` (bulk loading): one transaction, the same rows; an article already there
    # or twice in the batch is stored once; places upserted by key across the batch.
    old = Place("gn:538560", "Kursk", 51.0, 36.0, "city", "RU", None)
    new = dataclasses.replace(old, lat=51.7373, admin1="Kursk Oblast")
    items = []
    for text, place in (("Kursk one", old), ("Kursk two", new), ("Kursk one", old)):
        items.append((_article(text), [Mention("text", "Kursk", 0, 5, text, 0, "literal",
                                               place, 1.0, "r")], []))
    assert store.add_article(*items[0], editor=local_editor()) is True
    assert store.add_articles(items, editor=local_editor()) == [False, True, False]
    with Store(tmp_path / "one-by-one.sqlite") as other:
        for item in items:
            other.add_article(*item, editor=local_editor())
        assert store.counts() == other.counts() == {"articles": 2, "mentions": 2, "places": 1}
        assert store.mention_rows() == other.mention_rows()
    assert {(r["lat"], r["admin1"]) for r in store.mention_rows()} == {(51.7373, "Kursk Oblast")}


def test_a_bad_article_writes_nothing_of_its_batch(store):
    good = (_article("Kursk is a city."), [Mention("text", "Kursk", 0, 5, "Kursk is a city.", 0,
                                                   "literal", None, 1.0, "r")], [])
    bad = (_article("Sudzha."), [Mention("text", "Kursk", 0, 5, "Sudzha.", 0, "literal", None,
                                         1.0, "span does not match")], [])
    with pytest.raises(StoreError):
        store.add_articles([good, bad], editor=local_editor())
    assert store.counts() == {"articles": 0, "mentions": 0, "places": 0}


def test_mention_rows_has_no_limit(store):
    text = " ".join(["Kursk"] * 1500)
    place = Place("gn:538560", "Kursk", 51.7, 36.2, "city", "RU", None)
    mentions = [Mention("text", "Kursk", i * 6, i * 6 + 5, text, 0, "literal", place, 1.0, "r")
                for i in range(1500)]
    store.add_article(_article(text), mentions, editor=local_editor())
    assert len(store.mention_rows()) == 1500


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store, db_path):
    with sqlite3.connect(db_path) as raw:  # journal_mode is stored in the file
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with store._engine.connect() as conn:  # foreign_keys is per connection
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_reopening_does_not_migrate_again(db_path, seed, parse):
    article = read_articles(seed)[0]
    with Store(db_path) as first:
        first.add_article(article, parse(article), editor=local_editor())
        counts = first.counts()
    for _ in range(2):
        with Store(db_path) as again:
            assert again.counts() == counts
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "random.sqlite"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(info.value) == f"{path}: not a Conflict Map database (file is not a database)"


def test_other_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE articles (x)")
    with pytest.raises(StoreError, match=r"not a Conflict Map database .*no schema_version"):
        Store(path)


def test_any_other_sqlite_file_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "gazetteer.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE places_index (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"not a Conflict Map database \(has table places_index"):
        Store(path)
    assert path.read_bytes() == before  # no tables added, not switched to WAL
    assert not Path(f"{path}-wal").exists()


def _open_at(path: str, start: float, out) -> None:
    import time

    time.sleep(max(0.0, start - time.time()))
    try:
        Store(path).close()
        out.put("ok")
    except StoreError as err:
        out.put(str(err))


def test_processes_creating_one_new_database_at_once_all_open_it(tmp_path):
    import multiprocessing
    import time

    context = multiprocessing.get_context("fork")
    for attempt in range(5):
        path = str(tmp_path / f"new-{attempt}.sqlite")
        out = context.Queue()
        start = time.time() + 0.3
        workers = [context.Process(target=_open_at, args=(path, start, out)) for _ in range(3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
        assert [out.get(timeout=5) for _ in workers] == ["ok"] * 3
        with sqlite3.connect(path) as raw:
            versions = [v for (v,) in raw.execute("SELECT version FROM schema_version")]
        assert versions == [SCHEMA_VERSION]


def test_newer_schema_is_refused(db_path):
    Store(db_path).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("INSERT INTO schema_version VALUES (99, 'future')")
    with pytest.raises(StoreError, match="version 99 is newer"):
        Store(db_path)


def test_directory_as_database(tmp_path):
    with pytest.raises(StoreError, match=f"^{re.escape(str(tmp_path))}: cannot open"):
        Store(tmp_path)


def test_default_path_and_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONFLICT_MAP_DB", raising=False)
    Store().close()
    assert (tmp_path / "data" / "conflict_map.sqlite").exists()
    monkeypatch.setenv("CONFLICT_MAP_DB", str(tmp_path / "env.sqlite"))
    with Store() as store:
        assert store.location == str(tmp_path / "env.sqlite")
    assert (tmp_path / "env.sqlite").exists()


def test_sqlalchemy_url(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'url.sqlite'}") as store:
        assert store.counts()["articles"] == 0
    assert Path(tmp_path / "url.sqlite").exists()


def test_geocode_cache(store):
    assert store.cache_get("nominatim", "Kursk") is None
    store.cache_put("nominatim", "Kursk", '[{"lat": 51.7}]')
    store.cache_put("nominatim", "Kursk", '[{"lat": 51.73}]')
    assert store.cache_get("nominatim", "Kursk") == '[{"lat": 51.73}]'
    assert store.cache_get("photon", "Kursk") is None


def test_closed_store(db_path):
    store = Store(db_path)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()
