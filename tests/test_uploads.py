"""Uploaded files and pasted text go through the CLI's ingestion: the same readers, per-file
and per-record errors (named by upload, never by a temporary path), duplicates by content,
a size limit, and only for an editor."""

from __future__ import annotations

import json

import pytest

from geo.errors import NotAnEditor
from geo.io.uploads import Upload, ingest_text, ingest_uploads
from geo.models import Editor
from geo.store.database import Store

ANA = Editor("ana@example.org", "oidc")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "db.sqlite") as s:
        yield s


def _jsonl(*records: dict | str) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode()


def test_uploads_are_ingested_with_the_clis_errors_named_by_upload(store, parse):
    seen = []
    report = ingest_uploads([
        Upload("wire.jsonl", _jsonl({"text": "Shelling in Kyiv.", "title": "One"}, "{oops",
                                    {"text": "Fighting near Kharkiv.", "published": "2024-03-02"})),
        Upload("../../notes.txt", b"Sudzha and Kursk were quiet."),
        Upload("virus.exe", b"MZ"),
    ], store, editor=ANA, parse=parse, progress=lambda *a: seen.append(a))
    assert len(report.new) == 3 and report.duplicate == []
    assert [where for where, _ in report.failed] == ["virus.exe", "wire.jsonl:2"]
    assert "not a .txt/.md/.json/.jsonl/.html/.htm file" in report.failed[0][1]
    assert all("conflict-map-upload" not in w + p for w, p in report.failed)
    assert seen == [(1, 2, "wire.jsonl"), (2, 2, "notes.txt")]
    assert {a["editor"] for a in store.actions()} == {"ana@example.org"}
    assert sorted(a.path.rpartition("/")[2] for a in store.articles()) == [
        "notes.txt", "wire.jsonl", "wire.jsonl"]


def test_the_same_text_again_is_a_duplicate_and_a_big_file_is_refused(store, parse):
    text = _jsonl({"text": "Shelling in Kyiv."})
    assert len(ingest_uploads([Upload("a.jsonl", text)], store, editor=ANA,
                              parse=parse).new) == 1
    again = ingest_uploads([Upload("b.jsonl", text), Upload("big.txt", b"x" * 2_000_001)],
                           store, editor=ANA, parse=parse, max_bytes=2_000_000)
    assert (again.new, len(again.duplicate)) == ([], 1)
    assert again.failed == [("big.txt", "2.0 MB is over the limit of 2 MB a file")]
    assert store.counts()["articles"] == 1


def test_pasted_text_keeps_its_metadata_and_reports_as_pasted_text(store, parse):
    report = ingest_text("Russian forces took Sudzha.", store, editor=ANA, title="Sudzha",
                         source="TASS", url="https://example.org/s", published="2024-08-20",
                         parse=parse)
    (stored,) = store.articles()
    assert report.new == [stored.id]
    assert (stored.title, stored.source, stored.url, stored.published) == (
        "Sudzha", "TASS", "https://example.org/s", "2024-08-20")
    bad = ingest_text("Kyiv.", store, editor=ANA, published="last week", parse=parse)
    assert [w for w, _ in bad.failed] == ["pasted text"] and "published" in bad.failed[0][1]
    empty = ingest_text("   ", store, editor=ANA, parse=parse)
    assert empty.new == [] and [w for w, _ in empty.failed] == ["pasted text"]
    assert store.counts()["articles"] == 1


def test_a_viewer_cannot_upload_or_paste(store, parse):
    with pytest.raises(NotAnEditor):
        ingest_uploads([Upload("a.txt", b"Kyiv.")], store, editor=None, parse=parse)
    with pytest.raises(NotAnEditor):
        ingest_text("Kyiv.", store, editor=None, parse=parse)
    assert store.counts()["articles"] == 0
