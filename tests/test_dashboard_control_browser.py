"""The territorial-control layer in Debian's chromium, offline: shaded regions, the disputed
region's side-by-side popup (escaped), and its link to the claims panel.

The store holds real `Store.add_article` claims (`browser_support.fill_claims_store`): one for
Kursk Oblast and two that disagree about Donetsk Oblast on the same day.
"""

from __future__ import annotations

import pytest
from browser_support import fill_claims_store, streamlit_server
from test_browser import TIMEOUT_MS, OfflinePage, browser, chromium  # noqa: F401

from dashboard.control import CONTROL_LAYER_NAME, share_opacity
from geo.control.regions import Regions, default_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not default_path().exists(),
                       reason=f"{default_path()} is not built (make regions): no polygons"),
]

REGIONS_DRAWN = """() => window.cmControl.getLayers().map(l => ({
    key: l.feature.properties.key, onMap: !!l._map, fill: l.options.fillOpacity,
    color: l.options.fillColor, dash: l.options.dashArray,
    shared: !!l._map && l._renderer === l._map.cmRenderer,
    drawn: !!(l._map && l._parts && l._parts.length)}))"""

# Fit the map to one region and return where a point inside it is, in the frame.
FOCUS = """([key, lat, lon]) => {
    const layer = window.cmControl.getLayers().find(l => l.feature.properties.key === key);
    const map = layer._map;
    map.fitBounds(layer.getBounds(), {animate: false});
    const point = map.latLngToContainerPoint([lat, lon]);
    const box = map.getContainer().getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y};
}"""


@pytest.fixture(scope="module")
def claims_server(chromium, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("control")
    db = folder / "claims.sqlite"
    fill_claims_store(db)
    with streamlit_server(db, folder / "streamlit.log") as base:
        yield base


def test_control_layer_shades_regions_and_lists_disagreeing_claims(claims_server,
                                                                   browser):  # noqa: F811
    offline = OfflinePage(browser, claims_server)
    try:
        frame = offline.open(claims_server)
        frame.wait_for_function("window.cmControlLoaded === 3", timeout=TIMEOUT_MS)
        overlay = frame.locator(".leaflet-control-layers-overlays label").filter(
            has_text=CONTROL_LAYER_NAME)
        assert overlay.locator("input").is_checked()  # on by default: there are claims
        assert "disputed" in frame.inner_text(".cm-legend")

        regions = Regions()
        donetsk = regions.get("UA-14")
        point = frame.evaluate(FOCUS, ["UA-14", donetsk.lat, donetsk.lon])
        frame.wait_for_timeout(300)
        drawn = {r["key"]: r for r in frame.evaluate(REGIONS_DRAWN)}
        assert set(drawn) == {"RU-KRS", "UA-14", "UA-63"}
        assert all(r["onMap"] and r["shared"] for r in drawn.values())
        assert drawn["UA-14"]["drawn"]  # painted on the canvas in this view
        assert drawn["RU-KRS"]["fill"] == pytest.approx(share_opacity(86))
        assert drawn["UA-14"]["dash"] and not drawn["RU-KRS"]["dash"]  # disputed: dashed
        offline.screenshot("control-layer.png")

        box = offline.page.locator('iframe[title*="streamlit_folium"]').bounding_box()
        offline.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        tooltip = frame.wait_for_selector(".leaflet-tooltip", timeout=TIMEOUT_MS)
        assert "≈ 70 % vs < 60 % · 2025-03-14" in tooltip.inner_text()
        assert "disputed" in tooltip.text_content()

        offline.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        popup = frame.wait_for_selector(".leaflet-popup-content .cm-claims",
                                        timeout=TIMEOUT_MS)
        popup = frame.query_selector(".leaflet-popup-content")
        text = popup.text_content()
        first = popup.query_selector("table.cm-claims")  # the disagreeing claims
        rows = [r.text_content() for r in first.query_selector_all("tr")][1:]
        assert len(rows) == 2
        assert "Russian Defence Ministry" in rows[0] and "≈ 70 %" in rows[0]
        assert "Ukraine's General Staff" in rows[1] and "< 60 %" in rows[1]
        assert "side by side, not averaged" in text
        assert "<img src=x onerror=alert(1)>" in text  # shown as text, never parsed
        assert popup.query_selector("img") is None
        assert len(first.query_selector_all("a.cm-open")) == 2  # each opens its article
        offline.page.mouse.move(5, 5)
        frame.wait_for_function(
            "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
        offline.screenshot("control-popup.png")

        # The map reports its view (moved by the popup's auto-pan) first; a click sent while
        # that report is on its way could be overwritten by it.
        zoom = frame.evaluate("window.cmControl._map.getZoom()")
        offline.wait_for_url(f"q.get('z') === '{zoom}'")
        offline.page.wait_for_timeout(800)
        first.query_selector("a.cm-open").click()  # "Read article": the claim's article
        offline.wait_for_url("q.has('article')")
        offline.page.get_by_text("Donetsk: two accounts of the front", exact=False).first.wait_for(
            timeout=TIMEOUT_MS)
        offline.page.wait_for_timeout(800)
        frame.click("a.cm-region")  # "Show in the claims panel"
        offline.wait_for_url("q.get('region') === 'UA-14'")
        offline.page.get_by_text("2 of 4 claims", exact=True).wait_for(timeout=TIMEOUT_MS)
        offline.page.get_by_text("2 of 4 claims", exact=True).scroll_into_view_if_needed()
        offline.page.wait_for_timeout(500)
        offline.screenshot("control-claims-panel.png")
        offline.assert_clean()
    finally:
        offline.context.close()


def test_switching_the_control_layer_off_is_kept_in_the_link(claims_server,
                                                             browser):  # noqa: F811
    offline = OfflinePage(browser, claims_server)
    try:
        frame = offline.open(claims_server)
        frame.wait_for_function("window.cmControlLoaded === 3", timeout=TIMEOUT_MS)
        offline.wait_for_url("q.has('z')")  # the fitted view's report comes first
        offline.page.wait_for_timeout(500)
        frame.evaluate("() => { window.cmKept = true; }")
        frame.hover(".leaflet-control-layers")  # the collapsed control opens on hover
        overlay = frame.locator(".leaflet-control-layers-overlays label").filter(
            has_text=CONTROL_LAYER_NAME)
        overlay.locator("input").uncheck()
        assert not frame.evaluate("!!window.cmControl._map")
        offline.wait_for_url("q.get('control') === 'off'")
        offline.page.wait_for_timeout(1000)  # the rerun the switch made has reached the map
        assert frame.evaluate("window.cmKept === true")  # switched, not rebuilt
        assert not frame.evaluate("!!window.cmControl._map")
        link = offline.page.url
    finally:
        offline.context.close()

    reopened = OfflinePage(browser, claims_server)
    try:
        frame = reopened.open(link)
        frame.wait_for_function("window.cmControlLoaded === 3", timeout=TIMEOUT_MS)
        overlay = frame.locator(".leaflet-control-layers-overlays label").filter(
            has_text=CONTROL_LAYER_NAME)
        assert not overlay.locator("input").is_checked()
        assert not frame.evaluate("!!window.cmControl._map")
        reopened.wait_for_url("q.get('control') === 'off'")  # still in the URL
        reopened.assert_clean()
    finally:
        reopened.context.close()


def test_a_new_as_of_day_is_drawn_in_the_same_map(claims_server, browser):  # noqa: F811
    # The map is live: the end of the timeline's range is the control layer's as-of day, and
    # a new range loads that day's layer and legend into the map the reader has (no new frame).
    offline = OfflinePage(browser, claims_server)
    try:
        frame = offline.open(f"{claims_server}/?from=2025-03-12&to=2025-03-12")
        frame.wait_for_function("window.cmControlLoaded === 1", timeout=TIMEOUT_MS)
        assert frame.evaluate(
            "window.cmControl.getLayers().map(l => l.feature.properties.key)") == ["RU-KRS"]
        assert "Ukraine" not in frame.inner_text(".cm-legend-control")
        frame.evaluate("() => { window.cmKept = true; "
                       "window.cmKursk = window.cmControl.getLayers()[0]; }")
        offline.drag_timeline(0.1, 0.98)
        offline.wait_for_url("q.get('to') === '2025-03-14' || !q.has('to')")
        frame.wait_for_function("window.cmControlLoaded === 3", timeout=TIMEOUT_MS)
        assert frame.evaluate("window.cmKept === true")  # the same map, not a new frame
        # Kursk's outline is kept and restyled for the new day, not parsed and made again.
        assert frame.evaluate("window.cmControl.getLayers().includes(window.cmKursk)")
        assert "Ukraine" in frame.inner_text(".cm-legend-control")
        offline.assert_clean()
    finally:
        offline.context.close()


def test_the_first_view_after_a_store_change_does_not_wait_for_the_layer(
        tmp_path, browser, monkeypatch):  # noqa: F811
    # With no wait at all (CONFLICT_MAP_CONTROL_WAIT=0), the page goes out without the layer
    # of the new store version, and the layer arrives in the same map once it is made.
    db = tmp_path / "claims.sqlite"
    fill_claims_store(db)
    monkeypatch.setenv("CONFLICT_MAP_CONTROL_WAIT", "0")
    with streamlit_server(db, tmp_path / "streamlit.log") as base:
        offline = OfflinePage(browser, base)
        try:
            frame = offline.open(base)
            frame.evaluate("() => { window.cmKept = true; }")
            frame.wait_for_function("window.cmControlLoaded === 3", timeout=TIMEOUT_MS)
            assert frame.evaluate("window.cmKept === true")  # loaded into the same map
            assert "Russia" in frame.inner_text(".cm-legend-control")
            offline.assert_clean()
        finally:
            offline.context.close()


def test_the_feed_lists_the_region_claims_in_view_and_opens_them(claims_server,
                                                                 browser):  # noqa: F811
    offline = OfflinePage(browser, claims_server)
    try:
        frame = offline.open(claims_server)
        frame.wait_for_function("window.cmControlLoaded === 3", timeout=TIMEOUT_MS)
        regions = Regions()
        kursk = regions.get("RU-KRS")
        frame.evaluate(FOCUS, ["RU-KRS", kursk.lat, kursk.lon])
        region_items = ".cm-feed li.cm-feed-region"
        frame.wait_for_selector(region_items, timeout=TIMEOUT_MS)
        listed = frame.locator(region_items).all_inner_texts()
        assert any("Kursk" in t for t in listed), listed
        assert not any("Donetsk" in t for t in listed)  # far from this view
        frame.locator(region_items).filter(has_text="Kursk").first.click()
        popup = frame.wait_for_selector(".leaflet-popup-content .cm-claims",
                                        timeout=TIMEOUT_MS)
        assert "Kursk" in popup.text_content()
        offline.screenshot("feed-region.png")
        # Switched off, the layer's regions leave the feed too.
        frame.evaluate("() => { window.cmControl._map.removeLayer(window.cmControl); }")
        frame.evaluate("window.cmFeedUpdate()")
        assert frame.locator(region_items).count() == 0
        offline.assert_clean()
    finally:
        offline.context.close()
