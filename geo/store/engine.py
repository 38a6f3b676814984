"""Opening a store's database: the URL for a path, and an engine whose SQLite transactions
are SQLAlchemy's own (so a migration is all or nothing) with WAL and foreign keys on.

Split out of `geo.store.database` by noun: the store reads and writes rows, this opens the database.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from geo.errors import StoreError

__all__ = ["resolve", "store_engine"]


def store_engine(url: URL, location: str) -> Engine:
    """An engine for SQLite or PostgreSQL at `url` (`location` names it in errors)."""
    try:
        engine = create_engine(url)
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
        return url, url.render_as_string(hide_password=True)
    if text == ":memory:":
        return URL.create("sqlite", database=":memory:"), text
    try:
        Path(text).parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"{text}: cannot create directory ({err.strerror})") from err
    return URL.create("sqlite", database=text), text


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
