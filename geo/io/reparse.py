"""Stored articles read again (`conflict-map reparse`): `ingest` skips what it has, so after an
upgrade of the geoparser or the claim reader the stored mentions and claims stay those of the
version that read them. This parses the stored text anew and puts the new mentions and claims
in place of the old, one transaction per article (`Store.replace_results`); titles, sources,
dates, hand-entered claims and the places table are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from geo.errors import ConflictMapError, GazetteerError, ModelError
from geo.io.ingest import Extract, Parse, default_readers, parser_failure
from geo.io.workers import Result
from geo.models import Article, Editor
from geo.store.database import Store
from geo.store.rows import editor_of
from geo.views.filters import plural

__all__ = ["ReparseReport", "reparse_stored"]


@dataclass
class ReparseReport:
    """What a reparse did: articles read again, those gone meanwhile, failures (article id
    prefix, problem), and the mentions and claims they have now and had before."""

    done: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    mentions: int = 0
    claims: int = 0
    mentions_before: int = 0
    claims_before: int = 0

    def summary(self) -> str:
        """One line.

        >>> ReparseReport(done=["a", "b"], mentions=9, mentions_before=10, claims=1,
        ...               claims_before=1, failed=[("c", "parser failed")]).summary()
        '2 articles read again: 9 mentions (were 10), 1 claim (was 1), 1 failed'
        """
        line = (f"{plural(len(self.done), 'article')} read again: "
                f"{plural(self.mentions, 'mention')} (were {self.mentions_before}), "
                f"{plural(self.claims, 'claim')} "
                f"({'was' if self.claims_before == 1 else 'were'} {self.claims_before})")
        if self.gone:
            line += f", {len(self.gone)} deleted meanwhile"
        return line + (f", {len(self.failed)} failed" if self.failed else "")


def reparse_stored(store: Store, article_ids: Sequence[str] | None = None, *,
                   parse: Parse | None = None, extract: Extract | None = None,
                   progress: Callable[[int, int], None] | None = None, workers: int = 1,
                   editor: Editor) -> ReparseReport:
    """Geoparse and read claims from stored articles again, replacing their mentions and claims.

    `article_ids` (default: every stored article, oldest ingest first) are full ids. `parse`
    and `extract` as `geo.io.ingest.ingest_paths` takes them; with neither, `workers` > 1
    parses on that many processes (`geo.io.workers.process_pool`), the articles still
    written here, one transaction each, in order. `progress(done, total)` after each
    article. A failed article keeps what it had; one deleted meanwhile is counted in `gone`.
    Raises GazetteerError or ModelError when the parser cannot run at all.
    """
    editor = editor_of(editor, "read articles again")
    wanted = list(article_ids) if article_ids is not None else store.article_ids()
    report = ReparseReport()
    finished = [0]

    def finish(article: Article | None, result: Result | None) -> None:
        if article is not None and result is not None:
            _write(store, article, result, report, editor)
        finished[0] += 1
        if progress is not None:
            progress(finished[0], len(wanted))

    if workers > 1 and parse is None and extract is None:
        from geo.io.workers import process_pool

        with process_pool(workers) as pool:
            for article_id in wanted:
                article = _stored(store, article_id, report)
                if article is None:
                    finish(None, None)
                else:
                    pool.submit(article, partial(finish, article))
            pool.drain()
        return report
    parse, extract = default_readers(parse, extract)
    for article_id in wanted:
        article = _stored(store, article_id, report)
        result: Result | None = None
        if article is not None:
            try:
                mentions = parse(article)
                result = (mentions, extract(article, mentions))
            except (GazetteerError, ModelError):
                raise  # the same for every article: stop rather than fail them one by one
            except Exception as err:  # third-party NLP code: one odd article must not stop
                result = err
        finish(article, result)
    return report


def _stored(store: Store, article_id: str, report: ReparseReport) -> Article | None:
    """The stored article; None when it is gone (counted) or cannot be read (listed)."""
    try:
        article = store.article(article_id)
    except ConflictMapError as err:
        report.failed.append((article_id[:12], str(err)))
        return None
    if article is None:
        report.gone.append(article_id)
    return article


def _write(store: Store, article: Article, result: Result, report: ReparseReport,
           editor: Editor) -> None:
    """Store one article's new mentions and claims (`result`, or the exception that stopped
    its parse) and count them in `report`."""
    from geo.claims.as_claimed import mentions_as_claimed  # marker and claim agree

    if isinstance(result, (GazetteerError, ModelError)):
        raise result
    if isinstance(result, BaseException):
        report.failed.append((article.id[:12], parser_failure(result)))
        return
    mentions, claims = result
    mentions = mentions_as_claimed(mentions, claims)
    try:
        before = store.replace_results(article, mentions, claims, editor=editor)
    except ConflictMapError as err:
        report.failed.append((article.id[:12], str(err)))
        return
    if before is None:
        report.gone.append(article.id)  # deleted between the read and the write
        return
    report.done.append(article.id)
    report.mentions += len(mentions)
    report.claims += len(claims)
    report.mentions_before += before[0]
    report.claims_before += before[1]
