"""folium elements of the place map: base layer, page styles, legend and the place markers.

The markers are not one folium object each: `PlaceLayer` ships one compact JSON payload and
builds canvas circle markers in Leaflet.markercluster groups in the browser (one group per role),
which keeps the page small and fast with many places. `ViewCommand` is the small script the
dashboard swaps in without reloading the map (streamlit-folium's dynamic feature group): which
roles and base layer are on, the selected place, and where to fly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import folium
from folium.elements import MacroElement
from folium.map import Layer
from folium.template import Template

__all__ = ["CLUSTER_UNTIL_ZOOM", "CountryOutlines", "Legend", "MapSetup", "PlaceLayer",
           "ViewCommand", "safe_json"]

# The highest zoom at which markers are clustered; from the next one on (a city's view, see
# `dashboard.map.FLY_ZOOM`) each place is its own circle.
CLUSTER_UNTIL_ZOOM = 9


def safe_json(value: Any) -> str:
    """JSON that can sit inside a `<script>` element: no `</script>`, no line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


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
            // After the place markers (`cmAfterPlaces`, run by the place layer), which the
            // reader came for; at once on a map without them.
            (window.cmAfterPlaces = window.cmAfterPlaces || []).push(function () {
                fetch({{ this.url|tojson }})
                    .then(function (response) {
                        if (!response.ok) { throw new Error(response.status); }
                        return response.json();
                    })
                    .then(function (data) { {{ this.get_name() }}.addData(data); })
                    .catch(function (err) { console.warn("country outlines not loaded:", err); });
            });
            setTimeout(function () {
                if (Array.isArray(window.cmAfterPlaces) && !window.cmPlaceLayer) {
                    window.cmAfterPlaces.forEach(function (f) { f(); });
                    window.cmAfterPlaces = {push: function (f) { f(); }};
                }
            }, 0);
        {% endmacro %}
    """)

    def __init__(self, url: str, name: str = "Country outlines", show: bool = True) -> None:
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "CountryOutlines"
        self.url = url


class MapSetup(MacroElement):
    """Page styles, the marker image path, the basemap pane and the map-wide attributions.

    Leaflet guesses `imagePath` from its stylesheet, which streamlit-folium adds after the
    scripts run, so the guess is wrong; set it outright.
    """

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>
                .leaflet-container { background: #cfe0ec; }
                /* folium sets 1rem on the container, too big for the scale bar's fixed box. */
                .leaflet-control-scale-line { font-size: 11px; }
                .cm-legend { background: rgba(255,255,255,0.92); padding: 4px 8px;
                    border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
                    font: 11px/1.35 system-ui, sans-serif; color: #222;
                    /* Nothing to click in it: clicks go to the map or popup beneath. */
                    pointer-events: none; }
                .cm-legend.cm-hidden { display: none; }
                .cm-legend .cm-row { display: flex; align-items: center; gap: 6px; }
                .cm-legend svg { flex: none; }
                .cm-legend .cm-meta { color: #555; margin-top: 1px; }
                .leaflet-container .leaflet-control-attribution { font-size: 11px; }
                .cm-popup { font: 12px/1.4 system-ui, sans-serif; }
                .cm-popup h4 { margin: 0 0 2px; font-size: 14px; }
                .cm-popup .cm-meta { color: #555; margin-bottom: 4px; }
                .cm-popup ul { margin: 4px 0 0; padding-left: 16px; }
                .cm-popup li { margin-bottom: 6px; }
                .cm-popup mark { background: #ffe36e; padding: 0 1px; }
                .cm-popup a.cm-open { font-weight: 600; }
                .cm-popup .cm-role { font-size: 10px; text-transform: uppercase;
                    letter-spacing: .04em; color: #fff; border-radius: 3px; padding: 0 3px; }
                .cm-selected-label { font: 600 12px system-ui, sans-serif; }
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
            L.control.scale({imperial: false, maxWidth: 80}).addTo({{ this._parent.get_name() }});
            // Leaflet's default prefix carries a flag; the plain link leaves room for the scale.
            {{ this._parent.get_name() }}.attributionControl.setPrefix(
                '<a href="https://leafletjs.com">Leaflet</a>');
            {{ this._parent.get_name() }}.createPane("cm-basemap").style.zIndex = 250;
            {%- for text in this.attributions %}
            {{ this._parent.get_name() }}.attributionControl.addAttribution({{ text|tojson }});
            {%- endfor %}
        {% endmacro %}
    """)

    def __init__(self, static_url: str, styles: Mapping, attributions: tuple[str, ...]) -> None:
        super().__init__()
        self._name = "MapSetup"
        self.image_path = f"{static_url.rstrip('/')}/leaflet/images/"
        self.attributions = attributions
        self.styles = styles


class Legend(MacroElement):
    """A Leaflet control in the bottom-left corner; `html` must already be escaped.

    Controls sit above Leaflet's popup pane, so the legend steps aside while a popup is open
    rather than covering its lower part.
    """

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
                var map = {{ this._parent.get_name() }};
                legend.addTo(map);
                map.on("popupopen", function () {
                    legend.getContainer().classList.add("cm-hidden"); });
                map.on("popupclose", function () {
                    legend.getContainer().classList.remove("cm-hidden"); });
            })();
        {% endmacro %}
    """)

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html


class PlaceLayer(MacroElement):
    """Place markers built in the browser from a JSON payload (see `dashboard.map`).

    The payload is either inline (`payload`, markers and popups) or fetched from `data_url`
    with popups fetched per chunk from `popup_url` (``{chunk}`` in it) when first opened, which
    keeps the map's script, and every Streamlit message carrying it, small.

    On load the map takes its view from the page URL (`lat`, `lon`, `z`) if there is one, else
    fits the places of the roles in the URL (`role`, default `default_roles`) once they arrive.
    It reports "Read article" clicks and layer switches to Python through streamlit-folium's
    component value (`cm_event`), and defines `window.cmApply`, which `ViewCommand` calls.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            window.cmPlaceLayer = true;
            var control = {{ this.control.get_name() }};
            var bases = { {%- for id, layer in this.bases.items() %}
                {{ id|tojson }}: {{ layer.get_name() }},{% endfor %} };
            var ROLES = {{ this.roles|tojson }}, NAMES = {{ this.names|tojson }};
            var CLUSTER_UNTIL = {{ this.cluster_until|tojson }};
            var renderer = L.canvas({padding: 0.5});
            map.cmRenderer = renderer;  // shared with the control layer
            var D = null, groups = {}, bounds = {}, chunks = {}, loaded = {}, viewSet = false;
            var applying = true, selection = L.layerGroup().addTo(map);
            map.createPane("cm-selected").style.zIndex = 640;
            map.getPane("cm-selected").style.pointerEvents = "none";

            function fmt(n) { return n < 1000 ? String(n) : n < 10000 ?
                (n / 1000).toFixed(1).replace(/\\.0$/, "") + "k" : Math.round(n / 1000) + "k"; }
            function clusterIcon(role) {
                return function (cluster) {
                    var n = 0;
                    cluster.getAllChildMarkers().forEach(function (m) { n += m.options.cmCount; });
                    var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
                    return L.divIcon({html: "<div><span>" + fmt(n) + "</span></div>",
                        className: "marker-cluster cm-cluster cm-cluster-" + role,
                        iconSize: L.point(size, size)});
                };
            }
            function tooltip(layer) {
                var p = D.places[layer.cmIndex], span = document.createElement("span");
                span.textContent = p[4] + " · " + p[3] + (p[3] === 1 ? " mention" : " mentions")
                    + " · " + ROLES[p[2]];
                return span;
            }
            // Popup files are written after the markers (in the background on the server):
            // retry for a while if one is not there yet.
            function loadChunk(c, tries) {
                return fetch(D.popup_url.replace("{chunk}", c)).then(function (r) {
                    if (r.ok) { return r.json(); }
                    if (r.status !== 404 || tries <= 1) { throw new Error(r.status); }
                    return new Promise(function (ok) { setTimeout(ok, 500); })
                        .then(function () { return loadChunk(c, tries - 1); });
                });
            }
            // One popup and one tooltip per role group, not per marker: they are built for
            // the marker under the pointer (`layer`), which keeps adding markers cheap. The
            // group's popup keeps this function as its content, so the popup's content is
            // never replaced by a string (`setContent` would show the first place opened for
            // every later marker): a chunk not loaded yet fills the element returned here.
            function popup(layer) {
                var i = layer.cmIndex;
                if (D.popups) { return D.popups[i]; }
                var c = Math.floor(i / D.chunk);
                if (loaded[c]) { return loaded[c][i - c * D.chunk]; }
                var box = document.createElement("div");
                box.innerHTML = '<div class="cm-popup">Loading…</div>';
                function refresh() {  // the popup re-measures itself for the new content
                    var open = groups[ROLES[D.places[i][2]]].getPopup();
                    if (open && open.isOpen() && open._source === layer) { open.update(); }
                }
                if (!chunks[c]) {
                    chunks[c] = loadChunk(c, 30).then(function (list) {
                        loaded[c] = list; return list; });
                }
                chunks[c].then(function (list) {
                    box.innerHTML = list[i - c * D.chunk]; refresh();
                }).catch(function (err) {
                    delete chunks[c];
                    var note = document.createElement("div");
                    note.className = "cm-popup";
                    note.textContent = "Popup not loaded: " + err;
                    box.replaceChildren(note);
                    refresh();
                });
                return box;
            }

            function pageParams() {
                try { return new URLSearchParams(window.parent.location.search); }
                catch (err) { return new URLSearchParams(window.location.search); }
            }
            function seen(nonce) {
                var key = "cm-view-nonce", store = null;
                try { store = window.parent.sessionStorage; } catch (err) { store = null; }
                var last = store ? store.getItem(key) : window.cmLastNonce;
                if (store) { store.setItem(key, nonce); } else { window.cmLastNonce = nonce; }
                return last === nonce;
            }
            function setRoles(roles) {
                ROLES.forEach(function (role) {
                    var on = roles.indexOf(role) >= 0, has = map.hasLayer(groups[role]);
                    if (on && !has) { map.addLayer(groups[role]); }
                    if (!on && has) { map.removeLayer(groups[role]); }
                });
            }
            function visibleRoles() {
                return ROLES.filter(function (role) { return map.hasLayer(groups[role]); });
            }
            function fit(roles) {
                var b = L.latLngBounds([]);
                roles.forEach(function (role) { if (bounds[role]) { b.extend(bounds[role]); } });
                if (b.isValid()) {
                    // Room at the bottom for the legend (bottom left).
                    map.fitBounds(b, {paddingTopLeft: [40, 40], paddingBottomRight: [40, 120],
                                      maxZoom: 7, animate: false});
                }
            }
            function send(ev) {
                if (!window.Streamlit) { return; }
                ev.id = Date.now() + "-" + Math.random().toString(36).slice(2);
                var g = window.__GLOBAL_DATA__ || {};
                var data = Object.assign({}, g.previous_data || {}, {cm_event: ev});
                g.previous_data = data;
                window.Streamlit.setComponentValue(data);
            }
            function baseId(layer) {
                for (var id in bases) { if (bases[id] === layer) { return id; } }
                return null;
            }
            function addPlaces(data) {
                D = data;
                var markers = ROLES.map(function () { return []; });
                for (var i = 0; i < D.places.length; i++) {
                    var p = D.places[i], s = D.styles[p[2]];
                    var m = L.circleMarker([p[0], p[1]], {renderer: renderer,
                        radius: Math.min(18, 5 + 2.5 * Math.sqrt(p[3])), color: s.color,
                        weight: s.weight, fillColor: s.fill, fillOpacity: s.opacity,
                        dashArray: s.dash, cmCount: p[3]});
                    m.cmIndex = i;
                    markers[p[2]].push(m);
                    var role = ROLES[p[2]];
                    (bounds[role] = bounds[role] || L.latLngBounds([])).extend([p[0], p[1]]);
                }
                // Fit first, so the clusters are drawn once, at the final zoom.
                if (!viewSet) { fit(visibleRoles()); }
                ROLES.forEach(function (role, r) { groups[role].addLayers(markers[r]); });
                window.cmData = D;
                (window.cmAfterPlaces || []).forEach(function (f) { f(); });
                window.cmAfterPlaces = {push: function (f) { f(); }};
            }

            ROLES.forEach(function (role, r) {
                // Not chunked: in one go the first clusters show sooner, and a page
                // that is still rendering its other widgets does not stretch the loading.
                // Clusters up to zoom 9 only: the cluster tree costs time per zoom level
                // (at 13,000 places, 0.9 s for zooms 1-18, 0.3 s for 1-9), and from zoom 10
                // (a city) on, the few circles in view are drawn one by one on the canvas.
                groups[role] = L.markerClusterGroup({maxClusterRadius: 40, animate: false,
                    disableClusteringAtZoom: CLUSTER_UNTIL + 1, showCoverageOnHover: false,
                    iconCreateFunction: clusterIcon(role)});
                groups[role].bindTooltip(tooltip);
                groups[role].bindPopup(popup, {maxWidth: 380});
                control.addOverlay(groups[role], NAMES[r]);
            });
            var params = pageParams();
            var roles = params.getAll("role").filter(function (r) {
                return ROLES.indexOf(r) >= 0; });
            if (!params.has("role")) { roles = {{ this.default_roles|tojson }}; }
            setRoles(roles);
            var lat = parseFloat(params.get("lat")), lon = parseFloat(params.get("lon")),
                z = parseFloat(params.get("z"));
            if (isFinite(lat) && isFinite(lon) && isFinite(z)) {
                map.setView([lat, lon], z, {animate: false});
                viewSet = true;
            }
            applying = false;
            // A reader who drags or zooms before the places arrive has chosen a view: no fit.
            map.on("dragstart zoomstart", function () { if (!D) { viewSet = true; } });

            map.on("overlayadd overlayremove", function (e) {
                var isRole = ROLES.some(function (role) { return groups[role] === e.layer; });
                if (!applying && isRole) { send({type: "roles", roles: visibleRoles()}); }
            });
            map.on("baselayerchange", function (e) {
                if (!applying) { send({type: "base", base: baseId(e.layer)}); }
            });
            // Capture phase: Leaflet stops clicks inside a popup from bubbling to the map.
            map.getContainer().addEventListener("click", function (e) {
                var a = e.target.closest ? e.target.closest("a.cm-open") : null;
                if (!a) { return; }
                e.preventDefault();
                send({type: "article", article: a.getAttribute("data-cm-article"),
                      place: a.getAttribute("data-cm-place")});
            }, true);

            window.cmApply = function (cmd) {
                applying = true;
                try {
                    if (cmd.roles) { setRoles(cmd.roles); }
                    if (cmd.base && bases[cmd.base] && !map.hasLayer(bases[cmd.base])) {
                        for (var id in bases) {
                            if (map.hasLayer(bases[id])) { map.removeLayer(bases[id]); }
                        }
                        map.addLayer(bases[cmd.base]);
                    }
                } finally { applying = false; }
                selection.clearLayers();
                if (cmd.selected) {
                    var ring = L.circleMarker([cmd.selected.lat, cmd.selected.lon], {
                        pane: "cm-selected", radius: 22, color: "#111", weight: 3,
                        fill: false, dashArray: null, interactive: false});
                    var label = document.createElement("span");
                    label.textContent = cmd.selected.label;
                    ring.bindTooltip(label, {permanent: true, direction: "right",
                        offset: [22, 0], className: "cm-selected-label"});
                    selection.addLayer(ring);
                }
                var v = cmd.view;
                if (v && !seen(v.nonce)) {
                    viewSet = true;
                    if (window.cmSettled) {
                        map.flyTo([v.lat, v.lon], v.zoom, {duration: 0.6});
                    } else {
                        map.setView([v.lat, v.lon], v.zoom, {animate: false});
                    }
                }
                window.cmSettled = true;
            };
            // For the browser tests and the benchmark: the groups, and the places once loaded.
            window.cmGroups = groups;

            {%- if this.data_url %}
            fetch({{ this.data_url|tojson }})
                .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
                .then(addPlaces)
                .catch(function (err) { console.warn("places not loaded:", err);
                    (window.cmAfterPlaces || []).forEach(function (f) { f(); });
                    window.cmAfterPlaces = {push: function (f) { f(); }}; });
            {%- else %}
            addPlaces({{ this.payload }});
            {%- endif %}
        })();
        {% endmacro %}
    """)

    def __init__(self, control: folium.LayerControl, bases: Mapping[str, Layer], *,
                 roles: Sequence[str], names: Sequence[str], default_roles: Sequence[str],
                 payload: str | None = None, data_url: str | None = None) -> None:
        super().__init__()
        if (payload is None) == (data_url is None):
            raise ValueError("give either an inline payload or a data_url")
        self._name = "PlaceLayer"
        self.control = control
        self.bases = dict(bases)
        self.roles = list(roles)
        self.names = list(names)
        self.default_roles = list(default_roles)
        self.payload = payload
        self.data_url = data_url
        self.cluster_until = CLUSTER_UNTIL_ZOOM


class ViewCommand(folium.FeatureGroup):
    """The part of the view that changes without reloading the map, as one `cmApply` call.

    Passed to `st_folium(feature_group_to_add=...)`; streamlit-folium re-runs it only when its
    script changes. `command` keys: `roles` (list), `base` (base layer id), `selected`
    (``{"lat", "lon", "label"}`` or None) and `view` (``{"nonce", "lat", "lon", "zoom"}`` or
    None; a view is applied once per nonce, so re-sending it does not move the map again).
    """

    def __init__(self, command: Mapping[str, Any]) -> None:
        super().__init__(name="view", control=False)
        _Call(command).add_to(self)


class _Call(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
            if (window.cmApply) { window.cmApply({{ this.command|tojson }}); }
        {% endmacro %}
    """)

    def __init__(self, command: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "ViewCommandCall"
        self.command = dict(command)
