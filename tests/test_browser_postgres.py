"""Ingest, then the dashboard, on each backend: the same test on SQLite and on PostgreSQL.

Articles go in through `ingest_paths` (the fake parser), the dashboard is started on the store's
path or URL and driven in Debian's chromium with every request off this machine blocked; a
second ingest while it runs shows up on the next load (a file's modification time on SQLite,
`Store.data_version` on PostgreSQL).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import streamlit_server

from geo.access import local_editor
from geo.io.ingest import ingest_paths
from geo.store.database import Store
from geo.store.reads import read_columns
from geo.views.filters import MentionFilter

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 45_000
MARKERS_SHOWN = """() => Object.keys(window.cmGroups)
    .filter(role => window.map.hasLayer(window.cmGroups[role]))
    .reduce((n, role) => n + window.cmGroups[role].getLayers().length, 0)"""


def _feed(path: Path, days: range) -> Path:
    records = [{"title": f"Report {d}", "source": "Wire", "published": f"2025-03-{d:02d}",
                "text": f"Shelling near Kursk on day {d}.\nKyiv said Kharkiv was calm."}
               for d in days]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _expected(store_url) -> tuple[str, int]:
    """The count caption and the number of markers the default view shows."""
    with Store(store_url) as store:
        columns = read_columns(store)
    keep = columns.mask(MentionFilter())
    return columns.summary(keep), len(set(zip(columns.place[keep], columns.role[keep],
                                              strict=True)))


def _load(browser, base: str) -> tuple[str, int, list[str]]:
    """Open the page offline; (count caption shown, markers shown, requests blocked)."""
    blocked: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda route: route.continue_()
                  if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost")
                  else (blocked.append(route.request.url), route.abort()))
    try:
        page = context.new_page()
        page.goto(base)
        page.wait_for_selector('iframe[title*="streamlit_folium"]', timeout=TIMEOUT_MS)
        frame = next(f for f in page.frames if "streamlit_folium" in f.url)
        frame.wait_for_function("window.cmData !== undefined", timeout=TIMEOUT_MS)
        caption = page.get_by_text(" mentions of ").first
        caption.wait_for(timeout=TIMEOUT_MS)
        return caption.inner_text(), frame.evaluate(MARKERS_SHOWN), blocked
    finally:
        context.close()


def test_ingested_articles_show_on_the_dashboard(store_url, tmp_path, parse):
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    with Store(store_url) as store:
        report = ingest_paths([_feed(tmp_path / "first.jsonl", range(1, 4))], store,
                              parse=parse, extract=lambda article, mentions: [],
                                  editor=local_editor())
    assert (len(report.new), report.failed) == (3, [])

    with streamlit_server(store_url, tmp_path / "streamlit.log") as base, \
            sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            caption, markers, blocked = _load(browser, base)
            assert (caption, markers, blocked) == (*_expected(store_url), [])
            assert caption == "9 mentions of 3 places in 3 articles"

            with Store(store_url) as store:
                ingest_paths([_feed(tmp_path / "second.jsonl", range(4, 6))], store,
                             parse=parse, extract=lambda article, mentions: [],
                                 editor=local_editor())
            caption, markers, blocked = _load(browser, base)
            assert (caption, markers, blocked) == (*_expected(store_url), [])
            assert caption == "15 mentions of 3 places in 5 articles"
        finally:
            browser.close()
