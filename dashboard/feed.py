"""The map's feed: the articles of the filters, newest first, with the markers that draw
their places, so the browser lists those in view as the map moves (`js/feed.js`)."""

from __future__ import annotations

from datetime import date

import numpy as np

from geo.models import ROLES
from geo.views.columns import MentionColumns

__all__ = ["FEED_LIMIT", "column_feed"]


# The feed lists at most this many articles (the newest of the filters); the map shows those
# with a marker in view. Each costs about 100 bytes of the markers' file.
FEED_LIMIT = 1_000


def column_feed(columns: MentionColumns, keep: np.ndarray,
                counts: np.ndarray | None = None) -> tuple[tuple, ...]:
    """The articles of `keep`, newest first (undated last), at most `FEED_LIMIT`: per article
    ``(title, source, ISO day or "", [marker indices])``, the markers being those
    of `column_markers` (place and role) its mentions are drawn by."""
    if counts is None:
        counts = columns.role_counts(keep & columns.mapped)
    marker = np.full(counts.size, -1, dtype=np.int64)
    marker[np.flatnonzero(counts.reshape(-1))] = np.arange(np.count_nonzero(counts))
    sel = np.nonzero(keep & columns.mapped & (columns.role >= 0))[0]
    if not sel.size:
        return ()
    which = marker[columns.place[sel].astype(np.int64) * len(ROLES) + columns.role[sel]]
    article = columns.article[sel]
    days = columns.article_day[article]
    order = np.lexsort((which, article, -days))
    out, last, picks = [], None, []
    for a, m in zip(article[order].tolist(), which[order].tolist(), strict=True):
        if a != last:
            if last is not None:
                out.append(_feed_entry(columns, last, picks))
                if len(out) >= FEED_LIMIT:
                    return tuple(out)
            last, picks = a, []
        if not picks or picks[-1] != m:
            picks.append(m)
    out.append(_feed_entry(columns, last, picks))
    return tuple(out)


def _feed_entry(columns: MentionColumns, index: int, markers: list[int]) -> tuple:
    article = columns.articles[index]
    day = int(columns.article_day[index])
    return (article.title or "(untitled)", article.source or "",
            date.fromordinal(day).isoformat() if day > 0 else "", markers)
