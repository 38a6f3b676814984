"""What a view of the map is: the filter (`MentionFilter`), the values it can take (`Facets`),
the free-text search over articles, places grouped for popups, and the claims panel's filter.

Filtering and counting are done once, on numeric columns (`geo.views.columns.MentionColumns`,
read by `geo.store.reads.read_columns`): the dashboard builds its caption, timeline, places
table, map and exports from one mask, so they all agree on one count. A *mention row* is one
dict of `geo.store.database.Store.mention_rows()` (keys `MENTION_COLUMNS`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from geo.models import FEATURES, ROLES, Article

__all__ = [
    "DEFAULT_ROLES",
    "REPORTER",
    "ClaimFilter",
    "Facets",
    "MentionFilter",
    "PlaceSummary",
    "claim_facets",
    "day_of",
    "fold_key",
    "group_places",
    "is_mapped",
    "matching_articles",
    "search_index",
    "search_terms",
]

# Metonyms ("Moscow said") and adjectival uses ("Russian forces") are not places where
# something happened, so a fresh view shows literal mentions only.
DEFAULT_ROLES: tuple[str, ...] = ("literal",)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TERM = re.compile(r'"([^"]+)"|(\S+)')


@dataclass(frozen=True, slots=True)
class MentionFilter:
    """What a view shows. Empty tuples mean "no restriction" for sources, countries, features.

    Parameters
    ----------
    date_from, date_to
        Inclusive ISO days ("2025-03-12") of the article's `published` date. When either is
        set, articles without a date are left out.
    sources
        Article sources to keep (exact match).
    countries
        ISO 3166-1 alpha-2 codes of the *place* to keep.
    features
        Place kinds to keep, from `geo.models.FEATURES`.
    roles
        Mention roles to keep, from `geo.models.ROLES`; empty keeps none.
    min_score
        Lowest resolution score kept, 0–1; rows without a score count as 0.
    text
        Free-text query over the article's headline and body: every term must occur
        (case- and accent-insensitive); "double quotes" keep a phrase together.

    Examples
    --------
    >>> MentionFilter(roles=["metonym"], min_score=0.5).roles
    ('metonym',)
    >>> MentionFilter(date_from="12 March")
    Traceback (most recent call last):
    ...
    ValueError: date_from must be an ISO day (YYYY-MM-DD), got '12 March'
    """

    date_from: str | None = None
    date_to: str | None = None
    sources: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    roles: tuple[str, ...] = DEFAULT_ROLES
    min_score: float = 0.0
    text: str = ""

    def __post_init__(self) -> None:
        for name in ("sources", "countries", "features", "roles"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not _is_iso_day(value):
                raise ValueError(f"{name} must be an ISO day (YYYY-MM-DD), got {value!r}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")
        unknown = [r for r in self.roles if r not in ROLES]
        if unknown:
            raise ValueError(f"unknown role(s) {unknown}; expected some of {ROLES}")
        unknown = [f for f in self.features if f not in FEATURES]
        if unknown:
            raise ValueError(f"unknown feature(s) {unknown}; expected some of {FEATURES}")
        if not 0.0 <= float(self.min_score) <= 1.0:
            raise ValueError(f"min_score must be within 0–1, got {self.min_score}")
        object.__setattr__(self, "min_score", float(self.min_score))
        object.__setattr__(self, "text", " ".join(self.text.split()))

    @property
    def dated(self) -> bool:
        """Whether a date range is set (and undated articles are therefore left out)."""
        return bool(self.date_from or self.date_to)


@dataclass(frozen=True, slots=True)
class Facets:
    """The values a filter can take in a set of rows, each sorted; days are ISO strings."""

    sources: tuple[str, ...]
    countries: tuple[str, ...]
    features: tuple[str, ...]
    first_day: str | None
    last_day: str | None


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    """All mentions of one place: where it is and how often each role occurs."""

    key: str
    name: str
    lat: float
    lon: float
    feature: str | None
    country: str | None
    admin1: str | None
    counts: Mapping[str, int]
    mentions: tuple[Mapping, ...] = field(repr=False)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def articles(self) -> int:
        """How many distinct articles mention the place."""
        return len({m.get("article_id") for m in self.mentions})

    def dominant_role(self, preferred: Iterable[str] = ROLES) -> str:
        """The role with most mentions among `preferred` (if any occur here), else overall.

        Ties go to the earlier role in `geo.models.ROLES` (literal, metonym, adjectival).
        """
        preferred = [role for role in ROLES if role in set(preferred) and self.counts.get(role)]
        pool = preferred or [role for role in ROLES if self.counts.get(role)]
        return max(pool, key=lambda role: (self.counts[role], -ROLES.index(role)))


def day_of(row: Mapping) -> str | None:
    """The ISO day of the row's article (`published[:10]`), or None if undated or malformed.

    Examples
    --------
    >>> day_of({"published": "2025-03-12T08:00:00+00:00"}), day_of({"published": None})
    ('2025-03-12', None)
    """
    published = row.get("published") or ""
    return published[:10] if _is_iso_day(published[:10]) else None


def is_mapped(row: Mapping) -> bool:
    """Whether the mention points to a place with coordinates."""
    return bool(row.get("place_key")) and row.get("lat") is not None and row.get("lon") is not None


def search_terms(query: str) -> tuple[str, ...]:
    """The folded terms of a free-text query; "double quotes" keep a phrase.

    Examples
    --------
    >>> search_terms('Kursk "buffer  zone" Ceasefire')
    ('kursk', 'buffer zone', 'ceasefire')
    """
    terms = []
    for phrase, word in _TERM.findall(query):
        term = _fold_text(phrase or word.strip('"'))
        if term:
            terms.append(term)
    return tuple(terms)


def search_index(articles: Iterable[Article]) -> dict[str, str]:
    """Article id → folded headline and body, the haystack `matching_articles` searches."""
    return {a.id: _fold_text(f"{a.title or ''}\n{a.text}") for a in articles}


def matching_articles(index: Mapping[str, str], query: str) -> set[str]:
    """Ids of the articles whose text contains every term of `query`.

    `index` comes from `search_index`; an empty query matches every article.

    Examples
    --------
    >>> index = search_index([Article("a", "Strikes near Sudža."), Article("b", "Kyiv")])
    >>> sorted(matching_articles(index, "sudza STRIKES")), matching_articles(index, "Kharkiv")
    (['a'], set())
    """
    terms = search_terms(query)
    if not terms:
        return set(index)
    return {aid for aid, text in index.items() if all(t in text for t in terms)}


def group_places(rows: Iterable[Mapping]) -> list[PlaceSummary]:
    """Group mention rows by `place_key`, skipping rows with no coordinates.

    Places come out most-mentioned first (then by name); each keeps its rows in input order.
    """
    grouped: dict[str, list[Mapping]] = {}
    for row in rows:
        if is_mapped(row):
            grouped.setdefault(row["place_key"], []).append(row)
    places = []
    for key, mentions in grouped.items():
        first = mentions[0]
        places.append(PlaceSummary(
            key=key, name=first.get("name") or first.get("surface") or key,
            lat=float(first["lat"]), lon=float(first["lon"]),
            feature=first.get("feature"), country=first.get("country"),
            admin1=first.get("admin1"),
            counts=dict(Counter(m.get("role") or "literal" for m in mentions)),
            mentions=tuple(mentions),
        ))
    places.sort(key=lambda p: (-p.total, p.name))
    return places


def _is_iso_day(text: str) -> bool:
    if not isinstance(text, str) or not _ISO_DAY.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _fold_text(text: str) -> str:
    # Accent- and case-insensitive, so "Kyiv" finds "KYIV" and "Sudža" finds "Sudza".
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def plural(n: int, word: str) -> str:
    """ "1 article", "2 articles": counts the page shows read as English."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# How a claim without a claimant (the reporter states it as fact) appears in filters.
REPORTER = "(reporter)"


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims (`Store.claims()` rows) the claims panel shows; empty means all.

    `claimants` uses `REPORTER` for claims without a claimant; dates are inclusive ISO days
    of `published`, and when either is set undated claims (manual ones without a date) are
    left out, as `MentionFilter` does with articles.
    """

    regions: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    claimants: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    def keeps(self, row: Mapping) -> bool:
        """Whether `row` passes every filter."""
        if self.regions and (row.get("region") or row.get("region_name")) not in self.regions:
            return False
        if self.actors and (row.get("actor") or "") not in self.actors:
            return False
        if self.claimants and (row.get("claimant") or REPORTER) not in self.claimants:
            return False
        if self.date_from or self.date_to:
            day = day_of(row)
            if day is None or (self.date_from and day < self.date_from) or \
                    (self.date_to and day > self.date_to):
                return False
        return True


def claim_facets(rows: Iterable[Mapping]) -> dict[str, dict[str, str]]:
    """The values each claim filter can take, as ``{value: label}`` sorted by label:
    `regions` (ISO code, else the name, labelled "Kursk Oblast (RU-KRS)"), `actors`,
    `claimants` (`REPORTER` for none)."""
    regions: dict[str, str] = {}
    actors: dict[str, str] = {}
    claimants: dict[str, str] = {}
    for row in rows:
        key = row.get("region") or row.get("region_name")
        if key:
            name = row.get("region_name")
            regions.setdefault(key, f"{name} ({key})" if name and name != key else key)
        if row.get("actor"):
            actors.setdefault(row["actor"], row["actor"])
        claimant = row.get("claimant") or REPORTER
        claimants.setdefault(claimant, claimant)
    return {name: dict(sorted(values.items(), key=lambda kv: fold_key(kv[1])))
            for name, values in (("regions", regions), ("actors", actors),
                                 ("claimants", claimants))}


def fold_key(text: str) -> str:
    """A sort key that ignores case and accents."""
    return _fold_text(text)
