"""Articles given through a page rather than a path: uploaded files and pasted text.

They go through `ingest_paths`, as the CLI's files do, so they get the same readers, the same
per-file and per-record errors, duplicate detection by content and one transaction per
article. Each upload is written under a private temporary folder by its own (sanitised)
name, and every location in the report names the upload, never that folder.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.io.ingest import Extract, IngestReport, Parse, Progress, ingest_paths
from geo.io.readers import EXPECTED, SUFFIXES
from geo.models import Editor
from geo.store.database import Store
from geo.store.rows import editor_of

__all__ = ["MAX_UPLOAD_BYTES", "Upload", "ingest_text", "ingest_uploads", "upload_name"]

# What one uploaded file may weigh (Streamlit's own limit, `server.maxUploadSize`, is the same).
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_UNSAFE = re.compile(r"[^\w.\- ]+")


@dataclass(frozen=True, slots=True)
class Upload:
    """A file as the browser sent it: its name (not a path on this machine) and its bytes."""

    name: str
    data: bytes


def upload_name(name: str) -> str:
    """The name an upload is written and reported under: its last part, safe characters only.

    >>> upload_name("../../etc/passwd.txt"), upload_name("C:\\\\a\\\\b c.jsonl"), upload_name("")
    ('passwd.txt', 'b c.jsonl', 'upload')
    """
    last = re.split(r"[\\/]", name or "")[-1]
    clean = _UNSAFE.sub("_", last).strip(" .")
    return clean[:120] or "upload"


def ingest_uploads(uploads: Sequence[Upload], store: Store, *, editor: Editor,
                   progress: Progress | None = None, parse: Parse | None = None,
                   extract: Extract | None = None,
                   max_bytes: int = MAX_UPLOAD_BYTES) -> IngestReport:
    """Ingest uploaded files as `ingest_paths` ingests files, reported by upload name.

    A file of a type the readers do not take, or over `max_bytes`, is a failure of its own;
    the others are ingested. `editor` None raises `NotAnEditor` before anything is read.
    """
    editor = editor_of(editor, "add articles")
    report = IngestReport()
    with tempfile.TemporaryDirectory(prefix="conflict-map-upload-") as tmp:
        names: dict[str, str] = {}
        paths: list[Path] = []
        for number, upload in enumerate(uploads):
            name = upload_name(upload.name)
            if Path(name).suffix.lower() not in SUFFIXES:
                report.failed.append((name, f"not a {EXPECTED} file"))
                continue
            if len(upload.data) > max_bytes:
                report.failed.append((name, f"{len(upload.data) / 1e6:.1f} MB is over the "
                                            f"limit of {max_bytes / 1e6:.0f} MB a file"))
                continue
            path = Path(tmp) / str(number) / name  # two uploads may share a name
            path.parent.mkdir()
            path.write_bytes(upload.data)
            names[str(path)] = name
            paths.append(path)
        if not paths:
            return report

        def told(done: int, total: int, where: str) -> None:
            if progress is not None:
                progress(done, total, names.get(where, where))

        found = ingest_paths(paths, store, progress=told, parse=parse, extract=extract,
                             editor=editor)
    for where, problem in found.failed:
        for written, name in names.items():
            if where.startswith(written):
                where = name + where[len(written):]
                break
        report.failed.append((where, problem.replace(tmp, "upload")))
    report.new, report.duplicate = found.new, found.duplicate
    report.backfilled = found.backfilled
    report.mentions, report.claims = found.mentions, found.claims
    return report


def ingest_text(text: str, store: Store, *, editor: Editor, title: str | None = None,
                source: str | None = None, url: str | None = None,
                published: str | None = None, parse: Parse | None = None,
                extract: Extract | None = None) -> IngestReport:
    """Ingest one pasted text with its metadata, read as a JSON record is read (the same
    checks: a text is needed, a date must be a date); reported as "pasted text"."""
    record = {"text": text, "title": title or None, "source": source or None,
              "url": url or None, "published": published or None}
    data = json.dumps({k: v for k, v in record.items() if v is not None}).encode("utf-8")
    report = ingest_uploads([Upload("pasted text.json", data)], store, editor=editor,
                            parse=parse, extract=extract)
    report.failed = [(where.replace("pasted text.json", "pasted text", 1), problem)
                     for where, problem in report.failed]
    return report
