"""Writes need an editor: every write of the store and of ingestion refuses None and writes
nothing, each write is logged with who and when, and an editor can delete an article whole.
The shared editor password locks after repeated failures; a stranger's sign-in is a viewer."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from geo.access import PasswordGate, editor_allowlist, local_editor, signed_in_editor
from geo.errors import NotAnEditor
from geo.io.ingest import ingest_paths
from geo.io.readers import read_articles
from geo.models import Article, Claim, Editor, article_id

ANA = Editor("ana@example.org", "oidc")


def _area() -> dict:
    return {"name": "A", "actor": "Russia", "status": "claimed", "date": "2025-03-12",
            "source": None, "file": "a.geojson", "area_km2": 1.0,
            "wkb": box(35.0, 51.0, 36.0, 52.0).wkb}


def _claim(article: Article) -> Claim:
    return Claim(article.id, "captured", article.text, 0, len(article.text), region="RU-KRS")


def _rows(store) -> tuple:
    return (store.counts(), len(store.claims()), len(store.areas()), store.actions())


@pytest.mark.parametrize("viewer", [None, "ana@example.org", {"name": "ana"}])
def test_every_write_refuses_a_viewer_and_writes_nothing(store, seed, parse, viewer):
    article = read_articles(seed)[0]
    before = _rows(store)
    writes = [
        lambda: store.add_article(article, parse(article), [], editor=viewer),
        lambda: store.add_articles([(article, parse(article), [])], editor=viewer),
        lambda: store.add_claims(article, [_claim(article)], editor=viewer),
        lambda: store.add_manual_claim(_claim(article), "https://example.org", editor=viewer),
        lambda: store.add_areas([_area()], editor=viewer),
        lambda: store.delete_article(article.id, editor=viewer),
        lambda: ingest_paths([seed], store, parse=parse, editor=viewer),
    ]
    for write in writes:
        with pytest.raises(NotAnEditor, match="only a signed-in editor may write"):
            write()
    assert _rows(store) == before


def test_a_write_without_any_editor_argument_is_a_type_error(store, seed, parse):
    article = read_articles(seed)[0]
    with pytest.raises(TypeError, match="editor"):
        store.add_article(article, parse(article))  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="editor"):
        ingest_paths([seed], store, parse=parse)  # type: ignore[call-arg]


def test_writes_are_logged_with_their_editor(store, seed, parse):
    report = ingest_paths([seed], store, parse=parse, editor=ANA)
    (stored,) = report.new
    store.add_manual_claim(Claim("", "captured", "Sudzha fell", 0, 11, region="RU-KRS"),
                           "https://example.org/x", editor=local_editor())
    store.add_areas([_area()], editor=ANA)
    store.add_areas([_area()], editor=ANA)  # already stored: nothing new, nothing logged
    log = store.actions()
    assert [(a["action"], a["editor"], a["how"]) for a in log] == [
        ("areas", "ana@example.org", "oidc"),
        ("claim", local_editor().name, "local"),
        ("add", "ana@example.org", "oidc")]
    assert log[2]["article_id"] == stored and log[2]["detail"] == read_articles(seed)[0].title
    assert log[0]["at"] > log[1]["at"] > log[2]["at"]
    again = ingest_paths([seed], store, parse=parse, editor=local_editor())
    assert again.duplicate == [stored] and len(store.actions()) == 3  # a duplicate: no entry


def test_deleting_an_article_removes_it_whole_and_keeps_the_others(store, parse):
    texts = ["Russian forces took Sudzha in Kursk.", "Fighting near Kyiv and Kharkiv."]
    articles = [Article(article_id(t), t, title=f"T{i}") for i, t in enumerate(texts)]
    for a in articles:
        store.add_article(a, parse(a), [_claim(a)], editor=ANA)
    keep = (store.article(articles[1].id), [r for r in store.mention_rows()
                                            if r["article_id"] == articles[1].id])
    places = store.counts()["places"]
    assert store.delete_article(articles[0].id, editor=local_editor()) is True
    assert store.article(articles[0].id) is None
    assert all(r["article_id"] != articles[0].id for r in store.mention_rows())
    assert [c["article_id"] for c in store.claims()] == [articles[1].id]
    assert (store.article(articles[1].id), store.mention_rows()) == keep
    assert store.counts() == {"articles": 1, "mentions": len(keep[1]), "places": places}
    deleted = store.actions()[0]
    assert (deleted["action"], deleted["article_id"], deleted["detail"], deleted["how"]) == (
        "delete", articles[0].id, "T0", "local")
    assert store.delete_article(articles[0].id, editor=local_editor()) is False
    # Gone means gone: ingesting it again stores it again (no stale duplicate mark).
    assert store.add_article(articles[0], parse(articles[0]), [], editor=ANA) is True


def test_the_password_gate_locks_after_repeated_failures_and_opens_again():
    now = [0.0]
    gate = PasswordGate("correct horse", max_failures=3, lock_seconds=120,
                        clock=lambda: now[0])
    assert gate.check("correct horse", "ana") == Editor("ana", "password")
    for attempt in ("guess", "", "correct horse " * 50):
        assert gate.check(attempt, "eve") is None
    assert gate.locked_for() == 120
    assert gate.check("correct horse", "ana") is None  # locked for everyone
    now[0] = 119.9
    assert gate.check("correct horse", "ana") is None
    now[0] = 120.0
    assert gate.locked_for() == 0 and gate.check("correct horse", "ana") is not None
    for _ in range(2):
        gate.check("wrong")
    assert gate.check("correct horse") is not None  # a success starts the count again
    for _ in range(2):
        gate.check("wrong")
    assert gate.locked_for() == 0


def test_an_empty_password_is_refused():
    with pytest.raises(ValueError, match="anyone"):
        PasswordGate("")


def test_only_allowlisted_verified_addresses_are_editors():
    allow = editor_allowlist(["Ana@Example.org", "", 3, " bo@example.org "])
    assert allow == {"ana@example.org", "bo@example.org"}
    assert signed_in_editor("ana@EXAMPLE.org", allow) == ANA
    assert signed_in_editor("eve@example.org", allow) is None
    assert signed_in_editor("ana@example.org", allow, verified=False) is None
    assert signed_in_editor(None, allow) is None
    assert signed_in_editor("ana@example.org", editor_allowlist(None)) is None
    with pytest.raises(ValueError):
        Editor("  ")
