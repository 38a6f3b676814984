"""What every reader shares: the `Article` built from a text and its metadata, with the checks
that make one (text present, not over the parser's limit, metadata of the right types).

The stored `text` is exactly what mention offsets refer to, so readers change nothing in it but
line endings (to ``\\n``), a leading byte-order mark and outer whitespace.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from geo.errors import IngestError
from geo.geoparse.dateline import detect_dateline
from geo.models import Article, article_id

__all__ = ["MAX_TEXT_CHARS", "Located", "build_article", "json_type", "normalise_newlines",
           "parse_published"]


# spaCy's default `nlp.max_length`: a longer text makes the parser fail with E088 advice about
# memory, which means nothing to whoever ingests a file. Checked in the reader instead.
MAX_TEXT_CHARS = 1_000_000


class Located(NamedTuple):
    """One record of a file and where it is: `line` for JSON Lines, `number` for a JSON list."""

    line: int | None
    number: int | None
    record: Article | IngestError


def build_article(path: Path, text: str, meta: Mapping[str, Any]) -> Article:
    """Check metadata types and build the article; raises ValueError naming the problem."""
    text = text.strip()
    if not text:
        raise ValueError("no text")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"article too long ({len(text):,} characters; "
                         f"limit {MAX_TEXT_CHARS:,})")
    if "\x00" in text:  # a JSON "\u0000": binary data, as a NUL byte in a file is
        raise ValueError("text contains NUL characters (binary data, not text)")
    fields: dict[str, str | None] = {}
    for key in ("title", "source", "url", "dateline"):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key!r} must be a string, not {json_type(value)}")
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(f"{key!r} contains NUL characters")
        fields[key] = (value.strip() or None) if isinstance(value, str) else None
    if fields["dateline"] is None:
        fields["dateline"] = detect_dateline(text)
    return Article(id=article_id(text), text=text, published=parse_published(meta.get("published")),
                   path=str(path), **fields)


def parse_published(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):  # YAML front matter gives date and datetime objects
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"'published' must be an ISO date string, not {json_type(value)}")
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(value.strip()).isoformat()
        except ValueError:
            continue
    raise ValueError(f"published date {value!r} is not an ISO date "
                     "(expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)")


def json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
