"""Take article files through parsing and claim extraction into the store, one transaction
per article.

A bad file or record is reported and skipped; it never loses the articles around it. Nothing
here prints: progress goes through a callback and the outcome comes back as an `IngestReport`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import ConflictMapError, GazetteerError, IngestError, ModelError
from geo.io.readers import EXPECTED, SUFFIXES, iter_located
from geo.io.workers import WorkerError
from geo.models import Article, Claim, Editor, Mention
from geo.store.database import Store
from geo.store.rows import editor_of

__all__ = ["Extract", "IngestReport", "Parse", "Progress", "RecordDone", "collect_files",
           "default_readers", "ingest_paths", "parser_failure"]

Parse = Callable[[Article], list[Mention]]
Extract = Callable[[Article, Sequence[Mention]], list[Claim]]
Progress = Callable[[int, int, str], None]
# Called after each article (record) with its file and where in it ("path:LINE", "path").
RecordDone = Callable[[str, str], None]


@dataclass
class IngestReport:
    """What one ingest run did: ids stored, ids already there, and (location, problem) failures.

    A location is the file path, or ``path:LINE`` when the line is known.
    """

    new: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Duplicates stored before claim extraction whose claims this run extracted and stored.
    backfilled: list[str] = field(default_factory=list)
    # Place mentions and claims of the articles this run stored (not of backfilled claims).
    mentions: int = 0
    claims: int = 0

    def summary(self) -> str:
        """One line, e.g. ``"3 new articles (45 mentions, 2 claims), 1 duplicate, 1 failed"``
        (``", 1 claims backfilled"`` appended when a duplicate had its claims extracted)."""
        line = (f"{len(self.new)} new article{'' if len(self.new) == 1 else 's'} "
                f"({self.mentions} mention{'' if self.mentions == 1 else 's'}, "
                f"{self.claims} claim{'' if self.claims == 1 else 's'}), "
                f"{len(self.duplicate)} duplicate, {len(self.failed)} failed")
        return line + (f", {len(self.backfilled)} claims backfilled" if self.backfilled else "")


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to ingest: named files as given, directories walked for supported types.

    Directories are walked recursively in sorted order, skipping hidden files and folders.
    A named file is kept whatever its type (so an unsupported one is reported, not ignored);
    a path named twice is kept once.
    """
    return _collect(paths)[0]


def _collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """`collect_files`, and the directories in which it found nothing to ingest."""
    out: list[Path] = []
    empty: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                empty.append(path)
        else:
            found = [path]
        for file in found:
            key = _identity(file)
            if key not in seen:
                seen.add(key)
                out.append(file)
    return out, empty


def _identity(path: Path) -> Path:
    """The path with symbolic links resolved, to tell a file named twice; a link loop or an
    unreadable folder keeps the absolute path (the reader reports the problem)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python 3.11)
        return path.absolute()


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    *,
    progress: Progress | None = None,
    parse: Parse | None = None,
    extract: Extract | None = None,
    record_done: RecordDone | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    editor: Editor,
) -> IngestReport:
    """Read, parse, extract claims from and store every article under `paths`.

    Parameters
    ----------
    paths
        Files and directories (see `collect_files`). A directory holding no file to ingest
        is a failure ("nothing to ingest"): a mistyped folder should not pass silently.
    store
        Where articles go; an article already stored (same `article_id`) is counted as a
        duplicate without being parsed again, unless it was stored before claim extraction:
        then its claims are extracted and stored once (`IngestReport.backfilled`).
    progress
        Called after each file with (files done, total files, that file's path).
    parse
        Article to mentions; default `geo.geoparse.parse.parse_article`.
    extract
        Article and its mentions to territorial-control claims, stored in the article's
        transaction; default `geo.claims.extract.extract_claims`.
    record_done
        Called after each article of a file (each record of JSON or JSON Lines) with where
        it came from, so a long file shows progress record by record.
    workers
        Processes that parse (`geo.io.workers.process_pool`; with the default `parse` and
        `extract` only): the articles are written here, in the order read, one transaction
        each, as with one.
    scheduler
        Parse on Dask distributed instead (`geo.io.workers.dask_pool`): "local" for a
        LocalCluster of `workers` processes, or a scheduler's address (``tcp://host:port``).
    editor
        Who adds the articles (`geo.models.Editor`), logged with each; None raises
        `NotAnEditor` before anything is read.

    Returns
    -------
    IngestReport

    Raises
    ------
    GazetteerError, ModelError
        The parser cannot run at all; articles stored before stay stored.
    """
    editor = editor_of(editor, "ingest articles")
    custom = parse if parse is not None else extract
    pooled = custom is None and (workers > 1 or scheduler is not None)
    if pooled:
        parse = extract = None  # loaded by each worker process, not here
    else:
        parse, extract = default_readers(parse, extract)

    files, empty = _collect(paths)
    report = IngestReport()
    for folder in empty:
        report.failed.append((str(folder), f"nothing to ingest (no {EXPECTED} files under it)"))
    if pooled:
        from geo.io.workers import dask_pool, process_pool

        with (process_pool(workers) if scheduler is None
              else dask_pool(workers, scheduler)) as pool:
            _read_all(files, store, report, progress, record_done, editor, pool=pool)
            pool.drain()
        return report
    _read_all(files, store, report, progress, record_done, editor, parse=parse,
              extract=extract)
    return report


def _read_all(files: list[Path], store: Store, report: IngestReport,
              progress: Progress | None, record_done: RecordDone | None, editor: Editor, *,
              parse: Parse | None = None, extract: Extract | None = None,
              pool: Any = None) -> None:
    # Every record of every file, parsed here (`parse`, `extract`) or on `pool`.
    for done, path in enumerate(files, 1):
        try:
            for line, number, record in iter_located(path):
                if isinstance(record, IngestError):
                    report.failed.append(_failure(record))
                    continue
                # A JSON Lines record is reported as path:LINE, a JSON list's as "record N".
                where = f"{path}:{line}" if line is not None else str(path)
                prefix = f"record {number}: " if number is not None else ""
                told = (functools.partial(record_done, str(path), f"{where} ({prefix.rstrip(': ')})"
                                          if prefix else where)
                        if record_done is not None else None)
                if pool is not None:
                    _queue_article(record, store, pool, report, where, prefix, told, editor)
                    continue
                assert parse is not None and extract is not None
                _ingest_article(record, store, parse, extract, report, where, editor, prefix)
                if told is not None:
                    told()
        except IngestError as err:
            report.failed.append(_failure(err))
        except (GazetteerError, ModelError, WorkerError):
            raise
        except Exception as err:  # a reader bug must cost this file only, not the batch
            report.failed.append((str(path), f"cannot read file: {type(err).__name__}: {err}"))
        if progress is not None:
            progress(done, len(files), str(path))


def default_readers(parse: Parse | None, extract: Extract | None) -> tuple[Parse, Extract]:
    """`parse` and `extract`, each the geoparser's and claim reader's own where None (both
    load spaCy, so only when asked)."""
    if parse is None:
        from geo.geoparse.parse import parse_article  # heavy (spaCy); only when needed

        parse = parse_article
    if extract is None:
        from geo.claims.extract import extract_claims  # heavy (spaCy); only when needed

        extract = extract_claims
    return parse, extract


def _queue_article(article: Article, store: Store, pool: Any, report: IngestReport,
                   where: str, prefix: str, told: Callable[[], None] | None,
                   editor: Editor) -> None:
    # `_ingest_article` with the parsing on `pool`: the result is written when it comes back.
    try:
        extracted = store.claims_extracted(article.id)
        stored = store.article(article.id) if extracted is False else None
    except ConflictMapError as err:
        report.failed.append((where, prefix + str(err)))
        return
    if extracted is not None and stored is None:
        report.duplicate.append(article.id)  # stored, with its claims (or gone meanwhile)
        if told is not None:
            told()
        return

    def done(result: Any) -> None:
        if isinstance(result, (GazetteerError, ModelError)):
            raise result  # the same for every article: stop
        if isinstance(result, BaseException):
            report.failed.append((where, f"{prefix}article {article.id[:12]}: "
                                         + parser_failure(result)))
        elif stored is not None:  # stored before claims were extracted: its claims now
            try:
                if store.add_claims(stored, result[1], editor=editor):
                    report.backfilled.append(article.id)
                report.duplicate.append(article.id)
            except ConflictMapError as err:
                report.failed.append((where, prefix + str(err)))
        else:
            _store(article, *result, store, report, where, prefix, editor)
        if told is not None:
            told()

    pool.submit(stored if stored is not None else article, done)


def _ingest_article(article: Article, store: Store, parse: Parse, extract: Extract,
                    report: IngestReport, where: str, editor: Editor, prefix: str = "") -> None:
    try:
        extracted = store.claims_extracted(article.id)
        if extracted is not None:
            if not extracted and _backfill(article.id, store, parse, extract, editor):
                report.backfilled.append(article.id)
            report.duplicate.append(article.id)
            return
        mentions = parse(article)
        claims = extract(article, mentions)
    except (GazetteerError, ModelError):
        raise  # the same for every article: stop rather than fail them one by one
    except ConflictMapError as err:
        report.failed.append((where, prefix + str(err)))  # store errors name the article
        return
    except Exception as err:
        # The parser and the claim extractor run third-party NLP code; one odd article must
        # not stop a batch.
        report.failed.append((where, f"{prefix}article {article.id[:12]}: "
                                     + parser_failure(err)))
        return
    _store(article, mentions, claims, store, report, where, prefix, editor)


def _store(article: Article, mentions: list[Mention], claims: list[Claim], store: Store,
           report: IngestReport, where: str, prefix: str, editor: Editor) -> None:
    from geo.claims.as_claimed import mentions_as_claimed  # marker and claim agree

    mentions = mentions_as_claimed(mentions, claims)
    # One transaction: the article with its mentions and claims, or nothing.
    try:
        stored = store.add_article(article, mentions, claims, editor=editor)
    except ConflictMapError as err:
        report.failed.append((where, prefix + str(err)))  # store errors name the article
        return
    # Another process may have stored the same article between the check and the write.
    (report.new if stored else report.duplicate).append(article.id)
    if stored:
        report.mentions += len(mentions)
        report.claims += len(claims)


def _backfill(article_id: str, store: Store, parse: Parse, extract: Extract,
              editor: Editor) -> bool:
    """Extract and store the claims of an article stored before claims were extracted.

    The stored text is parsed (not the file's, which may differ in whitespace), so quotes
    match what is stored. False if another run did it first.
    """
    stored = store.article(article_id)
    if stored is None:
        return False
    return store.add_claims(stored, extract(stored, parse(stored)), editor=editor)


def parser_failure(err: BaseException) -> str:
    """How a failure of the parser or claim reader on one article is listed.

    >>> parser_failure(ValueError("odd text"))
    'parser failed: ValueError: odd text'
    """
    return f"parser failed: {type(err).__name__}: {err}"


def _failure(err: IngestError) -> tuple[str, str]:
    where = f"{err.path}:{err.line}" if err.line is not None else err.path
    return where, err.problem
