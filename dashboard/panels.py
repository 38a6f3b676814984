"""The main-area panels besides the map: timeline, article reader and places table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial

import streamlit as st

from dashboard.components import reader_view
from dashboard.data import ID_PREFIX
from dashboard.markup import reader_html
from dashboard.sidebar import select_place
from dashboard.state import brush_days
from geo.models import ROLES
from geo.views import Facets, day_of, is_mapped

__all__ = ["places_table", "reader", "timeline"]

ARTICLE_ID_CHARS = ID_PREFIX
# The article list and the places table travel in every page message: keep them bounded.
MAX_ARTICLE_OPTIONS = 300
MAX_TABLE_PLACES = 2_000


def timeline(spec: Mapping | None, facets: Facets) -> None:
    """Mentions per day; dragging across days sets the date filter (sidebar and URL)."""
    if spec is None:
        st.caption("No dated articles in this view, so no timeline.")
        return
    st.vega_lite_chart(spec, key="timeline", on_select=partial(_brushed, facets),
                       selection_mode="brush", width="stretch")
    st.caption("Drag across the days to filter the map; the faded bars are outside the range.")


def reader(snapshot, shown: Mapping[str, int]) -> None:
    """Pick an article (those in view, newest first) and read it with its mentions marked.

    `shown` maps the id prefix of each article in view to its mentions in view. The choice is
    `st.session_state["article"]`, the first `ARTICLE_ID_CHARS` hex digits of the article id,
    which the app mirrors in the URL (`?article=`).
    """
    options: list[str | None] = [None, *list(shown)[:MAX_ARTICLE_OPTIONS]]
    current = snapshot.article_by_prefix(st.session_state.get("article"))
    if current is not None and current.id[:ARTICLE_ID_CHARS] not in options:
        options.insert(1, current.id[:ARTICLE_ID_CHARS])

    def label(prefix: str | None) -> str:
        found = snapshot.article_by_prefix(prefix)
        if found is None:
            return "Choose an article, or “Read article” in a map popup"
        meta = " · ".join(p for p in (day_of({"published": found.published}), found.source) if p)
        n = shown.get(prefix or "")
        count = f"{n} mention{'s' if n != 1 else ''}" if n else "not in this view"
        return f"{found.title or '(untitled article)'} ({count}{', ' + meta if meta else ''})"

    prefix = st.selectbox("Article", options, key="article", format_func=label,
                          placeholder=label(None))
    article = snapshot.article_by_prefix(prefix)
    if article is None:
        more = (f" (the {MAX_ARTICLE_OPTIONS} newest listed; narrow the filters for others)"
                if len(shown) > MAX_ARTICLE_OPTIONS else "")
        st.caption(f"{len(shown)} articles in this view{more}. The reader marks every place "
                   "mention; click one to fly the map there.")
        return
    mentions = snapshot.by_article.get(article.id, ())
    # A long article scrolls inside a box as tall as the map; a short one takes its own height.
    long = len(article.text) > 1_500
    with st.container(height=470 if long else "content", border=True):
        reader_view(reader_html(article, mentions), key="reader",
                    on_mention=partial(_mention_clicked, mentions))
    mapped = sum(1 for m in mentions if is_mapped(m))
    st.caption(f"{len(mentions)} mentions marked, {mapped} on the map; click one to fly there.")


def places_table(table: Sequence[Mapping]) -> None:
    """Places with mention counts per role (`geo.views.place_table`); selecting a row selects
    the place on the map."""
    if len(table) > MAX_TABLE_PLACES:
        st.caption(f"The {MAX_TABLE_PLACES} most mentioned of {len(table)} places; "
                   "the downloads have all of them.")
        table = table[:MAX_TABLE_PLACES]
    st.session_state["_place_rows"] = table
    st.dataframe(
        table, hide_index=True, width="stretch", height=min(400, 38 + 35 * max(len(table), 1)),
        key="places", on_select=_place_picked, selection_mode="single-row",
        column_order=("place", "feature", "country", *ROLES, "mentions", "articles"),
        column_config={"mentions": st.column_config.NumberColumn("mentions", help="all roles"),
                       "articles": st.column_config.NumberColumn("articles")},
    )


def _brushed(facets: Facets) -> None:
    event = st.session_state.get("timeline")
    days = brush_days(getattr(event, "selection", None) or (event or {}).get("selection"))
    if not (facets.first_day and facets.last_day):
        return
    first, last = date.fromisoformat(facets.first_day), date.fromisoformat(facets.last_day)
    if days is None:
        st.session_state["dates"] = (first, last)
        return
    start, end = (min(max(d, first), last) for d in days)
    st.session_state["dates"] = (start, end)


def _mention_clicked(mentions: Sequence[Mapping]) -> None:
    state = st.session_state.get("reader")
    index = getattr(state, "mention", None)
    if index is None and isinstance(state, Mapping):
        index = state.get("mention")
    if not isinstance(index, int | float) or not 0 <= int(index) < len(mentions):
        return
    row = mentions[int(index)]
    if is_mapped(row):
        select_place(row["place_key"], float(row["lat"]), float(row["lon"]),
                     row.get("name") or row["surface"], row.get("feature"))


def _place_picked() -> None:
    picked = st.session_state.get("places")
    selection = getattr(picked, "selection", None) or (picked or {}).get("selection") or {}
    rows = selection.get("rows") if isinstance(selection, Mapping) else \
        getattr(selection, "rows", None)
    table = st.session_state.get("_place_rows") or []
    if not rows or not 0 <= rows[0] < len(table):
        return
    entry = table[rows[0]]
    select_place(entry["key"], entry["lat"], entry["lon"], entry["place"], entry.get("feature"))
