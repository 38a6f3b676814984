"""The article store: SQLAlchemy Core over SQLite or PostgreSQL + PostGIS, with numbered
migrations.

One `Store` per database. Writes are one transaction per article and idempotent (an article is
keyed by `article_id(text)`); reads return models or plain dicts. Every SQL failure leaves this
module as a `StoreError` naming the database.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from geo.errors import StoreError
from geo.models import Article, Claim, Editor, Mention
from geo.store.areas import AREA_COLUMNS, AreaStore
from geo.store.claims import CLAIM_COLUMNS, ClaimStore
from geo.store.engine import driver_message, resolve, store_engine
from geo.store.reads import MENTION_COLUMNS, mention_select, row_columns
from geo.store.results import ResultStore
from geo.store.rows import action_row, claim_row, editor_of, mention_row, now, place_row
from geo.store.schema import (
    DATA_TABLES,
    MIGRATIONS,
    PLACE_UPDATE_COLUMNS,
    SCHEMA_VERSION,
    actions_table,
    areas_table,
    articles_table,
    claims_table,
    create_current,
    geocode_cache_table,
    mentions_table,
    places_table,
    schema_version_table,
)

__all__ = ["AREA_COLUMNS", "CLAIM_COLUMNS", "DEFAULT_PATH", "MENTION_COLUMNS", "SCHEMA_VERSION",
           "Store"]

DEFAULT_PATH = "data/conflict_map.sqlite"
# PostGIS's own table, in the schema where the extension was created (often ours).
POSTGIS_TABLES = frozenset({"spatial_ref_sys"})
# One key for every Conflict Map store: opening waits while another process creates or migrates
# a PostgreSQL schema (SQLite's BEGIN IMMEDIATE does this there).
_PG_SCHEMA_LOCK = 0x436F6E666C6963  # "Conflic"


class Store(ClaimStore, AreaStore, ResultStore):
    """The Conflict Map database.

    Parameters
    ----------
    path
        A file path, or a full SQLAlchemy URL (``sqlite:///...``, ``postgresql://...``).
        Default: the ``CONFLICT_MAP_DB`` environment variable, else ``data/conflict_map.sqlite``
        relative to the working directory. The parent directory is created if needed.

    Examples
    --------
    >>> with Store(":memory:") as store:
    ...     store.counts()
    {'articles': 0, 'mentions': 0, 'places': 0}
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        if path is None:
            path = os.environ.get("CONFLICT_MAP_DB") or DEFAULT_PATH
        self.url, self.location = resolve(path)
        self._engine: Engine | None = None
        self._statements: tuple[Any, Any] | None = None  # see `_write_statements`
        engine = store_engine(self.url, self.location)
        self._engine = engine
        try:
            self._open(engine)
        except StoreError:
            self.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.location!r})"

    def close(self) -> None:
        """Release every pooled connection; the store cannot be used afterwards."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # -- writes ------------------------------------------------------------------------------

    def add_article(self, article: Article, mentions: Sequence[Mention],
                    claims: Sequence[Claim] | None = None, *, editor: Editor) -> bool:
        """Store an article, its mentions, the places they point to and its territorial-control
        claims, in one transaction.

        `claims` None means claims were not extracted (a later `add_claims` backfills them);
        a sequence, even empty, marks the article as done. Returns True if stored, False if an
        article with this id was already there (then nothing is written, claims included).
        Places are upserted by `Place.key`. Raises `StoreError` if a mention's span does not
        match the stored title or text, or a claim's quote is not the article text at its
        offsets. `editor` is who adds it (logged in `actions`); None raises `NotAnEditor`.
        """
        editor = editor_of(editor, "store an article")
        rows = self._article_rows(article, mentions, claims)
        with self._errors(f"store article {article.id[:12]}"), self._connect().begin() as conn:
            return self._write_article(conn, *rows, editor=editor)

    def add_articles(self, items: Iterable[tuple[Article, Sequence[Mention],
                                                 Sequence[Claim] | None]], *,
                     editor: Editor) -> list[bool]:
        """`add_article` for many articles in one transaction (bulk loading: one commit, not
        one per article); each article is still whole or absent, and stored at most once.
        Returns, per article, whether it was stored. A bad article raises `StoreError` and
        nothing of the batch is written."""
        editor = editor_of(editor, "store articles")
        rows = [self._article_rows(*item) for item in items]
        with self._errors("store articles"), self._connect().begin() as conn:
            return [self._write_article(conn, *row, editor=editor) for row in rows]

    def delete_article(self, article_id: str, *, editor: Editor) -> bool:
        """Delete a stored article with its mentions and claims, in one transaction, logged
        with who and when (its title is kept in the log). Places stay: other articles may
        point to them. Returns False if no article has this id."""
        editor = editor_of(editor, "delete an article")
        a = articles_table.c
        with self._errors(f"delete article {article_id[:12]}"), \
                self._connect().begin() as conn:
            title = conn.execute(select(a.title).where(a.id == article_id)).first()
            if title is None:
                return False
            conn.execute(claims_table.delete().where(claims_table.c.article_id == article_id))
            conn.execute(mentions_table.delete().where(
                mentions_table.c.article_id == article_id))
            conn.execute(articles_table.delete().where(a.id == article_id))
            conn.execute(actions_table.insert(),
                         action_row(editor, "delete", article_id, title[0]))
        return True

    def actions(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest writes, newest first: at, editor, how, action, article_id, detail."""
        t = actions_table.c
        stmt = (select(t.at, t.editor, t.how, t.action, t.article_id, t.detail)
                .order_by(t.at.desc(), t.id.desc()).limit(limit))
        with self._errors("read actions"), self._connect().connect() as conn:
            return [dict(row._mapping) for row in conn.execute(stmt)]

    def _write_statements(self) -> tuple[Any, Any]:
        # (preserve_rowcount: psycopg reports no row count for an INSERT otherwise.)
        if self._statements is None:
            article = self._insert(articles_table).on_conflict_do_nothing(
                index_elements=["id"]).execution_options(preserve_rowcount=True)
            place = self._insert(places_table)
            place = place.on_conflict_do_update(
                index_elements=["key"],
                set_={c: place.excluded[c] for c in PLACE_UPDATE_COLUMNS})
            self._statements = (article, place)
        return self._statements

    def _article_rows(self, article: Article, mentions: Sequence[Mention],
                      claims: Sequence[Claim] | None) -> tuple:
        mention_rows = [mention_row(article, m) for m in mentions]
        claim_rows = [claim_row(article, c) for c in claims or ()]
        place_rows = {m.place.key: place_row(m.place) for m in mentions if m.place is not None}
        if self._connect().dialect.name == "postgresql":
            # Writers upserting the same places lock them in one order, so two ingests cannot
            # deadlock (SQLite has one writer at a time and keeps the parse order).
            place_rows = dict(sorted(place_rows.items()))
        stamp = now()
        article_row = {
            "id": article.id, "title": article.title, "source": article.source,
            "url": article.url, "published": article.published, "dateline": article.dateline,
            "text": article.text, "path": article.path, "ingested_at": stamp,
            "claims_extracted_at": stamp if claims is not None else None,
        }
        return article_row, place_rows, mention_rows, claim_rows

    def _write_article(self, conn: Any, article_row: dict, place_rows: dict,
                       mention_rows: list, claim_rows: list, *, editor: Editor) -> bool:
        # ON CONFLICT DO NOTHING rather than a prior SELECT: two ingests racing on the
        # same article must not turn into an integrity error. The statements take their
        # values as parameters, so SQLAlchemy compiles each once, not once per article.
        insert_article, upsert_place = self._write_statements()
        if conn.execute(insert_article, article_row).rowcount == 0:
            return False
        if place_rows:
            conn.execute(upsert_place, list(place_rows.values()))
        if mention_rows:
            conn.execute(mentions_table.insert(), mention_rows)
        if claim_rows:
            conn.execute(claims_table.insert(), claim_rows)
        conn.execute(actions_table.insert(), action_row(
            editor, "add", article_row["id"], article_row["title"], article_row["ingested_at"]))
        return True

    def cache_put(self, provider: str, query: str, response_json: str) -> None:
        """Remember a geocoder's raw JSON answer for `query`, replacing an older one."""
        row = {"provider": provider, "query": query, "response_json": response_json,
               "fetched_at": now()}
        ins = self._insert(geocode_cache_table).values(row)
        ins = ins.on_conflict_do_update(
            index_elements=["provider", "query"],
            set_={"response_json": ins.excluded.response_json,
                  "fetched_at": ins.excluded.fetched_at},
        )
        with self._errors("write geocode cache"), self._connect().begin() as conn:
            conn.execute(ins)

    # -- reads -------------------------------------------------------------------------------

    def cache_get(self, provider: str, query: str) -> str | None:
        """The cached JSON answer of `provider` for `query`, or None."""
        stmt = select(geocode_cache_table.c.response_json).where(
            geocode_cache_table.c.provider == provider, geocode_cache_table.c.query == query)
        with self._errors("read geocode cache"), self._connect().connect() as conn:
            return conn.execute(stmt).scalar_one_or_none()

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored (cheaper than `article`)."""
        stmt = select(articles_table.c.id).where(articles_table.c.id == article_id)
        with self._errors("read articles"), self._connect().connect() as conn:
            return conn.execute(stmt).first() is not None

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        found = self._articles(articles_table.c.id == article_id)
        return found[0] if found else None

    def articles(self) -> list[Article]:
        """Every stored article, oldest ingest first."""
        return self._articles(None)

    def article_ids(self) -> list[str]:
        """The id of every stored article, oldest ingest first (no text read)."""
        a = articles_table.c
        with self._errors("read articles"), self._connect().connect() as conn:
            return list(conn.execute(select(a.id).order_by(a.ingested_at, a.id)).scalars())

    def mention_rows(self) -> list[dict[str, Any]]:
        """Every mention joined with its place and article, as dicts keyed by `MENTION_COLUMNS`.

        Ordered by the article's ingest time, then title before text, then offset. A mention
        without a place has None for name, lat, lon, feature, country, admin1 and geonameid.
        """
        stmt = mention_select(*row_columns())
        with self._errors("read mentions"), self._connect().connect() as conn:
            return [dict(row._mapping) for row in conn.execute(stmt)]

    def counts(self) -> dict[str, int]:
        """Row counts: ``{"articles": n, "mentions": n, "places": n}``."""
        out = {}
        with self._errors("count rows"), self._connect().connect() as conn:
            for table in (articles_table, mentions_table, places_table):
                out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        return out

    def data_version(self) -> tuple[Any, ...]:
        """Changes whenever articles, claims or areas are added, or an article is read again:
        what a reader that caches by store version (the dashboard) keys on when the store is
        not a file whose modification time says so. Rows are only ever added or replaced by
        new ones, so counts and latest ids do."""
        c = claims_table.c
        stmt = select(select(func.count()).select_from(articles_table).scalar_subquery(),
                      select(func.max(articles_table.c.ingested_at)).scalar_subquery(),
                      select(func.max(mentions_table.c.id)).scalar_subquery(),
                      select(func.max(c.id)).scalar_subquery(),
                      select(func.count()).select_from(claims_table).scalar_subquery(),
                      select(func.max(areas_table.c.id)).scalar_subquery())
        with self._errors("read the store version"), self._connect().connect() as conn:
            return tuple(conn.execute(stmt).one())

    @contextmanager
    def connect(self, action: str = "read") -> Iterator[Connection]:
        """A connection for reads outside this class (`geo.io.export`'s compact readers); SQL
        errors inside leave as a `StoreError` saying what `action` failed."""
        with self._errors(action), self._connect().connect() as conn:
            yield conn

    # -- private -----------------------------------------------------------------------------

    def _articles(self, where: Any) -> list[Article]:
        stmt = select(*(c for c in articles_table.c
                       if c.name not in ("ingested_at", "claims_extracted_at")))
        if where is not None:
            stmt = stmt.where(where)
        stmt = stmt.order_by(articles_table.c.ingested_at, articles_table.c.id)
        with self._errors("read articles"), self._connect().connect() as conn:
            return [Article(**row._mapping) for row in conn.execute(stmt)]

    def _connect(self) -> Engine:
        if self._engine is None:
            raise StoreError(f"{self.location}: store is closed")
        return self._engine

    def _insert(self, table: Table) -> Any:
        dialect = postgresql if self._connect().dialect.name == "postgresql" else sqlite
        return dialect.insert(table)

    def _open(self, engine: Engine, tries: int = 6) -> None:
        """Create or migrate the schema, under the write lock from the start (SQLite: BEGIN
        IMMEDIATE), so that processes opening a new database at once create it once.

        SQLite answers "locked" at once, without waiting, to a connection that finds another
        one switching a new file to WAL; such an open is tried again a few times.
        """
        for attempt in range(tries):
            try:
                with engine.connect() as conn, conn.execution_options(write_lock=True).begin():
                    if conn.dialect.name == "postgresql":
                        self._check_postgis(conn)
                        conn.execute(select(func.pg_advisory_xact_lock(_PG_SCHEMA_LOCK)))
                    self._migrate(conn)
                return
            except OperationalError as err:
                if "locked" not in str(err) or attempt == tries - 1:
                    with self._errors("open"):
                        raise
                time.sleep(0.05 * 2 ** attempt)
            except (SQLAlchemyError, sqlite3.Error):
                with self._errors("open"):
                    raise

    def _check_postgis(self, conn: Connection) -> None:
        found = conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).first()
        if found is None:
            raise StoreError(f"{self.location}: the database has no PostGIS (as its owner or a "
                             "superuser: CREATE EXTENSION postgis)")

    def _migrate(self, conn: Connection) -> None:
        if conn.dialect.name == "postgresql":
            # The schema new tables go to (the first on the search path); without it the
            # inspector lists every table on the path, PostGIS's and other schemas' too.
            schema = conn.execute(select(func.current_schema())).scalar()
            tables = set(inspect(conn).get_table_names(schema=schema)) - POSTGIS_TABLES
        else:
            tables = set(inspect(conn).get_table_names())
        if "schema_version" not in tables:
            if tables:  # another program's database: never add our tables to it
                ours = sorted(tables.intersection(DATA_TABLES)) or sorted(tables)
                raise StoreError(f"{self.location}: not a Conflict Map database "
                                 f"(has table {ours[0]} but no schema_version)")
            # A new database is created at the current schema in one step; the migrations
            # are for databases made by older versions.
            create_current(conn)
            conn.execute(schema_version_table.insert(),
                         {"version": SCHEMA_VERSION, "applied_at": now()})
            return
        else:
            latest = select(func.max(schema_version_table.c.version))
            current = conn.execute(latest).scalar() or 0
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.location}: database schema version {current} is newer than "
                             f"this program's ({SCHEMA_VERSION}); upgrade conflict-map")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version - 1](conn)
            conn.execute(schema_version_table.insert(), {"version": version, "applied_at": now()})

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn driver and SQLAlchemy errors into one `StoreError` naming the database."""
        try:
            yield
        except (SQLAlchemyError, sqlite3.Error) as err:
            detail = driver_message(err)
            if "file is not a database" in detail:
                message = f"{self.location}: not a Conflict Map database ({detail})"
            else:
                message = f"{self.location}: cannot {action} ({detail})"
            raise StoreError(message) from err


