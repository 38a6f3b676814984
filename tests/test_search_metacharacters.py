"""Search and filter strings with SQL and regular-expression metacharacters (issue 16's
security acceptance): they find exactly the articles that contain them as typed, through the
dashboard's URL as a shared link would carry them, and change nothing stored."""

from __future__ import annotations

import pytest
from test_app import count, run_app

from geo.access import local_editor
from geo.models import Article, Mention, Place, article_id
from geo.store.database import Store

KYIV = Place("gn:703448", "Kyiv", 50.45466, 30.5238, "city", "UA", None)
TEXTS = ("Kyiv: losses (est.) [sic] were 50% higher; see $x.*",
         "Kyiv said the talks ended. '; DROP TABLE articles; --",
         "Kyiv reported calm weather.")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "search.sqlite"
    with Store(path) as store:
        for text in TEXTS:
            store.add_article(Article(id=article_id(text), text=text, title="Kyiv report",
                                      published="2025-03-12"),
                              [Mention("text", "Kyiv", 0, 4, text, 0, "literal", KYIV, 1.0,
                                       "test")], editor=local_editor())
    return path


@pytest.mark.parametrize(("query", "found"), [
    ("(est.) [sic]", 1), ("$x.*", 1), ("50%", 1), ("'; DROP TABLE articles; --", 1),
    ("DROP TABLE", 1), (".*", 1), ("%", 1), ("_", 0), ("[a-z]+", 0), ("' OR '1'='1", 0),
    ("\\", 0), ("kyiv", 3),
])
def test_metacharacters_find_what_is_written_and_change_nothing(monkeypatch, db, query,
                                                                  found):
    with Store(db) as store:
        before = store.counts()
    at = run_app(monkeypatch, db, {"q": query})
    assert not at.exception
    articles = "1 article" if found == 1 else f"{found} articles"
    assert count(at).endswith(f"in {articles}") if found else "Nothing matches" in " ".join(
        i.value for i in at.info)
    with Store(db) as store:
        assert store.counts() == before
