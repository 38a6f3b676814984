"""The sidebar: place search, filters and downloads.

The filter widgets' keys hold their values in `st.session_state`; `seed_filters` fills them from
the URL when a session starts, and the app writes them back to the URL after every run
(`dashboard.state.filter_params`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import streamlit as st

from dashboard import keys
from dashboard.map import FLY_ZOOM
from dashboard.markup import md_escape
from dashboard.state import FilterState, fly_to
from geo.errors import ConflictMapError
from geo.io.export import articles_jsonl, mentions_csv, mentions_geojson
from geo.models import ROLES, Article
from geo.views.filters import Facets, plural

__all__ = ["current_filters", "downloads", "filters", "place_search", "reset_filters",
           "seed_filters", "select_place"]

_FEATURE_HELP = ("country; admin1: province, oblast, state; admin2: district; city: city, town "
                 "or village; region: a named region (Donbas); landmark: a building or seat of "
                 "government (the Kremlin); water: sea, river; other.")


def seed_filters(values: FilterState, facets: Facets) -> None:
    """Put filter values into the widgets' session state (before the widgets are drawn)."""
    state = st.session_state
    state[keys.ROLE] = list(values.roles)
    state[keys.SOURCE] = list(values.sources)
    state[keys.COUNTRY] = list(values.countries)
    state[keys.FEATURE] = list(values.features)
    state[keys.SCORE] = values.score
    state[keys.TEXT] = values.text
    full = _full_range(facets)
    # Set only when needed: Streamlit logs a warning when a widget with a default value also
    # gets one through the Session State API.
    if full is not None and (values.dates or keys.DATES in state):
        state[keys.DATES] = values.dates or full


def current_filters(facets: Facets) -> FilterState:
    """The filter values in session state: what the widgets will show in this run.

    Read before the widgets are drawn, so the map can be sent to the page first.
    """
    state = st.session_state
    full = _full_range(facets)
    if full is not None:
        _follow_new_days(full)
        _clip_dates(*full)
    dates = None
    picked = state.get(keys.DATES)
    # While a range is being picked the widget holds one day; keep every day then.
    if isinstance(picked, Sequence) and len(picked) == 2 and tuple(picked) != full:
        dates = (picked[0], picked[1])
    return FilterState(
        roles=tuple(r for r in ROLES if r in (state.get(keys.ROLE) or ())),
        sources=tuple(v for v in state.get(keys.SOURCE) or () if v in facets.sources),
        countries=tuple(v for v in state.get(keys.COUNTRY) or () if v in facets.countries),
        features=tuple(v for v in state.get(keys.FEATURE) or () if v in facets.features),
        score=float(state.get(keys.SCORE) or 0.0),
        text=" ".join((state.get(keys.TEXT) or "").split()),
        dates=dates)


def filters(facets: Facets) -> None:
    """Draw the filter widgets (their values are `current_filters`)."""
    sidebar = st.sidebar
    sidebar.header("Filters")
    full = _full_range(facets)
    if full is not None:
        sidebar.date_input(
            "Published between", value=full, min_value=full[0], max_value=full[1], key=keys.DATES,
            format="YYYY-MM-DD",
            help="Or drag across the timeline. Articles without a date show only when the "
                 "whole range is selected.")
    sidebar.multiselect("Source", facets.sources, key=keys.SOURCE, placeholder="All sources")
    sidebar.multiselect("Country of the place", facets.countries, key=keys.COUNTRY,
                        placeholder="All countries")
    sidebar.multiselect("Kind of place", facets.features, key=keys.FEATURE,
                        placeholder="All kinds", help=_FEATURE_HELP)
    sidebar.multiselect(
        "Mention roles", ROLES, key=keys.ROLE,
        help="literal: the place itself (“strikes on Kursk”). metonym: the name stands for a "
             "government or institution (“Moscow said”). adjectival: “Russian”, “Ukrainian”. "
             "Also switchable in the map's layer control.")
    sidebar.slider("Minimum score", 0.0, 1.0, step=0.05, key=keys.SCORE,
                   help="How sure the geoparser was of the place, 0–1.")
    sidebar.text_input("Search article text", key=keys.TEXT,
                       placeholder='e.g. ceasefire "buffer zone"',
                       help="Every word must occur in the headline or body; "
                            "double quotes keep a phrase together.")
    sidebar.button("Reset filters", on_click=reset_filters, args=(facets,))


def reset_filters(facets: Facets) -> None:
    """Callback: every filter back to its default (all dates, all places, literal only)."""
    seed_filters(FilterState(), facets)


def place_search(geocoder_factory) -> None:
    """A gazetteer search box; the chosen place is selected and the map flies to it."""
    st.sidebar.text_input("Find a place", key=keys.FIND, on_change=_search,
                          args=(geocoder_factory,), placeholder="e.g. Pokrovsk, Donetsk",
                          help="Searches the offline gazetteer (GeoNames; in Ukraine and "
                               "Russia also villages with a post office); no network.")
    state = st.session_state
    if state.get(keys.FIND_ERROR):  # Markdown, the typed query escaped (see `_search`)
        st.sidebar.caption(state[keys.FIND_ERROR])
    results: list[dict] = state.get(keys.FIND_RESULTS) or []
    if len(results) > 1:
        st.sidebar.selectbox("Matches", range(len(results)), key=keys.FIND_PICK,
                             format_func=lambda i: _describe(results[i]), on_change=_pick)


def downloads(n_rows: int, n_articles: int, *, rows: Callable[[], Sequence[Mapping]],
              articles: Callable[[], Sequence[Article]]) -> None:
    """Download buttons for exactly the mentions shown and their articles.

    `rows` and `articles` are called only when a button is clicked: the files can be large.
    """
    st.sidebar.header("Download")
    st.sidebar.caption(f"{plural(n_rows, 'mention')} and {plural(n_articles, 'article')}, "
                       "as filtered.")
    st.sidebar.download_button("Mentions (CSV)", lambda: mentions_csv(rows()),
                               file_name="conflict-map-mentions.csv", mime="text/csv",
                               on_click="ignore", icon=":material/download:")
    st.sidebar.download_button("Mentions (GeoJSON)", lambda: mentions_geojson(rows()),
                               file_name="conflict-map-mentions.geojson",
                               mime="application/geo+json", on_click="ignore",
                               icon=":material/download:")
    st.sidebar.download_button("Articles (JSON Lines)", lambda: articles_jsonl(articles()),
                               file_name="conflict-map-articles.jsonl",
                               mime="application/jsonl", on_click="ignore",
                               icon=":material/download:")


def select_place(key: str, lat: float, lon: float, label: str, feature: str | None) -> None:
    """Select a place (ringed on the map, `?place=` in the URL) and fly the map to it."""
    st.session_state[keys.SELECTED] = {"key": key, "lat": lat, "lon": lon, "label": label}
    st.session_state[keys.FLY] = fly_to(lat, lon, FLY_ZOOM.get(feature or "", 9))


def _follow_new_days(full: tuple[date, date]) -> None:
    # "Every day" stays every day when the store grows (articles added from the page or by
    # another ingest): a range equal to the old full range widens to the new one, instead of
    # becoming a filter that hides the new articles.
    state = st.session_state
    before = state.get(keys.DATES_FULL)
    state[keys.DATES_FULL] = full
    picked = state.get(keys.DATES)
    if before is not None and before != full and isinstance(picked, Sequence) \
            and tuple(picked) == tuple(before):
        state[keys.DATES] = full


def _clip_dates(first: date, last: date) -> None:
    # A brush, an old URL or a newer store may reach outside the days the widget accepts.
    value = st.session_state.get(keys.DATES)
    if isinstance(value, Sequence) and len(value) == 2:
        start, end = sorted(min(max(d, first), last) for d in value)
        if (start, end) != tuple(value):
            st.session_state[keys.DATES] = (start, end)


def _full_range(facets: Facets) -> tuple[date, date] | None:
    if not (facets.first_day and facets.last_day):
        return None
    return date.fromisoformat(facets.first_day), date.fromisoformat(facets.last_day)


def _search(geocoder_factory) -> None:
    state = st.session_state
    query = (state.get(keys.FIND) or "").strip()
    state[keys.FIND_RESULTS], state[keys.FIND_ERROR] = [], None
    state.pop(keys.FIND_PICK, None)
    if not query:
        return
    try:
        found = geocoder_factory().geocode(query, exactly_one=False, limit=8) or []
    except ConflictMapError as err:
        state[keys.FIND_ERROR] = f"Place search is unavailable: {md_escape(err)}"
        return
    results = [dict(location.raw) for location in found]
    state[keys.FIND_RESULTS] = results
    if not results:
        # A caption is Markdown: "![i](/x)" typed here must show as typed, not load an image.
        state[keys.FIND_ERROR] = f"No place called “{md_escape(query)}” in the gazetteer."
        return
    _choose(results[0])


def _pick() -> None:
    results = st.session_state.get(keys.FIND_RESULTS) or []
    index = st.session_state.get(keys.FIND_PICK)
    if isinstance(index, int) and 0 <= index < len(results):
        _choose(results[index])


def _choose(raw: Mapping) -> None:
    select_place(raw["key"], float(raw["lat"]), float(raw["lon"]), raw["name"], raw.get("feature"))


def _describe(raw: Mapping) -> str:
    where = ", ".join(str(part) for part in (raw.get("admin1"), raw.get("country")) if part)
    return f"{raw['name']} ({raw.get('feature')}{', ' + where if where else ''})"
