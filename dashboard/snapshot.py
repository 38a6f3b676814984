"""What the dashboard holds of one store version: the snapshot of every mention's columns with
its look-ups, and what one filter shows (`dashboard.data` makes and caches both)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from geo.models import Article
from geo.views.columns import MentionColumns
from geo.views.filters import Facets

__all__ = ["ID_PREFIX", "PrefixIndex", "Snapshot", "View"]

ID_PREFIX = 12  # hex digits of an article id in the URL (`?article=`): 48 bits


class PrefixIndex:
    """Article id prefix → index in the snapshot's heads, the last head if several share it
    (as a dict built in order would say): one sorted array, where a dict held a string and an
    entry per article.

    >>> index = PrefixIndex(["b2", "a1", "b2x"], width=2)
    >>> index.get("b2"), index.get("a1"), index.get("c3"), index.get("b2x")
    (2, 1, None, None)
    """

    def __init__(self, ids: Iterable[str], width: int) -> None:
        self.width = width
        keys = np.array([i[:width] for i in ids], dtype=f"<U{max(width, 1)}")
        self._order = np.argsort(keys, kind="stable")  # equal prefixes keep their order
        self._keys = keys[self._order]

    def get(self, prefix: str) -> int | None:
        if not prefix or len(prefix) > self.width or "\0" in prefix:
            return None
        at = int(np.searchsorted(self._keys, prefix, side="right")) - 1
        return int(self._order[at]) if at >= 0 and self._keys[at] == prefix else None


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Everything the page needs from one version of the store, without mention text."""

    counts: dict[str, int]
    columns: MentionColumns
    prefixes: PrefixIndex  # article id prefix → index in `columns.articles`
    places: dict[str, int]  # place key → index in `columns.places`
    facets: Facets
    unmapped: int

    def article_by_prefix(self, prefix: str | None) -> Article | None:
        """The head (no text) of the article whose id starts with `prefix`, or None."""
        if not prefix:
            return None
        heads = self.columns.articles
        at = self.prefixes.get(prefix)
        if at is not None:
            return heads[at]
        at = self.prefixes.get(prefix[:ID_PREFIX]) if len(prefix) > ID_PREFIX else None
        if at is not None:
            return heads[at] if heads[at].id.startswith(prefix) else None
        hits = [a for a in heads if a.id.startswith(prefix)] if len(prefix) < ID_PREFIX else []
        return hits[0] if len(hits) == 1 else None

    def place(self, key: str | None) -> dict[str, Any] | None:
        """A mentioned place with coordinates (`name`, `lat`, `lon`, `feature`...), or None."""
        index = self.places.get(key or "")
        found = self.columns.places[index] if index is not None else None
        return dict(found) if found and found["lat"] is not None else None


@dataclass(frozen=True, eq=False)
class View:
    """What one filter shows: its mentions and everything the page derives from them."""

    article_ids: tuple[str, ...]
    places: list[dict[str, Any]]  # the `MAX_TABLE_PLACES` most mentioned
    n_places: int
    shown: dict[str, int]  # id prefix → mentions in view, of the newest `SHOWN_ARTICLES`
    caption: str
    # Per article (snapshot order), its mentions in view: the count of any article, listed
    # or not, without a dict of every article per cached view (100,000 at 1M mentions).
    per_article: np.ndarray
    # The filter's mask over the snapshot's mention ids (both shared, not copied): a view
    # cached per filter holds no array of its own mention ids (5.6 MB at a million).
    keep: np.ndarray
    column_ids: np.ndarray

    @property
    def n_articles(self) -> int:
        return len(self.article_ids)

    @property
    def n_mentions(self) -> int:
        return int(np.count_nonzero(self.keep))

    @property
    def ids(self) -> np.ndarray:
        """The mention ids, in store order (made when asked: for a download)."""
        return self.column_ids[self.keep]
