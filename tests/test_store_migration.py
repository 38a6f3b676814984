"""Schema migrations 2 (claim provenance, claims-extracted mark, areas) and 3 (claim point,
denominator kind, as-of date) on a version-1 database."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine

from geo.access import local_editor
from geo.models import Article, Claim, article_id
from geo.store.database import Store
from geo.store.schema import SCHEMA_VERSION, _migrate_1, schema_version_table

TEXT = "Russian forces have regained over 86% of the land. Shelling continued near Sudzha."
QUIET = "Nothing happened in Kyiv today."


def _version_1_database(path) -> tuple[str, str]:
    """A database as version 1 left it: one article with a claim, one without."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        schema_version_table.create(conn)
        _migrate_1(conn)
        conn.execute(schema_version_table.insert(), {"version": 1, "applied_at": "2025-01-01"})
        for text in (TEXT, QUIET):
            conn.exec_driver_sql(
                "INSERT INTO articles (id, text, ingested_at) VALUES (?, ?, ?)",
                (article_id(text), text, "2025-01-01T00:00:00"))
        conn.exec_driver_sql(
            "INSERT INTO claims (article_id, action, value, unit, quote, quote_start, quote_end,"
            " negated) VALUES (?, 'regained', 86, 'percent', ?, 0, 50, 0)",
            (article_id(TEXT), TEXT[:50]))
    engine.dispose()
    return article_id(TEXT), article_id(QUIET)


def _columns(path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as raw:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(r[1] for r in raw.execute(f"PRAGMA table_info({t})")) for t in tables}


def test_version_1_database_is_migrated_in_place(tmp_path):
    old = tmp_path / "old.sqlite"
    with_claim, without = _version_1_database(old)
    with Store(old) as store:
        (claim,) = store.claims()
        assert (claim["article_id"], claim["value"], claim["origin"]) == (with_claim, 86.0,
                                                                          "text")
        assert claim["quote"] == TEXT[:50] and (claim["start"], claim["end"]) == (0, 50)
        assert (claim["place_id"], claim["lat"], claim["denominator_kind"], claim["as_of"]) == (
            None, None, None, None)
        # Articles with claims went through extraction; the other one is redone once.
        assert store.claims_extracted(with_claim) is True
        assert store.claims_extracted(without) is False
        store.add_manual_claim(Claim("", "captured", "Sudzha fell", 0, 11, region="RU-KRS"),
            editor=local_editor())
        assert [c["origin"] for c in store.claims()] == ["text", "manual"]
        assert store.areas() == []
        # Writes from before the log have no entry; the one made now has.
        assert [(a["action"], a["how"]) for a in store.actions()] == [("claim", "local")]
    with sqlite3.connect(old) as raw:
        versions = [v for (v,) in raw.execute("SELECT version FROM schema_version")]
        assert versions == [1, 2, 3, 4] == list(range(1, SCHEMA_VERSION + 1))
        assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'claims_v1'"
                           ).fetchone() == (0,)
    fresh = tmp_path / "fresh.sqlite"
    Store(fresh).close()
    assert _columns(old) == _columns(fresh)


def test_claims_survive_their_article_only_when_manual(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        article = Article(id=article_id(TEXT), text=TEXT)
        store.add_article(article, [], [Claim(article.id, "regained", TEXT[:50], 0, 50)],
            editor=local_editor())
        store.add_manual_claim(Claim("", "captured", "Sudzha fell", 0, 11),
                               "https://example.org/x", editor=local_editor())
        rows = store.claims()
        assert [(r["origin"], r["url"], r["start"]) for r in rows] == [
            ("text", None, 0), ("manual", "https://example.org/x", None)]
