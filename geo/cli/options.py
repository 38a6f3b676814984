"""What every conflict-map command shares: the help options and the `--db` option."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from geo.store.database import DEFAULT_PATH

__all__ = ["CONTEXT_SETTINGS", "db_option"]

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def db_option(command: F) -> F:
    """`--db FILE|URL`, from `CONFLICT_MAP_DB` when not given."""
    return click.option(
        "--db", type=click.Path(dir_okay=False), envvar="CONFLICT_MAP_DB", default=DEFAULT_PATH,
        show_default=True, show_envvar=True, metavar="FILE",
        help="SQLite database file or SQLAlchemy URL.",
    )(command)
