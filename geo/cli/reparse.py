"""`conflict-map reparse`: stored articles read again by this version's geoparser and claim
reader (`geo.io.reparse`)."""

from __future__ import annotations

import sys

import click

from geo.access import local_editor
from geo.cli.errors import fail_cleanly, require_db
from geo.cli.options import CONTEXT_SETTINGS, db_option, default_workers
from geo.store.database import Store

__all__ = ["reparse"]

_BAR_FROM = 3  # articles from which a progress bar is drawn (as `ingest` draws one)


@click.command("reparse", context_settings=CONTEXT_SETTINGS)
@db_option
@click.argument("article_ids", nargs=-1, metavar="[ARTICLE_ID]...")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bar and no summary; failures are still listed.")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Processes that parse, each loading the parser once (articles are still "
                   "written one transaction each, in order) [default: the machine's cores; "
                   "one for a few articles].")
@click.pass_obj
@fail_cleanly
def reparse(obj: dict | None, db: str, article_ids: tuple[str, ...], quiet: bool,
            workers: int | None) -> None:
    """Read stored articles again with this version's geoparser and claim reader.

    `ingest` skips the articles it has, so after an upgrade they keep the mentions and claims
    of the version that read them. This parses each stored text again and puts the new
    mentions and claims in place of the old, one transaction per article: a failure leaves
    its article as it was and is listed on stderr (exit code 1). Titles, sources, dates and
    claims entered by hand stay. ARTICLE_ID, a full id or a unique prefix of one (the
    article_id of `mentions --format json`), limits it to those articles; default: all.

    Example:

    \b
        conflict-map reparse
        conflict-map reparse 4dc77dd1 --db postgresql://user@host/conflict_map
        conflict-map reparse --workers 2
    """
    from geo.io.reparse import reparse_stored  # loads spaCy: only when asked

    require_db(db)
    with Store(db) as store:
        ids = _full_ids(store.article_ids(), article_ids) if article_ids else None
        total = len(ids) if ids is not None else len(store.article_ids())
        # Tests inject parse and extract functions through the click context object.
        readers = {k: v for k, v in (obj or {}).items() if k in ("parse", "extract")}
        workers = workers or default_workers(total)
        if quiet or total < _BAR_FROM:
            report = reparse_stored(store, ids, editor=local_editor(), workers=workers,
                                    **readers)
        else:
            with click.progressbar(length=total, label="Reading again", file=sys.stderr) as bar:
                report = reparse_stored(store, ids, editor=local_editor(), workers=workers,
                                        progress=lambda _done, _total: bar.update(1),
                                        **readers)
    for where, problem in report.failed:
        click.echo(f"article {where}: {problem}", err=True)
    if not quiet:
        click.echo(report.summary())
    if report.failed:
        click.get_current_context().exit(1)


def _full_ids(stored: list[str], given: tuple[str, ...]) -> list[str]:
    """The stored ids the given ids or prefixes name, in the order given; a prefix naming
    none or several is a usage error.

    >>> _full_ids(["ab12", "ab34", "cd56"], ("cd", "ab3"))
    ['cd56', 'ab34']
    """
    out = []
    for prefix in given:
        found = [i for i in stored if i.startswith(prefix.strip().lower())]
        if not found:
            raise click.UsageError(f"no stored article's id starts with {prefix!r}")
        if len(found) > 1:
            raise click.UsageError(f"{prefix!r} starts {len(found)} stored articles' ids; "
                                   "give more of it")
        out.append(found[0])
    return out
