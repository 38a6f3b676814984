"""dashboard/map.py: render the folium map to HTML and check what reaches the browser."""

from __future__ import annotations

import json
import os
import re

import folium
import pytest
from browser_support import sample_rows
from folium.elements import JSCSSMixin

from dashboard import data
from dashboard.elements import PlaceLayer, ViewCommand
from dashboard.map import (
    ATTRIBUTIONS,
    BASE_LAYERS,
    build_map,
    map_payload,
    marker_radius,
    offline_assets,
    view_command,
)
from dashboard.markup import safe_json
from geo.models import ROLES


def render(m: folium.Map) -> str:
    return m.get_root().render()


def js_config(script: str, function: str) -> dict:
    """The JSON config a map element's template passes to `function` (defined in the element's
    .js file, inlined before the call): the first object argument of the one call."""
    calls = [m.end() for m in re.finditer(rf"(?<!function ){function}\(", script)]
    assert len(calls) == 1, f"{function} called {len(calls)} times"
    return json.JSONDecoder().raw_decode(script, script.index("{", calls[0]))[0]


def payload_data(html: str) -> dict:
    """The inline JSON payload of the place layer, parsed back from the rendered page."""
    payload = js_config(html, "cmPlaceLayer")["payload"]
    assert payload is not None, "no payload in the page"
    return payload


def added_to_map(html: str, layer: folium.Element) -> bool:
    return re.search(rf"{layer.get_name()}\.addTo\(map_\w+\)", html) is not None


@pytest.fixture
def rows() -> list[dict]:
    return sample_rows()


def test_one_marker_per_place_and_role_and_rows_without_coordinates_skipped(rows):
    unplaced = {**rows[0], "place_key": "gn:1", "name": "Nowhere", "lat": None, "lon": None}
    payload = map_payload([*rows, unplaced])
    data = payload.data()
    # Kyiv, Kharkiv, Sudzha, Kursk (literal); Moscow (metonym); Ukraine (adjectival)
    assert payload.markers == {"literal": 4, "metonym": 1, "adjectival": 1}
    assert len(data["places"]) == len(data["popups"]) == 6
    assert "Nowhere" not in json.dumps(data)
    kyiv = next(p for p in data["places"] if p[4] == "Kyiv")
    assert kyiv == [50.45466, 30.5238, 0, 2, "Kyiv", "gn:703448"]  # lat, lon, role, count
    assert [s["color"] for s in data["styles"]] == ["#a61b1b", "#1d4f91", "#6b3fa0"]


def test_a_place_with_two_roles_has_a_marker_in_each_layer(rows):
    moscow = [r for r in rows if r["name"] == "Moscow"]
    payload = map_payload([*moscow, {**moscow[0], "role": "literal"}])
    assert payload.markers == {"literal": 1, "metonym": 1, "adjectival": 0}
    popups = payload.popups
    assert "1 literal" in popups[0] and "2 metonym" in popups[1]


def test_payload_key_follows_content(rows):
    assert map_payload(rows).key == map_payload(list(rows)).key
    assert map_payload(rows).key != map_payload(rows[:3]).key
    retitled = [{**r, "title": "Other"} for r in rows]  # same markers, other popups
    assert map_payload(rows).key != map_payload(retitled).key
    assert 0 < map_payload(rows).size < len(safe_json(map_payload(rows).data()))


def test_popup_text_is_escaped_and_script_safe(rows):
    html = render(build_map(rows))
    assert "<script>alert(1)</script>" not in html
    data = payload_data(html)
    kyiv = next(h for h, p in zip(data["popups"], data["places"], strict=True) if p[4] == "Kyiv")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in kyiv
    assert "<mark>Kyiv</mark>" in kyiv
    assert 'class="cm-open" data-cm-article="' in kyiv and 'data-cm-place="gn:703448"' in kyiv


def test_payload_cannot_close_the_script_element():
    assert safe_json({"t": "</script><b>&\u2028"}) == \
        '{"t":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}'


def test_no_script_or_stylesheet_from_the_network(rows):
    m = build_map(rows)
    html = render(m)
    srcs = re.findall(r'<script[^>]+src="([^"]+)"', html)
    hrefs = re.findall(r'<link[^>]+href="([^"]+)"', html)
    assert srcs and hrefs
    assert all(url.startswith("/app/static/") for url in srcs + hrefs), srcs + hrefs

    # streamlit-folium ignores the header tags and loads each element's default_js/css.
    def walk(element):
        yield element
        for child in element._children.values():
            yield from walk(child)

    linked = [url for e in walk(m) if isinstance(e, JSCSSMixin)
              for _, url in [*e.default_js, *e.default_css]]
    assert "/app/static/leaflet/leaflet.js" in linked
    assert "/app/static/leaflet.markercluster/leaflet.markercluster.js" in linked
    assert not [url for url in linked if url.startswith(("http:", "https:", "//"))]
    assert not [url for pairs in offline_assets("/app/static").values() for _, url in pairs
                if not url.startswith("/app/static/")]


def test_default_marker_images_and_basemap_are_local(rows):
    html = render(build_map(rows, static_url="/app/static/"))
    assert js_config(html, "cmMapSetup")["imagePath"] == "/app/static/leaflet/images/"
    assert js_config(html, "cmCountryOutlines")["url"] == "/app/static/basemap/countries.geojson"


def test_online_tiles_offered_but_not_loaded(rows):
    m = build_map(rows)
    html = render(m)
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    assert {t.layer_name for t in tiles} == {BASE_LAYERS["osm"], BASE_LAYERS["carto"]}
    assert not any(added_to_map(html, t) for t in tiles)
    assert '"maxZoom": 18' in html  # on the map itself: MarkerCluster needs it without tiles


def test_legend_attribution_and_layer_control(rows):
    html = render(build_map(rows))
    assert "cm-legend" in html
    for role in ("Literal", "Metonym", "Adjectival"):
        assert role in html
    assert js_config(html, "cmMapSetup")["attributions"] == list(ATTRIBUTIONS)
    assert "map.attributionControl.addAttribution(text)" in html
    assert "Places: GeoNames (CC BY 4.0)" in ATTRIBUTIONS
    assert "control.addOverlay(groups[role], NAMES[r])" in html
    assert js_config(html, "cmPlaceLayer")["names"] == ["Literal places", "Metonyms", "Adjectival"]


def test_default_roles_and_unknown_roles(rows):
    assert js_config(render(build_map(rows)), "cmPlaceLayer")["defaultRoles"] == ["literal"]
    assert js_config(render(build_map(rows, default_roles=("metonym", "adjectival"))),
                     "cmPlaceLayer")["defaultRoles"] == ["metonym", "adjectival"]
    with pytest.raises(ValueError, match="unknown role"):
        build_map(rows, default_roles=("literal", "capital"))


def test_map_reads_its_first_view_from_the_page_url(rows):
    html = render(build_map(rows))
    assert 'params.get("lat")' in html and 'params.get("z")' in html
    assert "fit(roles)" in html  # no view in the URL: fit the places shown


def test_empty_rows_give_a_world_map():
    payload = map_payload([])
    assert payload.data()["places"] == [] and payload.markers == dict.fromkeys(ROLES, 0)
    assert payload_data(render(build_map(payload)))["places"] == []


def test_payload_fetched_from_a_url_keeps_the_script_small(rows):
    inline = render(build_map(rows))
    fetched = render(build_map((), data_url="/app/static/data/abc.json"))
    config = js_config(fetched, "cmPlaceLayer")
    assert config["dataUrl"] == "/app/static/data/abc.json"
    assert "loadPlaces(config.dataUrl)" in fetched
    assert config["payload"] is None and "Kyiv" not in fetched
    assert "Kyiv" in inline
    with pytest.raises(ValueError, match="either"):
        PlaceLayer(folium.LayerControl(), {}, roles=ROLES, names=ROLES, default_roles=(),
                   payload="{}", data_url="/x.json")


def test_publish_writes_markers_and_popup_chunks(rows, tmp_path, monkeypatch):
    monkeypatch.setattr(data, "POPUP_CHUNK", 4)
    payload = map_payload(rows)
    url = data.publish(payload, folder=tmp_path)
    assert url == f"/app/static/data/{payload.key}.json"
    markers = json.loads((tmp_path / f"{payload.key}.json").read_text())
    assert markers["places"] == payload.data()["places"] and "popups" not in markers
    assert markers["popup_url"] == f"/app/static/data/{payload.key}-p{{chunk}}.json"
    chunks = [json.loads((tmp_path / f"{payload.key}-p{n}.json").read_text())
              for n in range(2)]
    assert [len(c) for c in chunks] == [4, 2] and chunks[1][1] == payload.popups[5]
    assert data.publish(payload, folder=tmp_path) == url  # already there: nothing rewritten


def test_publish_keeps_only_the_newest_payloads(rows, tmp_path, monkeypatch):
    monkeypatch.setattr(data, "KEEP_PAYLOADS", 2)
    payloads = [map_payload(rows[:n]) for n in (2, 4, 6)]
    for age, payload in enumerate(payloads):
        data.publish(payload, folder=tmp_path)
        os.utime(tmp_path / f"{payload.key}.json", (1000 + age, 1000 + age))
    data.publish(map_payload(rows), folder=tmp_path)
    left = sorted(p.name for p in tmp_path.glob("*.json") if "-p" not in p.stem)
    assert len(left) == 2 and f"{payloads[0].key}.json" not in left
    assert not list(tmp_path.glob(f"{payloads[0].key}*"))


def test_popups_list_fewer_mentions_for_big_payloads(rows):
    kyiv = [r for r in rows if r["name"] == "Kyiv"]
    many = [{**kyiv[0], "article_id": f"a{i}", "title": f"Story {i}"} for i in range(8)]
    full = map_payload(many).popups[0]
    short = map_payload(many, popup_limit=1).popups[0]
    assert full.count("<li>") == 5 and "and 3 more mentions" in full
    assert short.count("<li>") == 1 and "and 7 more mentions" in short


def test_marker_radius_grows_with_mentions_and_is_capped():
    assert marker_radius(1) < marker_radius(4) < marker_radius(30) == marker_radius(300) == 18


def test_view_command(rows):
    command = view_command(roles=("adjectival", "literal"), base="osm",
                           selected={"lat": 51.2, "lon": 35.3, "label": "Sudzha <b>"},
                           view={"nonce": "n1", "lat": 51.2, "lon": 35.3, "zoom": 10})
    assert isinstance(command, ViewCommand)
    m = build_map(rows)
    command.add_to(m)
    html = render(m)
    call = re.search(r"window\.cmApply\((\{.*?\})\);", html)
    assert call, "no cmApply call"
    sent = json.loads(call.group(1))
    assert sent["roles"] == ["literal", "adjectival"]  # in ROLES order
    assert sent["base"] == "osm"
    assert sent["selected"] == {"lat": 51.2, "lon": 35.3, "label": "Sudzha <b>"}
    assert sent["view"] == {"nonce": "n1", "lat": 51.2, "lon": 35.3, "zoom": 10}
    assert "Sudzha <b>" not in html  # tojson escapes; the label is set as text in the browser
    with pytest.raises(ValueError, match="unknown base layer"):
        view_command(roles=(), base="satellite")
