"""Conflict Map: where the ingested articles mention places, and in what role.

Run from the repository root with `streamlit run dashboard/app.py` (or `make run`), with the
project installed (`pip install -e .`) or `PYTHONPATH=.` set. The store is
`$CONFLICT_MAP_DB`, else `data/conflict_map.sqlite`; the map needs no network (see
`dashboard/map.py`). The whole view lives in the URL: filters (widgets bound to query
parameters), the map's centre and zoom, the selected article and place, and the base layer.
"""

from __future__ import annotations

import os
import time

import streamlit as st
from streamlit_folium import st_folium

# `streamlit run` puts this script's folder on sys.path, not the project root: these absolute
# imports work because `dashboard` is installed with the project (`pip install -e .`; see
# pyproject.toml) or the root is on PYTHONPATH, never through a sys.path edit here.
from dashboard import keys
from dashboard.access import app_mode, setting, sign_in
from dashboard.claims_panel import (
    claim_filter,
    claim_params,
    claims_panel,
    seed_claim_filters,
    select_region,
)
from dashboard.components import copy_link_button
from dashboard.control_files import control_map, control_pending, has_control
from dashboard.data import (
    article,
    article_mentions,
    articles,
    busy_days,
    claim_rows,
    load_snapshot,
    map_markers,
    mention_rows,
    publish,
    regions,
    sides_table,
    store_version,
    timeline_spec,
    undated_articles,
    view,
)
from dashboard.editing import editor_tools
from dashboard.first_start import ensure_built
from dashboard.map import ATTRIBUTIONS, BASE_LAYERS, FLY_ZOOM, build_map, view_command
from dashboard.markup import md_code, md_escape
from dashboard.memory import give_back_freed_memory
from dashboard.panels import (
    ARTICLE_ID_CHARS,
    places_table,
    playback,
    reader,
    timeline,
)
from dashboard.sidebar import (
    current_filters,
    downloads,
    filters,
    place_search,
    seed_filters,
)
from dashboard.state import (
    filter_params,
    fly_to,
    map_event,
    parse_filters,
    parse_view,
    view_params,
    view_report,
)
from geo.control.export import claims_geojson
from geo.errors import ConflictMapError, StoreError
from geo.store.database import DEFAULT_PATH
from geo.store.engine import printable
from geo.views.filters import plural

INGEST_COMMAND = "conflict-map ingest seeds/"
MAP_HEIGHT = 560  # what Streamlit reserves; PAGE_STYLE makes the map fill the window's height
# Map first: a compact header, and the map as tall as the window allows (never under 460 px);
# the map's own page follows its frame's height (`dashboard.elements.map_setup`). Static CSS.
PAGE_STYLE = """<style>
div.block-container { padding-top: 3.4rem; }
h1 { font-size: 1.6rem !important; padding: 0 0 .2rem !important; }
iframe[title="streamlit_folium.st_folium"] { height: max(460px, calc(100vh - 150px)) !important; }
</style>"""
REST_AFTER_SECONDS = 4.0  # the rest of the page, if the map never says it is drawn
# How long a run waits for the control layer of a new store version, and how often the page
# looks again while it is being made.
CONTROL_WAIT = float(os.environ.get("CONFLICT_MAP_CONTROL_WAIT", "0.3"))
CONTROL_POLL_SECONDS = 0.5


@st.cache_resource(show_spinner=False)
def offline_geocoder():
    """The gazetteer geocoder, opened once per server (it is thread-safe)."""
    from geo.geocode.geocoder import OfflineGeocoder

    return OfflineGeocoder()


def start_session(snapshot) -> None:
    """On a session's first run, take the filters, article, place and base layer from the URL."""
    state = st.session_state
    if state.get(keys.STARTED):
        restore_filters(snapshot)
        return
    state[keys.STARTED] = True
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    seed_filters(parse_filters(params, snapshot.facets), snapshot.facets)
    seed_claim_filters(params, claim_rows(db_path, version))
    state[keys.VIEW] = parse_view(st.query_params)
    article = snapshot.article_by_prefix(st.query_params.get("article"))
    state[keys.ARTICLE] = article.id[:ARTICLE_ID_CHARS] if article else None
    base = st.query_params.get("base")
    state[keys.BASE] = base if base in BASE_LAYERS else "outlines"
    state[keys.CONTROL] = st.query_params.get("control") != "off"
    key = st.query_params.get("place")
    row = snapshot.place(key)
    if row is None and key:
        try:
            place = offline_geocoder().gazetteer.place(key)
        except ConflictMapError:
            place = None
        if place is not None and place.lat is not None:
            row = {"lat": place.lat, "lon": place.lon, "name": place.name,
                   "feature": place.feature}
    if row is not None:
        state[keys.SELECTED] = {"key": key, "lat": row["lat"], "lon": row["lon"],
                                "label": row.get("name") or key}
        if state[keys.VIEW] is None:
            state[keys.FLY] = fly_to(row["lat"], row["lon"], FLY_ZOOM.get(row.get("feature"), 9))


def on_map_change() -> None:
    """Callback for the map's value: act on a popup link or a layer switch, once each."""
    state = st.session_state
    event = map_event(state.get(keys.MAP))
    if event is None or event.id == state.get(keys.LAST_EVENT):
        return
    state[keys.LAST_EVENT] = event.id
    if event.kind == "article" and event.article:
        state[keys.ARTICLE] = event.article[:ARTICLE_ID_CHARS]
        row = state[keys.SNAPSHOT].place(event.place)
        if row is not None:
            state[keys.SELECTED] = {"key": event.place, "lat": row["lat"], "lon": row["lon"],
                                    "label": row.get("name") or event.place}
        state[keys.RERUN_APP] = True
    elif event.kind == "roles":
        state[keys.ROLE] = list(event.roles)
        state[keys.RERUN_APP] = True
    elif event.kind == "region" and event.place:
        state[keys.RERUN_APP] = select_region(event.place, state.get(keys.CLAIMS) or ())
    elif event.kind == "base" and event.base in BASE_LAYERS:
        state[keys.BASE] = event.base
        state[keys.RERUN_APP] = True
    elif event.kind == "control" and event.shown is not None:
        state[keys.CONTROL] = event.shown
        state[keys.RERUN_APP] = True
    elif event.kind == "drawn":  # first markers and outlines drawn: the rest of the page now
        state[keys.RERUN_APP] = _rest_is_due()


def restore_filters(snapshot) -> None:
    """Put back the filter widgets' values if Streamlit dropped them.

    Streamlit forgets a widget's value after a completed run that did not draw the widget; on
    a busy server a run can end that way before the sidebar is drawn (seen: every filter gone
    from the URL, "role=" and no country, after picking an article). The last full run's page
    parameters hold the filters as the URL shows them: they are seeded again from there.
    """
    state = st.session_state
    saved = state.get(keys.PAGE_PARAMS)
    if saved is None or keys.ROLE in state:
        return
    params = {name: value if isinstance(value, list) else [value]
              for name, value in saved.items()}
    seed_filters(parse_filters(params, snapshot.facets), snapshot.facets)
    seed_claim_filters(params, claim_rows(db_path, version))


@st.fragment
def map_panel(command, with_control: bool) -> None:
    """The map. Panning and zooming rerun only this fragment, to put the view in the URL.

    The map is live: its data (markers, the territorial-control layer of the as-of day and
    its legend) comes with `command`, so new filters or a new day load into the same map
    instead of rebuilding it. `with_control`: the store has claims or areas to draw.
    """
    # Shown or not comes with the command too: switching it does not rebuild the map.
    m = build_map((), live=True, control_url="live" if with_control else None)
    value = st_folium(m, key=keys.MAP, height=MAP_HEIGHT,
                      use_container_width=True, returned_objects=["center", "zoom"],
                      feature_group_to_add=command, on_change=on_map_change)
    report = view_report(value)
    # In a full run the report is the last one again; the run ends by writing the URL anyway.
    if report is not None and report != st.session_state.get(keys.VIEW):
        st.session_state[keys.VIEW] = report
        write_url()
    if st.session_state.pop(keys.RERUN_APP, False):
        st.rerun(scope="app")


@st.fragment(run_every=CONTROL_POLL_SECONDS)
def control_timer(path: str, version: tuple[float, ...]) -> None:
    """Rerun the page once the control layer of this store version is made: the live map
    then loads it where it is (`dashboard.control_files.control_map`)."""
    if not control_pending(path, version):
        st.rerun(scope="app")


@st.fragment(run_every=REST_AFTER_SECONDS)
def rest_timer() -> None:
    """Draw the rest of the page if the map has not said it is drawn by now (see
    `_rest_is_due`)."""
    if _rest_is_due():
        st.rerun(scope="app")


def _rest_is_due() -> bool:
    # A session's first run draws the map and the reader but leaves the timeline, the places
    # table and the sidebar's filters (the slowest widgets in the browser, each with code of
    # its own to load) for a second run, made once the map's first markers are drawn (its
    # "drawn" event) or `rest_timer` fires. The map then loads without competing with them:
    # started at the map's first report, the second run held up the markers' file (0.45-0.6 s
    # to serve 2.7 MB at a million mentions, 0.01 s idle); benchmarks/RESULTS.md.
    # The run asked for is due until one has drawn the rest (`REST_SHOWN`), not only until it
    # was asked for: a run asked for and never made would leave the page without its rest.
    # The timer asks again at most every REST_AFTER_SECONDS (its own runs wait for a full
    # run in progress, so a slow one is not restarted).
    state = st.session_state
    if not state.get(keys.FIRST_RUN_DONE) or state.get(keys.REST_SHOWN):
        return False
    now = time.monotonic()
    if now - state.get(keys.REST_ASKED, -REST_AFTER_SECONDS) < REST_AFTER_SECONDS:
        return False
    state[keys.REST_ASKED] = now
    return True


def page_params(values, claims) -> dict[str, str | list[str]]:
    """The URL's parameters other than the map view, from this run's state."""
    wanted: dict[str, str | list[str]] = dict(filter_params(values))
    wanted.update(claim_params(claim_filter(claims)))
    state = st.session_state
    selected, base = state.get(keys.SELECTED), state.get(keys.BASE)
    for name, value in (("article", state.get(keys.ARTICLE)),
                        ("place", selected["key"] if selected else None),
                        ("base", None if base == "outlines" else base),
                        ("control", None if state.get(keys.CONTROL, True) else "off")):
        if value:
            wanted[name] = value
    return wanted


def write_url() -> None:
    """Put the whole view in the URL in one write, if it changed.

    The page and the view come from the session, never from `st.query_params` as the browser
    last sent it: a map report that left the browser during a full run carries the query string
    from before that run.
    """
    state = st.session_state
    wanted = dict(state.get(keys.PAGE_PARAMS) or {})
    if state.get(keys.VIEW) is not None:
        wanted.update(view_params(state[keys.VIEW]))
    current = {name: (values if len(values := st.query_params.get_all(name)) > 1 else values[0])
               for name in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


st.set_page_config(page_title="Conflict Map", page_icon="🗺️", layout="wide")
st.html(PAGE_STYLE)
st.title("Conflict Map")

db_path = str(setting("db") or DEFAULT_PATH)  # $CONFLICT_MAP_DB, else `db` in secrets
ensure_built(db_path)  # a host with no `make` before it (Community Cloud), when asked to
try:
    version = store_version(db_path)
    snapshot = load_snapshot(db_path, version)
except StoreError as err:
    # The path comes from the environment and the message quotes it: Markdown, so escaped.
    st.error(f"Cannot read the article store: {md_escape(err)}")
    st.markdown(f"Point `CONFLICT_MAP_DB` at a Conflict Map database, or move "
                f"{md_code(printable(db_path))} "
                f"aside and run `{INGEST_COMMAND}` to build a new one.")
    st.stop()

# Viewers read; the editor of this session (the local user, or who signed in) also writes.
editor = sign_in(app_mode())
if snapshot.counts["articles"] == 0:
    # printable: a PostgreSQL URL's password is not shown.
    st.info(f"The store at {md_code(printable(db_path))} is empty. Ingest the seed articles "
            "first" + (", or add articles in the sidebar:" if editor else ":"))
    st.code(INGEST_COMMAND, language="bash")
    if editor is not None:
        editor_tools(editor, db_path, version, None)
    st.stop()

problem = sides_table(db_path)[1]
if problem:
    st.warning(f"Your sides file is not used: {md_escape(problem)}. Actors are resolved with "
               "the shipped table (assets/sides.csv) only.")
st.session_state[keys.SNAPSHOT] = snapshot
st.session_state[keys.CLAIMS] = claim_rows(db_path, version)
start_session(snapshot)
draw_rest = bool(st.session_state.get(keys.FIRST_RUN_DONE))  # any later full run: the whole page
# The filters come from session state, so the map can reach the page before the sidebar's
# widgets (drawn last, from the same state): its frame then starts loading first.
values = current_filters(snapshot.facets)
flt = values.to_filter()
shown = view(db_path, version, flt)

head, share = st.columns([3, 1], vertical_alignment="center")
verb = "is" if snapshot.unmapped == 1 else "are"
unmapped = (f" · {plural(snapshot.unmapped, 'mention')} without coordinates {verb} never mapped"
            if snapshot.unmapped else "")
head.caption(shown.caption + unmapped)
# One slot for the notices, drawn in every run: a notice that came and went before the map
# would move the map in the page's tree, and Streamlit would load it again from scratch.
notice = st.empty()
if not flt.roles:
    notice.info("Pick at least one role in the sidebar (or the map's layer control) to show "
                "places.")
elif not shown.n_mentions:
    notice.info("Nothing matches these filters. Widen them, or use “Reset filters” in the sidebar.")

selected = st.session_state.get(keys.SELECTED)
markers, popups = map_markers(db_path, version, flt)
# The control layer of a store version is made in the background: the page does not wait
# for it more than a moment, and `control_timer` reruns the page once it is there.
control_url, control_legend = control_map(db_path, version, flt.date_to, wait=CONTROL_WAIT)
command = view_command(roles=flt.roles, base=st.session_state.get(keys.BASE, "outlines"),
                       selected=selected, view=st.session_state.get(keys.FLY),
                       data_url=publish(markers, popups=popups), control_url=control_url,
                       control_legend=control_legend,
                       control_shown=st.session_state.get(keys.CONTROL, True))
# The map takes the page's width; the reader follows it.
map_panel(command, has_control(db_path, version))
if editor is not None and draw_rest:
    # With the rest of the page (a session's second run): the map's frame loads first.
    editor_tools(editor, db_path, version,
                 snapshot.article_by_prefix(st.session_state.get(keys.ARTICLE)))
with st.container():
    st.subheader("Reader")
    reader(snapshot, shown.shown, lambda aid: (article(db_path, version, aid),
                                               article_mentions(db_path, version, aid)),
           per_article=shown.per_article, n_articles=shown.n_articles)
with share:
    copy_link_button()

if control_pending(db_path, version):
    control_timer(db_path, version)

# Below the map, as in TimeMap; from a session's second run on (see `_rest_is_due`).
if draw_rest:
    dates = ((flt.date_from or snapshot.facets.first_day,
              flt.date_to or snapshot.facets.last_day) if flt.dated else None)
    timeline(timeline_spec(db_path, version, flt, dates), snapshot.facets,
             undated=undated_articles(db_path, version, flt), ranged=flt.dated)
    playback(snapshot.facets, busy_days(db_path, version))
    st.subheader("Places")
    places_table(shown.places, shown.n_places)
    st.subheader("Territorial-control claims")
    claims_panel(claim_rows(db_path, version),
                 geojson=lambda rows: claims_geojson(rows, regions()))
else:
    st.caption("The timeline and the places table follow once the map is drawn…")
if not st.session_state.get(keys.REST_SHOWN):
    rest_timer()  # also in the run drawing the rest: if that run never ends, it asks again
st.caption(" · ".join(ATTRIBUTIONS) + " · Map: Leaflet")

if draw_rest:
    place_search(offline_geocoder)
    filters(snapshot.facets)
    downloads(shown.n_mentions, len(shown.article_ids),
              rows=lambda: mention_rows(db_path, shown.ids),
              articles=lambda: articles(db_path, shown.article_ids))
else:
    st.sidebar.caption("The filters follow once the map is drawn…")
st.session_state[keys.PAGE_PARAMS] = page_params(values, claim_rows(db_path, version))
st.session_state[keys.FIRST_RUN_DONE] = True
if draw_rest:
    st.session_state[keys.REST_SHOWN] = True  # `_rest_is_due` asks for no more runs
write_url()
# Each session's run has its own thread, and glibc its own heap per thread: what a run freed
# stays resident there unless handed back (some 15 MB per session at a million mentions).
give_back_freed_memory()
