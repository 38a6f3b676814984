"""Editors in Debian's chromium, offline, on a real server: an upload through the page (the
upload path of the security acceptance: hostile titles, sources and texts, none runs), its
per-record error named by file, a progress bar and the new articles on the map; a hosted
link offers a viewer no upload, paste or delete."""

from __future__ import annotations

import json
import re

import pytest
from browser_support import fill_sample_store, streamlit_server
from test_browser import TIMEOUT_MS, OfflinePage, browser, chromium  # noqa: F401
from test_xss_browser import PAYLOADS, RAN

from geo.gazetteer.index import default_path as gazetteer_path
from geo.store.database import Store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not gazetteer_path().exists(),
                       reason="the gazetteer is not built (make gazetteer): nothing to map"),
]
UPLOADED = PAYLOADS  # every payload of the CLI's security test, now through the page


@pytest.fixture
def sample_db(tmp_path):
    db = tmp_path / "sample.sqlite"
    fill_sample_store(db)
    return db


def test_an_editor_uploads_hostile_articles_and_none_runs(sample_db, tmp_path,
                                                          browser):  # noqa: F811
    feed = tmp_path / "hostile upload.jsonl"
    lines = [json.dumps({"title": f"U{i} {p}", "source": f"S{i} {p}",
                         "published": "2025-04-02",
                         "text": f"Drones struck Kharkiv overnight. {p} was written in Kharkiv."})
             for i, p in enumerate(UPLOADED)]
    lines.insert(3, '{"title": "broken"')
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with streamlit_server(sample_db, tmp_path / "streamlit.log") as base:
        offline = OfflinePage(browser, base)
        try:
            offline.open(base)
            page = offline.page
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.get_by_text("Add articles").click()
            sidebar.locator('input[type="file"]').set_input_files(str(feed))
            sidebar.get_by_role("button", name="Add these files").click()
            done = sidebar.locator('[data-testid="stAlertContentSuccess"], '
                                   '[data-testid="stAlertContentWarning"]')
            done.first.wait_for(timeout=120_000)
            message = done.first.inner_text().replace("\u2060", "")  # md_escape's joiners
            assert f"{len(UPLOADED)} new articles" in message, message
            assert "hostile upload.jsonl:4:" in message and "upload-" not in message
            # "Every day" widens to the new articles' day: they are on the map at once.
            page.get_by_text(re.compile(rf" in {2 + len(UPLOADED)} articles$")).wait_for(
                timeout=TIMEOUT_MS)
            with Store(sample_db) as store:
                titles = {a.title: a.id for a in store.articles()}
                log = store.actions()
            assert {f"U{i} {p}" for i, p in enumerate(UPLOADED)} <= set(titles)
            assert log[0]["how"] == "local" and len(log) == 2 + len(UPLOADED)
            # Kharkiv's popup (its newest mentions) and tooltip, from the feed.
            frame = offline.map_frame()
            frame.locator(".cm-feed li[data-k]").first.click()
            popup = frame.wait_for_selector(".leaflet-popup-content .cm-popup ul",
                                            timeout=TIMEOUT_MS)
            assert "U" in popup.text_content()
            page.wait_for_timeout(1000)
            assert not page.evaluate(RAN) and not frame.evaluate("!!window.__cmXss")
            offline.screenshot("editor-upload.png")
            # The reader of uploaded articles: the hostile title and text read as written.
            for i in (0, 7, 18):
                payload = UPLOADED[i]
                page.goto(f"{base}/?article={titles[f'U{i} {payload}'][:12]}")
                reader = page.locator(".cm-reader")
                reader.locator("h3").wait_for(timeout=TIMEOUT_MS)
                assert reader.locator("h3").text_content() == f"U{i} {payload}"
                assert f"{payload} was written in Kharkiv" in reader.text_content()
                page.wait_for_timeout(500)
                assert not page.evaluate(RAN)
            offline.assert_clean()
        finally:
            offline.context.close()


def test_a_hosted_viewer_gets_no_writing_tools(sample_db, tmp_path, browser):  # noqa: F811
    env = {"CONFLICT_MAP_MODE": "hosted", "CONFLICT_MAP_EDITOR_PASSWORD": "browser-test pw"}
    with streamlit_server(sample_db, tmp_path / "streamlit.log", env=env) as base:
        offline = OfflinePage(browser, base)
        try:
            offline.open(base)
            sidebar = offline.page.locator('[data-testid="stSidebar"]')
            sidebar.get_by_text("Editor sign-in").wait_for(timeout=TIMEOUT_MS)
            assert sidebar.get_by_text("Add articles").count() == 0
            assert offline.page.locator('input[type="file"]').count() == 0
            assert sidebar.get_by_text("Delete an article").count() == 0
            offline.screenshot("hosted-viewer.png")
            # Signing in with the password opens the tools.
            sidebar.get_by_text("Editor sign-in").click()
            sidebar.get_by_label("Your name").fill("ana")
            sidebar.get_by_label("Editor password").fill("browser-test pw")
            sidebar.get_by_role("button", name="Sign in").click()
            sidebar.get_by_text("Editing as ana").wait_for(timeout=TIMEOUT_MS)
            # The whole sidebar again once the run is over: tools, then search and filters.
            for label in ("Add articles", "Recent changes", "Find a place", "Published between"):
                sidebar.get_by_text(label, exact=True).first.wait_for(timeout=TIMEOUT_MS)
            offline.page.wait_for_timeout(500)
            offline.screenshot("hosted-editor.png")
            offline.assert_clean()
        finally:
            offline.context.close()
