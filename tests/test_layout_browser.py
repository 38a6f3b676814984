"""A map-first page (issue 17): at 1500×1000 the map covers most of the window, at 1280×800 and
1920×1080 it still fills the window's height, and the legend folds away under its summary
(folded from the start where the map is short)."""

from __future__ import annotations

import pytest
from test_browser import (  # noqa: F401
    ARTIFACTS,
    COUNTRY_FEATURES,
    IDLE,
    TIMEOUT_MS,
    browser,
    chromium,
    server,
    store,
)

pytestmark = pytest.mark.browser

MAP = 'iframe[title*="streamlit_folium"]'


def _open(browser, server, width: int, height: int):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        server) else route.abort())
    page = context.new_page()
    page.goto(server)
    page.wait_for_selector(MAP, timeout=TIMEOUT_MS)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function("window.cmData !== undefined", timeout=TIMEOUT_MS)
    frame.wait_for_selector(".cm-legend summary", timeout=TIMEOUT_MS)
    return context, page, frame


def _share(page, width: int, height: int) -> float:
    box = page.locator(MAP).bounding_box()
    seen_w = min(box["x"] + box["width"], width) - max(box["x"], 0)
    seen_h = min(box["y"] + box["height"], height) - max(box["y"], 0)
    return seen_w * seen_h / (width * height)


@pytest.mark.parametrize(("width", "height", "least"), [
    (1500, 1000, 0.55), (1280, 800, 0.45), (1920, 1080, 0.6)])
def test_the_map_fills_the_window(server, browser, width, height, least):  # noqa: F811
    context, page, frame = _open(browser, server, width, height)
    try:
        # Measured on the whole page: the sidebar's filters and the panels below the map come
        # in a second run, once the map is drawn (its outlines too).
        page.get_by_role("heading", name="Filters").wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("button", name="Play").wait_for(timeout=TIMEOUT_MS)
        frame.wait_for_function(f"({COUNTRY_FEATURES})() > 200", timeout=TIMEOUT_MS)
        page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
        assert _share(page, width, height) >= least
        # The map itself, not only its frame, is as tall as the frame and fits in the window.
        inner = frame.evaluate("document.querySelector('.leaflet-container')"
                               ".getBoundingClientRect().height")
        box = page.locator(MAP).bounding_box()
        assert inner == pytest.approx(box["height"], abs=2)
        assert box["y"] + box["height"] <= height + 1
        ARTIFACTS.mkdir(exist_ok=True)
        page.mouse.move(5, 5)  # no hover tooltip in the picture
        page.screenshot(path=str(ARTIFACTS / f"layout-{width}x{height}.png"))
    finally:
        context.close()


def test_the_legend_folds_away(server, browser):  # noqa: F811
    context, _page, frame = _open(browser, server, 1500, 1000)
    try:
        assert frame.evaluate("document.querySelector('.cm-legend details').open")
        assert frame.is_visible(".cm-legend .cm-legend-body")
        frame.click(".cm-legend summary")
        assert not frame.evaluate("document.querySelector('.cm-legend details').open")
        assert not frame.is_visible(".cm-legend .cm-legend-body")
    finally:
        context.close()
    context, _page, frame = _open(browser, server, 1280, 640)  # a short map: folded at first
    try:
        assert not frame.evaluate("document.querySelector('.cm-legend details').open")
    finally:
        context.close()


def test_a_popup_never_grows_taller_than_the_map(server, browser):  # noqa: F811
    context, _page, frame = _open(browser, server, 1280, 640)  # a short map: 490 px
    try:
        frame.evaluate("""() => {
            const map = window.cmControl ? window.cmControl._map : null;
            const m = map || Object.values(window).find(v => v instanceof L.Map);
            const long = '<div class="cm-popup">' + '<p>line</p>'.repeat(200) + '</div>';
            L.popup().setLatLng(m.getCenter()).setContent(long).openOn(m);
        }""")
        content = frame.wait_for_selector(".leaflet-popup-content", timeout=TIMEOUT_MS)
        height = frame.evaluate("document.querySelector('.leaflet-container')"
                                ".getBoundingClientRect().height")
        box = frame.evaluate("""() => { const c = document.querySelector(
            '.leaflet-popup-content-wrapper'); return [c.getBoundingClientRect().height,
            c.querySelector('.leaflet-popup-content').scrollHeight,
            c.querySelector('.leaflet-popup-content').clientHeight]; }""")
        assert box[0] <= height - 60  # within the map, arrow and margins included
        assert box[1] > box[2]  # the rest scrolls
        assert content.is_visible()
    finally:
        context.close()
