/* The territorial-control layer (see dashboard/elements/control_layer.py, which inlines this
 * file and calls `cmControlLayer` once): regions fetched as GeoJSON whose features carry their
 * own colour, opacity, tooltip and popup (dashboard/control.py), drawn on the place markers'
 * canvas and kept behind them; imported areas come after the regions, so they lie over them.
 * "Show in the claims panel" links send a `region` event, and switching the overlay a
 * `control` event (`window.cmSend`, defined by the map set-up).
 */

/** `text` safe inside HTML text and double-quoted attributes. */
function cmEscape(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
        return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
}

/** A circle with a symbol in it ("▲" captured...), drawn on a canvas renderer. */
var CmClaimIcon = L.CircleMarker.extend({
    _updatePath: function () {
        var r = this._renderer;
        r._updateCircle(this);
        if (!r._ctx || !r._drawing || this._empty()) { return; }
        var ctx = r._ctx, at = this._point;
        ctx.save();
        ctx.globalAlpha = 1;
        ctx.fillStyle = this.options.color;
        ctx.font = "bold 10px sans-serif";
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText(this.options.symbol, at.x, at.y + 0.5);
        ctx.restore();
    },
});

/**
 * Add the control layer to `map` and to the layer control; `window.cmControlPopups()` gives
 * (a promise of) every feature's popup by id.
 *
 * @param {L.Map} map
 * @param {Object} config url (the GeoJSON; null: `window.cmControlShow(url, legend)` gives
 *     it, for each as-of day), name (in the layer control), show (on at first)
 * @param {L.Control.Layers} control
 */
function cmControlLayer(map, config, control) {
    var layer = L.geoJson(null, {
        renderer: map.cmRenderer || L.canvas({padding: 0.5}),
        style: function (f) {
            var p = f.properties;
            if (p.kind === "area") {
                // An imported area: its status is in the outline (solid, dotted, dashed).
                return {color: p.color, weight: p.weight, dashArray: p.dash,
                        fillColor: p.color, fillOpacity: p.opacity,
                        className: "cm-control-area"};
            }
            return {color: p.disputed ? "#111" : p.color, weight: p.disputed ? 2.5 : 1.5,
                    dashArray: p.disputed ? "6 4" : (p.labelled ? "1 4" : null),
                    fillColor: p.color,
                    fillOpacity: p.opacity, className: "cm-control-region"};
        },
        pointToLayer: function (f, latlng) {
            // A claim about a town or sector: a round icon saying what happened there, in
            // the side's colour, painted on the canvas (hundreds of DOM markers were most of
            // the layer's drawing time).
            var p = f.properties;
            return new CmClaimIcon(latlng, {renderer: layer.options.renderer,
                radius: 8, color: p.color, weight: 2, fillColor: "#fff", fillOpacity: 1,
                dashArray: p.disputed ? "3 2" : null, symbol: p.symbol || "●"});
        },
    });
    // A claim that is a share of something else is a label on its region, always shown: it
    // says what the number is of, where shading would say "of the region". Labels are
    // markers centred by CSS (Leaflet's permanent tooltips measure themselves one by one,
    // a page layout each), in a group shown with the layer.
    var labels = L.layerGroup();
    function addLabels() {
        labels.clearLayers();
        layer.eachLayer(function (l) {
            if (!l.feature.properties.labelled || !l.getCenter) { return; }
            labels.addLayer(L.marker(l.getCenter(), {interactive: false, keyboard: false,
                icon: L.divIcon({className: "cm-claim-label-icon", iconSize: [0, 0],
                    html: '<div class="cm-claim-label">' + l.feature.properties.tooltip
                        + "</div>"})}));
        });
        labels.addTo(map);
    }
    layer.on("remove", function () { map.removeLayer(labels); });
    // Tooltips and popups are bound when first wanted (hover, click or a key press on a
    // place's icon), not for each of the thousands of features when the layer is drawn.
    layer.on("mouseover", function (e) {
        var l = e.layer;
        if (l.getTooltip()) { return; }
        l.bindTooltip(l.feature.properties.tooltip, {sticky: true});
        l.openTooltip(e.latlng);
    });
    // Popups are a second file, `{name}-popups.json` beside the layer's (feature id -> HTML,
    // written by the server after the layer's file): fetched when a popup is first opened,
    // again a while later if it is not written yet.
    var popups = null;
    function popupFile(tries) {
        return fetch(current.replace(/\.json$/, "-popups.json")).then(function (r) {
            if (r.ok) { return r.json(); }
            if (r.status !== 404 || tries <= 1) { throw new Error(r.status); }
            return new Promise(function (ok) { setTimeout(ok, 300); })
                .then(function () { return popupFile(tries - 1); });
        });
    }
    window.cmControlPopups = function () {
        if (!popups) {
            popups = popupFile(40).catch(function (err) { popups = null; throw err; });
        }
        return popups;
    };
    layer.on("click keypress", function (e) {
        var l = e.layer;
        if (l.getPopup() || (e.type === "keypress" && e.originalEvent.keyCode !== 13)) {
            return;
        }
        // As wide as the map allows: a claims table is wider than a marker's.
        // Clear of the zoom buttons (top left) and the layer control (top right).
        var room = map.getSize().x - 110;
        var p = l.feature.properties;
        l.bindPopup(p.popup || '<div class="cm-popup">Loading…</div>', {
            maxWidth: Math.max(260, Math.min(560, room)),
            minWidth: Math.min(320, room), maxHeight: 340,
            autoPanPaddingTopLeft: [50, 10], autoPanPaddingBottomRight: [55, 10]});
        l.openPopup(e.latlng);
        if (p.popup) { return; }
        window.cmControlPopups().then(function (all) {
            p.popup = all[l.feature.id] || '<div class="cm-popup">No details.</div>';
            l.setPopupContent(p.popup);
        }, function () {
            l.unbindPopup();  // tried again on the next click
            console.warn("control layer popups not loaded");
        });
    });
    // Behind the markers, in file order: regions at the back, imported areas over them.
    var drawn = [];  // the layers of the day's file, in its order
    function order() {
        for (var i = drawn.length - 1; i >= 0; i--) {
            if (drawn[i].feature.properties.kind !== "place") { drawn[i].bringToBack(); }
        }
    }
    layer.on("add", function () { order(); addLabels(); });
    control.addOverlay(layer, config.name);
    window.cmControl = layer;
    var loading = false;
    map.getContainer().addEventListener("click", function (e) {
        var a = e.target.closest ? e.target.closest("a.cm-region") : null;
        if (!a) { return; }
        e.preventDefault();
        window.cmSend({type: "region", place: a.getAttribute("data-cm-region")});
    }, true);
    map.on("overlayadd overlayremove", function (e) {
        if (e.layer === layer && !loading) {
            shown = e.type === "overlayadd";
            window.cmSend({type: "control", shown: shown});
        }
    });
    // The layer's file for the day shown; a live map (`config.url` null) is given each day's
    // by the view command, and the new file replaces the old in the same map.
    var current = null, shown = !!config.show;
    // Outlines (regions, imported areas) by id, fetched once per file (one per store
    // version) and kept, with the layers made from them: a new day restyles the ones it
    // draws instead of parsing, making and projecting them again.
    var outlines = {url: null, shapes: null}, pool = {};
    function outlineFile(url) {
        if (outlines.url !== url) {
            pool = {};
            outlines = {url: url, shapes: fetch(url)
                .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
                .then(function (data) {
                    var byId = {};
                    data.features.forEach(function (f) { byId[f.id] = f.geometry; });
                    return byId;
                })};
            outlines.shapes.catch(function () { outlines = {url: null, shapes: null}; });
        }
        return outlines.shapes;
    }
    function place(data, shapes) {
        // The day's features into the layer: kept outlines restyled, the rest made.
        var keep = {}, points = [];
        data.features.forEach(function (f) {
            if (f.geometry !== null || !shapes) { points.push(f); return; }
            if (!shapes[f.id]) { return; }
            f.geometry = shapes[f.id];
            var l = pool[f.id];
            if (!l) {
                l = pool[f.id] = L.GeoJSON.geometryToLayer(f, layer.options);
                l.defaultOptions = l.options;
            }
            l.feature = f;
            l.unbindPopup();  // the last day's: bound again when opened
            l.unbindTooltip();
            keep[f.id] = l;
        });
        layer.getLayers().forEach(function (l) {
            if (keep[l.feature.id] !== l) { layer.removeLayer(l); }
        });
        drawn = [];
        data.features.forEach(function (f) {
            var l = keep[f.id];
            if (!l) { return; }
            layer.resetStyle(l);
            if (!layer.hasLayer(l)) { layer.addLayer(l); }
            drawn.push(l);
        });
        var before = layer.getLayers().length;
        layer.addData({type: "FeatureCollection", features: points});
        drawn = drawn.concat(layer.getLayers().slice(before));
    }
    function swap(data, shapes) {
        loading = true;  // not the reader switching the overlay
        try {
            popups = null;
            if (!data || !shapes) {
                if (map.hasLayer(layer)) { map.removeLayer(layer); }
                layer.clearLayers();
                drawn = [];
            }
            if (data) { place(data, shapes); }
            window.cmControlLoaded = data ? data.features.length : 0;
            if (!data || !shown) {
                if (map.hasLayer(layer)) { map.removeLayer(layer); }
            } else if (!map.hasLayer(layer)) {
                layer.addTo(map);  // "add": in order, with labels
            } else {
                order();
                addLabels();
            }
        } finally { loading = false; }
    }
    window.cmControlShow = function (url, legend) {
        var box = map.getContainer().querySelector(".cm-legend-control");
        if (box && legend !== undefined && box.innerHTML !== legend) { box.innerHTML = legend; }
        if (url === current) { return; }
        current = url;
        if (!url) { swap(null); return; }
        fetch(url)
            .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
            .then(function (data) {
                if (!data.outlines) { return [data, null]; }
                return outlineFile(url.replace(/[^/]*$/, data.outlines))
                    .then(function (shapes) { return [data, shapes]; });
            })
            .then(function (got) { if (url === current) { swap(got[0], got[1]); } })
            .catch(function (err) { console.warn("control layer not loaded:", err); });
    };
    if (config.url) { window.cmControlShow(config.url); }
}
