"""One place where library errors become click errors, shared by every CLI module."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from geo.errors import ConflictMapError

F = TypeVar("F", bound=Callable[..., Any])


def fail_cleanly(command: F) -> F:
    """Turn a `ConflictMapError` into a one-line click error (exit 1, no traceback)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ConflictMapError as err:
            raise click.ClickException(str(err)) from err

    return wrapper  # type: ignore[return-value]
