"""Serialise mentions and articles for download: CSV, RFC 7946 GeoJSON and JSON Lines.

Pure functions from rows or models to text; the CLI (`conflict-map mentions`) and the dashboard's
download buttons share them, so a file from either has the same columns and order. Every CSV
the project writes goes through `write_csv`, which neutralises spreadsheet formulas. Reading
what to export from the store is `geo.store.reads`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TextIO

from geo.models import Article
from geo.store.reads import MENTION_COLUMNS

__all__ = [
    "ARTICLE_FIELDS",
    "FORMULA_TRIGGERS",
    "articles_jsonl",
    "csv_safe",
    "lon_lat",
    "mentions_csv",
    "mentions_feature_collection",
    "mentions_geojson",
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


