"""Ingest: files to stored articles, one transaction each; bad input is reported, never fatal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.access import local_editor
from geo.errors import GazetteerError
from geo.io.ingest import IngestReport, collect_files, ingest_paths
from geo.io.readers import read_articles
from geo.models import Mention

DATA = Path(__file__).parent / "data"
GOOD = ["section_dateline.txt", "reuters.txt", "plain.txt", "article.md", "article.html"]


@pytest.fixture
def corpus(tmp_path, seed) -> Path:
    """A folder of good articles: the seed and the single-article fixtures."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(seed, folder / seed.name)
    for name in GOOD:
        shutil.copy(DATA / name, folder / name)
    return folder


def test_collect_files_walks_sorted_and_skips_hidden(tmp_path):
    for name in ["b.txt", "a.json", "sub/c.md", "sub/d.html", ".hidden.txt", ".git/e.txt",
                 "notes.pdf", "sub/f.JSONL"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = collect_files([tmp_path, tmp_path / "b.txt", tmp_path / "notes.pdf"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.json", "b.txt", "sub/c.md", "sub/d.html", "sub/f.JSONL", "notes.pdf"]


def test_ingest_stores_every_article(corpus, store, parse):
    report = ingest_paths([corpus], store, parse=parse, editor=local_editor())
    assert len(report.new) == 6
    assert (report.duplicate, report.failed) == ([], [])
    assert store.counts()["articles"] == 6
    by_id = {a.id: a for a in store.articles()}
    for row in store.mention_rows():
        article = by_id[row["article_id"]]
        value = article.title if row["field"] == "title" else article.text
        assert value[row["start"]:row["end"]] == row["surface"]
    assert {a.path for a in by_id.values()} == {str(p) for p in collect_files([corpus])}


def test_ingest_twice_is_idempotent(corpus, store, parse):
    calls = []

    def counting_parse(article):
        calls.append(article.id)
        return parse(article)

    first = ingest_paths([corpus], store, parse=counting_parse, editor=local_editor())
    counts = store.counts()
    second = ingest_paths([corpus], store, parse=counting_parse, editor=local_editor())
    assert sorted(second.duplicate) == sorted(first.new)
    assert (second.new, second.failed) == ([], [])
    assert store.counts() == counts
    assert len(calls) == len(first.new)  # duplicates are not parsed again


def test_same_text_in_two_files_is_one_article(tmp_path, seed, store, parse):
    copy = tmp_path / "copy.txt"
    copy.write_text("\n\n" + seed.read_text(encoding="utf-8").replace("\n", "\r\n"),
                    encoding="utf-8")
    report = ingest_paths([seed, copy], store, parse=parse, editor=local_editor())
    assert (len(report.new), len(report.duplicate)) == (1, 1)
    assert store.counts()["articles"] == 1


def test_bad_inputs_are_reported_and_good_ones_kept(tmp_path, corpus, store, parse):
    earlier = read_articles(DATA / "reuters.txt")[0]
    store.add_article(earlier, parse(earlier), editor=local_editor())
    bad = {
        "binary.txt": b"\x00\x01\x02\x03",
        "empty.txt": b"",
        "cp1252.txt": "Kyiv — café".encode("cp1252"),
        "broken.json": b'[{"text": "Kyiv"',
        "notext.json": b'{"title": "Only a title"}',
        "baddate.md": b"---\npublished: last week\n---\nKyiv.\n",
        "scan.pdf": b"%PDF-1.4",
    }
    for name, content in bad.items():
        (corpus / name).write_bytes(content)
    paths = [corpus, corpus / "scan.pdf", DATA / "articles.jsonl"]
    report = ingest_paths(paths, store, parse=parse, editor=local_editor())

    failed = dict(report.failed)
    jsonl = DATA / "articles.jsonl"
    assert set(failed) == {str(corpus / name) for name in bad} | {
        f"{jsonl}:3", f"{jsonl}:4", f"{jsonl}:6"}
    assert failed[str(corpus / "binary.txt")] == "binary file, not text"
    assert failed[str(corpus / "empty.txt")] == "empty file"
    assert failed[str(corpus / "cp1252.txt")].startswith("not UTF-8 text (byte 0x97")
    assert failed[str(corpus / "broken.json")].startswith("malformed JSON: ")
    assert failed[str(corpus / "notext.json")] == "no text"
    assert failed[str(corpus / "baddate.md")].startswith("published date 'last week'")
    assert failed[str(corpus / "scan.pdf")].startswith("unsupported file type .pdf")
    assert all("\n" not in problem for problem in failed.values())
    # The earlier article is intact; every good file and good JSONL record is stored.
    assert report.duplicate == [earlier.id]
    assert len(report.new) == 5 + 2
    assert store.article(earlier.id) == earlier
    assert store.counts()["articles"] == 1 + 5 + 2


def test_failing_parse_loses_only_that_article(corpus, store, parse):
    def flaky_parse(article):
        if "Pokrovsk" in article.text:
            raise ValueError("tokenizer exploded")
        if "Oleh Kiper" in article.text:  # a span that is not in the text
            return [Mention("text", "Odesa", 0, 5, "", 0, "literal", None, 1.0, "bug")]
        return parse(article)

    report = ingest_paths([corpus], store, parse=flaky_parse, editor=local_editor())
    problems = dict(report.failed)
    assert problems[str(corpus / "plain.txt")].endswith(
        "parser failed: ValueError: tokenizer exploded")
    assert "does not match" in problems[str(corpus / "reuters.txt")]
    assert len(report.new) == 4
    assert store.counts()["articles"] == 4


def test_missing_gazetteer_stops_the_run(corpus, store):
    def no_gazetteer(article):
        raise GazetteerError("data/gazetteer.sqlite: missing; run `make gazetteer`")

    with pytest.raises(GazetteerError):
        ingest_paths([corpus], store, parse=no_gazetteer, editor=local_editor())
    assert store.counts()["articles"] == 0


def test_progress_callback(corpus, store, parse):
    calls = []
    ingest_paths([corpus], store, parse=parse, progress=lambda *args: calls.append(args),
        editor=local_editor())
    files = [str(p) for p in collect_files([corpus])]
    assert calls == [(n, len(files), path) for n, path in enumerate(files, 1)]


def test_report_summary():
    report = IngestReport(new=["a", "b", "c"], duplicate=["d"], failed=[("x.txt", "empty file")])
    assert report.summary() == "3 new articles (0 mentions, 0 claims), 1 duplicate, 1 failed"
    report.mentions, report.claims = 1, 1
    assert report.summary().startswith("3 new articles (1 mention, 1 claim), ")


def test_real_parser_on_seed(seed, store, requires_gazetteer):
    from geo.geoparse import parse as geoparse

    report = ingest_paths([seed], store, editor=local_editor())
    assert report.failed == [] and len(report.new) == 1
    article = store.articles()[0]
    rows = store.mention_rows()
    assert len(rows) == len(geoparse.parse_article(article))
    for row in rows:
        value = article.title if row["field"] == "title" else article.text
        assert value[row["start"]:row["end"]] == row["surface"]
    assert any(row["name"].startswith("Kursk") for row in rows if row["name"])


# -- claims for articles stored before claim extraction --------------------------------------


def _first_sentence_claim(article):
    """A claim quoting the article's first line, at its offsets in the text it is given."""
    from geo.models import Claim

    line = article.text.strip().splitlines()[0]
    start = article.text.index(line)
    return [Claim(article.id, "regained", line, start, start + len(line), value=86,
                  unit="percent", bound="over", region="RU-KRS")]


def test_duplicate_stored_without_claims_gets_them_once(tmp_path, seed, store, parse):
    # Stored before claims existed, from a copy that differs in whitespace (same article id).
    copy = tmp_path / "copy.txt"
    copy.write_text("\n\n" + seed.read_text(encoding="utf-8").replace("\n", "\r\n"),
                    encoding="utf-8")
    old = read_articles(copy)[0]
    store.add_article(old, parse(old), editor=local_editor())
    assert store.claims_extracted(old.id) is False

    calls = []

    def extract(article, mentions):
        calls.append(article.text)
        return _first_sentence_claim(article)

    report = ingest_paths([seed], store, parse=parse, extract=extract, editor=local_editor())
    assert (report.new, report.duplicate, report.backfilled) == ([], [old.id], [old.id])
    assert report.summary() == ("0 new articles (0 mentions, 0 claims), 1 duplicate, 0 failed, "
                                "1 claims backfilled")
    assert calls == [store.article(old.id).text]  # the stored text, so quotes match it
    (claim,) = store.claims()
    assert store.article(old.id).text[claim["start"]:claim["end"]] == claim["quote"]
    assert store.claims_extracted(old.id) is True

    again = ingest_paths([seed, copy], store, parse=parse, extract=extract, editor=local_editor())
    assert (again.backfilled, len(calls), len(store.claims())) == ([], 1, 1)


def test_article_with_no_claims_is_not_redone(seed, store, parse):
    article = read_articles(seed)[0]
    store.add_article(article, parse(article), editor=local_editor())
    calls = []

    def extract(article, mentions):
        calls.append(article.id)
        return []

    first = ingest_paths([seed], store, parse=parse, extract=extract, editor=local_editor())
    second = ingest_paths([seed], store, parse=parse, extract=extract, editor=local_editor())
    assert (first.backfilled, second.backfilled, calls) == ([article.id], [], [article.id])
    assert store.claims() == []


def test_failed_backfill_writes_nothing_and_is_retried(seed, store, parse):
    from geo.models import Claim

    article = read_articles(seed)[0]
    store.add_article(article, parse(article), editor=local_editor())

    def broken(article, mentions):
        good = _first_sentence_claim(article)[0]
        bad = Claim(article.id, "captured", "not in the text", 0, 15)
        return [good, bad]

    report = ingest_paths([seed], store, parse=parse, extract=broken, editor=local_editor())
    assert report.backfilled == [] and "does not match the text" in report.failed[0][1]
    assert store.claims() == [] and store.claims_extracted(article.id) is False
    retry = ingest_paths([seed], store, parse=parse, extract=lambda a, m: _first_sentence_claim(a),
        editor=local_editor())
    assert retry.backfilled == [article.id] and len(store.claims()) == 1


@pytest.mark.usefixtures("requires_gazetteer")
def test_backfill_with_the_real_extractor_finds_the_seed_claim(seed, store, parse):
    article = read_articles(seed)[0]
    store.add_article(article, parse(article), editor=local_editor())
    assert store.claims() == []
    report = ingest_paths([seed], store, editor=local_editor())
    assert report.backfilled == [article.id]
    assert [(c["value"], c["unit"], c["bound"], c["region"]) for c in store.claims()] == [
        (86.0, "percent", "over", "RU-KRS")]


def test_bad_front_matter_date_fails_only_that_file(corpus, store, parse):
    bad = corpus / "bad_date.md"
    bad.write_text("---\ntitle: Talks\npublished: 2025-02-30\n---\nKyiv said.\n",
                   encoding="utf-8")
    report = ingest_paths([corpus], store, parse=parse, editor=local_editor())
    assert len(report.new) == 6
    assert [where for where, _ in report.failed] == [f"{bad}:3"]
    assert report.failed[0][1].startswith("bad date in front matter: ")


def test_parser_and_store_failures_name_the_jsonl_line(tmp_path, store, parse):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Kyiv was quiet."}\n\n{"text": "Pokrovsk was shelled."}\n'
                    '{"text": "Odesa port reopened."}\n', encoding="utf-8")

    def flaky_parse(article):
        if "Pokrovsk" in article.text:
            raise ValueError("tokenizer exploded")
        if "Odesa" in article.text:  # a span that is not in the text: the store refuses it
            return [Mention("text", "Kyiv", 0, 4, "", 0, "literal", None, 1.0, "bug")]
        return parse(article)

    report = ingest_paths([feed], store, parse=flaky_parse, editor=local_editor())
    problems = dict(report.failed)
    assert set(problems) == {f"{feed}:3", f"{feed}:4"}
    assert problems[f"{feed}:3"].endswith("parser failed: ValueError: tokenizer exploded")
    assert "does not match" in problems[f"{feed}:4"]
    assert len(report.new) == 1


def test_json_list_failure_names_the_record(tmp_path, store, parse):
    feed = tmp_path / "feed.json"
    feed.write_text('[{"text": "Kyiv was quiet."}, {"text": "Pokrovsk was shelled."}]',
                    encoding="utf-8")

    def flaky_parse(article):
        if "Pokrovsk" in article.text:
            raise ValueError("tokenizer exploded")
        return parse(article)

    report = ingest_paths([feed], store, parse=flaky_parse, editor=local_editor())
    [(where, problem)] = report.failed
    assert where == str(feed) and problem.startswith("record 2: article ")


@pytest.mark.parametrize("files", [[], ["table.csv", "notes.pdf"], [".hidden.txt"]],
                         ids=["empty", "unsupported", "hidden"])
def test_directory_with_nothing_to_ingest_is_a_failure(tmp_path, store, parse, files):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in files:
        (folder / name).write_text("x", encoding="utf-8")
    report = ingest_paths([folder], store, parse=parse, editor=local_editor())
    assert report.failed == [
        (str(folder), "nothing to ingest (no .txt/.md/.json/.jsonl/.html/.htm files under it)")]
    assert report.new == []


def test_htm_files_are_collected(tmp_path):
    (tmp_path / "page.htm").write_text("<p>x</p>", encoding="utf-8")
    assert collect_files([tmp_path]) == [tmp_path / "page.htm"]


def test_record_done_is_called_for_each_record(tmp_path, store, parse):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Kyiv said."}\n{"text": "Kursk was shelled."}\n\n'
                    '{"text": "Sumy too."}\n', encoding="utf-8")
    seen = []
    report = ingest_paths([feed], store, parse=parse,
                          record_done=lambda path, where: seen.append((path, where)),
                              editor=local_editor())
    assert seen == [(str(feed), f"{feed}:1"), (str(feed), f"{feed}:2"), (str(feed), f"{feed}:4")]
    assert len(report.new) == 3 and report.mentions == sum(
        len(parse(a)) for a in read_articles(feed))


def test_the_progress_count_of_a_json_lines_file_matches_its_records(tmp_path, store, parse):
    from geo.io.json_records import count_jsonl_records

    feed = tmp_path / "mixed.jsonl"  # \\n, \\r\\n and a bare \\r end lines, as the reader splits
    feed.write_bytes(b'{"text": "Kyiv said."}\r\n{"text": "Kursk was shelled."}\r'
                     b'{"text": "Sumy too."}\n\n{"text": "Kharkiv also."}\n')
    seen = []
    ingest_paths([feed], store, parse=parse, record_done=lambda path, where: seen.append(where),
        editor=local_editor())
    assert count_jsonl_records(feed) == len(seen) == 4
    fifo = tmp_path / "pipe.jsonl"
    __import__("os").mkfifo(fifo)
    assert count_jsonl_records(fifo) == 1  # never opened: a FIFO would block
