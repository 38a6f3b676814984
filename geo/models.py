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
class Editor:
    """Who writes: every write function of `geo` takes one and refuses None, so that a viewer of
    a shared link cannot write even by calling the library; the store logs it with each write.

    `how` says how the identity was established: "local" (the user running the program),
    "oidc" (signed in through the host's identity provider), "password" (the shared editor
    password).

    >>> Editor("ana@example.org", "oidc").label
    'ana@example.org (oidc)'
    """

    name: str
    how: str = "local"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("an editor needs a name")

    @property
    def label(self) -> str:
        return f"{self.name} ({self.how})"


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


# Where a first sentence ends: a full stop, question or exclamation mark (and a closing quote)
# before a space.
_FIRST_SENTENCE_END = re.compile(r"[.!?][\"”’']?(?=\s)")
OPENING_CHARS = 200  # what `headline` needs of a text at most (a store reads no more of it)


def headline(title: str | None, text: str | None, limit: int = 90) -> str | None:
    """What a list of articles calls one: its title, else the opening words of its text in
    quotation marks (its first sentence, cut at a word near `limit` characters), so that a feed
    of untitled wire copy is not a column of "(untitled)"; None when both are empty.

    >>> headline("Putin visits Kursk", "Moscow - ...")
    'Putin visits Kursk'
    >>> headline(None, "KYIV (Reuters) - Russian forces took  Sudzha. Kyiv denied it.")
    '“KYIV (Reuters) - Russian forces took Sudzha.”'
    >>> headline("", "Rebels of the M23 movement seized the airport of Kavumu on Friday, a vital "
    ...          "supply hub north of Bukavu in South Kivu, after days of fighting.")
    '“Rebels of the M23 movement seized the airport of Kavumu on Friday, a vital supply hub…”'
    """
    if title and title.strip():
        return title
    words = " ".join((text or "")[:OPENING_CHARS].split())
    if not words:
        return None
    end = _FIRST_SENTENCE_END.search(words + " ")
    opening = words[:end.end()] if end else words
    if len(opening) > limit:
        opening = opening[:limit].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"
    return f"“{opening}”"


Action = Literal["captured", "regained", "liberated", "controls", "holds", "advanced", "lost",
                 "denied"]
Unit = Literal["percent", "km2", "mi2", "hectares", "dunams", "settlements"]
Bound = Literal["over", "about", "up_to", "under", "exactly", "at_least"]

ACTIONS: tuple[Action, ...] = ("captured", "regained", "liberated", "controls", "holds",
                               "advanced", "lost", "denied")
UNITS: tuple[Unit, ...] = ("percent", "km2", "mi2", "hectares", "dunams", "settlements")
BOUNDS: tuple[Bound, ...] = ("over", "about", "up_to", "under", "exactly", "at_least")
# The order of `Claim.as_dict()` keys (also the CLI's JSON and CSV columns).
CLAIM_FIELDS: tuple[str, ...] = (
    "article_id", "actor", "action", "value", "unit", "bound", "region", "region_name",
    "place_id", "lat", "lon", "denominator", "denominator_kind", "claimant", "negated", "quote",
    "start", "end", "published", "as_of",
)
# What a claim's quantity is a share of: the region itself ("86% of the Kursk region"), a part
# of it ("of the land once held by Ukrainian troops"), or another measure ("of its 330 townships").
DENOMINATOR_KINDS: tuple[str, ...] = ("region", "part", "other")


@dataclass(frozen=True, slots=True)
class Claim:
    """One territorial-control claim read from an article (field meanings: claims/README.md).

    `value` is in `unit`: "percent" is 0–100 of `denominator` (a share of territory,
    "two-thirds" = 66.7); "km2", "mi2", "hectares" and "dunams" (also spelled dunums) are areas;
    "settlements" counts villages and towns; None with no quantity ("took control of Goma").
    `region` is an ISO 3166-2 code when the claim is about an admin-1 unit, the units' codes
    comma-joined for several named together ("SY-DR,SY-QU"), the ISO 3166-1 alpha-2 code for
    a country or part of one ("UA" for "southern Ukraine"), else None;
    `region_name` is the English name ("Kursk Oblast", "Avdiivka", "Pokrovsk direction").
    `place_id`, `lat` and `lon` place a claim about a town, village, airport or front sector
    (its GeoNames id and point; for a sector, its first town's) where the region has no
    code; `place_id` is None for a point that is no GeoNames place (a curated region).
    See `geo.claims.placing`.
    `denominator_kind` says what a share is of (`DENOMINATOR_KINDS`; None for no share).
    `as_of` is the ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the sentence itself gives the claim
    ("on Jan. 1", "in June"), resolved against the article's date; None when it gives none.
    `quote` is the verbatim sentence(s) of the article text, `text[start:end] == quote`.
    `claimant` is who asserts it (None: the reporter states it as fact); `negated` is True when
    the text denies it.
    """

    article_id: str
    action: Action
    quote: str
    start: int
    end: int
    actor: str | None = None
    value: float | None = None
    unit: Unit | None = None
    bound: Bound | None = None
    region: str | None = None
    region_name: str | None = None
    denominator: str | None = None
    claimant: str | None = None
    negated: bool = False
    published: str | None = None
    place_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    denominator_kind: str | None = None
    as_of: str | None = None

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"claim action {self.action!r} is not one of {ACTIONS}")
        if self.unit is not None and self.unit not in UNITS:
            raise ValueError(f"claim unit {self.unit!r} is not one of {UNITS}")
        if self.bound is not None and self.bound not in BOUNDS:
            raise ValueError(f"claim bound {self.bound!r} is not one of {BOUNDS}")
        if self.denominator_kind is not None and self.denominator_kind not in DENOMINATOR_KINDS:
            raise ValueError(f"claim denominator kind {self.denominator_kind!r} is not one of "
                             f"{DENOMINATOR_KINDS}")
        if (self.lat is None) != (self.lon is None):
            raise ValueError("a claim's point needs both lat and lon")
        if not 0 <= self.start <= self.end or self.end - self.start != len(self.quote):
            raise ValueError(f"claim quote span {self.start}:{self.end} does not fit a quote "
                             f"of {len(self.quote)} characters")
        if self.value is not None:
            object.__setattr__(self, "value", float(self.value))
        object.__setattr__(self, "negated", bool(self.negated))

    def as_dict(self) -> dict[str, object]:
        """The fields as a plain dict, keys in `CLAIM_FIELDS` order."""
        return {name: getattr(self, name) for name in CLAIM_FIELDS}
