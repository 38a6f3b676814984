"""The map's feed (issue 17) in Debian's chromium, offline: it lists, newest first, the articles
with a place drawn in the current view, follows the map when it moves, and a click on an item
opens that place's popup."""

from __future__ import annotations

import pytest
from test_browser import TIMEOUT_MS, OfflinePage, browser, chromium, server, store  # noqa: F401

from geo.views.filters import MentionFilter

pytestmark = pytest.mark.browser

ITEMS = "() => [...document.querySelectorAll('.cm-feed li[data-k] b')].map(b => b.textContent)"
MOVE = "([lat, lon, z]) => { window.cmGroups.literal._map.setView([lat, lon], z, " \
       "{animate: false}); }"


def _expected(store, lat: float, lon: float, box: float) -> list[str]:  # noqa: F811
    """The titles of the literal mentions' articles with a place near (lat, lon), newest
    first: what the feed should list for a view around it (the default role)."""
    view = store[1]
    rows = [r for r in view.shown(MentionFilter())
            if r["lat"] is not None and abs(r["lat"] - lat) < box and abs(r["lon"] - lon) < box]
    days = {r["title"]: r["published"] or "" for r in rows}
    return sorted(days, key=lambda t: days[t], reverse=True)


def test_the_feed_follows_the_map_and_opens_popups(server, store, browser):  # noqa: F811
    offline = OfflinePage(browser, server)
    try:
        frame = offline.open(f"{server}/?lat=50.45&lon=30.52&z=10")
        frame.wait_for_selector(".cm-feed li[data-k]", timeout=TIMEOUT_MS)
        kyiv = frame.evaluate(ITEMS)
        assert kyiv == _expected(store, 50.45, 30.52, 0.5)
        assert kyiv  # the sample store has an article about Kyiv
        # Move the map: the feed follows (no rerun of the page needed).
        frame.evaluate(MOVE, [51.19, 35.27, 10])
        frame.wait_for_function(f"({ITEMS})().join('|') !== {kyiv!r}.join('|')",
                                timeout=TIMEOUT_MS)
        sudzha = frame.evaluate(ITEMS)
        assert sudzha == _expected(store, 51.19, 35.27, 0.5)
        # The count is of every item: the articles and the claims in view (here the seed's
        # claim about the Kursk region, shaded by the control layer).
        assert int(frame.inner_text(".cm-feed-count").strip("()")) == frame.locator(
            ".cm-feed li[data-k]").count() == len(sudzha) + frame.locator(
            ".cm-feed li.cm-feed-claim").count()
        frame.locator(".cm-feed li[data-k]").first.click()
        popup = frame.wait_for_selector(".leaflet-popup-content .cm-popup ul",
                                        timeout=TIMEOUT_MS)
        assert "Sudzha" in popup.text_content() and sudzha[0] in popup.text_content()
        offline.screenshot("feed.png", frame)
        offline.assert_clean()
    finally:
        offline.context.close()
