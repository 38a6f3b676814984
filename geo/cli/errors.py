"""One place where library errors become click errors, shared by every CLI module."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from geo.errors import ConflictMapError

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["fail_cleanly", "require_db"]


def fail_cleanly(command: F) -> F:
    """Turn a `ConflictMapError` into a one-line click error (exit 1, no traceback)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ConflictMapError as err:
            raise click.ClickException(str(err)) from err

    return wrapper  # type: ignore[return-value]


def require_db(db: str) -> None:
    """Refuse to read a SQLite store that does not exist (opening it would create it).

    Reading commands call this; a file path or a `sqlite:///` URL is checked, other databases
    (PostgreSQL) are left to the server.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    path: str | None = db
    if "://" in db:
        try:
            url = make_url(db)
        except ArgumentError:
            return  # the store reports a bad URL itself
        path = url.database if url.drivername.startswith("sqlite") else None
    if path and path != ":memory:" and not Path(path).exists():
        raise click.ClickException(f"{db}: no such database; run 'conflict-map ingest' first")
