"""The territorial-control layer and the claims panel: pure parts on real `control_layer`
output, and the app through AppTest on a store filled with `Store.add_article` claims."""

from __future__ import annotations

import csv
import io
import json
import re
import time

import pytest
from browser_support import ROOT, fill_claims_store
from streamlit.testing.v1 import AppTest
from test_app import map_command
from test_map import js_config

from dashboard.control import (
    AREA_STYLES,
    CONTROL_LAYER_NAME,
    control_features,
    control_legend_html,
    control_popups,
    safe_href,
    share_opacity,
)
from dashboard.control_files import control_json
from dashboard.timeline import claims_chart
from geo.access import local_editor
from geo.control.layer import control_layer
from geo.control.regions import Regions, default_path
from geo.store.database import Store
from geo.views.filters import REPORTER, ClaimFilter, claim_facets

APP = str(ROOT / "dashboard" / "app.py")
needs_regions = pytest.mark.usefixtures("requires_regions")


@pytest.fixture(scope="module")
def claims_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("claims") / "claims.sqlite"
    fill_claims_store(db)
    return db


@pytest.fixture(scope="module")
def rows(claims_db):
    with Store(claims_db) as store:
        return store.claims()


def run_app(monkeypatch, db, query_params: dict | None = None) -> AppTest:
    monkeypatch.setenv("CONFLICT_MAP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    return at.run()  # the second run draws the deferred panels (see test_app.run_app)


def table(at: AppTest) -> list[dict]:
    return at.dataframe(key="claims_table").value.to_dict("records")


def test_share_opacity_grows_with_the_share():
    assert share_opacity(None) == share_opacity(0) < share_opacity(50) < share_opacity(86)
    assert share_opacity(86) < share_opacity(100) == share_opacity(250)


def test_safe_href_keeps_only_web_links():
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_href("javascript:alert(1)") is None
    assert safe_href(" JavaScript:alert(1)") is None
    assert safe_href(None) is None


def test_claim_filter_and_facets(rows):
    facets = claim_facets(rows)
    assert facets["regions"]["RU-KRS"] == "Kursk Oblast (RU-KRS)"
    assert set(facets["claimants"]) == {"reports", "Russian Defence Ministry",
                                       "Ukraine's General Staff", "analyst"}
    donetsk = [r for r in rows if ClaimFilter(regions=("UA-14",)).keeps(r)]
    assert {r["value"] for r in donetsk} == {70.0, 60.0}
    dated = [r for r in rows if ClaimFilter(date_from="2025-03-13").keeps(r)]
    assert {r["region"] for r in dated} == {"UA-14", "UA-63"}
    manual = {**rows[-1], "claimant": None}
    assert ClaimFilter(claimants=(REPORTER,)).keeps(manual)


def test_claims_chart_has_a_series_per_actor_and_skips_undated(rows):
    donetsk = [r for r in rows if r["region"] == "UA-14"]
    spec = claims_chart(donetsk, colors={"Russian forces": "#d55e00"}, title="Donetsk")
    assert {v["label"] for v in spec["data"]["values"]} == {"≈ 70 %", "< 60 %"}
    assert spec["encoding"]["strokeDash"]["field"] == "claimant"
    assert spec["encoding"]["color"]["scale"]["range"] == ["#d55e00"]
    assert claims_chart([r for r in rows if r["region"] == "UA-63"], colors={}) is None
    mixed = [*donetsk, {**donetsk[0], "unit": "km2", "value": 1000.0}]
    assert claims_chart(mixed, colors={})["facet"]["row"]["field"] == "unit"


def test_claims_chart_joins_only_like_measures(rows):
    """A gain and the total it brings, on one day, are two series, not a vertical line."""
    base = {**next(r for r in rows if r["region"] == "UA-14"), "published": "2025-10-01",
            "denominator_kind": "region", "claimant": "DeepState", "side": "Russia"}
    gain = {**base, "action": "captured", "value": 0.04}
    total = {**base, "action": "controls", "value": 19.04}
    part = {**base, "action": "controls", "value": 86.0, "denominator_kind": "part",
            "denominator": "the land once held by Ukrainian troops"}
    spec = claims_chart([gain, total, part], colors={})
    assert spec["encoding"]["detail"]["field"] == "series"
    assert spec["encoding"]["shape"]["field"] == "action"
    series = [v["series"] for v in spec["data"]["values"]]
    assert len(set(series)) == 3
    # Two values of one measure on one day are not joined either.
    spec = claims_chart([gain, {**gain, "action": "controls"}, total], colors={})
    assert len({v["series"] for v in spec["data"]["values"]}) == 3
    later = {**total, "published": "2025-11-01", "value": 19.3}
    spec = claims_chart([total, later], colors={})
    assert len({v["series"] for v in spec["data"]["values"]}) == 1


@needs_regions
def test_control_features_shade_and_escape(claims_db):
    with Store(claims_db) as store:
        collection = control_layer(store, Regions())
    data, legend = control_features(collection)
    by_key = {f["properties"]["key"]: f["properties"] for f in data["features"]}
    assert set(by_key) == {"RU-KRS", "UA-14", "UA-63"}
    kursk, donetsk = by_key["RU-KRS"], by_key["UA-14"]
    # The tooltip names the side and the actor as written.
    assert kursk["tooltip"] == "Kursk Oblast<br>Russia (Russian forces): &gt; 86 % · 2025-03-12"
    assert kursk["opacity"] == share_opacity(86) and not kursk["disputed"]
    assert donetsk["disputed"] and "disputed" in donetsk["tooltip"]
    # Both disagreeing claims, side by side, with their claimants and links to the reader.
    popup = donetsk["popup"]
    assert "Russian Defence Ministry" in popup and "Ukraine&#x27;s General Staff" in popup
    assert "≈ 70 %" in popup and "&lt; 60 %" in popup and "65" not in popup
    assert "<img" not in popup and "&lt;img src=x onerror=alert(1)&gt;" in popup
    assert popup.count('class="cm-open"') >= 2
    # The manual claim links to its source instead.
    assert 'href="https://example.org/manual-note"' in by_key["UA-63"]["popup"]
    # The legend lists sides, each in its fixed colour (assets/sides.csv), not actor strings.
    assert legend == {"Russia": "#D55E00", "Ukraine": "#0072B2"}
    assert (kursk["color"], by_key["UA-63"]["color"]) == ("#D55E00", "#0072B2")
    assert "Russia (Russian forces)" in kursk["popup"]
    assert "Ukraine (Ukrainian forces)" in by_key["UA-63"]["popup"]
    assert "disputed" in control_legend_html(legend)


@needs_regions
def test_app_draws_the_control_layer_and_the_panel(monkeypatch, claims_db):
    at = run_app(monkeypatch, claims_db)
    assert not at.exception
    component = next(e for e in at.get("component_instance"))
    script = json.loads(component.proto.json_args)["script"]
    config = js_config(script, "cmControlLayer")
    assert config["url"] is None and config["name"] == CONTROL_LAYER_NAME  # a live map
    command = map_command(at)  # each as-of day's file comes with the view command
    found = re.fullmatch(r"/app/static/data/(control-\w+\.json)", command["control"])
    assert found
    written = json.loads((ROOT / "dashboard" / "static" / "data" / found.group(1)).read_text())
    assert {f["properties"]["key"] for f in written["features"]} == {"RU-KRS", "UA-14", "UA-63"}
    assert "Russia" in command["controlLegend"] and "Ukraine" in command["controlLegend"]
    assert config["show"] is True  # on by default
    shown = table(at)
    assert [r["claim"] for r in shown] == ["> 86 %", "≈ 70 %", "< 60 %", "captured"]
    assert shown[3]["origin"] == "manual" and shown[3]["source"].endswith("manual-note")
    assert "4 of 4 claims" in [c.value for c in at.caption]
    charts = [json.loads(e.proto.spec) for e in at.get("vega_lite_chart")[1:]]
    # The region with the most claims first; Kharkiv's claim has no value to chart.
    assert [c["title"] for c in charts] == ["Donetsk Oblast: claims over time",
                                            "Kursk Oblast: claims over time"]


@needs_regions
def test_panel_filters_go_to_the_url_and_back(monkeypatch, claims_db):
    at = run_app(monkeypatch, claims_db)
    at.multiselect(key="c_region").select("UA-14").run()
    assert [r["claimant"] for r in table(at)] == ["Russian Defence Ministry",
                                                  "Ukraine's General Staff"]
    at.multiselect(key="c_claimant").select("Ukraine's General Staff").run()
    assert [r["claim"] for r in table(at)] == ["< 60 %"]
    params = {k: at.query_params[k] for k in at.query_params}
    assert params["region"] in ("UA-14", ["UA-14"])
    assert params["claimant"] in ("Ukraine's General Staff", ["Ukraine's General Staff"])

    again = run_app(monkeypatch, claims_db, {"region": "UA-14",
                                             "claimant": "Ukraine's General Staff",
                                             "actor": "nobody"})
    assert [r["claim"] for r in table(again)] == ["< 60 %"]
    assert again.multiselect(key="c_actor").value == []  # unknown values are dropped

    dated = run_app(monkeypatch, claims_db, {"cfrom": "2025-03-13"})
    assert {r["region"] for r in table(dated)} == {"Donetsk Oblast", "Kharkiv Oblast"}
    assert dated.query_params["cfrom"] in ("2025-03-13", ["2025-03-13"])


def test_downloads_match_the_filtered_table(monkeypatch, claims_db, rows):
    at = run_app(monkeypatch, claims_db, {"region": "UA-14"})
    # The buttons' data are produced on click in the browser; build them as the panel does.
    from geo.control.export import claims_csv, claims_geojson

    shown = [r for r in rows if ClaimFilter(regions=("UA-14",)).keeps(r)]
    assert len(table(at)) == len(shown) == 2
    parsed = list(csv.DictReader(io.StringIO(claims_csv(shown))))
    assert [p["claimant"] for p in parsed] == [r["claimant"] for r in table(at)]
    regions = Regions() if default_path().exists() else None
    collection = json.loads(claims_geojson(shown, regions))
    assert len(collection["features"]) == 2
    if regions is not None:
        assert collection["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    labels = [b.label for b in at.get("download_button")]
    assert "Claims (CSV)" in labels and "Claims (GeoJSON)" in labels


def test_store_without_claims_explains_how_to_add_one(monkeypatch, tmp_path):
    from browser_support import fill_sample_store

    db = tmp_path / "plain.sqlite"
    fill_sample_store(db)
    at = run_app(monkeypatch, db)
    assert not at.exception
    assert any("conflict-map claims add" in c.value for c in at.caption)
    script = json.loads(next(e for e in at.get("component_instance")).proto.json_args)["script"]
    assert "control-" not in script


@needs_regions
def test_a_new_store_version_sends_the_page_before_its_layer(monkeypatch, tmp_path):
    # With no wait, a run of a store version whose layer is not made yet sends no layer
    # (the page is not held); once it is made, the next run sends it. A store of its own:
    # a version other tests have shown is made already.
    from dashboard.control_files import control_pending, has_control
    from dashboard.data import store_version

    claims_db = tmp_path / "new.sqlite"
    fill_claims_store(claims_db)
    monkeypatch.setenv("CONFLICT_MAP_CONTROL_WAIT", "0")
    monkeypatch.setenv("CONFLICT_MAP_DB", str(claims_db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert map_command(at)["control"] is None
    assert has_control(str(claims_db), store_version(str(claims_db)))  # the overlay is there
    deadline = time.monotonic() + 30
    while control_pending(str(claims_db), store_version(str(claims_db))):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    at.run()
    assert re.fullmatch(r"/app/static/data/control-\w+\.json", map_command(at)["control"])


@needs_regions
def test_control_layer_switched_off_in_the_url(monkeypatch, claims_db):
    at = run_app(monkeypatch, claims_db, {"control": "off"})
    script = json.loads(next(e for e in at.get("component_instance")).proto.json_args)["script"]
    assert js_config(script, "cmControlLayer")["show"] is True  # the map's script: constant
    assert map_command(at)["controlShown"] is False  # off, by the command: no rebuild
    assert at.query_params["control"] in ("off", ["off"])
    at = run_app(monkeypatch, claims_db, {"control": "on"})  # anything else: on, left out
    assert "control" not in at.query_params


@needs_regions
def test_claims_table_links_only_web_addresses(monkeypatch, tmp_path):
    from geo.models import Claim

    db = tmp_path / "links.sqlite"
    fill_claims_store(db)
    with Store(db) as store:
        store.add_manual_claim(
            Claim(article_id="", action="captured", quote="A claim with a bad link.", start=0,
                  end=24, actor="Russian forces", region="UA-14", region_name="Donetsk Oblast",
                  published="2025-03-15"),
            source_url="javascript:alert(document.cookie)", editor=local_editor())
    at = run_app(monkeypatch, db)
    sources = [r["source"] if isinstance(r["source"], str) else None for r in table(at)]
    assert "https://example.org/manual-note" in sources
    assert not any(s and s.lower().startswith("javascript") for s in sources)
    assert None in sources  # the bad link's row has no link


def test_claims_the_map_cannot_draw_are_marked_and_counted(monkeypatch, tmp_path):
    from geo.models import Claim

    db = tmp_path / "unplaced.sqlite"
    fill_claims_store(db)
    with Store(db) as store:
        store.add_manual_claim(
            Claim(article_id="", action="captured", quote="Russian forces seized Pylna.",
                  start=0, end=28, actor="Russian forces", region_name="Pylna",
                  published="2025-03-16"),
            source_url="https://example.org/village", editor=local_editor())
    at = run_app(monkeypatch, db)
    by_region = {r["region"]: r["on map"] for r in table(at)}
    assert by_region["Pylna"] is False and by_region["Donetsk Oblast"] is True
    assert any(c.value.startswith("5 of 5 claims; 1 not on the map") for c in at.caption)


def test_imported_areas_are_drawn_as_polygons_styled_by_status():
    square = {"type": "Polygon", "coordinates": [[[35, 51], [35.5, 51], [35.5, 51.3], [35, 51]]]}
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": f"area-{i}", "geometry": square,
         "properties": {"kind": "area", "name": f"<b>{status}</b>", "actor": "Ukrainian forces",
                        "side": "Ukraine", "side_colour": "#0072B2", "side_resolved": True,
                        "status": status, "date": "2024-08-20",
                        "source": "javascript:alert(1)" if i else "https://example.org/isw"}}
        for i, status in enumerate(("assessed_control", "claimed"))]}
    data, legend = control_features(collection)
    control, claimed = (f["properties"] for f in data["features"])
    assert (control["dash"], claimed["dash"]) == (None, AREA_STYLES["claimed"][0])
    assert control["opacity"] > claimed["opacity"] and control["color"] == "#0072B2"
    assert "assessed control · Ukraine (Ukrainian forces) · 2024-08-20" in control["tooltip"]
    assert "&lt;b&gt;" in control["popup"] and 'href="https://example.org/isw"' in control["popup"]
    assert 'href="javascript' not in claimed["popup"]  # shown as text, never as a link
    assert legend["Ukraine"] == "#0072B2"
    html = control_legend_html(legend)
    assert "Imported areas" in html and "assessed control" in html and "claimed" in html
    assert "assessed advance" not in html


def test_a_place_claim_is_an_icon_saying_what_happened_there():
    entry = {"actor": "Russian <forces>", "side": "Russia", "side_colour": "#D55E00",
             "side_resolved": True, "label": "captured", "date": "2024-02-17",
             "claimant": "MoD", "quote": "q", "article_id": "a"}
    collection = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "id": "place-1",
        "geometry": {"type": "Point", "coordinates": [37.7, 48.1]},
        "properties": {"kind": "place", "name": "Avdiivka", "action": "captured",
                       **{k: entry[k] for k in ("actor", "side", "side_colour",
                                                 "side_resolved", "label", "date")},
                       "latest": [entry], "denials": [{**entry, "label": "denied",
                                                       "claimant": "Kyiv"}],
                       "history": [entry, entry], "n_claims": 2}}]}
    data, legend = control_features(collection)
    (props,) = (f["properties"] for f in data["features"])
    assert (props["symbol"], props["action"], props["color"]) == ("▲", "captured", "#D55E00")
    assert props["tooltip"] == ("Avdiivka<br>Russia (Russian &lt;forces&gt;): captured · "
                                "2024-02-17")
    assert "Denied" in props["popup"] and "History" in props["popup"]
    assert "<forces>" not in props["popup"]
    assert "At a place" in control_legend_html(legend) and legend["Russia"] == "#D55E00"


def test_the_map_file_leaves_popups_to_a_second_file_and_says_the_same(claims_db):
    # What the dashboard writes: the layer without popups or history (drawn first), then the
    # popups by feature id; together they say what the one-file layer says.
    from dashboard.markup import file_json
    with Store(claims_db) as store:
        full = control_layer(store, Regions())
        slim = control_layer(store, Regions(), details=False)
    assert all(not f["properties"].get("history") for f in slim["features"])
    whole, legend = control_features(full)
    drawn, slim_legend = control_features(slim, popups=False)
    popups = control_popups(full)
    assert slim_legend == legend
    assert {f["id"] for f in drawn["features"]} == set(popups)
    for one, two in zip(whole["features"], drawn["features"], strict=True):
        assert "popup" not in two["properties"]
        assert {**two["properties"], "popup": popups[two["id"]]} == one["properties"]
    # Geometries are written once per process; the text is what `file_json` writes.
    assert control_json(drawn) == file_json(drawn) == control_json(drawn)


def test_a_day_file_names_the_outlines_it_restyles(claims_db):
    # Regions and areas are drawn from one outlines file per store version; each day's file
    # carries no geometry for them, only its places' points.
    from geo.control.layer import outlines, prepare
    regions = Regions()
    with Store(claims_db) as store:
        base = prepare(store, regions)
    shapes = outlines(base, regions)
    assert {f["id"] for f in shapes["features"]} == {"RU-KRS", "UA-14", "UA-63"}
    day, _ = control_features(control_layer(None, regions, prepared=base, as_of="2025-03-12",
                                            details=False), popups=False)
    written = json.loads(control_json(day, outlines_file="control-outlines-x.json"))
    assert written["outlines"] == "control-outlines-x.json"
    assert [f["id"] for f in written["features"]] == ["RU-KRS"]  # the 13th's: Kursk only
    assert all(f["geometry"] is None for f in written["features"])
    assert written["features"][0]["properties"] == day["features"][0]["properties"]


@needs_regions
def test_the_seed_is_one_labelled_claim_on_kursk_not_shading(tmp_path, seed):
    from geo.io.ingest import ingest_paths

    with Store(tmp_path / "seed.sqlite") as store:
        assert not ingest_paths([seed], store, editor=local_editor()).failed
        data, legend = control_features(control_layer(store, Regions()))
    (kursk,) = (f["properties"] for f in data["features"])
    assert (kursk["key"], kursk["labelled"], kursk["color"]) == ("RU-KRS", True, "#D55E00")
    assert kursk["tooltip"] == ("Kursk Oblast<br>Russia (Russian forces): &gt; 86 % of the land "
                                "once held by Ukrainian troops")
    assert kursk["opacity"] < share_opacity(0)  # outlined and labelled, not shaded
    assert legend == {"Russia": "#D55E00"}


def test_a_popup_shows_the_newest_claims_and_disputes_and_counts_the_rest():
    from dashboard.control import POPUP_DISAGREEMENTS, POPUP_HISTORY
    history = [{"date": f"2024-01-{d:02d}", "label": f"{d} %", "actor": "Russian forces",
                "claimant": "ISW"} for d in range(30, 0, -1)]
    groups = [[{"date": f"2024-01-{d:02d}", "label": f"{d} %", "claimant": "ISW"},
               {"date": f"2024-01-{d:02d}", "label": f"{d + 1} %", "claimant": "MoD"}]
              for d in range(1, 6)]
    feature = {"type": "Feature", "id": "UA-14", "geometry": None,
               "properties": {"kind": "region", "key": "UA-14", "name": "Donetsk",
                              "history": history, "disagreements": groups, "disputed": True,
                              "n_claims": 30}}
    popup = control_features({"features": [feature]})[0]["features"][0]["properties"]["popup"]
    assert popup.count("<li>") == POPUP_HISTORY + 1
    assert "2024-01-30" in popup and "2024-01-05:" not in popup
    assert f"and {30 - POPUP_HISTORY} earlier claims" in popup
    assert popup.count('class="cm-claims"') == POPUP_DISAGREEMENTS
    assert "Claims that disagree (5)" in popup and "Claims that disagree (2)" not in popup
    assert f"and {5 - POPUP_DISAGREEMENTS} earlier groups" in popup


def test_a_long_list_of_sides_says_it_scrolls():
    few = {f"Side {i}": "#0072B2" for i in range(3)}
    many = {f"Side {i}": "#0072B2" for i in range(30)}
    assert "Claimed control:" in control_legend_html(few)
    html = control_legend_html(many)
    assert "Claimed control (30 sides, scroll for all):" in html
    assert all(f"Side {i}<" in html for i in range(30))  # every side is still listed
