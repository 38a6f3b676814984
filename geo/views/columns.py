"""Every mention as compact numeric columns: what the dashboard filters and counts with.

The one filtering path of the project (there is no second one over row dicts to drift from
it): a few MB and milliseconds per filter for 100,000 mentions, where rows would take hundreds
of MB and seconds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np

from geo.models import FEATURES, ROLES, Article
from geo.views.filters import Facets, MentionFilter, plural

__all__ = ["MentionColumns", "distinct"]

_SLICE = 1 << 17  # mentions counted at a time by `per_day`


def distinct(values: np.ndarray, size: int | None = None) -> np.ndarray:
    """The sorted distinct values of an integer array, as `np.unique` gives them, without its
    hash table: NumPy 2.3+ hashes, and the table's memory stays resident after it is freed
    (`dashboard.memory`). With `size`, the
    values are indices in [-1, size): one count per index instead of a sort.

    >>> distinct(np.array([3, -1, 3, 0]), 4).tolist(), distinct(np.array([9, 2, 9])).tolist()
    ([-1, 0, 3], [2, 9])
    """
    if size is not None:
        return np.flatnonzero(np.bincount(values + 1, minlength=size + 1)) - 1
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if ordered.size else ordered


@dataclass(frozen=True, eq=False)
class MentionColumns:
    """Every mention as numeric columns (numpy), with the heads of its articles and places.

    A few MB at 100,000 mentions, and milliseconds per filter; mention text stays in the
    database (`geo.store.reads.read_mention_rows`).

    `article`, `place` and `role` index `articles`, `places` (-1: no place) and `ROLES`;
    `article_day` is the published day as a date ordinal (-1: undated). Rows keep the order of
    `Store.mention_rows`.
    """

    ids: np.ndarray
    article: np.ndarray
    place: np.ndarray
    role: np.ndarray
    score: np.ndarray
    articles: tuple[Article, ...]  # heads: no text (""), no url, see `read_columns`
    article_day: np.ndarray
    places: tuple[Mapping, ...]  # key, name, lat, lon, feature, country, admin1
    place_mapped: np.ndarray

    @property
    def mapped(self) -> np.ndarray:
        """Per mention: whether it has a place with coordinates."""
        return (self.place >= 0) & self.place_mapped[self.place]

    def in_box(self, west: float, south: float, east: float, north: float) -> np.ndarray:
        """Per mention: whether its place lies in the box, edges included (west > east: the
        box crosses the antimeridian). Mentions without coordinates are outside."""
        coords = np.array([(p["lat"], p["lon"]) if p["lat"] is not None and p["lon"] is not None
                           else (np.nan, np.nan) for p in self.places] + [(np.nan, np.nan)],
                          dtype=np.float64).reshape(-1, 2)
        lat, lon = coords[:, 0], coords[:, 1]
        inside = (lat >= south) & (lat <= north)
        inside &= ((lon >= west) & (lon <= east)) if west <= east else \
            ((lon >= west) | (lon <= east))
        return inside[self.place]  # -1 picks the trailing NaN row

    def mask(self, flt: MentionFilter, allowed: set[str] | None = None,
             mapped_only: bool = True) -> np.ndarray:
        """The mentions `flt` keeps; `allowed`: article ids of the text search
        (`matching_articles`), required when `flt.text` is set.

        `mapped_only` drops mentions without coordinates (a map cannot show them); the
        dashboard keeps it on so that its count, its markers and its exports agree.
        """
        if flt.text and allowed is None:
            raise ValueError("a free-text filter needs the articles that match it")
        keep = np.isin(self.role, [ROLES.index(r) for r in flt.roles])
        if mapped_only:
            keep &= self.mapped
        art_keep = np.ones(len(self.articles), dtype=bool)
        if flt.sources:
            art_keep &= np.array([a.source in flt.sources for a in self.articles], dtype=bool)
        if flt.dated:
            lo = date.fromisoformat(flt.date_from).toordinal() if flt.date_from else 0
            hi = date.fromisoformat(flt.date_to).toordinal() if flt.date_to else 10**7
            art_keep &= (self.article_day >= lo) & (self.article_day <= hi)
        if allowed is not None and flt.text:
            art_keep &= np.array([a.id in allowed for a in self.articles], dtype=bool)
        keep &= art_keep[self.article]
        if flt.countries or flt.features:
            ok = np.array([(not flt.countries or p["country"] in flt.countries)
                           and (not flt.features or p["feature"] in flt.features)
                           for p in self.places] + [False], dtype=bool)
            keep &= ok[self.place]  # -1 picks the trailing False
        if flt.min_score:
            keep &= self.score >= flt.min_score
        return keep

    def facets(self) -> Facets:
        """Sources, countries, features (in `FEATURES` order) and the first and last day of
        every mention."""
        used = distinct(self.article, len(self.articles))
        places = [self.places[i] for i in distinct(self.place[self.place >= 0], len(self.places))]
        days = self.article_day[used]
        days = days[days >= 0]
        sources = {self.articles[i].source for i in used} - {None, ""}
        present = {p["feature"] for p in places}
        return Facets(tuple(sorted(sources)),
                      tuple(sorted({p["country"] for p in places} - {None, ""})),
                      tuple(f for f in FEATURES if f in present),
                      date.fromordinal(int(days.min())).isoformat() if days.size else None,
                      date.fromordinal(int(days.max())).isoformat() if days.size else None)

    def summary(self, keep: np.ndarray) -> str:
        """The caption "N mentions of M places in K articles" for the mentions in `keep`;
        places count only if mapped."""
        places = distinct(self.place[keep & self.mapped], len(self.places)).size
        articles = distinct(self.article[keep], len(self.articles)).size
        return (f"{plural(int(keep.sum()), 'mention')} of {plural(places, 'place')} "
                f"in {plural(articles, 'article')}")

    def role_counts(self, keep: np.ndarray) -> np.ndarray:
        """Mentions per place and role, shape (places, roles)."""
        sel = keep & (self.place >= 0) & (self.role >= 0)
        flat = self.place[sel].astype(np.int64) * len(ROLES) + self.role[sel]
        counts = np.bincount(flat, minlength=len(self.places) * len(ROLES))
        return counts.reshape(len(self.places), len(ROLES))

    def place_table(self, keep: np.ndarray, limit: int | None = None) -> list[dict]:
        """One dict per place for a table: name, feature, country, mentions per role,
        mentions, articles, and the place's `key`, `lat` and `lon`; most-mentioned place first
        (then by name), the first `limit` places only, if given."""
        counts = self.role_counts(keep & self.mapped)
        sel = keep & self.mapped
        pairs = distinct(self.place[sel].astype(np.int64) * len(self.articles)
                         + self.article[sel])
        per_place = np.bincount(pairs // max(len(self.articles), 1), minlength=len(self.places))
        totals = counts.sum(axis=1)
        order = sorted(np.nonzero(totals)[0], key=lambda i: (-totals[i], self.places[i]["name"]))
        order = order[:limit] if limit is not None else order
        return [{"place": p["name"], "feature": p["feature"], "country": p["country"],
                 **{role: int(counts[i, r]) for r, role in enumerate(ROLES)},
                 "mentions": int(totals[i]), "articles": int(per_place[i]), "key": p["key"],
                 "lat": p["lat"], "lon": p["lon"]}
                for i in order for p in (self.places[i],)]

    def per_day(self, keep: np.ndarray) -> list[dict]:
        """Mentions per (day, role) in `keep`, days ascending, roles in `ROLES` order, as
        ``{"day", "role", "mentions"}``; undated mentions and days without one do not appear."""
        dated = self.article_day[self.article_day >= 0]
        if not dated.size:
            return []
        first, width = int(dated.min()), len(ROLES)
        counts = np.zeros((int(dated.max()) - first + 1) * width, dtype=np.int64)
        # In slices: the day of every kept mention at once, at a million mentions, made the
        # server's peak when the timeline was drawn (benchmarks/RESULTS.md).
        for start in range(0, len(self.article), _SLICE):
            part = slice(start, start + _SLICE)
            sel = np.flatnonzero(keep[part] & (self.role[part] >= 0))
            days = self.article_day[self.article[part][sel]]
            dated_sel = days >= 0
            counts += np.bincount((days[dated_sel] - first) * width +
                                  self.role[part][sel[dated_sel]], minlength=counts.size)
        return [{"day": date.fromordinal(first + int(i) // width).isoformat(),
                 "role": ROLES[int(i) % width], "mentions": int(counts[i])}
                for i in np.nonzero(counts)[0]]

