"""The dashboard in Debian's chromium, with every request off this machine blocked.

Starts `streamlit run dashboard/app.py` on a free port and drives it with Playwright. The store is
the seed article ingested for real when the gazetteer is built, else the hand-made sample; one
extra probe article (Kharkiv, with markup in its sentence) is added in both cases. Screenshots go
to `test-artifacts/`.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import PLACES, ROOT, fill_sample_store, streamlit_server

from dashboard.map import group_places
from dashboard.static_assets import STATIC_DIR, build
from geo.errors import ConflictMapError
from geo.models import Article, Mention, article_id
from geo.store import Store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
GAZETTEER = ROOT / "data" / "gazetteer.sqlite"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PROBE_TEXT = "Shelling was reported in Kharkiv, where <script>alert(1)</script> was scrawled."
# Loading Leaflet, the markers and the 1.3 MB country outlines; generous for slow CI machines.
TIMEOUT_MS = 45_000


def _probe() -> tuple[Article, list[Mention]]:
    article = Article(id=article_id(PROBE_TEXT), text=PROBE_TEXT, title="Probe <b>headline</b>",
                      source="Test", published="2025-01-01")
    start = PROBE_TEXT.index("Kharkiv")
    return article, [Mention("text", "Kharkiv", start, start + 7, PROBE_TEXT, 0, "literal",
                             PLACES["Kharkiv"], 1.0, "test")]


def _fill(db: Path) -> str:
    """Ingest the seed (if the gazetteer is built) or the sample; return which."""
    source = "sample"
    if GAZETTEER.exists():
        try:
            from geo.ingest import ingest_paths

            with Store(db) as store:
                report = ingest_paths([ROOT / "seeds"], store)
            if report.failed or not report.new:
                raise ConflictMapError(report.summary())
            source = "seed"
        except (ImportError, ConflictMapError) as err:
            warnings.warn(f"seed ingest failed, using the sample store: {err}", stacklevel=1)
            for path in db.parent.glob(db.name + "*"):
                path.unlink()
    if source == "sample":
        fill_sample_store(db)
    with Store(db) as store:
        store.add_article(*_probe())
    return source


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="module")
def store_db(tmp_path_factory) -> tuple[Path, str, list[dict]]:
    db = tmp_path_factory.mktemp("browser") / "conflict_map.sqlite"
    source = _fill(db)
    with Store(db) as store:
        rows = store.mention_rows()
    return db, source, rows


@pytest.fixture(scope="module")
def server(store_db, chromium, tmp_path_factory):
    if not (STATIC_DIR / "leaflet" / "leaflet.js").exists():
        build()  # `make test` builds it first; a bare `pytest` may not have
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    with streamlit_server(store_db[0], log) as base:
        yield base


@pytest.fixture(scope="module")
def browser(chromium):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=str(chromium),
            args=["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking"],
        )
        yield launched
        launched.close()


class OfflinePage:
    """A page whose context aborts every request that would leave this machine."""

    def __init__(self, browser) -> None:
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 1100})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on("console", self._console)
        self.page.on("dialog", self._dialog)

    def _route(self, route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def map_frame(self, url: str):
        self.page.goto(url)
        self.page.wait_for_selector('iframe[title*="streamlit_folium"]', timeout=TIMEOUT_MS)
        frame = next(f for f in self.page.frames if "streamlit_folium" in f.url)
        frame.wait_for_selector(".leaflet-interactive, .marker-cluster", timeout=TIMEOUT_MS)
        return frame

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def offline(browser):
    page = OfflinePage(browser)
    yield page
    page.context.close()


MARKERS_ON_MAP = """() => {
    let n = 0;
    window.map.eachLayer(l => {
        if (l instanceof L.MarkerClusterGroup) n += l.getLayers().length;
    });
    return n;
}"""

COUNTRY_FEATURES = """() => {
    let n = 0;
    window.map.eachLayer(l => { if (l instanceof L.GeoJSON) n += l.getLayers().length; });
    return n;
}"""

# Zoom the cluster open until the marker whose tooltip names `name` is drawn; return its <path>.
SHOW_MARKER = """async (name) => {
    let found = null, group = null;
    window.map.eachLayer(l => {
        if (!(l instanceof L.MarkerClusterGroup)) return;
        l.getLayers().forEach(m => {
            if (m.getTooltip() && m.getTooltip().getContent().includes(name)) {
                found = m; group = l;
            }
        });
    });
    if (!found) return null;
    await new Promise(resolve => group.zoomToShowLayer(found, resolve));
    return found._path;
}"""


def test_map_renders_offline_with_markers_outlines_and_popup(server, store_db, offline):
    _, source, rows = store_db
    expected = [p for p in group_places(rows) if p.dominant_role(("literal",)) == "literal"]
    frame = offline.map_frame(server)

    assert frame.evaluate("typeof L !== 'undefined'")
    assert frame.evaluate("typeof L.markerClusterGroup") == "function"
    assert frame.evaluate(MARKERS_ON_MAP) == len(expected)
    assert frame.locator(".leaflet-interactive, .marker-cluster").count() >= 1
    frame.wait_for_function(f"({COUNTRY_FEATURES})() > 200", timeout=TIMEOUT_MS)
    assert "Places: GeoNames (CC BY 4.0)" in frame.inner_text(".leaflet-control-attribution")
    assert "Place mentions" in frame.inner_text(".cm-legend")
    assert offline.page.get_by_text("GeoNames (CC BY 4.0)").count() >= 1
    frame.wait_for_timeout(500)  # let the canvas paint before the picture
    shot = offline.screenshot(f"map-{source}.png")
    assert shot.stat().st_size > 10_000

    path = frame.evaluate_handle(SHOW_MARKER, "Kharkiv").as_element()
    assert path is not None, "no Kharkiv marker on the map"
    path.click()
    popup = frame.wait_for_selector(".leaflet-popup-content", timeout=TIMEOUT_MS)
    text = popup.text_content()  # not inner_text: the role badges are upper-cased by CSS
    assert "Kharkiv" in text and "1 literal" in text
    assert "<script>alert(1)</script>" in text  # shown as text, never run
    assert "Probe <b>headline</b>" in text
    assert popup.query_selector("mark").inner_text() == "Kharkiv"
    offline.page.mouse.move(5, 5)  # drop the tooltip; wait for the popup to finish fading in
    frame.wait_for_function(
        "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    offline.screenshot(f"map-{source}-popup.png")

    assert not offline.dialogs
    assert not [e for e in offline.errors if "favicon" not in e], offline.errors
    assert not offline.blocked, f"requests left the machine: {offline.blocked}"


def test_roles_from_the_url_show_more_layers(server, store_db, offline):
    _, _, rows = store_db
    places = group_places(rows)
    frame = offline.map_frame(f"{server}/?role=literal&role=metonym&role=adjectival")
    assert frame.evaluate(MARKERS_ON_MAP) == len(places)
    assert frame.locator(".leaflet-control-layers-overlays input:checked").count() == 3
    offline.screenshot("map-all-roles.png")
    assert not offline.blocked
