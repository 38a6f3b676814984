"""Models as table rows, checked on the way in: a mention or claim whose offsets do not match its
article's text is refused, so every stored offset can be trusted by whoever reads it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from geo.errors import NotAnEditor, StoreError
from geo.models import CLAIM_FIELDS, Article, Claim, Editor, Mention, Place

__all__ = ["action_row", "claim_row", "editor_of", "mention_row", "now", "place_row"]


def editor_of(editor: object, action: str) -> Editor:
    """The editor a write was given, or `NotAnEditor` (None is a viewer; nothing is written).

    >>> editor_of(None, "delete an article")
    Traceback (most recent call last):
    ...
    geo.errors.NotAnEditor: cannot delete an article: only a signed-in editor may write
    """
    if not isinstance(editor, Editor):
        raise NotAnEditor(f"cannot {action}: only a signed-in editor may write")
    return editor


def action_row(editor: Editor, action: str, article_id: str | None = None,
               detail: str | None = None, at: str | None = None) -> dict[str, Any]:
    """A row of the `actions` log."""
    return {"at": at or now(), "editor": editor.name, "how": editor.how, "action": action,
            "article_id": article_id, "detail": detail}


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
