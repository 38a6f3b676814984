"""The store's tables and numbered migrations, apart from the code that reads and writes them.

Portable SQLAlchemy Core types only, so the same schema runs on SQLite and PostgreSQL. On
PostgreSQL, PostGIS geometry columns with GiST indexes come on top (`add_postgis`), filled by
the database itself, so the code that writes rows is the same on both; SQLite keeps the plain
latitude and longitude columns and no more.
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
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeEngine

metadata = MetaData()


def varchar(length: int) -> TypeEngine[str]:
    """VARCHAR(length) on SQLite, as it always was there, where the length is never enforced; TEXT
    on PostgreSQL, which would enforce it and refuse what SQLite stores (a long place source)."""
    return String(length).with_variant(Text(), "postgresql")


# The current schema. A later migration that changes a table must first freeze the version-1
# definition inside `_migrate_1`, so that old databases are built the way they were then.
articles_table = Table(
    "articles", metadata,
    Column("id", varchar(64), primary_key=True),
    Column("title", Text),
    Column("source", Text),
    Column("url", Text),
    Column("published", varchar(40)),
    Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("path", Text),
    Column("ingested_at", varchar(40), nullable=False),
    # When claims were extracted (None: stored before claim extraction, or never extracted),
    # so a re-ingest backfills claims once, even for an article that has none.
    Column("claims_extracted_at", varchar(40)),
    Index("ix_articles_ingested_at", "ingested_at"),
)

places_table = Table(
    "places", metadata,
    Column("key", varchar(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("feature", varchar(16), nullable=False),
    Column("country", varchar(8)),
    Column("admin1", Text),
    Column("geonameid", BigInteger),
    Column("population", BigInteger, nullable=False, default=0),
    Column("source", varchar(32)),
)

mentions_table = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", varchar(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("field", varchar(8), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("surface", Text, nullable=False),
    Column("sentence", Text),
    Column("sentence_start", Integer),
    Column("role", varchar(16), nullable=False),
    Column("place_key", varchar(64), ForeignKey("places.key"), nullable=True),
    Column("score", Float),
    Column("reason", Text),
    UniqueConstraint("article_id", "field", "start", "end", name="uq_mentions_span"),
    Index("ix_mentions_place_key", "place_key"),
)

claims_table = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # None for a claim entered by hand (`origin` "manual"), whose provenance is `source_url`.
    Column("article_id", varchar(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=True),
    Column("actor", Text),
    Column("action", Text),
    Column("value", Float),
    Column("unit", varchar(32)),
    Column("bound", varchar(32)),
    Column("region", varchar(64)),
    Column("region_name", Text),
    Column("denominator", Text),
    Column("claimant", Text),
    Column("negated", Boolean, nullable=False, default=False),
    Column("quote", Text),
    Column("quote_start", Integer),
    Column("quote_end", Integer),
    Column("published", varchar(40)),
    Column("origin", varchar(16), nullable=False, default="text"),
    Column("source_url", Text),
    Column("recorded_at", varchar(40)),
    # Added by migration 3: the point of a claim about a town or sector, the kind of its
    # denominator and the date the sentence gives it.
    Column("place_id", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("denominator_kind", varchar(16)),
    Column("as_of", varchar(40)),
    Index("ix_claims_region", "region"),
)
# The columns migration 3 adds to claims (migration 2 builds the table without them).
CLAIMS_V3_COLUMNS = ("place_id", "lat", "lon", "denominator_kind", "as_of")

# Controlled or claimed areas imported from GeoJSON/KML, one row per polygon feature.
areas_table = Table(
    "areas", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text),
    Column("actor", Text, nullable=False),
    Column("status", varchar(32), nullable=False),
    Column("date", varchar(40), nullable=False),
    Column("source", Text),
    Column("file", Text, nullable=False),
    Column("area_km2", Float, nullable=False),
    Column("wkb", LargeBinary, nullable=False),
    Column("imported_at", varchar(40), nullable=False),
)

# The share of each admin-1 region an area covers (geodesic areas of the intersection).
area_shares_table = Table(
    "area_shares", metadata,
    Column("area_id", Integer, ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True),
    Column("region", varchar(64), primary_key=True),
    Column("region_name", Text),
    Column("share_pct", Float, nullable=False),
    Column("area_km2", Float, nullable=False),
    Index("ix_area_shares_region", "region"),
)

geocode_cache_table = Table(
    "geocode_cache", metadata,
    Column("provider", varchar(64), primary_key=True),
    Column("query", Text, primary_key=True),
    Column("response_json", Text, nullable=False),
    Column("fetched_at", varchar(40), nullable=False),
)

# Who wrote what and when: one row per stored or deleted article, backfilled claims, manual
# claim and area import. `article_id` has no foreign key: the row outlives a deleted article.
actions_table = Table(
    "actions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", varchar(40), nullable=False),
    Column("editor", Text, nullable=False),
    Column("how", varchar(16), nullable=False),
    Column("action", varchar(16), nullable=False),
    Column("article_id", varchar(64)),
    Column("detail", Text),
    Index("ix_actions_at", "at"),
)

schema_version_table = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", varchar(40), nullable=False),
)

# PostGIS only: (table, geometry type, how the database fills the column). A place's point and
# an area's shape are generated from the columns both backends have; a mention's point is its
# place's, kept so by two triggers (`POSTGIS_EXTRAS`), so that a box query on mentions needs no
# join. The GiST indexes make `&&` and `ST_Intersects` index lookups.
POSTGIS_COLUMNS: dict[str, tuple[str, str]] = {
    "places": ("POINT", "GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED"),
    "mentions": ("POINT", ""),
    "areas": ("GEOMETRY", "GENERATED ALWAYS AS (ST_SetSRID(ST_GeomFromWKB(wkb), 4326)) STORED"),
}
# More PostGIS-only statements, run with the table they follow: the map's time filter is the
# article's published day; imported areas are measured against a copy of the admin-1 regions
# (`AreaStore.load_regions`, from data/regions.sqlite), so that the database intersects them.
POSTGIS_EXTRAS: dict[str, tuple[str, ...]] = {
    "articles": ("CREATE INDEX ix_articles_published ON articles (published)",),
    # A new mention takes its place's point; a place that moves (an upsert from a rebuilt
    # gazetteer) moves its mentions, under the row lock the upsert holds.
    "mentions": (
        "CREATE FUNCTION mention_point() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "NEW.geom := (SELECT geom FROM places WHERE key = NEW.place_key); RETURN NEW; END $$",
        "CREATE TRIGGER mention_point BEFORE INSERT OR UPDATE OF place_key ON mentions "
        "FOR EACH ROW EXECUTE FUNCTION mention_point()",
        "CREATE FUNCTION place_moved() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "UPDATE mentions SET geom = NEW.geom WHERE place_key = NEW.key; RETURN NULL; END $$",
        "CREATE TRIGGER place_moved AFTER UPDATE OF lat, lon ON places FOR EACH ROW "
        "WHEN (OLD.lat IS DISTINCT FROM NEW.lat OR OLD.lon IS DISTINCT FROM NEW.lon) "
        "EXECUTE FUNCTION place_moved()"),
    "areas": ("CREATE TABLE regions (key TEXT PRIMARY KEY, name TEXT NOT NULL, "
              "area_km2 DOUBLE PRECISION NOT NULL, built_at TEXT NOT NULL, "
              "geom {GEOMETRY} NOT NULL)",
              "CREATE INDEX ix_regions_geom ON regions USING gist (geom)"),
}

PLACE_UPDATE_COLUMNS = tuple(c.name for c in places_table.c if c.name != "key")
DATA_TABLES = ("articles", "places", "mentions", "claims", "geocode_cache", "areas",
               "area_shares", "actions")


def add_postgis(conn: Connection, *tables: str) -> None:
    """Add the PostGIS columns and indexes of `tables` (no-op on SQLite)."""
    if conn.dialect.name != "postgresql":
        return
    from geoalchemy2 import Geometry  # imported on PostgreSQL only: SQLite never needs it

    def geometry(kind: str) -> str:
        return Geometry(kind, srid=4326, spatial_index=False).compile(conn.dialect)

    for name in tables:
        if name in POSTGIS_COLUMNS:
            kind, fill = POSTGIS_COLUMNS[name]
            conn.execute(text(f"ALTER TABLE {name} ADD COLUMN geom {geometry(kind)} {fill}"))
            conn.execute(text(f"CREATE INDEX ix_{name}_geom ON {name} USING gist (geom)"))
        for statement in POSTGIS_EXTRAS.get(name, ()):
            conn.execute(text(statement.format(GEOMETRY=geometry("GEOMETRY"))))


def create_current(conn: Connection) -> None:
    """A new database at the current schema, in one step (the migrations are for old ones)."""
    # checkfirst off: on PostgreSQL it would see a table of that name anywhere on the search
    # path (another store in `public`) and skip ours; the caller has checked there is none.
    metadata.create_all(conn, checkfirst=False)
    add_postgis(conn, *metadata.tables)


def _migrate_1(conn: Connection) -> None:
    """Initial schema (articles and claims frozen as they were in version 1)."""
    v1 = MetaData()
    Table("articles", v1,
          Column("id", varchar(64), primary_key=True),
          Column("title", Text), Column("source", Text), Column("url", Text),
          Column("published", varchar(40)), Column("dateline", Text),
          Column("text", Text, nullable=False), Column("path", Text),
          Column("ingested_at", varchar(40), nullable=False),
          Index("ix_articles_ingested_at", "ingested_at"))
    Table("claims", v1,
          Column("id", Integer, primary_key=True, autoincrement=True),
          Column("article_id", varchar(64), ForeignKey("articles.id", ondelete="CASCADE"),
                 nullable=False),
          Column("actor", Text), Column("action", Text), Column("value", Float),
          Column("unit", varchar(32)), Column("bound", varchar(32)), Column("region", varchar(64)),
          Column("region_name", Text), Column("denominator", Text), Column("claimant", Text),
          Column("negated", Boolean, nullable=False, default=False), Column("quote", Text),
          Column("quote_start", Integer), Column("quote_end", Integer),
          Column("published", varchar(40)))
    v1.create_all(conn, checkfirst=False)
    metadata.create_all(conn, tables=[places_table, mentions_table, geocode_cache_table],
                        checkfirst=False)
    add_postgis(conn, "articles", "places", "mentions")


def _migrate_2(conn: Connection) -> None:
    """Claim provenance (manual claims have no article), the claims-extracted mark on articles,
    and imported control areas with their shares of regions."""
    column_type = varchar(40).compile(conn.dialect)
    conn.execute(text(f"ALTER TABLE articles ADD COLUMN claims_extracted_at {column_type}"))
    # Articles that already have claims went through extraction; the others are redone once.
    conn.execute(text("UPDATE articles SET claims_extracted_at = ingested_at WHERE id IN "
                      "(SELECT article_id FROM claims)"))
    # Rebuilt rather than altered: SQLite cannot drop NOT NULL from a column. The table is
    # built as it was at version 2 (without migration 3's columns).
    conn.execute(text("ALTER TABLE claims RENAME TO claims_v1"))
    v2 = MetaData()
    Table("articles", v2, Column("id", varchar(64), primary_key=True))
    claims_v2 = Table("claims", v2, *(c.copy() for c in claims_table.c
                                      if c.name not in CLAIMS_V3_COLUMNS),
                      Index("ix_claims_region", "region"))
    claims_v2.create(conn)
    copied = [c.name for c in claims_v2.c
              if c.name not in ("id", "origin", "source_url", "recorded_at")]
    cols = ", ".join(f'"{name}"' for name in copied)
    conn.execute(text(f"INSERT INTO claims ({cols}, origin) "
                      f"SELECT {cols}, 'text' FROM claims_v1 ORDER BY id"))
    conn.execute(text("DROP TABLE claims_v1"))
    metadata.create_all(conn, tables=[areas_table, area_shares_table], checkfirst=False)
    add_postgis(conn, "areas")


def _migrate_3(conn: Connection) -> None:
    """Claims gain a point (GeoNames id, lat, lon), the kind of their denominator and an
    as-of date; stored claims keep None until their article is extracted again."""
    for name in CLAIMS_V3_COLUMNS:
        column_type = claims_table.c[name].type.compile(conn.dialect)
        conn.execute(text(f'ALTER TABLE claims ADD COLUMN "{name}" {column_type}'))


def _migrate_4(conn: Connection) -> None:
    """The log of writes with their editor (`actions`); older writes have no entry."""
    actions_table.create(conn, checkfirst=False)


# Migration N is `MIGRATIONS[N - 1]`; append, never edit or reorder.
MIGRATIONS: list[Callable[[Connection], None]] = [_migrate_1, _migrate_2, _migrate_3,
                                                  _migrate_4]
SCHEMA_VERSION = len(MIGRATIONS)
