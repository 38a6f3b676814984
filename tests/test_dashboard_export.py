"""geo/io/export.py: what the dashboard's download buttons and `conflict-map mentions` write."""

from __future__ import annotations

import csv
import io
import json

from browser_support import sample_articles, sample_rows

from geo.io.export import (
    ARTICLE_FIELDS,
    articles_jsonl,
    lon_lat,
    mentions_csv,
    mentions_feature_collection,
    mentions_geojson,
)
from geo.store.database import MENTION_COLUMNS


def test_csv_round_trips_every_row():
    rows = sample_rows()
    parsed = list(csv.DictReader(io.StringIO(mentions_csv(rows))))
    assert len(parsed) == len(rows)
    assert tuple(parsed[0]) == MENTION_COLUMNS
    assert parsed[3]["sentence"] == rows[3]["sentence"]  # "<script>…" and commas survive
    assert float(parsed[0]["lat"]) == rows[0]["lat"]


def test_csv_of_nothing_is_a_header():
    assert mentions_csv([]) == ",".join(MENTION_COLUMNS) + "\n"


def test_geojson_is_rfc7946_lon_lat():
    rows = sample_rows()
    unplaced = {**rows[0], "lat": None, "lon": None}
    text = mentions_geojson([*rows, unplaced])
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(rows)
    for feature, row in zip(collection["features"], rows, strict=True):
        assert feature["geometry"] == {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        assert "lat" not in feature["properties"] and feature["properties"]["name"] == row["name"]
    assert lon_lat(51.19, 35.27) == [35.27, 51.19]
    assert mentions_feature_collection([]) == {"type": "FeatureCollection", "features": []}


def test_articles_jsonl_has_one_object_per_line_and_no_local_path():
    articles = [article for article, _ in sample_articles()]
    lines = articles_jsonl(articles).splitlines()
    assert len(lines) == len(articles)
    first = json.loads(lines[0])
    assert tuple(first) == ARTICLE_FIELDS and "path" not in first
    assert first["text"] == articles[0].text
    assert articles_jsonl([]) == ""
