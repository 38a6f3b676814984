"""Conflict Map: where the ingested articles mention places, and in what role.

Run from the repository root with `streamlit run dashboard/app.py` (or `make run`). The store is
`$CONFLICT_MAP_DB`, else `data/conflict_map.sqlite`; the map needs no network (see
`dashboard/map.py`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

# `streamlit run` puts only this script's folder on sys.path; `dashboard` is a package of the
# repository root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.map import (  # noqa: E402
    ATTRIBUTIONS,
    ROLE_STYLES,
    build_map,
    place_table,
    summary,
)
from geo.errors import StoreError  # noqa: E402
from geo.models import ROLES  # noqa: E402
from geo.store import DEFAULT_PATH, Store  # noqa: E402

INGEST_COMMAND = "conflict-map ingest seeds/"


@st.cache_data(show_spinner="Reading the store…", max_entries=4)
def load_store(path: str, version: tuple[float, ...]) -> tuple[dict[str, int], list[dict]]:
    """Counts and mention rows; `version` (file mtimes) is only part of the cache key."""
    with Store(path) as store:
        return store.counts(), store.mention_rows()


def store_version(path: str) -> tuple[float, ...]:
    # SQLite in WAL mode writes to `<db>-wal` first, so the main file's mtime alone lags.
    return tuple(os.path.getmtime(p) if os.path.exists(p) else 0.0
                 for p in (path, f"{path}-wal"))


st.set_page_config(page_title="Conflict Map", page_icon="🗺️", layout="wide")
st.title("Conflict Map")

db_path = os.environ.get("CONFLICT_MAP_DB") or DEFAULT_PATH
try:
    counts, rows = load_store(db_path, store_version(db_path))
except StoreError as err:
    st.error(f"Cannot read the article store: {err}")
    st.markdown(f"Point `CONFLICT_MAP_DB` at a Conflict Map database, or move `{db_path}` "
                f"aside and run `{INGEST_COMMAND}` to build a new one.")
    st.stop()

if counts["articles"] == 0:
    st.info(f"The store at `{db_path}` is empty. Ingest the seed articles first:")
    st.code(INGEST_COMMAND, language="bash")
    st.stop()

# The roles live in the URL (?role=literal&role=metonym), so a link reproduces the view.
if "roles" not in st.session_state:
    st.session_state.roles = ([r for r in ROLES if r in st.query_params.get_all("role")]
                              or ["literal"])
st.sidebar.header("Show")
roles = st.sidebar.multiselect(
    "Mention roles", ROLES, format_func=lambda role: ROLE_STYLES[role].layer, key="roles",
    help="Literal: the place itself (“strikes on Kursk”). Metonym: the name stands for a "
         "government or institution (“Moscow said”). Adjectival: “Russian”, “Ukrainian”.",
)
st.query_params["role"] = roles

selected = [row for row in rows if row["role"] in roles]
st.caption(summary(selected))
if not roles:
    st.info("Pick at least one role in the sidebar to show places.")

st_folium(build_map(rows, roles=roles), returned_objects=[], height=600,
          use_container_width=True, key="map")

st.subheader("Places")
st.dataframe(place_table(selected), hide_index=True, width="stretch")
st.caption(" · ".join(ATTRIBUTIONS) + " · Map: Leaflet")
