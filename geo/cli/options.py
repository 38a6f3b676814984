"""What every conflict-map command shares: the help options and the `--db` option."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

from geo.store.database import DEFAULT_PATH

__all__ = ["CONTEXT_SETTINGS", "SMALL_BATCH", "db_option", "default_workers"]

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
# Below this many articles per worker process, `ingest` and `reparse` parse in their own
# process: each worker loads the parser (about 2 s here) before its first article.
SMALL_BATCH = 8


def default_workers(articles: int) -> int:
    """The machine's cores, or one for a batch too small to be worth starting them.

    >>> default_workers(0)
    1
    """
    cores = os.cpu_count() or 1
    return cores if articles >= SMALL_BATCH * cores else 1


def db_option(command: F) -> F:
    """`--db FILE|URL`, from `CONFLICT_MAP_DB` when not given."""
    return click.option(
        "--db", type=click.Path(dir_okay=False), envvar="CONFLICT_MAP_DB", default=DEFAULT_PATH,
        show_default=True, show_envvar=True, metavar="FILE",
        help="SQLite database file or SQLAlchemy URL.",
    )(command)
