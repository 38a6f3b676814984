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


class RegionError(ConflictMapError, RuntimeError):
    """The region file is missing or unreadable; rebuild it with `make regions`."""


class AreaImportError(ConflictMapError, ValueError):
    """An area file cannot be imported; the message names the file (and the feature)."""


class StoreError(ConflictMapError, RuntimeError):
    """The SQL store could not be opened, migrated, read or written."""


class NotAnEditor(ConflictMapError, PermissionError):
    """A write was asked for without an editor's identity (a viewer); nothing was written."""


class IngestError(ConflictMapError, ValueError):
    """An input file cannot become an article; carries the file and, where known, the line."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class CorpusError(IngestError):
    """An annotated corpus file cannot be read for evaluation (path and, where known, line).

    A kind of `IngestError` (a file that cannot be read as articles), told apart so that an
    evaluation failure is not reported as an ingest failure.
    """


class EvaluationError(ConflictMapError, ValueError):
    """An evaluation cannot run as asked (too few articles for the folds, an unknown system)."""
