"""What the dashboard reads from the store, cached per database file version.

`Snapshot` holds the rows and articles once per store version (`st.cache_resource`: shared and
not copied, so treat it as read-only); filtered views and map payloads are cached by filter.
`publish` writes a map payload where Streamlit serves static files, so the browser fetches it
instead of receiving it inside every message that carries the map.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.layers import safe_json
from dashboard.map import ROLE_STYLES, MapPayload, map_payload
from dashboard.static_assets import STATIC_DIR
from dashboard.timeline import timeline_chart
from geo.models import ROLES, Article
from geo.store import Store
from geo.views import (
    Facets,
    MentionFilter,
    facets,
    filter_mentions,
    mentions_per_day,
    place_table,
    search_index,
    summary,
)

__all__ = ["DATA_DIR", "Snapshot", "View", "filtered_rows", "load_snapshot",
           "map_rows_payload", "publish", "store_version", "timeline_spec", "view"]

ID_PREFIX = 12  # hex digits of an article id in the URL (`?article=`): 48 bits
DATA_DIR = STATIC_DIR / "data"
POPUP_CHUNK = 2_000  # popups per file; the browser fetches a file when one of them opens
KEEP_PAYLOADS = 40  # payloads kept on disk, newest first


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the page needs from one version of the store."""

    counts: dict[str, int]
    rows: tuple[dict[str, Any], ...]
    articles: dict[str, Article]
    prefixes: dict[str, str]
    by_article: dict[str, tuple[dict[str, Any], ...]]
    index: dict[str, str]
    facets: Facets
    unmapped: int

    def article_by_prefix(self, prefix: str | None) -> Article | None:
        """The article whose id starts with `prefix` (the URL carries `ID_PREFIX` hex digits)."""
        if not prefix:
            return None
        found = self.articles.get(prefix) or self.articles.get(self.prefixes.get(prefix, ""))
        if found is None and len(prefix) != ID_PREFIX:
            hits = [a for aid, a in self.articles.items() if aid.startswith(prefix)]
            found = hits[0] if len(hits) == 1 else None
        return found

    def place(self, key: str | None) -> dict[str, Any] | None:
        """The first mention row of a place key, for its name and coordinates, or None."""
        if not key:
            return None
        return next((r for r in self.rows if r.get("place_key") == key
                     and r.get("lat") is not None), None)


@dataclass(frozen=True, slots=True)
class View:
    """What one filter shows: its rows and everything the page derives from them."""

    rows: list[dict[str, Any]]
    articles: list[Article]
    places: list[dict[str, Any]]
    shown: dict[str, int]  # article id prefix → mentions in view, newest article first
    caption: str


def store_version(path: str) -> tuple[float, ...]:
    """File modification times that change whenever the store is written."""
    # SQLite in WAL mode writes to `<db>-wal` first, so the main file's mtime alone lags.
    return tuple(os.path.getmtime(p) if os.path.exists(p) else 0.0
                 for p in (path, f"{path}-wal"))


@st.cache_resource(show_spinner="Reading the store…", max_entries=2)
def load_snapshot(path: str, version: tuple[float, ...]) -> Snapshot:
    """Read the store at `path`; `version` (file mtimes) is only part of the cache key."""
    with Store(path) as store:
        counts = store.counts()
        rows = tuple(store.mention_rows())
        articles = {a.id: a for a in store.articles()}
    by_article: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_article.setdefault(row["article_id"], []).append(row)
    return Snapshot(
        counts=counts, rows=rows, articles=articles,
        prefixes={aid[:ID_PREFIX]: aid for aid in articles},
        by_article={aid: tuple(found) for aid, found in by_article.items()},
        index=search_index(articles.values()), facets=facets(rows),
        unmapped=sum(1 for r in rows if r.get("lat") is None or not r.get("place_key")),
    )


@st.cache_resource(max_entries=32)
def filtered_rows(path: str, version: tuple[float, ...], flt: MentionFilter) -> list[dict]:
    """The mapped mention rows the filter keeps (shared; do not modify)."""
    snapshot = load_snapshot(path, version)
    return filter_mentions(snapshot.rows, flt, index=snapshot.index)


@st.cache_resource(max_entries=32)
def view(path: str, version: tuple[float, ...], flt: MentionFilter) -> View:
    """The filtered rows with their articles, places table and caption (shared; read-only)."""
    snapshot = load_snapshot(path, version)
    rows = filtered_rows(path, version, flt)
    shown: dict[str, int] = {}
    for row in sorted(rows, key=lambda r: r.get("published") or "", reverse=True):
        prefix = row["article_id"][:ID_PREFIX]
        shown[prefix] = shown.get(prefix, 0) + 1
    return View(rows=rows,
                articles=[snapshot.articles[aid]
                          for aid in dict.fromkeys(r["article_id"] for r in rows)],
                places=place_table(rows), shown=shown, caption=summary(rows))


@st.cache_resource(max_entries=16)
def timeline_spec(path: str, version: tuple[float, ...], flt: MentionFilter,
                  selected: tuple[str, str] | None) -> dict[str, Any] | None:
    """The Vega-Lite spec of the timeline for a filter (its date range ignored), or None.

    Built once per filter: Altair validates a chart against the schema on every `to_dict`.
    """
    per_day = mentions_per_day(filtered_rows(path, version, replace(flt, date_from=None,
                                                                      date_to=None)))
    if not per_day:
        return None
    chosen = tuple(date.fromisoformat(day) for day in selected) if selected else None
    colors = {role: ROLE_STYLES[role].fill_color for role in ROLES}
    return timeline_chart(per_day, colors=colors, selected=chosen).to_dict()


@st.cache_resource(max_entries=8)
def map_rows_payload(path: str, version: tuple[float, ...], flt: MentionFilter) -> MapPayload:
    """The map payload for a filter, with every role in it (roles switch in the browser)."""
    return map_payload(filtered_rows(path, version, replace(flt, roles=ROLES)))


def publish(payload: MapPayload, *, static_url: str = "/app/static",
            folder: Path = DATA_DIR) -> str:
    """Write the payload's JSON files (once per payload key); return the URL of the markers.

    The markers file names the popup files (``{key}-p{chunk}.json``); it is written last, so
    its presence means the set is complete. Older payloads beyond `KEEP_PAYLOADS` are removed.
    """
    base = f"{static_url.rstrip('/')}/data/{payload.key}"
    target = folder / f"{payload.key}.json"
    if target.exists():
        os.utime(target)  # recently used: keep it through pruning
        return f"{base}.json"
    folder.mkdir(parents=True, exist_ok=True)
    for n, start in enumerate(range(0, len(payload.popups), POPUP_CHUNK)):
        _write(folder / f"{payload.key}-p{n}.json",
               safe_json(list(payload.popups[start:start + POPUP_CHUNK])))
    data = payload.data(popups=False) | {"chunk": POPUP_CHUNK,
                                         "popup_url": f"{base}-p{{chunk}}.json"}
    _write(target, safe_json(data))
    _prune(folder)
    return f"{base}.json"


def _write(path: Path, text: str) -> None:
    # Write-then-rename: a browser never reads half a file, and two servers may race.
    fd, partial = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(partial, 0o644)  # mkstemp makes it private; it is served like any static file
    os.replace(partial, path)


def _prune(folder: Path) -> None:
    payloads = sorted((p for p in folder.glob("*.json") if "-p" not in p.stem),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    for old in payloads[KEEP_PAYLOADS:]:
        for path in folder.glob(f"{old.stem}*.json"):
            path.unlink(missing_ok=True)
