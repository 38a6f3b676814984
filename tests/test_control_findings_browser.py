"""Issue 14's six findings about the territorial-control layer, checked in Debian's chromium on
real passages: the shared conflict-news passages and the first batch of the shared claim
records, ingested as articles (`../shared`; skipped where it is absent), plus two imported
areas of our own (`tests/data/areas_findings.geojson`).

1. sides have fixed, distinct colours; the legend lists sides; tooltips name side and actor;
2. the latest figure is chosen by its as-of date ("less than a third ... compared to more
   than 40% on Jan. 1": Donetsk shows < 33.3 %);
3. one statement reported twice is one claim, not a dispute (Kursk's 64 %);
4. a claim not about the region does not shade it (a share of "the territory initially
   captured", "most of the city" of Aleppo, a denial);
5. actors get the side the text gives them ("it said its forces had captured", "They have
   long held most of northern Kidal");
6. imported areas are drawn as polygons of their own, styled by status.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from browser_support import streamlit_server
from test_browser import IDLE, TIMEOUT_MS, OfflinePage, browser, chromium  # noqa: F401

from dashboard.control import share_opacity
from geo.access import local_editor
from geo.control.areas import import_areas
from geo.control.regions import Regions, default_path
from geo.io.ingest import ingest_paths
from geo.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "conflictnews" / "conflictnews.dev.jsonl"
CLAIMS = SHARED / "claims" / "claims.dev.jsonl"
AREAS = Path(__file__).parent / "data" / "areas_findings.geojson"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not default_path().exists(),
                       reason=f"{default_path()} is not built (make regions): no polygons"),
    pytest.mark.skipif(not (NEWS.exists() and CLAIMS.exists()),
                       reason="../shared (conflict-news passages, claim records) is absent"),
]

# Every drawn feature of the control layer: what it is, how it is drawn, what it says.
DRAWN = """async () => {
  const popups = await window.cmControlPopups();  // a second file, fetched when first wanted
  return window.cmControl.getLayers().map(l => {
    const p = l.feature.properties;
    return {kind: p.kind, key: p.key || null, name: p.name, color: p.color,
            fill: l.options.fillOpacity === undefined ? null : l.options.fillOpacity,
            dash: l.options.dashArray || null, labelled: !!p.labelled, tooltip: p.tooltip,
            popup: popups[l.feature.id], symbol: p.symbol || null, disputed: !!p.disputed,
            onMap: !!l._map};
  }).concat(window.cmControlPlaces().map(f => {  // claims at places: icons of their own
    const p = f.properties;
    return {kind: p.kind, key: null, name: p.name, color: p.color, fill: null, dash: null,
            labelled: false, tooltip: p.tooltip, popup: popups[f.id], symbol: p.symbol,
            disputed: !!p.disputed, onMap: true};
  }));
}"""


def _first_batch(folder: Path) -> Path:
    """The first batch's records (ids cNNN) as articles: text, source address and date."""
    out = folder / "first_batch.jsonl"
    with open(CLAIMS, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            record = json.loads(line)
            if record["id"].startswith("c"):
                dst.write(json.dumps({"title": f"record {record['id']}", "text": record["text"],
                                      "url": record["source"],
                                      "published": record["published"]}) + "\n")
    return out


@pytest.fixture(scope="module")
def findings(chromium, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("findings")
    db = folder / "findings.sqlite"
    with Store(db) as store:
        report = ingest_paths([NEWS, _first_batch(folder)], store, editor=local_editor())
        assert not report.failed, report.failed
        import_areas(AREAS, store, Regions(), editor=local_editor())
    with streamlit_server(db, folder / "streamlit.log") as base:
        yield base


@pytest.fixture(scope="module")
def drawn(findings, browser):  # noqa: F811
    """The control layer as the browser drew it (one page load for the six findings)."""
    offline = OfflinePage(browser, findings)
    try:
        frame = offline.open(findings)
        frame.wait_for_function("window.cmControlLoaded > 0", timeout=TIMEOUT_MS)
        layers = frame.evaluate(DRAWN)
        legend = frame.inner_text(".cm-legend")
        # Ukraine, Russia and Syria together: three conflicts' sides in one view.
        frame.evaluate("() => { window.cmControl._map.fitBounds([[33.5, 30], [52.5, 42]], "
                       "{animate: false}); }")
        frame.wait_for_timeout(800)
        offline.screenshot("control-sides.png", frame)
        # The claims panel's download: every claim with its side, as the map resolves it.
        button = offline.page.get_by_role("button", name="Claims (CSV)")
        button.scroll_into_view_if_needed()
        offline.page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
        with offline.page.expect_download(timeout=2 * TIMEOUT_MS) as download:
            button.click()
        claims = list(csv.DictReader(io.StringIO(
            Path(download.value.path()).read_text(encoding="utf-8"))))
        offline.assert_clean()
    finally:
        offline.context.close()
    return layers, legend, claims


def _region(layers: list[dict], key: str) -> dict:
    return next(layer for layer in layers if layer["key"] == key)


def _place(layers: list[dict], name: str) -> dict:
    return next(layer for layer in layers if layer["kind"] == "place" and layer["name"] == name)


def test_finding_1_sides_have_fixed_distinct_colours_and_the_legend_lists_sides(drawn):
    layers, legend, _ = drawn
    assert all(layer["onMap"] for layer in layers)
    for side in ("Russia", "Ukraine", "Sudanese Armed Forces", "M23/AFC and Rwanda"):
        assert side in legend
    for written in ("Russia's army", "The Ukrainian army", "Moscow's forces"):
        assert written not in legend  # actors as written are in tooltips, not the legend
    said = {id(x): [*x["tooltip"].split("<br>"), ""][1] for x in layers}
    russia = [x for x in layers if said[id(x)].startswith("Russia (")]
    ukraine = [x for x in layers if said[id(x)].startswith("Ukraine (")]
    assert russia and ukraine
    assert {x["color"] for x in russia} == {"#D55E00"}
    assert {x["color"] for x in ukraine} == {"#0072B2"}


def test_finding_2_the_latest_figure_is_chosen_by_its_as_of_date(drawn):
    donetsk = _region(drawn[0], "UA-14")
    assert "Ukraine (The Ukrainian army): &lt; 33.3 %" in donetsk["tooltip"]
    assert "&gt; 40 %" not in donetsk["tooltip"]
    assert donetsk["fill"] == pytest.approx(share_opacity(33.3))


def test_finding_3_one_statement_reported_twice_is_one_claim_not_a_dispute(drawn):
    kursk = _region(drawn[0], "RU-KRS")
    assert not kursk["disputed"] and " vs " not in kursk["tooltip"]
    # The general's "about 64 %" is the senior official's "64 %": one claim, two reports.
    assert "64 %</b> of" in kursk["popup"] and "(2 reports)" in kursk["popup"]


def test_finding_4_claims_not_about_a_region_do_not_shade_it(drawn):
    layers = drawn[0]
    kursk = _region(layers, "RU-KRS")
    # Shaded by the area claimed (≈ 2.7 % of the oblast), never by "64 % of the territory
    # initially captured" read as 64 % of the oblast.
    assert kursk["fill"] < share_opacity(10)
    assert "≈ 2.7 % of Kursk Oblast" in kursk["tooltip"]
    assert "of the territory initially occupied" in kursk["popup"]
    # "Most of the city" of Aleppo: the city, not Aleppo Governorate.
    assert all(layer["key"] != "SY-HL" for layer in layers)
    assert _place(layers, "Aleppo")["symbol"]
    # A denial is drawn at its place with the denial's icon and shades nothing.
    assert _place(layers, "Vovchansk")["symbol"] == "✕"
    assert all(layer["key"] != "UA-63" or "denied" not in layer["tooltip"] for layer in layers)


def test_finding_5_actors_get_the_side_the_text_gives_them(drawn):
    layers, _, claims = drawn
    (taken,) = [c for c in claims if c["region_name"] == "Verkhnokamyanske"]
    assert (taken["actor"], taken["side"]) == ("Russia's forces", "Russia")
    kidal = _place(layers, "Kidal")
    assert "Tuareg separatists (Tuareg-dominated rebel groups)" in kidal["popup"]
    assert "Malian state and allies (Assimi Goita&#x27;s" in kidal["popup"]


def test_finding_6_imported_areas_are_drawn_as_polygons_styled_by_status(drawn):
    layers, legend, _ = drawn
    areas = {x["name"]: x for x in layers if x["kind"] == "area"}
    assessed = areas["Sudzha salient (assessed)"]
    claimed = areas["Claimed advance near Pokrovsk"]
    assert (assessed["dash"], assessed["color"]) == (None, "#0072B2")
    assert claimed["dash"] and claimed["color"] == "#D55E00"
    assert assessed["fill"] > claimed["fill"]
    assert "assessed control · Ukraine (Ukrainian forces) · 2024-09-01" in assessed["tooltip"]
    assert "Imported areas" in legend and "claimed" in legend
