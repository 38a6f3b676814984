"""The one exception hierarchy of Conflict Map; the CLI turns these into one-line messages."""

from __future__ import annotations


class ConflictMapError(Exception):
    """Root of every error the library raises on purpose."""


class GazetteerError(ConflictMapError, RuntimeError):
    """The gazetteer file is missing, stale or unreadable; rebuild it with `make gazetteer`."""


class GeocodeError(ConflictMapError, ValueError):
    """A geocoding query was malformed (empty query, bad point or country code)."""


class ModelError(ConflictMapError, RuntimeError):
    """The spaCy pipeline is missing or is not the release we checked."""


class StoreError(ConflictMapError, RuntimeError):
    """The SQL store could not be opened, migrated, read or written."""


class IngestError(ConflictMapError, ValueError):
    """An input file cannot become an article; carries the file and, where known, the line."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
