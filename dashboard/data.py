"""What the dashboard reads from the store, cached per database file version.

`Snapshot` holds compact columns of every mention (`geo.views.columns.MentionColumns`: numbers and
the heads of articles and places, no mention text) once per store version (`st.cache_resource`:
shared, read-only). Filters are boolean masks over those columns, cached by filter; mention text
is read from SQL only for what is shown: one article in the reader, the popups (written to files
in a background thread) and the downloads (when clicked). `publish` writes a map payload where
Streamlit serves static files, so the browser fetches it instead of receiving it inside every
message that carries the map.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from dashboard.map import ROLE_STYLES, MapPayload, column_markers
from dashboard.markup import file_json, safe_json
from dashboard.memory import give_back_freed_memory
from dashboard.popups import column_popup, popup_picks
from dashboard.snapshot import ID_PREFIX, PrefixIndex, Snapshot, View
from dashboard.static_assets import STATIC_DIR
from dashboard.timeline import timeline_chart
from geo.control.layer import claims_with_sides
from geo.control.regions import Regions
from geo.control.within_units import with_unit_points
from geo.errors import ConflictMapError, RegionError
from geo.models import ROLES, Article
from geo.sides.resolve import Sides
from geo.store.database import Store
from geo.store.engine import is_server
from geo.store.reads import read_articles_by_id, read_columns, read_mention_rows
from geo.views.columns import distinct
from geo.views.filters import MentionFilter, matching_articles, search_index

__all__ = [
    "DATA_DIR",
    "Snapshot",
    "View",
    "article",
    "article_mentions",
    "busy_days",
    "claim_rows",
    "in_background",
    "load_snapshot",
    "map_markers",
    "publish",
    "recent_actions",
    "regions",
    "sides_table",
    "store_version",
    "timeline_spec",
    "undated_articles",
    "view",
    "write_file",
]

# Articles a view lists by name (the reader's choice; every page message carries them).
SHOWN_ARTICLES = 300
DATA_DIR = STATIC_DIR / "data"
POPUP_CHUNK = 2_000  # popups per file; the browser fetches a file when one of them opens
KEEP_PAYLOADS = 40  # payloads kept on disk, newest first
# The places table travels in every page message: keep it bounded.
MAX_TABLE_PLACES = 500


def store_version(path: str) -> tuple:
    """File modification times that change whenever the store is written; for a store on a
    server (PostgreSQL), its counts and latest ids (`Store.data_version`)."""
    if is_server(path):
        with Store(path) as store:
            return store.data_version()
    # SQLite in WAL mode writes to `<db>-wal` first, so the main file's mtime alone lags. A
    # reader's connection creates an empty `-wal` (and closing it removes the file): only a
    # WAL with frames in it means a write.
    stamps = []
    for name in (path, f"{path}-wal"):
        try:
            found = os.stat(name)
        except OSError:
            found = None
        stamps.append(found.st_mtime if found and (name == path or found.st_size) else 0.0)
    return tuple(stamps)


@st.cache_resource(show_spinner="Reading the store…", max_entries=2)
def load_snapshot(path: str, version: tuple[float, ...]) -> Snapshot:
    """Read the store at `path`; `version` (file mtimes) is only part of the cache key."""
    with Store(path) as store:
        counts = store.counts()
        columns = read_columns(store)
    snapshot = Snapshot(
        counts=counts, columns=columns,
        prefixes=PrefixIndex((a.id for a in columns.articles), ID_PREFIX),
        places={p["key"]: i for i, p in enumerate(columns.places)},
        facets=columns.facets(), unmapped=int((~columns.mapped).sum()),
    )
    give_back_freed_memory()
    return snapshot


@st.cache_resource(max_entries=1)
def _search_index(path: str, version: tuple[float, ...]) -> dict[str, str]:
    # Built on the first text search only: it holds every article's text.
    ids = [a.id for a in load_snapshot(path, version).columns.articles]
    with Store(path) as store:
        return search_index(read_articles_by_id(store, ids))


@st.cache_resource(max_entries=32)
def _mask(path: str, version: tuple[float, ...], flt: MentionFilter) -> np.ndarray:
    """The mapped mentions the filter keeps, as a mask over the snapshot's columns."""
    allowed = matching_articles(_search_index(path, version), flt.text) if flt.text else None
    return load_snapshot(path, version).columns.mask(flt, allowed)


@st.cache_resource(max_entries=32)
def view(path: str, version: tuple[float, ...], flt: MentionFilter) -> View:
    """The filtered mentions with their articles, places table and caption (read-only)."""
    columns = load_snapshot(path, version).columns
    keep = _mask(path, version, flt)
    per_article = np.bincount(columns.article[keep], minlength=len(columns.articles))
    present = np.flatnonzero(per_article)
    newest = sorted(present, key=lambda i: (columns.articles[i].published or ""),
                    reverse=True)[:SHOWN_ARTICLES]
    shown = View(keep=keep, column_ids=columns.ids, per_article=per_article.astype(np.int32),
                 article_ids=tuple(columns.articles[i].id for i in present),
                 places=columns.place_table(keep, limit=MAX_TABLE_PLACES),
                 n_places=int(distinct(columns.place[keep], len(columns.places)).size),
                 shown={columns.articles[i].id[:ID_PREFIX]: int(per_article[i]) for i in newest},
                 caption=columns.summary(keep))
    give_back_freed_memory()
    return shown


def mention_rows(path: str, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Full mention rows (`Store.mention_rows` dicts) by id, for a download."""
    with Store(path) as store:
        return read_mention_rows(store, ids)


def articles(path: str, ids: Sequence[str]) -> list[Article]:
    """Full articles by id, for a download."""
    with Store(path) as store:
        return read_articles_by_id(store, ids)


@st.cache_resource(max_entries=16)
def article(path: str, version: tuple[float, ...], article_id: str) -> Article | None:
    """One article with its text, for the reader."""
    found = articles(path, [article_id])
    return found[0] if found else None


@st.cache_resource(max_entries=16)
def article_mentions(path: str, version: tuple[float, ...],
                     article_id: str) -> tuple[dict[str, Any], ...]:
    """Every mention row of one article, in text order, for the reader."""
    with Store(path) as store:
        return tuple(read_mention_rows(store, article_id=article_id))


@st.cache_resource(max_entries=16)
def timeline_spec(path: str, version: tuple[float, ...], flt: MentionFilter,
                  selected: tuple[str, str] | None) -> dict[str, Any] | None:
    """The Vega-Lite spec of the timeline for a filter (its date range ignored), or None."""
    columns = load_snapshot(path, version).columns
    per_day = columns.per_day(_mask(path, version, replace(flt, date_from=None, date_to=None)))
    if not per_day:
        return None
    chosen = tuple(date.fromisoformat(day) for day in selected) if selected else None
    colors = {role: ROLE_STYLES[role].fill_color for role in ROLES}
    return timeline_chart(per_day, colors=colors, selected=chosen,
                          claim_days=_claim_days(path, version))


@st.cache_resource(max_entries=4)
def _claim_days(path: str, version: tuple[float, ...]) -> dict[str, int]:
    # Claims of control per as-of day (ISO dates only), for the timeline.
    days: dict[str, int] = {}
    for row in claim_rows(path, version):
        day = str(row.get("as_of") or row.get("published") or "")[:10]
        if len(day) == 10:
            days[day] = days.get(day, 0) + 1
    return days


@st.cache_resource(max_entries=4)
def busy_days(path: str, version: tuple[float, ...]) -> tuple[date, ...]:
    """The days that have at least one article, sorted (playback skips the others)."""
    days = load_snapshot(path, version).columns.article_day
    return tuple(date.fromordinal(int(d)) for d in distinct(days[days >= 0]))


def sides_table(path: str) -> tuple[Sides, str | None]:
    """The sides table with the user's file for this database, and what is wrong with that
    file when it cannot be used (then the shipped table alone, so the page still works)."""
    try:
        return Sides.for_database(path), None
    except ConflictMapError as err:
        return Sides(), str(err)


def undated_articles(path: str, version: tuple[float, ...], flt: MentionFilter) -> int:
    """How many articles the filter keeps, its date range aside, have no published date:
    they have no place on the timeline, and a date range hides them."""
    return _undated(path, version, replace(flt, date_from=None, date_to=None))


@st.cache_resource(max_entries=16)
def _undated(path: str, version: tuple[float, ...], flt: MentionFilter) -> int:
    # Once per filter: gathering the article of each kept mention (a million) in every full
    # run of the page made the server's peak (benchmarks/RESULTS.md).
    columns = load_snapshot(path, version).columns
    keep = _mask(path, version, flt)
    present = distinct(columns.article[keep], len(columns.articles))
    return int(np.count_nonzero(columns.article_day[present] < 0))


@st.cache_resource(max_entries=8)
def map_markers(path: str, version: tuple[float, ...],
                flt: MentionFilter) -> tuple[MapPayload, Callable[[], Any]]:
    """The map's markers for a filter, every role in them (roles switch in the browser), and
    a function that yields their popups in chunks (for `publish`)."""
    columns = load_snapshot(path, version).columns
    keep = _mask(path, version, replace(flt, roles=ROLES))
    payload = column_markers(columns, keep, salt=f"{path}|{version}")
    limit, picks = popup_picks(columns, keep)
    give_back_freed_memory()

    def popups():
        with Store(path) as store:
            for start in range(0, len(picks), POPUP_CHUNK):
                ids, sizes = picks.flat(start, start + POPUP_CHUNK)
                rows = read_mention_rows(store, ids)
                out, at = [], 0
                for entry, size in zip(payload.places[start:start + POPUP_CHUNK], sizes,
                                       strict=True):
                    out.append(column_popup(entry, rows[at:at + size], limit=limit))
                    at += size
                yield out

    return payload, popups


@st.cache_resource(show_spinner=False)
def regions() -> Regions | None:
    """The admin-1 region file (`make regions`), opened once; None when it is not built."""
    try:
        return Regions()
    except RegionError:
        return None


@st.cache_resource(max_entries=4)
def claim_rows(path: str, version: tuple[float, ...]) -> tuple[dict[str, Any], ...]:
    """Every territorial-control claim (`Store.claims()` rows) with its side, and the region its
    sentence names where its place is unknown (`geo.control.within_units`), for the panel."""
    with Store(path) as store:
        return tuple(with_unit_points(store, claims_with_sides(store.claims(),
                                                              sides_table(path)[0], regions())))


@st.cache_resource(max_entries=4)
def recent_actions(path: str, version: tuple[float, ...],
                   limit: int = 20) -> tuple[dict[str, Any], ...]:
    """The store's latest writes (`Store.actions`), read once per store version: every
    write changes the version."""
    with Store(path) as store:
        return tuple(store.actions(limit))


def publish(payload: MapPayload, *, static_url: str = "/app/static", folder: Path = DATA_DIR,
            popups: Callable[[], Iterable[list[str]]] | None = None) -> str:
    """Write the payload's JSON files (once per payload key); return the URL of the markers.

    The markers file names the popup files (``{key}-p{chunk}.json``) and the feed's
    (``{key}-pfeed.json``, `dashboard.feed`), which the map fetches once the markers are
    drawn. Popups come from
    `payload.popups`, or from `popups()` (chunks of `POPUP_CHUNK`) in a background thread, so
    the markers go out first; the browser retries a popup file that is not there yet. Older
    payloads beyond `KEEP_PAYLOADS` are removed.
    """
    base = f"{static_url.rstrip('/')}/data/{payload.key}"
    target = folder / f"{payload.key}.json"
    chunks = -(-len(payload.places) // POPUP_CHUNK)
    done = chunks == 0 or (folder / f"{payload.key}-p{chunks - 1}.json").exists()
    if target.exists() and (done or popups is None):
        os.utime(target)  # recently used: keep it through pruning
        return f"{base}.json"
    folder.mkdir(parents=True, exist_ok=True)
    if popups is None:
        _write_popups(folder, payload.key, [list(payload.popups[start:start + POPUP_CHUNK])
                                            for start in range(0, len(payload.popups),
                                                               POPUP_CHUNK)])
    # The feed's articles are a file of their own, fetched after the markers are drawn
    # ("-p": pruned with its payload, as the popup chunks are).
    data = payload.data(popups=False, feed=False) | {
        "chunk": POPUP_CHUNK, "popup_url": f"{base}-p{{chunk}}.json",
        "feed_url": f"{base}-pfeed.json"}
    if not target.exists():
        write_file(folder / f"{payload.key}-pfeed.json", file_json(list(payload.feed)))
        write_file(target, safe_json(data))
    _prune(folder)
    if popups is not None and not done:
        in_background(payload.key, _write_popups, folder, payload.key, popups)
    return f"{base}.json"


_WRITING: set[str] = set()  # names of the files a thread is writing
_WRITING_LOCK = threading.Lock()


def in_background(name: str, work: Callable[..., None], *args: Any) -> None:
    """`work(*args)` in a thread of its own, unless one for `name` (a file it writes) is
    still running: the files a page needs first go out, the rest follow."""
    with _WRITING_LOCK:
        if name in _WRITING:
            return
        _WRITING.add(name)

    def run() -> None:
        try:
            work(*args)
        finally:
            with _WRITING_LOCK:
                _WRITING.discard(name)

    threading.Thread(target=run, name=f"write-{name}", daemon=True).start()


def _write_popups(folder: Path, key: str, chunks: Iterable[list[str]] | Callable) -> None:
    for n, chunk in enumerate(chunks() if callable(chunks) else chunks):
        write_file(folder / f"{key}-p{n}.json", safe_json(chunk))
    give_back_freed_memory()  # the popups' rows and HTML, a chunk at a time


def write_file(path: Path, text: str) -> None:
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
