"""Place names on the offline base map (issue 17), in Debian's chromium with every request that
leaves the machine refused: capitals and cities at zoom 5, towns and provinces at 8, villages
at 10, and no two names drawn over each other (the less important give way)."""

from __future__ import annotations

import json

import pytest
from test_browser import ARTIFACTS, TIMEOUT_MS, browser, chromium, server, store  # noqa: F401

from dashboard.static_assets import LABELS, RIVERS, STATIC_DIR

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (STATIC_DIR / LABELS / "index.json").exists(),
                       reason="the label files are not written (make static, after make "
                              "gazetteer and make regions)"),
]

# Every name drawn, with its box in the frame.
BOXES = """() => [...document.querySelectorAll('.cm-labels span')].map(s => {
    const r = s.getBoundingClientRect();
    return [s.textContent, r.left, r.top, r.right, r.bottom];
})"""


def _view(browser, server, lat: float, lon: float, zoom: int):  # noqa: F811
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    blocked = []

    def route(r):
        if r.request.url.startswith(server):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(f"{server}/?lat={lat}&lon={lon}&z={zoom}")
    page.wait_for_selector('iframe[title*="streamlit_folium"]', timeout=TIMEOUT_MS)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function(f"window.cmLabelStats && window.cmLabelStats.zoom === {zoom}",
                            timeout=TIMEOUT_MS)
    # Cells come after the index: wait until a redraw no longer changes what is placed.
    frame.wait_for_timeout(1500)
    return context, page, frame, blocked


def _style(frame, kind: int) -> list[str]:
    """The font style and colour of the first name of label kind `kind` drawn."""
    return frame.evaluate(f"""() => {{
        const s = document.querySelector('.cm-labels .cm-label-{kind}');
        return [getComputedStyle(s).fontStyle, getComputedStyle(s).color];
    }}""")


@pytest.mark.parametrize(("lat", "lon", "zoom", "named", "kinds"), [
    (48.5, 34.0, 5, {"Kyiv", "Moscow", "Minsk"}, {3, 4, 5}),
    (48.4, 37.8, 8, {"Kramatorsk", "Donetsk Oblast", "Bakhmut"}, {7, 8}),
    (48.15, 37.75, 10, {"Donetsk"}, {9, 10}),
])
def test_names_by_zoom_without_collisions(server, browser, lat, lon, zoom,  # noqa: F811
                                          named, kinds):
    context, page, frame, blocked = _view(browser, server, lat, lon, zoom)
    try:
        stats = frame.evaluate("window.cmLabelStats")
        placed = {name for name, _kind, _from in stats["placed"]}
        assert named <= placed
        # What the zoom adds: capitals and cities at 5, towns at 8, villages at 10; never a
        # name before its zoom.
        assert {first for _n, _k, first in stats["placed"]} & kinds
        assert all(first <= zoom for _n, _k, first in stats["placed"])
        # Dense views drop names rather than draw them over each other.
        assert stats["candidates"] > len(stats["placed"])
        boxes = frame.evaluate(BOXES)
        assert len(boxes) == len(stats["placed"])
        for i, (a, ax0, ay0, ax1, ay1) in enumerate(boxes):
            for b, bx0, by0, bx1, by1 in boxes[i + 1:]:
                overlap = min(ax1, bx1) - max(ax0, bx0), min(ay1, by1) - max(ay0, by0)
                assert not (overlap[0] > 1 and overlap[1] > 1), (a, b)
        assert not blocked, blocked
        page.screenshot(path=ARTIFACTS / f"labels-z{zoom}.png")
    finally:
        context.close()


def test_rivers_drawn_and_named_along_them(server, browser):  # noqa: F811
    """The Siverskyi Donets ("Donets" in Natural Earth) runs through the Donbas: at zoom 8 its
    line is on the base map and its name is written along it, in the rivers' style, giving way
    to the towns (placed after every other name)."""
    context, page, frame, blocked = _view(browser, server, 48.9, 37.8, 8)
    try:
        frame.wait_for_function("window.cmRiverCount > 500", timeout=TIMEOUT_MS)
        # Only the rivers ranked for this zoom are on the map (the others cost every zoom).
        ranks = [f["properties"]["z"] for f in json.loads((STATIC_DIR / RIVERS).read_text(
            encoding="utf-8"))["features"]]
        zoom = frame.evaluate("window.map.getZoom()")
        assert 0 < sum(z <= zoom for z in ranks) < len(ranks)
        frame.wait_for_function(f"window.cmRiversShown === {sum(z <= zoom for z in ranks)}",
                                timeout=TIMEOUT_MS)
        stats = frame.evaluate("window.cmLabelStats")
        rivers = [(name, first) for name, kind, first in stats["placed"] if kind == 3]
        assert ("Donets", 7) in rivers or ("Donets", 8) in rivers, rivers
        kinds = [kind for _name, kind, _first in stats["placed"]]
        assert kinds == sorted(kinds, key=lambda kind: kind == 3)  # rivers' names placed last
        assert _style(frame, 3) == ["italic", "rgb(47, 111, 168)"]
        assert not blocked, blocked
        page.screenshot(path=ARTIFACTS / "rivers-z8.png")
    finally:
        context.close()


@pytest.mark.parametrize(("lat", "lon", "zoom", "shown", "not_yet"), [
    (0.0, 31.0, 5, {"Lake Victoria", "Lake Tanganyika"}, {"Lake Kivu", "Lake Edward"}),
    (48.6, 34.2, 7, {"Kremenchuk Reservoir", "Kakhovka Reservoir", "Dnipro Reservoir"},
     {"Oskil Reservoir", "Pechenihy Reservoir"}),
])
def test_lakes_named_by_their_size(server, browser, lat, lon, zoom,  # noqa: F811
                                   shown, not_yet):
    """Lakes and reservoirs (`assets/lakes.csv`) are named in the water's style from the zoom
    their size gives: Lake Victoria from 4, Lake Kivu (2,700 km²) only from 6; the Dnipro's
    reservoirs by theirs (the one above Zaporizhzhia, 410 km², from 7), the Oskil's (120 km²)
    only from 8. Where they would collide they give way like any other name (at zoom 6 over
    the Dnipro the towns and provinces leave them no room)."""
    context, page, frame, blocked = _view(browser, server, lat, lon, zoom)
    try:
        stats = frame.evaluate("window.cmLabelStats")
        lakes = {name: first for name, kind, first in stats["placed"] if kind == 4}
        assert shown <= set(lakes), lakes
        assert not (not_yet & set(lakes)), lakes
        assert all(first <= zoom for first in lakes.values())
        assert _style(frame, 4) == ["italic", "rgb(47, 111, 168)"]
        assert not blocked, blocked
        page.screenshot(path=ARTIFACTS / f"lakes-z{zoom}.png")
    finally:
        context.close()
