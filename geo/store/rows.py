"""Models as table rows, checked on the way in: a mention or claim whose offsets do not match its
article's text is refused, so every stored offset can be trusted by whoever reads it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from geo.errors import StoreError
from geo.models import CLAIM_FIELDS, Article, Claim, Mention, Place

__all__ = ["claim_row", "mention_row", "now", "place_row"]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def place_row(place: Place) -> dict[str, Any]:
    return {
        "key": place.key, "name": place.name, "lat": place.lat, "lon": place.lon,
        "feature": place.feature, "country": place.country, "admin1": place.admin1,
        "geonameid": place.geonameid, "population": place.population, "source": place.source,
    }


def claim_row(article: Article, claim: Claim) -> dict[str, Any]:
    if claim.article_id != article.id:
        raise StoreError(f"article {article.id[:12]}: claim belongs to article "
                         f"{claim.article_id[:12]}")
    if article.text[claim.start:claim.end] != claim.quote:
        raise StoreError(f"article {article.id[:12]}: claim quote at text[{claim.start}:"
                         f"{claim.end}] does not match the text")
    row = {name: getattr(claim, name) for name in CLAIM_FIELDS}
    row["quote_start"], row["quote_end"] = row.pop("start"), row.pop("end")
    return row


def mention_row(article: Article, mention: Mention) -> dict[str, Any]:
    value = article.title if mention.field == "title" else article.text
    if mention.field not in ("title", "text") or value is None:
        raise StoreError(f"article {article.id[:12]}: mention {mention.surface!r} refers to "
                         f"field {mention.field!r}, which the article does not have")
    if value[mention.start:mention.end] != mention.surface:
        raise StoreError(f"article {article.id[:12]}: mention {mention.surface!r} at "
                         f"{mention.field}[{mention.start}:{mention.end}] does not match the "
                         f"{mention.field}")
    return {
        "article_id": article.id, "field": mention.field, "start": mention.start,
        "end": mention.end, "surface": mention.surface, "sentence": mention.sentence,
        "sentence_start": mention.sentence_start, "role": mention.role,
        "place_key": mention.place.key if mention.place is not None else None,
        "score": mention.score, "reason": mention.reason,
    }
