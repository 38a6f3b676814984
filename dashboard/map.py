"""Turn mention rows from `geo.store` into a folium map that renders with no network.

Pure functions: no `st.*` calls, no SQL. Every script and stylesheet the map needs is served by
Streamlit from `dashboard/static/` (built by `python -m dashboard.static_assets`), and the default
base layer is the country-outline GeoJSON from the same folder; the online tile layers are offered
in the layer control but never loaded unless the reader picks one.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import folium
from folium.elements import MacroElement
from folium.map import Layer
from folium.plugins import MarkerCluster
from folium.template import Template

from geo.models import ROLES

__all__ = [
    "ATTRIBUTIONS",
    "ROLE_STYLES",
    "PlaceSummary",
    "build_map",
    "group_places",
    "highlight_sentence",
    "offline_assets",
    "place_table",
    "summary",
]

ATTRIBUTIONS: tuple[str, ...] = ("Places: GeoNames (CC BY 4.0)", "Boundaries: Natural Earth")

MAX_MENTIONS_IN_POPUP = 5
MAX_ZOOM = 18
# Spelled out: folium's "CartoDB positron" name goes through xyzservices, which now warns.
_CARTO_LIGHT = "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png"
_CARTO_ATTRIBUTION = ('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
                      'contributors &copy; <a href="https://carto.com/attributions">CARTO</a>')
# Characters of context kept either side of a mention when its sentence is long.
_CONTEXT = 160


@dataclass(frozen=True, slots=True)
class RoleStyle:
    """How one role is drawn: the layer name, the legend text and Leaflet path options."""

    layer: str
    legend: str
    color: str
    fill_color: str
    fill_opacity: float
    weight: float
    dash_array: str | None


ROLE_STYLES: dict[str, RoleStyle] = {
    "literal": RoleStyle("Literal places", "Literal (“strikes on Kursk”)",
                         "#a61b1b", "#e0442f", 0.8, 1.5, None),
    "metonym": RoleStyle("Metonyms", "Metonym (“Moscow said”)",
                         "#1d4f91", "#1d4f91", 0.08, 2.5, "4 3"),
    "adjectival": RoleStyle("Adjectival", "Adjectival (“Russian forces”)",
                            "#6b3fa0", "#b48ad6", 0.55, 2.0, "2 3"),
}


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    """All mentions of one place: where it is and how often each role occurs."""

    key: str
    name: str
    lat: float
    lon: float
    feature: str | None
    country: str | None
    admin1: str | None
    counts: Mapping[str, int]
    mentions: tuple[Mapping, ...]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def dominant_role(self, preferred: Iterable[str] = ROLES) -> str:
        """The role with most mentions among `preferred` (if any occur here), else overall.

        Ties go to the earlier role in `geo.models.ROLES` (literal, metonym, adjectival).
        """
        preferred = [role for role in ROLES if role in set(preferred) and self.counts.get(role)]
        pool = preferred or [role for role in ROLES if self.counts.get(role)]
        return max(pool, key=lambda role: (self.counts[role], -ROLES.index(role)))


def offline_assets(static_url: str = "/app/static") -> dict[str, list[tuple[str, str]]]:
    """The (name, url) script and stylesheet lists for `folium.Map` and `MarkerCluster`.

    They replace folium's CDN defaults. Bootstrap, Font Awesome and awesome-markers are left
    out: circle markers, popups and the layer control need only Leaflet and jQuery (folium
    builds popups with `$`).
    """
    base = static_url.rstrip("/")
    return {
        "map_js": [("leaflet", f"{base}/leaflet/leaflet.js"),
                   ("jquery", f"{base}/jquery/jquery.min.js")],
        "map_css": [("leaflet_css", f"{base}/leaflet/leaflet.css")],
        "cluster_js": [("markerclusterjs",
                        f"{base}/leaflet.markercluster/leaflet.markercluster.js")],
        "cluster_css": [
            ("markerclustercss", f"{base}/leaflet.markercluster/MarkerCluster.css"),
            ("markerclusterdefaultcss",
             f"{base}/leaflet.markercluster/MarkerCluster.Default.css"),
        ],
    }


def group_places(rows: Iterable[Mapping]) -> list[PlaceSummary]:
    """Group mention rows by `place_key`, skipping rows with no coordinates.

    Places come out most-mentioned first; each keeps its rows in input order.
    """
    grouped: dict[str, list[Mapping]] = {}
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None or not row.get("place_key"):
            continue
        grouped.setdefault(row["place_key"], []).append(row)
    places = []
    for key, mentions in grouped.items():
        first = mentions[0]
        places.append(PlaceSummary(
            key=key, name=first.get("name") or first.get("surface") or key,
            lat=float(first["lat"]), lon=float(first["lon"]),
            feature=first.get("feature"), country=first.get("country"),
            admin1=first.get("admin1"),
            counts=dict(Counter(m.get("role") or "literal" for m in mentions)),
            mentions=tuple(mentions),
        ))
    places.sort(key=lambda p: (-p.total, p.name))
    return places


def place_table(rows: Iterable[Mapping]) -> list[dict]:
    """One dict per place for a table: name, feature, country and mentions per role."""
    return [
        {"place": p.name, "feature": p.feature, "country": p.country,
         **{role: p.counts.get(role, 0) for role in ROLES}, "mentions": p.total}
        for p in group_places(rows)
    ]


def summary(rows: Iterable[Mapping]) -> str:
    """The caption "N mentions of M places in K articles"; places count only if mapped."""
    rows = list(rows)
    places = {r["place_key"] for r in rows
              if r.get("place_key") and r.get("lat") is not None and r.get("lon") is not None}
    articles = {r["article_id"] for r in rows}
    return (f"{_plural(len(rows), 'mention')} of {_plural(len(places), 'place')} "
            f"in {_plural(len(articles), 'article')}")


def build_map(rows: Sequence[Mapping], *, roles: Iterable[str] = ("literal",),
              static_url: str = "/app/static") -> folium.Map:
    """Build the place map: one circle per place, clustered in one layer per role.

    Parameters
    ----------
    rows
        Mention rows as returned by `geo.store.Store.mention_rows()`.
    roles
        Roles whose layers are shown when the map opens; the others are present in the layer
        control but hidden. A place sits in the layer of its dominant role among these.
    static_url
        Where Streamlit serves `dashboard/static/`; every script, stylesheet and the country
        outlines are loaded from there.
    """
    roles = tuple(roles)
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s) {sorted(unknown)}; expected some of {ROLES}")
    assets = offline_assets(static_url)
    places = group_places(rows)

    m = folium.Map(location=[30.0, 20.0], zoom_start=2, tiles=None, control_scale=True,
                   # Without a tile layer Leaflet has no maxZoom and MarkerCluster refuses
                   # to start, so the limit goes on the map itself.
                   maxZoom=MAX_ZOOM, minZoom=1, worldCopyJump=True)
    m.default_js = assets["map_js"]
    m.default_css = assets["map_css"]
    _MapSetup(static_url).add_to(m)

    CountryOutlines(f"{static_url.rstrip('/')}/basemap/countries.geojson",
                    name="Country outlines (offline)").add_to(m)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (needs network)", overlay=False,
                     show=False, max_zoom=19).add_to(m)
    folium.TileLayer(_CARTO_LIGHT, attr=_CARTO_ATTRIBUTION, name="CARTO light (needs network)",
                     overlay=False, show=False, max_zoom=19, subdomains="abcd").add_to(m)

    layers = {}
    for role in ROLES:
        layer = MarkerCluster(name=ROLE_STYLES[role].layer, show=role in roles,
                              icon_create_function=_cluster_icon_js(role),
                              showCoverageOnHover=False, maxClusterRadius=40)
        layer.default_js = assets["cluster_js"]
        layer.default_css = assets["cluster_css"]
        layers[role] = layer.add_to(m)

    for place in places:
        role = place.dominant_role(roles)
        _place_marker(place, role).add_to(layers[role])

    _Legend().add_to(m)
    # Collapsed: open, it would cover the markers in the top-right corner of the fitted view.
    folium.LayerControl(collapsed=True).add_to(m)

    visible = [p for p in places if p.dominant_role(roles) in roles] or places
    if visible:
        lats = [p.lat for p in visible]
        lons = [p.lon for p in visible]
        m.location = [(min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2]
        # Extra room at the bottom keeps markers clear of the legend (bottom left).
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]],
                     padding_top_left=(40, 40), padding_bottom_right=(40, 110), max_zoom=7)
    return m


class CountryOutlines(Layer):
    """Country polygons fetched from a same-origin GeoJSON URL, drawn on a canvas pane.

    A base layer (radio button) that needs no network. Fetched asynchronously, unlike folium's
    `GeoJson(embed=False)` (a synchronous `$.ajax`), so the markers do not wait for it.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.geoJson(null, {
                pane: "cm-basemap",
                renderer: L.canvas({pane: "cm-basemap"}),
                interactive: false,
                style: {color: "#8c8c8c", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1},
            });
            fetch({{ this.url|tojson }})
                .then(function (response) {
                    if (!response.ok) { throw new Error(response.status); }
                    return response.json();
                })
                .then(function (data) { {{ this.get_name() }}.addData(data); })
                .catch(function (err) { console.warn("country outlines not loaded:", err); });
        {% endmacro %}
    """)

    def __init__(self, url: str, name: str = "Country outlines", show: bool = True) -> None:
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "CountryOutlines"
        self.url = url


class _MapSetup(MacroElement):
    """Marker image path, the basemap pane and the map-wide attributions.

    Leaflet guesses `imagePath` from its stylesheet, which streamlit-folium adds after the
    scripts run, so the guess is wrong; set it outright.
    """

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>
                .leaflet-container { background: #cfe0ec; }
                /* Chrome outlines a clicked SVG path as a black box; the popup shows focus. */
                path.leaflet-interactive:focus { outline: none; }
                /* folium sets 1rem on the container, too big for the scale bar's fixed box. */
                .leaflet-control-scale-line { font-size: 11px; }
                .cm-legend { background: rgba(255,255,255,0.92); padding: 6px 9px;
                    border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
                    font: 12px/1.4 system-ui, sans-serif; color: #222; }
                .cm-legend b { display: block; margin-bottom: 2px; }
                .cm-legend .cm-row { display: flex; align-items: center; gap: 6px; }
                .cm-legend svg { flex: none; }
                .cm-legend .cm-meta { color: #555; margin-top: 3px; }
                .cm-popup { font: 12px/1.4 system-ui, sans-serif; }
                .cm-popup h4 { margin: 0 0 2px; font-size: 14px; }
                .cm-popup .cm-meta { color: #555; margin-bottom: 4px; }
                .cm-popup ul { margin: 4px 0 0; padding-left: 16px; }
                .cm-popup li { margin-bottom: 5px; }
                .cm-popup mark { background: #ffe36e; padding: 0 1px; }
                .cm-popup .cm-role { font-size: 10px; text-transform: uppercase;
                    letter-spacing: .04em; color: #fff; border-radius: 3px; padding: 0 3px; }
                {%- for role, style in this.styles.items() %}
                .cm-role-{{ role }} { background: {{ style.color }}; }
                .marker-cluster.cm-cluster-{{ role }} { background: {{ style.fill_color }}55; }
                .marker-cluster.cm-cluster-{{ role }} div {
                    background: {{ style.fill_color }}cc; color: #fff;
                    border: 2px {{ 'dashed' if style.dash_array else 'solid' }} {{ style.color }};
                    font: bold 12px system-ui, sans-serif; }
                {%- endfor %}
                .marker-cluster.cm-cluster-metonym div { color: {{ this.styles.metonym.color }};
                    background: #ffffffcc; }
            </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            L.Icon.Default.imagePath = {{ this.image_path|tojson }};
            {{ this._parent.get_name() }}.createPane("cm-basemap").style.zIndex = 250;
            {%- for text in this.attributions %}
            {{ this._parent.get_name() }}.attributionControl.addAttribution({{ text|tojson }});
            {%- endfor %}
        {% endmacro %}
    """)

    def __init__(self, static_url: str) -> None:
        super().__init__()
        self._name = "MapSetup"
        self.image_path = f"{static_url.rstrip('/')}/leaflet/images/"
        self.attributions = ATTRIBUTIONS
        self.styles = ROLE_STYLES


class _Legend(MacroElement):
    """A Leaflet control in the bottom-left corner explaining the marker styles."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function () {
                var legend = L.control({position: "bottomleft"});
                legend.onAdd = function () {
                    var div = L.DomUtil.create("div", "cm-legend");
                    div.innerHTML = {{ this.html|tojson }};
                    L.DomEvent.disableClickPropagation(div);
                    L.DomEvent.disableScrollPropagation(div);
                    return div;
                };
                legend.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        items = []
        for style in ROLE_STYLES.values():
            dash = f' stroke-dasharray="{style.dash_array}"' if style.dash_array else ""
            swatch = (f'<svg width="16" height="16"><circle cx="8" cy="8" r="6" '
                      f'stroke="{style.color}" stroke-width="{style.weight}"{dash} '
                      f'fill="{style.fill_color}" fill-opacity="{style.fill_opacity}"/></svg>')
            items.append(f'<div class="cm-row">{swatch}<span>{_esc(style.legend)}</span></div>')
        self.html = ('<div class="cm-legend-body"><b>Place mentions</b>' + "".join(items)
                     + '<div class="cm-meta">Size: number of mentions<br>More layers: '
                     'top right</div></div>')


def _place_marker(place: PlaceSummary, role: str) -> folium.CircleMarker:
    style = ROLE_STYLES[role]
    radius = min(18.0, 5.0 + 2.5 * math.sqrt(place.total))
    return folium.CircleMarker(
        location=[place.lat, place.lon], radius=radius, color=style.color,
        weight=style.weight, fill=True, fill_color=style.fill_color,
        fill_opacity=style.fill_opacity, dash_array=style.dash_array,
        popup=folium.Popup(_popup_html(place), max_width=380, lazy=True),
        tooltip=folium.Tooltip(_esc(f"{place.name} · {place.total} mention"
                                    f"{'s' if place.total != 1 else ''}")),
    )


def _popup_html(place: PlaceSummary) -> str:
    where = ", ".join(_esc(part) for part in (place.feature, place.admin1, place.country) if part)
    counts = " · ".join(f'<span class="cm-role cm-role-{role}">{place.counts[role]} {role}'
                        f"</span>" for role in ROLES if place.counts.get(role))
    # Newest first, then grouped by role (sorted() is stable).
    shown = sorted(place.mentions, key=lambda r: r.get("published") or "", reverse=True)
    shown.sort(key=lambda r: _role_rank(r.get("role")))
    items = "".join(_mention_html(row) for row in shown[:MAX_MENTIONS_IN_POPUP])
    more = len(shown) - MAX_MENTIONS_IN_POPUP
    tail = f'<div class="cm-meta">and {more} more mention{"s" if more > 1 else ""}</div>' \
        if more > 0 else ""
    return (f'<div class="cm-popup"><h4>{_esc(place.name)}</h4>'
            f'<div class="cm-meta">{where}</div><div>{counts}</div><ul>{items}</ul>{tail}</div>')


def _mention_html(row: Mapping) -> str:
    role = row.get("role") if row.get("role") in ROLES else "literal"
    title = _esc(row.get("title") or "(untitled article)")
    url = row.get("url") or ""
    if url.startswith(("https://", "http://")):
        title = f'<a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    meta = " · ".join(_esc(part) for part in ((row.get("source") or None),
                                             (row.get("published") or "")[:10] or None) if part)
    return (f'<li><span class="cm-role cm-role-{role}">{role}</span> <b>{title}</b>'
            + (f' <span class="cm-meta">{meta}</span>' if meta else "")
            + f"<br>{highlight_sentence(row)}</li>")


def highlight_sentence(row: Mapping) -> str:
    """The mention's sentence, HTML-escaped, with the mention wrapped in `<mark>`.

    `start`/`end` are offsets into the field and `sentence_start` is where the sentence begins
    in it, so the mention sits at `start - sentence_start` in the sentence; if that does not hold
    (older rows, edited text), the occurrence of `surface` nearest that spot is used instead.
    Long sentences are cut to `_CONTEXT` characters either side of the mention.
    """
    sentence = row.get("sentence") or ""
    surface = row.get("surface") or ""
    if not sentence:
        return _esc(surface)
    at = _locate(sentence, surface, (row.get("start") or 0) - (row.get("sentence_start") or 0))
    if at is None:
        cut = sentence[:2 * _CONTEXT]
        return _esc(cut + ("…" if len(sentence) > len(cut) else ""))
    before, after = sentence[:at], sentence[at + len(surface):]
    if len(before) > _CONTEXT:
        before = "…" + before[-_CONTEXT:].split(" ", 1)[-1]
    if len(after) > _CONTEXT:
        after = after[:_CONTEXT].rsplit(" ", 1)[0] + "…"
    return f"{_esc(before)}<mark>{_esc(surface)}</mark>{_esc(after)}"


def _locate(sentence: str, surface: str, guess: int) -> int | None:
    if not surface:
        return None
    if guess >= 0 and sentence[guess:guess + len(surface)] == surface:
        return guess
    hits, at = [], sentence.find(surface)
    while at != -1:
        hits.append(at)
        at = sentence.find(surface, at + 1)
    return min(hits, key=lambda hit: abs(hit - guess)) if hits else None


def _esc(text: object) -> str:
    """HTML-escape, and also neutralise what folium's JS template literal would interpret.

    folium puts popup HTML inside a backtick string, where `${...}`, backslashes and backticks
    are live; numeric entities render the same characters without that risk.
    """
    return (html.escape(str(text), quote=True)
            .replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _role_rank(role: str | None) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)


def _cluster_icon_js(role: str) -> str:
    return f"""function (cluster) {{
        var n = cluster.getChildCount();
        var size = n < 10 ? 30 : n < 100 ? 36 : 44;
        return L.divIcon({{
            html: "<div><span>" + n + "</span></div>",
            className: "marker-cluster cm-cluster cm-cluster-{role}",
            iconSize: L.point(size, size)
        }});
    }}"""
