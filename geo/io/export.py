"""Serialise mentions and articles for download: CSV, RFC 7946 GeoJSON and JSON Lines.

Pure functions from rows or models to text; the CLI (`conflict-map mentions`) and the dashboard's
download buttons share them, so a file from either has the same columns and order. Every CSV
the project writes goes through `write_csv`, which neutralises spreadsheet formulas. The readers
at the bottom fetch from the store only what a view needs: compact columns for filtering and
counting (`read_columns`), and full rows or articles by id for popups, the reader and downloads.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Literal, TextIO

import numpy as np
from sqlalchemy import case, func, select

from geo.models import ROLES, Article
from geo.store.database import MENTION_COLUMNS, Store
from geo.store.schema import articles_table, mentions_table, places_table
from geo.views.columns import MentionColumns
from geo.views.filters import day_of

__all__ = [
    "ARTICLE_FIELDS",
    "FORMULA_TRIGGERS",
    "articles_jsonl",
    "csv_safe",
    "lon_lat",
    "mentions_csv",
    "mentions_feature_collection",
    "mentions_geojson",
    "read_articles",
    "read_columns",
    "read_mention_rows",
    "write_csv",
]

# What an exported article carries: everything but the local file path it was ingested from.
ARTICLE_FIELDS: tuple[str, ...] = ("id", "title", "source", "url", "published", "dateline",
                                   "text")
# OWASP "CSV Injection": a spreadsheet reads a cell beginning with one of these as a formula
# (= + - @), or a tab or line break ahead of one; a leading ' makes the cell plain text.
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n")


def lon_lat(lat: float, lon: float) -> list[float]:
    """A GeoJSON position for a latitude and longitude in degrees.

    GeoJSON (RFC 7946, section 3.1.1) orders a position as [x, y] = [longitude, latitude]; this
    is the one place where the order flips.

    Examples
    --------
    >>> lon_lat(51.19, 35.27)
    [35.27, 51.19]
    """
    return [lon, lat]


def csv_safe(value: Any) -> Any:
    """`value` for a CSV cell: text beginning with a formula trigger gets a leading "'".

    Only strings change: a number is written as a number, so a longitude of -73.9 stays a
    number in the spreadsheet, not text and not a formula.

    Examples
    --------
    >>> csv_safe('=HYPERLINK("https://example.org","click")')
    '\\'=HYPERLINK("https://example.org","click")'
    >>> csv_safe("-Kursk"), csv_safe(-73.9), csv_safe("Kursk"), csv_safe(None)
    ("'-Kursk", -73.9, 'Kursk', None)
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def write_csv(out: TextIO, rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *,
              extrasaction: Literal["raise", "ignore"] = "ignore") -> None:
    """Write a header of `columns` and one line per row ("\\n" line ends), every cell through
    `csv_safe`: the one CSV writer of the project, so no export skips the neutralising.

    Missing values and None are empty cells; keys outside `columns` are ignored, or raise
    `ValueError` with ``extrasaction="raise"``. A cell holding a quote, comma, CR or LF is
    quoted (quotes doubled), so a line break inside a cell cannot start a row of its own.

    Examples
    --------
    >>> buffer = io.StringIO()
    >>> write_csv(buffer, [{"surface": "@Kursk", "lon": -73.9}, {"surface": "a\\rb"}],
    ...           ("surface", "lon"))
    >>> buffer.getvalue()
    'surface,lon\\n\\'@Kursk,-73.9\\n"a\\rb",\\n'
    """
    # With "\n" as the line end the csv module quotes LF but not a lone CR, which Excel takes
    # for a line break: write CRLF, so both are quoted, and turn each row's end back into LF.
    writer = csv.DictWriter(_LineFeeds(out), fieldnames=list(columns), lineterminator="\r\n",
                            extrasaction=extrasaction)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_safe(value) for key, value in row.items()})


class _LineFeeds:
    """A text sink that ends each line the csv writer gives it with "\\n", not "\\r\\n".

    The writer hands over one whole row, terminator included, per `write` call; a CR or LF
    inside a cell is then within quotes, so only the last two characters are the row's end.
    """

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, line: str) -> int:
        return self._out.write(line[:-2] + "\n" if line.endswith("\r\n") else line)


def mentions_csv(rows: Iterable[Mapping[str, Any]],
                 columns: Sequence[str] = MENTION_COLUMNS) -> str:
    """CSV text with a header row of `columns` and one line per mention (see `write_csv`).

    Missing values are empty cells; keys outside `columns` are ignored; text that a
    spreadsheet would run as a formula is prefixed with "'" (`csv_safe`).

    Examples
    --------
    >>> print(mentions_csv([{"surface": "Kursk", "lat": 51.7}], columns=("surface", "lat")))
    surface,lat
    Kursk,51.7
    <BLANKLINE>
    >>> print(mentions_csv([{"surface": "=1+1", "lon": -73.9}], columns=("surface", "lon")))
    surface,lon
    '=1+1,-73.9
    <BLANKLINE>
    """
    buffer = io.StringIO()
    write_csv(buffer, rows, columns)
    return buffer.getvalue()


def mentions_feature_collection(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection with one Point per mention that has coordinates.

    Each feature's properties are the row without `lat` and `lon` (those are the geometry, as
    [lon, lat] in WGS 84). Mentions without coordinates are left out.
    """
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": lon_lat(row["lat"], row["lon"])},
            "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
        }
        for row in rows
        if row.get("lat") is not None and row.get("lon") is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def mentions_geojson(rows: Iterable[Mapping[str, Any]]) -> str:
    """`mentions_feature_collection` as JSON text (UTF-8 characters kept, not escaped)."""
    return json.dumps(mentions_feature_collection(rows), ensure_ascii=False)


def articles_jsonl(articles: Iterable[Article]) -> str:
    """One JSON object per line per article, with the keys `ARTICLE_FIELDS`.

    Examples
    --------
    >>> print(articles_jsonl([Article(id="ab12", text="Shelling near Sudzha.")]), end="")
    {"id": "ab12", "title": null, "source": null, "url": null, "published": null, \
"dateline": null, "text": "Shelling near Sudzha."}
    """
    return "".join(
        json.dumps({name: getattr(article, name) for name in ARTICLE_FIELDS},
                   ensure_ascii=False) + "\n"
        for article in articles
    )


def read_columns(store: Store) -> MentionColumns:
    """Read `MentionColumns` from a store: three queries, no mention text."""
    a, p, m = articles_table.c, places_table.c, mentions_table.c
    with store.connect("read mentions") as conn:
        articles = tuple(Article(id=r.id, text="", title=r.title, source=r.source, url=r.url,
                                 published=r.published) for r in conn.execute(
            select(a.id, a.title, a.source, a.url, a.published).order_by(a.ingested_at, a.id)))
        places = tuple(dict(r._mapping) for r in conn.execute(
            select(p.key, p.name, p.lat, p.lon, p.feature, p.country, p.admin1).order_by(p.key)))
        article_at = {art.id: i for i, art in enumerate(articles)}
        place_at = {row["key"]: i for i, row in enumerate(places)}
        n = conn.execute(select(func.count()).select_from(mentions_table)).scalar_one()
        cols = (np.empty(n, np.int64), np.empty(n, np.int32), np.empty(n, np.int32),
                np.empty(n, np.int8), np.empty(n, np.float32))
        k = 0
        for r in conn.execute(_mention_select(m.id, m.article_id, m.place_key, m.role, m.score)):
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


def read_mention_rows(store: Store, ids: Sequence[int] | None = None, *,
                      article_id: str | None = None) -> list[dict]:
    """Mention rows (`Store.mention_rows` dicts) with these ids, in that order, or of one
    article in text order."""
    m = mentions_table.c
    out: dict[int, dict] = {}
    with store.connect("read mentions") as conn:
        if article_id is not None:
            stmt = _mention_select(*_row_columns(), m.id).where(m.article_id == article_id)
            return [{k: r._mapping[k] for k in MENTION_COLUMNS} for r in conn.execute(stmt)]
        wanted = [int(i) for i in (() if ids is None else ids)]
        for start in range(0, len(wanted), 500):  # SQLite binds at most 999 parameters
            chunk = wanted[start:start + 500]
            for r in conn.execute(_mention_select(*_row_columns(), m.id).where(m.id.in_(chunk))):
                out[r.id] = {k: r._mapping[k] for k in MENTION_COLUMNS}
    return [out[i] for i in wanted if i in out]


def read_articles(store: Store, ids: Iterable[str]) -> list[Article]:
    """The articles with these ids, text included, in that order."""
    a, wanted, found = articles_table.c, list(ids), {}
    columns = [a[name] for name in Article.__dataclass_fields__]
    with store.connect("read articles") as conn:
        for start in range(0, len(wanted), 500):
            for r in conn.execute(select(*columns).where(a.id.in_(wanted[start:start + 500]))):
                found[r.id] = Article(**r._mapping)
    return [found[i] for i in wanted if i in found]


def _row_columns() -> list:
    # `Store.mention_rows`'s columns, in `MENTION_COLUMNS` order.
    m, p, a = mentions_table.c, places_table.c, articles_table.c
    return [m.article_id, m.field, m.surface, m.start, m.end, m.sentence, m.sentence_start,
            m.role, p.name, p.lat, p.lon, p.feature, p.country, p.admin1, p.geonameid, m.score,
            m.reason, m.place_key, a.title, a.published, a.source, a.url]


def _mention_select(*columns):
    m, a = mentions_table.c, articles_table.c
    return (select(*columns)
            .select_from(mentions_table.join(articles_table).outerjoin(places_table))
            .order_by(a.ingested_at, a.id, case((m.field == "title", 0), else_=1), m.start, m.end))
