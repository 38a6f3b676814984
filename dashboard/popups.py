"""The map's popups from compact columns: which mentions each marker's popup lists, and its
HTML once their rows are read (`dashboard.data` writes them to files in the background)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from dashboard.map import POPUP_BUDGET
from dashboard.markup import MAX_MENTIONS_IN_POPUP, popup_html
from geo.models import ROLES
from geo.views.columns import MentionColumns
from geo.views.filters import PlaceSummary

__all__ = ["PopupPicks", "column_popup", "popup_picks"]


class PopupPicks(Sequence):
    """Per marker, the ids of the mentions its popup lists: one array of every pick and
    where each marker's begin, not a small array per marker (tens of thousands at a million
    mentions).

    >>> picks = PopupPicks(np.array([7, 8, 9]), np.array([0, 2, 3]))
    >>> len(picks), picks[1].tolist(), [a.tolist() for a in picks[0:2]], picks.flat(1, 2)
    (2, [9], [[7, 8], [9]], (array([9]), [1]))
    """

    def __init__(self, ids: np.ndarray, bounds: np.ndarray) -> None:
        self.ids, self.bounds = ids, bounds  # marker i: ids[bounds[i]:bounds[i + 1]]

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return self.ids[self.bounds[i]:self.bounds[i + 1]]

    def flat(self, start: int, stop: int) -> tuple[np.ndarray, list[int]]:
        """The picks of markers [start, stop) as one array, and how many are each marker's."""
        stop = min(stop, len(self))
        return (self.ids[self.bounds[start]:self.bounds[stop]],
                np.diff(self.bounds[start:stop + 1]).tolist())


def popup_picks(columns: MentionColumns, keep: np.ndarray, *,
                limit: int | None = None) -> tuple[int, PopupPicks]:
    """The popup limit and, per marker of `column_markers`, the ids of the mentions its popup
    lists: the newest `limit`, by day (5 by default, 1 when there are many markers)."""
    # In 32 bits, and two sort keys: lexsort is stable, so mentions of a day keep their
    # order (the store's) without a third key; its temporaries are what a million costs.
    sel = np.flatnonzero(keep & columns.mapped & (columns.role >= 0)).astype(np.int32)
    group = columns.place[sel].astype(np.int32) * len(ROLES) + columns.role[sel]
    order = np.lexsort((-columns.article_day[columns.article[sel]], group))
    group = group[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if group.size else group
    if limit is None:
        limit = MAX_MENTIONS_IN_POPUP if starts.size <= POPUP_BUDGET else 1
    ends = np.r_[starts[1:], group.size] if group.size else starts
    # Only the picked ids are kept, not the ids of every mention kept (8 MB at a million).
    sizes = np.minimum(ends - starts, limit)
    bounds = np.r_[0, np.cumsum(sizes)]
    within = np.arange(bounds[-1]) - np.repeat(bounds[:-1], sizes)
    return limit, PopupPicks(columns.ids[sel[order[np.repeat(starts, sizes) + within]]], bounds)


def column_popup(entry: Sequence, rows: Sequence[Mapping], *, limit: int) -> str:
    """The popup of one `column_markers` entry from its picked mention rows."""
    role, total = ROLES[entry[2]], entry[3]
    first = rows[0] if rows else {}
    place = PlaceSummary(key=entry[5], name=entry[4], lat=entry[0], lon=entry[1],
                         feature=first.get("feature"), country=first.get("country"),
                         admin1=first.get("admin1"), counts={role: total}, mentions=tuple(rows))
    return popup_html(place, role, limit=limit, total=total)
