"""Frozen value types shared by every layer (gazetteer, parser, store, dashboard)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Role = Literal["literal", "metonym", "adjectival"]
Feature = Literal["country", "admin1", "admin2", "city", "region", "landmark", "water", "other"]
Field = Literal["title", "text"]

ROLES: tuple[Role, ...] = ("literal", "metonym", "adjectival")
FEATURES: tuple[Feature, ...] = (
    "country", "admin1", "admin2", "city", "region", "landmark", "water", "other",
)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: where a mention points.

    `key` is stable across gazetteer rebuilds ("gn:486816", "iso:RU-KRS", "cur:kremlin") so the
    store can refer to places without copying the whole gazetteer. Degrees are WGS 84 `lat`/`lon`;
    either may be None for an entry we can name but not place (some admin-2 units).
    """

    key: str
    name: str
    lat: float | None
    lon: float | None
    feature: Feature
    country: str | None
    admin1: str | None
    geonameid: int | None = None
    population: int = 0
    source: str = "geonames"


@dataclass(frozen=True, slots=True)
class Mention:
    """One place reference in one field of an article.

    `start`/`end` are character offsets into the field as stored (`end` exclusive), so
    `field_value[start:end] == surface`; `sentence` is a verbatim substring of the same field that
    begins at `sentence_start`. `score` is the parser's confidence, 0–1; `reason` names the signal
    that decided the resolution ("dateline", "admin qualifier", "co-mention", "population", ...).
    """

    field: Field
    surface: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    role: Role
    place: Place | None
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """A news article as stored; `id` is `article_id(text)`, so the same body is stored once."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    dateline: str | None = None
    path: str | None = None


_SPACE = re.compile(r"\s+")


def article_id(text: str) -> str:
    """SHA-256 hex of the body after Unicode NFC and whitespace collapsing.

    Examples
    --------
    >>> article_id("Kyiv  is\\nthe capital") == article_id("Kyiv is the capital")
    True
    """
    canonical = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
