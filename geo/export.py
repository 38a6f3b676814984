"""Serialise mentions and articles for download: CSV, RFC 7946 GeoJSON and JSON Lines.

Pure functions from rows or models to text; the CLI (`conflict-map mentions`) and the dashboard's
download buttons share them, so a file from either has the same columns and order.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from geo.models import Article
from geo.store import MENTION_COLUMNS

__all__ = [
    "ARTICLE_FIELDS",
    "articles_jsonl",
    "lon_lat",
    "mentions_csv",
    "mentions_feature_collection",
    "mentions_geojson",
]

# What an exported article carries: everything but the local file path it was ingested from.
ARTICLE_FIELDS: tuple[str, ...] = ("id", "title", "source", "url", "published", "dateline",
                                   "text")


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


def mentions_csv(rows: Iterable[Mapping[str, Any]],
                 columns: Sequence[str] = MENTION_COLUMNS) -> str:
    """CSV text with a header row of `columns` and one line per mention ("\\n" line ends).

    Missing values are empty cells; keys outside `columns` are ignored.

    Examples
    --------
    >>> print(mentions_csv([{"surface": "Kursk", "lat": 51.7}], columns=("surface", "lat")))
    surface,lat
    Kursk,51.7
    <BLANKLINE>
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
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
