"""What a view reads from the store: compact columns for filtering and counting every mention
(`read_columns`), then full rows or articles by id for what is shown (popups, the reader,
downloads). One definition of the mention query, shared with `Store.mention_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Protocol

import numpy as np
from sqlalchemy import Connection, and_, case, func, literal_column, or_, select

from geo.models import OPENING_CHARS, ROLES, Article, headline
from geo.store.schema import articles_table, mentions_table, places_table
from geo.views.columns import MentionColumns
from geo.views.filters import MentionFilter, day_of


class Connects(Protocol):
    """What these reads need of a store (`geo.store.database.Store` is one)."""

    def connect(self, action: str = "read") -> AbstractContextManager[Connection]: ...

__all__ = ["MENTION_COLUMNS", "Box", "mention_select", "read_articles_by_id", "read_columns",
           "read_mention_ids_in_view", "read_mention_rows", "read_unit_mentions", "row_columns"]

# west, south, east, north in degrees (WGS 84); west > east crosses the antimeridian.
Box = tuple[float, float, float, float]

# The keys of every `Store.mention_rows()` dict, in order (also the CSV header of the CLI).
MENTION_COLUMNS: tuple[str, ...] = (
    "article_id", "field", "surface", "start", "end", "sentence", "sentence_start", "role",
    "name", "lat", "lon", "feature", "country", "admin1", "geonameid", "score", "reason",
    "place_key", "title", "published", "source", "url",
)


def read_columns(store: Connects) -> MentionColumns:
    """Read `MentionColumns` from a store: three queries, no mention text (an untitled
    article's head carries its `headline` as its title)."""
    a, p, m = articles_table.c, places_table.c, mentions_table.c
    # One string per distinct source and day, shared by the heads (a million mentions have
    # some 100,000 articles: a string each cost 20 MB); no text and no address (the reader
    # and the exports read whole articles from the store).
    # An untitled article's head is named by its opening words (`headline`), read only for it.
    shared: dict[str | None, str | None] = {}
    opening = case((func.coalesce(a.title, "") == "", func.substr(a.text, 1, OPENING_CHARS)),
                   else_=None).label("opening")
    with store.connect("read mentions") as conn:
        articles = tuple(Article(id=r.id, text="", title=headline(r.title, r.opening),
                                 source=shared.setdefault(r.source, r.source),
                                 published=shared.setdefault(r.published, r.published))
                         for r in conn.execute(select(a.id, a.title, a.source, a.published,
                                                      opening)
                                               .order_by(a.ingested_at, a.id)))
        places = tuple(dict(r._mapping) for r in conn.execute(
            select(p.key, p.name, p.lat, p.lon, p.feature, p.country, p.admin1).order_by(p.key)))
        article_at = {art.id: i for i, art in enumerate(articles)}
        place_at = {row["key"]: i for i, row in enumerate(places)}
        n = conn.execute(select(func.count()).select_from(mentions_table)).scalar_one()
        cols = (np.empty(n, np.int64), np.empty(n, np.int32), np.empty(n, np.int32),
                np.empty(n, np.int8), np.empty(n, np.float32))
        k = 0
        for r in conn.execute(mention_select(m.id, m.article_id, m.place_key, m.role, m.score)):
            if k >= n:
                break  # written to since the count: the next store version reads them
            i, k = k, k + 1
            cols[0][i], cols[1][i] = r[0], article_at[r[1]]
            cols[2][i] = place_at.get(r[2], -1) if r[2] else -1
            cols[3][i] = ROLES.index(r[3]) if r[3] in ROLES else -1
            cols[4][i] = r[4] or 0.0
    days = [day_of({"published": art.published}) for art in articles]
    return MentionColumns(
        *(col[:k] for col in cols), articles=articles,
        article_day=np.array([date.fromisoformat(d).toordinal() if d else -1 for d in days],
                             dtype=np.int32),
        places=places, place_mapped=np.array(
            [row["lat"] is not None and row["lon"] is not None for row in places] + [False]))


def read_mention_ids_in_view(store: Connects, box: Box, *, date_from: str | None = None,
                             date_to: str | None = None,
                             columns: MentionColumns | None = None) -> list[int]:
    """Ids of the mentions whose place lies in `box` and whose article's published day lies
    in [date_from, date_to] (inclusive ISO days; with either set, undated articles are out),
    in `Store.mention_rows` order.

    On PostGIS one query answers it in the database (the GiST index on the mentions' points,
    the index on the published day). On SQLite it is a mask over the in-memory columns, as the
    dashboard filters (`columns`, when the caller has them, else read here).
    """
    flt = MentionFilter(roles=ROLES, date_from=date_from, date_to=date_to)  # checks the days
    with store.connect("read mentions") as conn:
        spatial = conn.dialect.name == "postgresql"
        if spatial:
            return list(conn.execute(_view_select(box, flt)).scalars())
    if columns is None:
        columns = read_columns(store)
    keep = columns.mask(flt, mapped_only=True) & columns.in_box(*box)
    return [int(i) for i in columns.ids[keep]]


def _view_select(box: Box, flt: MentionFilter):
    m, a = mentions_table.c, articles_table.c
    west, south, east, north = box
    parts = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]
    # The PostGIS column is not in the portable table definition (`schema.POSTGIS_COLUMNS`).
    geom = literal_column("mentions.geom")
    envelopes = [geom.op("&&")(func.ST_MakeEnvelope(w, south, e, north, 4326))
                 for w, e in parts]
    stmt = mention_select(m.id).where(or_(*envelopes))
    if flt.dated:
        day = func.substr(a.published, 1, 10)
        stmt = stmt.where(a.published.op("~")(r"^\d{4}-\d{2}-\d{2}"),
                          and_(day >= (flt.date_from or "0000-01-01"),
                               day <= (flt.date_to or "9999-12-31")))
    return stmt


def read_mention_rows(store: Connects, ids: Sequence[int] | None = None, *,
                      article_id: str | None = None) -> list[dict]:
    """Mention rows (`Store.mention_rows` dicts) with these ids, in that order, or of one
    article in text order."""
    m = mentions_table.c
    out: dict[int, dict] = {}
    with store.connect("read mentions") as conn:
        if article_id is not None:
            stmt = mention_select(*row_columns()).where(m.article_id == article_id)
            return [{k: r._mapping[k] for k in MENTION_COLUMNS} for r in conn.execute(stmt)]
        wanted = [int(i) for i in (() if ids is None else ids)]
        for start in range(0, len(wanted), 500):  # SQLite binds at most 999 parameters
            chunk = wanted[start:start + 500]
            for r in conn.execute(mention_select(*row_columns(), m.id).where(m.id.in_(chunk))):
                out[r.id] = {k: r._mapping[k] for k in MENTION_COLUMNS}
    return [out[i] for i in wanted if i in out]


def read_unit_mentions(store: Connects, article_ids: Iterable[str]) -> dict[str, list[dict]]:
    """Per article, its text's literal mentions of admin-1 units with a point, in text order:
    `start`, `end`, and the unit's `name`, `admin1` code, `lat` and `lon`."""
    m, p = mentions_table.c, places_table.c
    wanted, out = list(dict.fromkeys(article_ids)), {}
    with store.connect("read mentions") as conn:
        for start in range(0, len(wanted), 500):  # SQLite binds at most 999 parameters
            stmt = (select(m.article_id, m.start, m.end, p.name, p.admin1, p.lat, p.lon)
                    .select_from(mentions_table.join(places_table))
                    .where(m.article_id.in_(wanted[start:start + 500]), m.field == "text",
                           m.role == "literal", p.feature == "admin1", p.lat.is_not(None),
                           p.lon.is_not(None))
                    .order_by(m.article_id, m.start))
            for r in conn.execute(stmt):
                out.setdefault(r.article_id, []).append(
                    {k: r._mapping[k] for k in ("start", "end", "name", "admin1", "lat", "lon")})
    return out


def read_articles_by_id(store: Connects, ids: Iterable[str]) -> list[Article]:
    """The articles with these ids, text included, in that order."""
    a, wanted, found = articles_table.c, list(ids), {}
    columns = [a[name] for name in Article.__dataclass_fields__]
    with store.connect("read articles") as conn:
        for start in range(0, len(wanted), 500):
            for r in conn.execute(select(*columns).where(a.id.in_(wanted[start:start + 500]))):
                found[r.id] = Article(**r._mapping)
    return [found[i] for i in wanted if i in found]


def row_columns() -> list:
    # `Store.mention_rows`'s columns, in `MENTION_COLUMNS` order.
    m, p, a = mentions_table.c, places_table.c, articles_table.c
    return [m.article_id, m.field, m.surface, m.start, m.end, m.sentence, m.sentence_start,
            m.role, p.name, p.lat, p.lon, p.feature, p.country, p.admin1, p.geonameid, m.score,
            m.reason, m.place_key, a.title, a.published, a.source, a.url]


def mention_select(*columns):
    m, a = mentions_table.c, articles_table.c
    return (select(*columns)
            .select_from(mentions_table.join(articles_table).outerjoin(places_table))
            .order_by(a.ingested_at, a.id, case((m.field == "title", 0), else_=1), m.start, m.end))
