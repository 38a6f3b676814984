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
    of `column_markers` (place and role) its mentions are drawn by.

    The newest articles are picked first, from one flag per article, and only their mentions
    sorted: walking every mention kept (a million) as Python lists held them all at once."""
    if counts is None:
        counts = columns.role_counts(keep & columns.mapped)
    marker = np.full(counts.size, -1, dtype=np.int64)
    marker[np.flatnonzero(counts.reshape(-1))] = np.arange(np.count_nonzero(counts))
    shown = keep & columns.mapped & (columns.role >= 0)
    present = np.flatnonzero(np.bincount(columns.article[shown],
                                         minlength=len(columns.articles)))
    if not present.size:
        return ()
    # Newest first (undated articles have day -1: last), then in snapshot order.
    newest = present[np.lexsort((present, -columns.article_day[present]))][:FEED_LIMIT]
    rank = np.full(len(columns.articles), -1, dtype=np.int64)
    rank[newest] = np.arange(newest.size)
    sel = np.flatnonzero(shown & (rank[columns.article] >= 0))
    which = marker[columns.place[sel].astype(np.int64) * len(ROLES) + columns.role[sel]]
    ranks = rank[columns.article[sel]]
    order = np.lexsort((which, ranks))
    ranks, which = ranks[order], which[order]
    firsts = np.flatnonzero(np.r_[True, ranks[1:] != ranks[:-1]])
    out = []
    for a, b in zip(firsts.tolist(), [*firsts[1:].tolist(), ranks.size], strict=True):
        picks = which[a:b]
        picks = picks[np.r_[True, picks[1:] != picks[:-1]]]  # each marker once, in order
        out.append(_feed_entry(columns, int(newest[ranks[a]]), picks.tolist()))
    return tuple(out)


def _feed_entry(columns: MentionColumns, index: int, markers: list[int]) -> tuple:
    article = columns.articles[index]
    day = int(columns.article_day[index])
    return (article.title or "(untitled)", article.source or "",
            date.fromordinal(day).isoformat() if day > 0 else "", markers)
