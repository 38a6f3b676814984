"""dashboard/map.py: render the folium map to HTML and check what reaches the browser."""

from __future__ import annotations

import re

import folium
import pytest
from browser_support import sample_rows
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster

from dashboard.map import (
    ATTRIBUTIONS,
    build_map,
    group_places,
    highlight_sentence,
    offline_assets,
    place_table,
    summary,
)


def render(m: folium.Map) -> str:
    return m.get_root().render()


def clusters(m: folium.Map) -> dict[str, MarkerCluster]:
    return {c.layer_name: c for c in m._children.values() if isinstance(c, MarkerCluster)}


def added_to_map(html: str, layer: folium.Element) -> bool:
    return re.search(rf"{layer.get_name()}\.addTo\(map_\w+\)", html) is not None


@pytest.fixture
def rows() -> list[dict]:
    return sample_rows()


def test_one_marker_per_place_and_rows_without_coordinates_skipped(rows):
    unplaced = {**rows[0], "place_key": "gn:1", "name": "Nowhere", "lat": None, "lon": None}
    html = render(build_map([*rows, unplaced], roles=("literal", "metonym", "adjectival")))
    assert html.count("L.circleMarker(") == 6  # Kyiv, Kharkiv, Moscow, Sudzha, Kursk, Ukraine
    assert "Nowhere" not in html


def test_places_counted_by_role(rows):
    places = {p.name: p for p in group_places(rows)}
    assert places["Kyiv"].counts == {"literal": 2}
    assert places["Moscow"].counts == {"metonym": 2}
    assert places["Kursk"].total == 2
    table = {r["place"]: r for r in place_table(rows)}
    assert table["Ukraine"]["adjectival"] == 1
    assert summary(rows) == "9 mentions of 6 places in 2 articles"
    assert summary(rows[:1]) == "1 mention of 1 place in 1 article"


def test_popup_text_is_escaped(rows):
    html = render(build_map(rows))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_popup_text_cannot_break_out_of_folium_template_literal(rows):
    row = {**rows[0], "title": "`${alert(2)}` \\x", "sentence": "Kyiv ${alert(3)}",
           "sentence_start": rows[0]["start"]}
    html = render(build_map([row]))
    for raw in ("${alert(2)}", "${alert(3)}", "`${"):
        assert raw not in html
    assert "&#96;&#36;{alert(2)}&#96; &#92;x" in html


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
    assert 'L.Icon.Default.imagePath = "/app/static/leaflet/images/"' in html
    assert 'fetch("/app/static/basemap/countries.geojson")' in html


def test_online_tiles_offered_but_not_loaded(rows):
    m = build_map(rows)
    html = render(m)
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    assert {t.layer_name for t in tiles} == {"OpenStreetMap (needs network)",
                                             "CARTO light (needs network)"}
    assert not any(added_to_map(html, t) for t in tiles)
    assert '"maxZoom": 18' in html  # on the map itself: MarkerCluster needs it without tiles


def test_legend_and_attribution(rows):
    html = render(build_map(rows))
    assert "cm-legend" in html and "Place mentions" in html
    for role in ("Literal", "Metonym", "Adjectival"):
        assert role in html
    for text in ATTRIBUTIONS:
        assert f'addAttribution("{text}")' in html
    assert "Places: GeoNames (CC BY 4.0)" in ATTRIBUTIONS


def test_non_literal_roles_hidden_by_default(rows):
    m = build_map(rows)
    html = render(m)
    layers = clusters(m)
    assert set(layers) == {"Literal places", "Metonyms", "Adjectival"}
    assert added_to_map(html, layers["Literal places"])
    assert not added_to_map(html, layers["Metonyms"])
    assert not added_to_map(html, layers["Adjectival"])
    assert re.search(r'"Metonyms" : marker_cluster_\w+', html)  # still in the layer control


def test_roles_choose_visible_layers(rows):
    m = build_map(rows, roles=("metonym", "adjectival"))
    html = render(m)
    layers = clusters(m)
    assert not added_to_map(html, layers["Literal places"])
    assert added_to_map(html, layers["Metonyms"]) and added_to_map(html, layers["Adjectival"])
    with pytest.raises(ValueError, match="unknown role"):
        build_map(rows, roles=("literal", "capital"))


def test_place_sits_in_layer_of_dominant_selected_role(rows):
    moscow = [r for r in rows if r["name"] == "Moscow"]
    mixed = [*moscow, {**moscow[0], "role": "literal"}]  # 2 metonym, 1 literal
    by_default = clusters(build_map(mixed))
    assert len(by_default["Literal places"]._children) == 1  # literal is what was asked for
    everything = clusters(build_map(mixed, roles=("literal", "metonym")))
    assert len(everything["Metonyms"]._children) == 1


def test_empty_rows_give_a_world_map():
    html = render(build_map([]))
    assert "L.circleMarker(" not in html and "fitBounds" not in html


@pytest.mark.parametrize(("sentence", "start", "expected"), [
    ("Strikes hit Kyiv overnight.", 12, "Strikes hit <mark>Kyiv</mark> overnight."),
    # Offset off by a few characters: the nearest occurrence is used.
    ("Kyiv and Kyiv again.", 11, "Kyiv and <mark>Kyiv</mark> again."),
    ("No such place here.", 0, "No such place here."),
    ("a < b in Kyiv & co", 9, "a &lt; b in <mark>Kyiv</mark> &amp; co"),
])
def test_highlight_sentence(sentence, start, expected):
    row = {"sentence": sentence, "sentence_start": 0, "start": start, "surface": "Kyiv"}
    assert highlight_sentence(row) == expected


def test_highlight_sentence_shortens_long_sentences():
    sentence = "word " * 100 + "Kyiv" + " word" * 100
    row = {"sentence": sentence, "sentence_start": 0, "start": 500, "surface": "Kyiv"}
    out = highlight_sentence(row)
    assert "<mark>Kyiv</mark>" in out and out.startswith("…") and out.endswith("…")
    assert len(out) < 400
