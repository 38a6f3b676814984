"""Opening a store's database: the URL for a path, and an engine whose SQLite transactions
are SQLAlchemy's own (so a migration is all or nothing) with WAL and foreign keys on, or a
PostgreSQL engine through psycopg 3 with a connect timeout and one-line connection errors.

Split out of `geo.store.database` by noun: the store reads and writes rows, this opens the database.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from geo.errors import StoreError

__all__ = ["driver_message", "is_server", "printable", "resolve", "store_engine"]

# `postgresql://` alone would mean psycopg2; psycopg 3 is the driver this project installs.
_PG_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}
# What psycopg puts before the server's own words ("connection failed: connection to server at
# "127.0.0.1", port 5432 failed: FATAL:  password authentication failed for user ...").
_PG_PREFIX = re.compile(r'^(connection failed: )?(connection to server at "[^"]*"(, port \d+)? '
                        r'failed: )?(FATAL: +)?')


def store_engine(url: URL, location: str) -> Engine:
    """An engine for SQLite or PostgreSQL at `url` (`location` names it in errors)."""
    options: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
        # A server that does not answer is an error after 10 s, not a hang.
        options["connect_args"] = {"connect_timeout": 10}
    try:
        engine = create_engine(url, **options)
    except (ArgumentError, ImportError) as err:
        raise StoreError(f"{location}: cannot open database ({err})") from err
    if engine.dialect.name not in ("sqlite", "postgresql"):
        engine.dispose()
        raise StoreError(f"{location}: unsupported database {engine.dialect.name} "
                         "(expected sqlite or postgresql)")
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def resolve(path: str | os.PathLike[str]) -> tuple[URL, str]:
    """A SQLAlchemy URL and a printable location (no password) for a path or URL."""
    text = os.fspath(path)
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError as err:
            raise StoreError(f"{text}: not a database URL ({err})") from err
        if url.drivername in _PG_DRIVERS:
            url = url.set(drivername=_PG_DRIVERS[url.drivername])
        return url, url.render_as_string(hide_password=True)
    if text == ":memory:":
        return URL.create("sqlite", database=":memory:"), text
    try:
        Path(text).parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"{text}: cannot create directory ({err.strerror})") from err
    return URL.create("sqlite", database=text), text


def is_server(path: str | os.PathLike[str]) -> bool:
    """Whether the store is on a database server (a URL other than SQLite's), not in a file."""
    text = os.fspath(path)
    return "://" in text and not text.startswith("sqlite")


def printable(path: str | os.PathLike[str]) -> str:
    """The store's path or URL as it may be shown: a URL's password hidden.

    Examples
    --------
    >>> printable("postgresql://map:secret@db.example/conflict_map")
    'postgresql://map:***@db.example/conflict_map'
    >>> printable("data/conflict_map.sqlite")
    'data/conflict_map.sqlite'
    """
    text = os.fspath(path)
    if "://" not in text:
        return text
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return text.split("://", 1)[0] + "://…"


def driver_message(err: BaseException) -> str:
    """The first line of a database error, without psycopg's preamble, for a one-line error.

    Examples
    --------
    >>> driver_message(OSError('connection failed: connection to server at "127.0.0.1", '
    ...                        'port 1 failed: Connection refused\\n\\tIs the server running?'))
    'server not reachable: Connection refused'
    """
    lines = str(getattr(err, "orig", None) or err).splitlines() or [""]
    detail = _PG_PREFIX.sub("", lines[0].strip())
    if lines[0].startswith(("connection failed", "failed to resolve host")) and \
            "FATAL" not in lines[0]:
        return f"server not reachable: {detail}"
    return detail


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 runs DDL outside any transaction and opens transactions on its own;
    # with autocommit at the driver, SQLAlchemy's BEGIN (`_sqlite_begin`) is the only one, so
    # a migration is all or nothing.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        tables = {row[0] for row in cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        # WAL lets the dashboard read while an ingest writes. It is written into the file, so
        # only into a new database or one of ours (`Store._migrate` refuses the others).
        if not tables or "schema_version" in tables:
            cursor.execute("PRAGMA journal_mode=WAL")
        # SQLite ignores foreign keys unless asked on every connection.
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # `write_lock`: take the write lock now rather than at the first write, so that what was
    # read before that write (which tables exist) cannot change under it.
    lock = conn.get_execution_options().get("write_lock")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if lock else "BEGIN")
