"""The store's tables and numbered migrations, apart from the code that reads and writes them.

Portable SQLAlchemy Core types only, so the same schema runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# The current schema. A later migration that changes a table must first freeze the version-1
# definition inside `_migrate_1`, so that old databases are built the way they were then.
articles_table = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("source", Text),
    Column("url", Text),
    Column("published", String(40)),
    Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("path", Text),
    Column("ingested_at", String(40), nullable=False),
    Index("ix_articles_ingested_at", "ingested_at"),
)

places_table = Table(
    "places", metadata,
    Column("key", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("feature", String(16), nullable=False),
    Column("country", String(8)),
    Column("admin1", Text),
    Column("geonameid", BigInteger),
    Column("population", BigInteger, nullable=False, default=0),
    Column("source", String(32)),
)

mentions_table = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("field", String(8), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("surface", Text, nullable=False),
    Column("sentence", Text),
    Column("sentence_start", Integer),
    Column("role", String(16), nullable=False),
    Column("place_key", String(64), ForeignKey("places.key"), nullable=True),
    Column("score", Float),
    Column("reason", Text),
    UniqueConstraint("article_id", "field", "start", "end", name="uq_mentions_span"),
    Index("ix_mentions_place_key", "place_key"),
)

claims_table = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("actor", Text),
    Column("action", Text),
    Column("value", Float),
    Column("unit", String(32)),
    Column("bound", String(32)),
    Column("region", String(64)),
    Column("region_name", Text),
    Column("denominator", Text),
    Column("claimant", Text),
    Column("negated", Boolean, nullable=False, default=False),
    Column("quote", Text),
    Column("quote_start", Integer),
    Column("quote_end", Integer),
    Column("published", String(40)),
)

geocode_cache_table = Table(
    "geocode_cache", metadata,
    Column("provider", String(64), primary_key=True),
    Column("query", Text, primary_key=True),
    Column("response_json", Text, nullable=False),
    Column("fetched_at", String(40), nullable=False),
)

schema_version_table = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(40), nullable=False),
)

PLACE_UPDATE_COLUMNS = tuple(c.name for c in places_table.c if c.name != "key")
DATA_TABLES = ("articles", "places", "mentions", "claims", "geocode_cache")


def _migrate_1(conn: Connection) -> None:
    """Initial schema."""
    metadata.create_all(conn, tables=[articles_table, places_table, mentions_table,
                                      claims_table, geocode_cache_table])


# Migration N is `MIGRATIONS[N - 1]`; append, never edit or reorder.
MIGRATIONS: list[Callable[[Connection], None]] = [_migrate_1]
SCHEMA_VERSION = len(MIGRATIONS)
