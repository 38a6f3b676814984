"""Stored articles read again (`conflict-map reparse`, `geo.io.reparse`): new mentions and claims
in place of the old, one transaction per article, everything else as stored."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from geo.access import local_editor
from geo.cli.main import main
from geo.io.reparse import reparse_stored
from geo.models import Article, Claim, article_id

TEXTS = ["Shelling near Kursk. Kyiv said Kharkiv was calm.",
         "Russian forces took Sudzha near Kursk, Moscow said."]


def _article(text: str) -> Article:
    return Article(id=article_id(text), text=text, title=f"About {text.split()[2]}",
                   source="Wire", published="2025-03-01")


def _claim(article: Article) -> Claim:
    return Claim(article.id, "captured", article.text, 0, len(article.text),
                 actor="Russian forces", region_name="Sudzha")


@pytest.fixture
def filled(store, parse):
    """Two articles stored with the stand-in parser's mentions and a claim each, and a claim
    entered by hand."""
    articles = [_article(t) for t in TEXTS]
    for article in articles:
        store.add_article(article, parse(article), [_claim(article)], editor=local_editor())
    store.add_manual_claim(Claim("", "captured", "Kharkiv is held.", 0, 16, actor="Ukraine",
                                 region_name="Kharkiv"), "https://example.org/note",
                           editor=local_editor())
    return store, articles


def _state(store) -> tuple:
    rows = sorted((r["article_id"], r["surface"], r["start"], r["role"])
                  for r in store.mention_rows())
    claims = sorted((c["article_id"] or "", c["action"], c["region_name"] or "")
                    for c in store.claims())
    return rows, claims


def test_mentions_and_claims_are_replaced_and_the_rest_stays(filled, parse):
    store, articles = filled
    stored = len(store.mention_rows())
    fewer = lambda a: [m for m in parse(a) if m.surface != "Kursk"]  # noqa: E731
    report = reparse_stored(store, parse=fewer, extract=lambda _a, _m: [],
                            editor=local_editor())
    assert report.done == [a.id for a in articles] and not report.failed
    assert (report.mentions_before, report.claims_before, report.claims) == (stored, 2, 0)
    assert report.mentions == len(store.mention_rows()) < stored
    rows, claims = _state(store)
    assert rows and not any(surface == "Kursk" for _a, surface, _s, _r in rows)
    assert claims == [("", "captured", "Kharkiv")]  # the hand-entered one stays
    assert [(a.title, a.source, a.published) for a in store.articles()] == [
        (a.title, a.source, a.published) for a in articles]
    logged = [a for a in store.actions() if a["action"] == "reparse"]
    assert len(logged) == 2 and "(were 1)" in logged[0]["detail"]
    # Read again with the same readers: the same rows.
    again = reparse_stored(store, parse=fewer, extract=lambda _a, _m: [],
                           editor=local_editor())
    assert _state(store) == (rows, claims) and again.mentions == report.mentions


def test_a_failure_leaves_its_article_as_it_was(filled, parse):
    store, articles = filled
    before = _state(store)

    def extract(article, _mentions):
        if "Sudzha" in article.text:
            raise RuntimeError("odd text")
        return [_claim(article)]

    report = reparse_stored(store, parse=lambda a: [], extract=extract, editor=local_editor())
    assert report.done == [articles[0].id]
    assert report.failed == [(articles[1].id[:12], "parser failed: RuntimeError: odd text")]
    rows, claims = _state(store)
    assert {a for a, *_ in rows} == {articles[1].id}  # only the failed one keeps mentions
    assert rows == [r for r in before[0] if r[0] == articles[1].id]
    assert len(claims) == 3


def test_an_article_deleted_meanwhile_is_counted_gone(filled, parse):
    store, articles = filled
    store.delete_article(articles[0].id, editor=local_editor())
    report = reparse_stored(store, [articles[0].id, articles[1].id], parse=parse,
                            extract=lambda _a, _m: [], editor=local_editor())
    assert report.gone == [articles[0].id] and report.done == [articles[1].id]
    assert store.article(articles[0].id) is None


def test_the_command_reads_the_seed_again_with_the_real_readers(store_url, seed,
                                                                 requires_gazetteer):
    """Stored with nothing read (as by an older version), the seed gets its places and its
    claim from `conflict-map reparse`."""
    from geo.io.readers import read_articles
    from geo.store.database import Store

    article = next(iter(read_articles(seed)))
    with Store(store_url) as store:
        store.add_article(article, [], [], editor=local_editor())
    runner = CliRunner()
    bad = runner.invoke(main, ["reparse", "--db", str(store_url), "zz"])
    assert bad.exit_code == 2 and "no stored article's id starts with 'zz'" in bad.output
    result = runner.invoke(main, ["reparse", "--db", str(store_url), article.id[:8]])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 article read again: ")
    with Store(store_url) as store:
        names = {r["name"] for r in store.mention_rows()}
        claims = store.claims()
    assert {"Kursk Oblast", "Sudzha", "Moscow", "Kyiv"} <= names, names
    assert [(c["action"], c["value"], c["region"]) for c in claims] == [
        ("regained", 86.0, "RU-KRS")]


def test_two_processes_store_what_one_does(tmp_path, seed, requires_gazetteer):
    """`workers=2` parses on two processes; the rows are those of a run in this process."""
    from geo.io.readers import read_articles
    from geo.store.database import Store

    texts = [next(iter(read_articles(seed))).text,
             "Ukrainian forces recaptured Robotyne in the Zaporizhzhia region, the army said."]
    states = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.sqlite") as store:
            for text in texts:
                store.add_article(Article(id=article_id(text), text=text), [], [],
                                  editor=local_editor())
            report = reparse_stored(store, workers=workers, editor=local_editor())
            assert len(report.done) == 2 and not report.failed
            states.append(_state(store))
    assert states[0] == states[1] and states[0][0] and states[0][1]
