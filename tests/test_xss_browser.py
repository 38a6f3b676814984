"""Hostile text through the whole path (issue 16's security acceptance), in Debian's chromium,
offline: every payload of `tests/data/xss_payloads.txt` (script tags, event handlers,
`javascript:` URLs, SVG, attribute breaking, `</script>` inside JSON, Markdown and Streamlit
markup) goes in through the real CLI as an article's title, source, address and text (so also
as the sentence of a place mention), and a few as a manual claim's actor, claimant and quote.
Shown in the feed, a marker's popup and tooltip, the reader, the places table and the claims
panel, none runs (no `window.__cmXss` in any frame, no dialog, no request for what a payload
would load) and each reads as written.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_support import streamlit_server
from test_browser import TIMEOUT_MS, OfflinePage, browser, chromium  # noqa: F401

from geo.gazetteer.index import default_path as gazetteer_path
from geo.store.database import Store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not gazetteer_path().exists(),
                       reason="the gazetteer is not built (make gazetteer): nothing to map"),
]

PAYLOADS = [line for line in (Path(__file__).parent / "data" / "xss_payloads.txt").read_text(
    encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
CLAIM_PAYLOADS = PAYLOADS[:6]
# Every frame's flag; a payload that ran would have set it.
RAN = "() => [window, ...Array.from(window.frames)].some(w => { try { return !!w.__cmXss; } " \
      "catch (e) { return false; } })"
FEED_TITLES = "() => [...document.querySelectorAll('.cm-feed li[data-k] b')]" \
              ".map(b => b.textContent)"


def _title(i: int, payload: str) -> str:
    return f"T{i} {payload}"


def _run(*args: str) -> None:
    cli = Path(sys.executable).parent / "conflict-map"  # the installed command, as a user runs
    done = subprocess.run([str(cli), *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def hostile(chromium, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("xss")
    db, feed = folder / "xss.sqlite", folder / "hostile.jsonl"
    with open(feed, "w", encoding="utf-8") as out:
        for i, payload in enumerate(PAYLOADS):
            url = payload if i % 3 == 0 else f"https://example.org/{i}?q={quote(payload)}"
            out.write(json.dumps({
                "title": _title(i, payload), "source": f"S{i} {payload}", "url": url,
                "published": f"2025-03-{1 + i % 28:02d}",
                "text": f"Shelling hit Kharkiv on Monday. {payload} was written on a wall in "
                        "Kharkiv."}) + "\n")
    _run("ingest", "--db", str(db), "--quiet", str(feed))
    for i, payload in enumerate(CLAIM_PAYLOADS):
        _run("claims", "add", "--db", str(db), "--region", "UA-63", "--action", "captured",
             "--actor", payload, "--claimant", payload, "--date", f"2025-03-{10 + i:02d}",
             "--quote", f"Q{i} {payload}", "--source", f"https://example.org/claim/{i}")
    with Store(db) as store:
        ids = {a.title: a.id for a in store.articles()}
    assert len(ids) == len(PAYLOADS)  # every payload stored as written
    with streamlit_server(db, folder / "streamlit.log") as base:
        yield base, ids


def test_there_are_at_least_fifty_payloads():
    assert len(set(PAYLOADS)) >= 50


def test_no_payload_runs_and_each_reads_as_written(hostile, browser):  # noqa: F811
    base, ids = hostile
    offline = OfflinePage(browser, base)
    try:
        # The feed lists every article at Kharkiv (title and source, as written) and, once the
        # control layer is in, the claims in view (the manual claims' Kharkiv region): the
        # newest 60 items of them all.
        frame = offline.open(f"{base}/?lat=49.99&lon=36.25&z=9")
        frame.wait_for_function("window.cmControlLoaded > 0", timeout=TIMEOUT_MS)
        frame.wait_for_function("document.querySelectorAll('.cm-feed li[data-k]').length "
                                f"=== {min(60, len(PAYLOADS))}", timeout=TIMEOUT_MS)
        claims_listed = frame.locator(".cm-feed li.cm-feed-claim").count()
        assert claims_listed >= 1
        assert frame.inner_text(".cm-feed-count") == f"({len(PAYLOADS) + claims_listed})"
        listed = frame.evaluate(FEED_TITLES)  # the newest articles, each as written
        assert len(listed) == min(60, len(PAYLOADS)) - claims_listed
        assert set(listed) <= {_title(i, p) for i, p in enumerate(PAYLOADS)}
        assert len(set(listed)) == len(listed)
        # A marker's tooltip and popup: the place's newest mentions, headline and sentence.
        frame.locator(".cm-feed li[data-k]:not(.cm-feed-claim)").first.click()
        popup = frame.wait_for_selector(".leaflet-popup-content .cm-popup ul",
                                        timeout=TIMEOUT_MS)
        text = popup.text_content()
        newest = [(i, p) for i, p in enumerate(PAYLOADS) if 1 + i % 28 == 28]
        for i, payload in newest:
            assert _title(i, payload) in text and payload in text
        offline.page.mouse.move(5, 5)
        # The claims panel (its table) and the places table, below the map.
        offline.page.get_by_text("Territorial-control claims").first.wait_for(
            timeout=TIMEOUT_MS)
        offline.page.get_by_text("Territorial-control claims").first.scroll_into_view_if_needed()
        offline.page.wait_for_timeout(1500)
        assert not offline.page.evaluate(RAN)
        # The reader, opened by a share link, for articles whose payload is in the address.
        for i in (0, 3, 18, 24):
            payload = PAYLOADS[i]
            offline.page.goto(f"{base}/?article={ids[_title(i, payload)][:12]}")
            reader = offline.page.locator(".cm-reader")
            reader.locator("h3").wait_for(timeout=TIMEOUT_MS)
            assert reader.locator("h3").text_content() == _title(i, payload)
            assert f"{payload} was written on a wall" in reader.text_content()
            offline.page.wait_for_timeout(500)
            assert not offline.page.evaluate(RAN)
        frame = offline.map_frame()
        assert not frame.evaluate("!!window.__cmXss")
        offline.screenshot("xss-reader.png")
        offline.assert_clean()  # no dialog, no console error, nothing fetched from elsewhere
    finally:
        offline.context.close()
