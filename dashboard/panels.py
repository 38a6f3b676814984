"""The main-area panels besides the map: timeline and its playback, article reader, places table."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import partial

import streamlit as st

from dashboard import keys
from dashboard.components import reader_view
from dashboard.data import ID_PREFIX, SHOWN_ARTICLES
from dashboard.markup import reader_html
from dashboard.sidebar import select_place
from dashboard.state import brush_days, fly_to_bounds, play_window
from geo.control.rules import claim_label
from geo.models import ROLES, Article
from geo.views.filters import Facets, day_of, is_mapped, plural

__all__ = ["places_table", "playback", "reader", "timeline"]

ARTICLE_ID_CHARS = ID_PREFIX
# The article list travels in every page message: keep it bounded.
MAX_ARTICLE_OPTIONS = SHOWN_ARTICLES
# Playback: window lengths offered, and seconds per frame (time for the map to redraw).
PLAY_WINDOWS: dict[str, int] = {"1 day": 1, "1 week": 7, "30 days": 30}
PLAY_SECONDS = 2.0


def timeline(spec: Mapping | None, facets: Facets, *, undated: int = 0,
             ranged: bool = False) -> None:
    """Mentions per day; dragging across days sets the date filter (sidebar and URL).
    `undated` articles (no published date) are counted under it, never silently dropped:
    shown on the map while no date range is set (`ranged`), hidden while one is."""
    where = ""
    if undated:
        n = f"{undated} undated article{'' if undated == 1 else 's'}"
        where = (f" {n} (no published date) {'is' if undated == 1 else 'are'} hidden while a "
                 "date range is set." if ranged else
                 f" {n} (no published date) {'is' if undated == 1 else 'are'} on the map but "
                 "not on the timeline.")
    if spec is None:
        st.caption("No dated articles in this view, so no timeline." + where)
        return
    st.vega_lite_chart(spec, key=keys.TIMELINE, on_select=partial(_brushed, facets),
                       selection_mode="brush", width="stretch")
    st.caption("Drag across the days to filter the map; the faded bars are outside the range."
               + where)


def playback(facets: Facets, busy: Sequence[date] = ()) -> None:
    """Play, pause and step the date filter through time, a window of days at a time; the map,
    the count and the tables follow, as with any date filter. `busy` (sorted days that have
    articles) lets playback skip windows with nothing in them; a range picked by hand is
    played within (its windows, then it again at the end)."""
    st.session_state[keys.PLAY_BUSY] = list(busy)
    if not (facets.first_day and facets.last_day):
        return
    playing = bool(st.session_state.get(keys.PLAYING))
    play, step, window, note = st.columns([0.8, 0.8, 1.1, 4], vertical_alignment="center")
    play.button("Pause" if playing else "Play", key=keys.PLAY, on_click=_toggle_play,
                args=(facets,), icon=":material/pause:" if playing else ":material/play_arrow:",
                help="Step the date filter through time, one window every "
                     f"{PLAY_SECONDS:g} s")
    step.button("Step", key=keys.PLAY_STEP, on_click=_step, args=(facets,),
                icon=":material/skip_next:", help="Show the next window of days")
    window.selectbox("Window", list(PLAY_WINDOWS), index=1, key=keys.PLAY_WINDOW,
                     label_visibility="collapsed")
    if playing:
        note.caption("Playing…")
        _tick(facets)


@st.fragment(run_every=PLAY_SECONDS)
def _tick(facets: Facets) -> None:
    # Runs with every full run and on its timer; a frame is due `PLAY_SECONDS` after the last.
    state = st.session_state
    if not state.get(keys.PLAYING) or time.monotonic() < state.get(keys.PLAY_DUE, 0.0):
        return
    _step(facets)
    st.rerun(scope="app")


def _play_frame(facets: Facets) -> tuple[date, date, tuple[date, date] | None]:
    """First and last day playback may show, and the frame it is on (None: not in a window).

    The last frame playback showed counts even when it spans every day; a range picked by
    hand counts unless it is every day, and bounds the playback started from it, for as long
    as playback is what sets the dates: a range changed by hand or reset forgets it.
    """
    full = (date.fromisoformat(facets.first_day), date.fromisoformat(facets.last_day))
    state = st.session_state
    dates = state.get(keys.DATES)
    dates = (dates[0], dates[1]) if isinstance(dates, Sequence) and len(dates) == 2 else None
    on_frame = dates is not None and dates == state.get(keys.PLAY_FRAME)
    if not on_frame:
        state.pop(keys.PLAY_RANGE, None)
    first, last = state.get(keys.PLAY_RANGE) or full
    if on_frame:
        return first, last, dates
    return first, last, None if dates in (None, full) else dates


def _show_frame(frame: tuple[date, date]) -> None:
    st.session_state[keys.DATES] = st.session_state[keys.PLAY_FRAME] = frame
    st.session_state[keys.PLAY_DUE] = time.monotonic() + PLAY_SECONDS


def _window_days() -> int:
    return PLAY_WINDOWS.get(st.session_state.get(keys.PLAY_WINDOW) or "", 7)


def _step(facets: Facets) -> None:
    first, last, current = _play_frame(facets)
    busy = st.session_state.get(keys.PLAY_BUSY) or None
    frame = play_window(first, last, current, _window_days(), busy)
    if frame is None and st.session_state.get(keys.PLAYING):
        st.session_state[keys.PLAYING] = False  # the end: stop on the last frame
        return
    _show_frame(frame or play_window(first, last, None, _window_days(), busy)
                or (first, last))


def _toggle_play(facets: Facets) -> None:
    state = st.session_state
    if state.get(keys.PLAYING):
        state[keys.PLAYING] = False
        return
    state[keys.PLAYING] = True
    first, last, current = _play_frame(facets)
    busy = state.get(keys.PLAY_BUSY) or None
    if current is not None and current != state.get(keys.PLAY_FRAME):
        # A range picked by hand: play within it, from its first day.
        state[keys.PLAY_RANGE] = first, last = current
        current = None
    if current is None or play_window(first, last, current, _window_days(), busy) is None:
        current = play_window(first, last, None, _window_days(), busy) or (first, last)
    _show_frame(current)


def reader(snapshot, shown: Mapping[str, int],
           load: Callable[[str], tuple[Article | None, Sequence[Mapping]]], *,
           per_article: Sequence[int] | None = None, n_articles: int | None = None) -> None:
    """Pick an article (those in view, newest first) and read it with its mentions marked.

    `shown` maps the id prefix of the newest articles in view to their mentions in view;
    `per_article` (by snapshot index) counts them for any article and `n_articles` is how many
    are in view (default: those of `shown`). The choice is
    `st.session_state[keys.ARTICLE]`, the first `ARTICLE_ID_CHARS` hex digits of the article id,
    which the app mirrors in the URL (`?article=`). `load(article_id)` reads the article's
    text and mention rows (the snapshot holds neither).
    """
    options: list[str | None] = [None, *list(shown)[:MAX_ARTICLE_OPTIONS]]
    current = snapshot.article_by_prefix(st.session_state.get(keys.ARTICLE))
    if current is not None and current.id[:ARTICLE_ID_CHARS] not in options:
        options.insert(1, current.id[:ARTICLE_ID_CHARS])

    def label(prefix: str | None) -> str:
        found = snapshot.article_by_prefix(prefix)
        if found is None:
            return "Choose an article, or “Read article” in a map popup"
        meta = " · ".join(p for p in (day_of({"published": found.published}), found.source) if p)
        n = shown.get(prefix or "")
        at = snapshot.prefixes.get((prefix or "")[:ID_PREFIX])
        if n is None and per_article is not None and at is not None and at < len(per_article):
            n = int(per_article[at])
        count = f"{n} mention{'s' if n != 1 else ''}" if n else "not in this view"
        return f"{found.title or '(untitled article)'} ({count}{', ' + meta if meta else ''})"

    prefix = st.selectbox("Article", options, key=keys.ARTICLE, format_func=label,
                          placeholder=label(None), on_change=_article_picked,
                          args=(snapshot, load))
    head = snapshot.article_by_prefix(prefix)
    article, mentions = load(head.id) if head is not None else (None, ())
    if article is None:
        total = len(shown) if n_articles is None else n_articles
        more = (f" (the {MAX_ARTICLE_OPTIONS} newest listed; narrow the filters for others)"
                if total > MAX_ARTICLE_OPTIONS else "")
        st.caption(f"{plural(total, 'article')} in this view{more}. The reader marks "
                   "every place mention; click one to fly the map there.")
        return
    # A long article scrolls inside a box as tall as the map; a short one takes its own height.
    long = len(article.text) > 1_500
    with st.container(height=470 if long else "content", border=True):
        reader_view(reader_html(article, mentions), key=keys.READER,
                    on_mention=partial(_mention_clicked, mentions))
    mapped = sum(1 for m in mentions if is_mapped(m))
    st.caption(f"{plural(len(mentions), 'mention')} marked, {mapped} on the map; "
               "click one to fly there.")
    _article_claims(article.id)


def _article_picked(snapshot, load: Callable[[str], tuple[Article | None, Sequence[Mapping]]]
                    ) -> None:
    # Opening an article from the picker fits the map to its places.
    head = snapshot.article_by_prefix(st.session_state.get(keys.ARTICLE))
    if head is None:
        return
    _article, mentions = load(head.id)
    target = fly_to_bounds([(m["lat"], m["lon"]) for m in mentions if is_mapped(m)])
    if target is not None:
        st.session_state[keys.FLY] = target


def _article_claims(article_id: str) -> None:
    """The territorial-control claims read from the article, under its text."""
    rows = [r for r in st.session_state.get(keys.CLAIMS) or () if r.get("article_id") == article_id]
    if not rows:
        return
    st.markdown(f"**{plural(len(rows), 'claim')} of territorial control in this article**")
    st.dataframe([{"side": r.get("side") if r.get("side_resolved") else "unresolved",
                   "actor": r.get("actor"), "action": r.get("action"), "claim": claim_label(r),
                   "region": r.get("region_name") or r.get("region"),
                   "claimant": r.get("claimant") or "reports"} for r in rows],
                 hide_index=True, width="stretch", key=keys.READER_CLAIMS)


def places_table(table: Sequence[Mapping], total: int) -> None:
    """Places with mention counts per role (`geo.views.columns.MentionColumns.place_table`), the
    most mentioned first; selecting a row selects the place on the map."""
    if total > len(table):
        st.caption(f"The {len(table)} most mentioned of {total} places; "
                   "the downloads have all of them.")
    st.session_state[keys.PLACE_ROWS] = table
    st.dataframe(
        table, hide_index=True, width="stretch", height=min(400, 38 + 35 * max(len(table), 1)),
        key=keys.PLACES, on_select=_place_picked, selection_mode="single-row",
        column_order=("place", "feature", "country", *ROLES, "mentions", "articles"),
        column_config={"mentions": st.column_config.NumberColumn("mentions", help="all roles"),
                       "articles": st.column_config.NumberColumn("articles")},
    )


def _brushed(facets: Facets) -> None:
    event = st.session_state.get(keys.TIMELINE)
    days = brush_days(getattr(event, "selection", None) or (event or {}).get("selection"))
    if not (facets.first_day and facets.last_day):
        return
    first, last = date.fromisoformat(facets.first_day), date.fromisoformat(facets.last_day)
    if days is None:
        st.session_state[keys.DATES] = (first, last)
        return
    start, end = (min(max(d, first), last) for d in days)
    st.session_state[keys.DATES] = (start, end)


def _mention_clicked(mentions: Sequence[Mapping]) -> None:
    value = st.session_state.get(keys.READER)  # the reader's value: its `mention` trigger
    index = getattr(value, "mention", None)
    if index is None and isinstance(value, Mapping):
        index = value.get("mention")
    if not isinstance(index, int | float) or not 0 <= int(index) < len(mentions):
        return
    row = mentions[int(index)]
    if is_mapped(row):
        select_place(row["place_key"], float(row["lat"]), float(row["lon"]),
                     row.get("name") or row["surface"], row.get("feature"))


def _place_picked() -> None:
    picked = st.session_state.get(keys.PLACES)
    selection = getattr(picked, "selection", None) or (picked or {}).get("selection") or {}
    rows = selection.get("rows") if isinstance(selection, Mapping) else \
        getattr(selection, "rows", None)
    table = st.session_state.get(keys.PLACE_ROWS) or []
    if not rows or not 0 <= rows[0] < len(table):
        return
    entry = table[rows[0]]
    select_place(entry["key"], entry["lat"], entry["lon"], entry["place"], entry.get("feature"))
