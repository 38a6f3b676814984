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

/**
 * Add the control layer to `map` and to the layer control; `window.cmControlPopups()` gives
 * (a promise of) every feature's popup by id.
 *
 * @param {L.Map} map
 * @param {Object} config url (the GeoJSON; null: `window.cmControlShow(url, legend, shown)` gives
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
    layer.on("remove", function () { map.removeLayer(labels); showIcons(false); });
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
    function popupOptions() {
        // As wide as the map allows: a claims table is wider than a marker's.
        // Clear of the zoom buttons (top left) and the layer control (top right).
        var room = map.getSize().x - 110;
        return {maxWidth: Math.max(260, Math.min(560, room)), minWidth: Math.min(320, room),
                maxHeight: 340, autoPanPaddingTopLeft: [50, 10],
                autoPanPaddingBottomRight: [55, 10]};
    }
    var LOADING = '<div class="cm-popup">Loading…</div>';
    function fill(f, show, failed) {
        // The feature's popup, from the popups file when not had yet.
        if (f.properties.popup) { return; }
        window.cmControlPopups().then(function (all) {
            f.properties.popup = all[f.id] || '<div class="cm-popup">No details.</div>';
            show(f.properties.popup);
        }, function () {
            failed();
            console.warn("control layer popups not loaded");
        });
    }
    layer.on("click keypress", function (e) {
        var l = e.layer;
        if (l.getPopup() || (e.type === "keypress" && e.originalEvent.keyCode !== 13)) {
            return;
        }
        l.bindPopup(l.feature.properties.popup || LOADING, popupOptions());
        l.openPopup(e.latlng);
        fill(l.feature, function (html) { l.setPopupContent(html); },
             function () { l.unbindPopup(); });  // tried again on the next click
    });
    // Claims at places: icons in one element of a pane of their own, above the place
    // markers and their clusters, written in one go for a day (a Leaflet marker each, with
    // its own DOM work, was most of a day change's time). Hover shows the tooltip; a click,
    // or Enter on an icon reached with the keyboard, the popup.
    map.createPane("cm-claims").style.zIndex = 620;
    var icons = {list: [], box: null, tip: null};
    function iconAt(f) {
        return L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
    }
    function drawIcons() {
        if (!icons.box) { return; }
        var out = [];
        icons.list.forEach(function (f, i) {
            var p = f.properties, color = cmEscape(p.color);
            var at = map.latLngToLayerPoint(iconAt(f));
            out.push('<span class="cm-claim-icon' + (p.disputed ? " cm-claim-disputed" : "")
                + (p.approximate ? " cm-claim-approx" : "")
                + '" tabindex="0" role="button" data-i="' + i + '" aria-label="'
                + cmEscape((p.name || "") + ": " + (p.action || "")) + '" style="transform:'
                + "translate(" + Math.round(at.x - 10) + "px," + Math.round(at.y - 10) + "px);"
                + "border-color:" + color + ";color:" + color + '">' + cmEscape(p.symbol)
                + "</span>");
        });
        icons.box.innerHTML = out.join("");
    }
    function iconOf(e) {
        var span = e.target.closest ? e.target.closest("[data-i]") : null;
        return span ? icons.list[+span.getAttribute("data-i")] : null;
    }
    function openIcon(f) {
        var popup = L.popup(popupOptions()).setLatLng(iconAt(f))
            .setContent(f.properties.popup || LOADING).openOn(map);
        fill(f, function (html) { popup.setContent(html); }, function () {});
    }
    function showIcons(on) {
        if (on && !icons.box) {
            icons.box = L.DomUtil.create("div", "cm-claim-icons leaflet-zoom-hide",
                                         map.getPane("cm-claims"));
            L.DomEvent.disableClickPropagation(icons.box);
            L.DomEvent.disableScrollPropagation(icons.box);
            icons.box.addEventListener("mouseover", function (e) {
                var f = iconOf(e);
                if (!f) { return; }
                if (icons.tip) { map.closeTooltip(icons.tip); }
                icons.tip = L.tooltip({direction: "top", offset: [0, -10]})
                    .setLatLng(iconAt(f)).setContent(f.properties.tooltip);
                map.openTooltip(icons.tip);
            });
            icons.box.addEventListener("mouseout", function () {
                if (icons.tip) { map.closeTooltip(icons.tip); icons.tip = null; }
            });
            icons.box.addEventListener("click", function (e) {
                var f = iconOf(e);
                if (f) { openIcon(f); }
            });
            icons.box.addEventListener("keydown", function (e) {
                var f = iconOf(e);
                if (f && e.key === "Enter") { openIcon(f); }
            });
            drawIcons();
        } else if (!on && icons.box) {
            L.DomUtil.remove(icons.box);
            icons.box = null;
        }
    }
    map.on("zoomend viewreset", drawIcons);
    window.cmControlOpenPlace = openIcon;  // for the feed
    // For the browser tests and the feed: the places drawn, as features.
    window.cmControlPlaces = function () { return icons.box ? icons.list : []; };
    // For the feed: the regions shaded for the day (layers, with their bounds), while shown.
    window.cmControlRegions = function () {
        return map.hasLayer(layer) ? drawn.filter(function (l) {
            return l.feature && l.feature.properties.kind === "region" && l.getBounds;
        }) : [];
    };
    // Open a region's popup where it meets the view (its centre may be far outside it).
    window.cmControlOpenRegion = function (l) {
        var view = map.getBounds(), own = l.getBounds();
        var meet = L.latLngBounds(
            [Math.max(view.getSouth(), own.getSouth()), Math.max(view.getWest(), own.getWest())],
            [Math.min(view.getNorth(), own.getNorth()), Math.min(view.getEast(), own.getEast())]);
        l.fire("click", {latlng: meet.getCenter()}, true);
    };
    // Behind the markers, in file order: regions at the back, imported areas over them.
    var drawn = [];  // the layers of the day's file, in its order
    function order() {
        for (var i = drawn.length - 1; i >= 0; i--) {
            if (drawn[i].bringToBack) { drawn[i].bringToBack(); }
        }
    }
    layer.on("add", function () { order(); addLabels(); showIcons(true); });
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
        // The day's features into the layer: kept outlines restyled, outlines that came
        // with the file (no outlines file) made, places to the icons.
        var keep = {}, points = [], drawnFresh = [];
        data.features.forEach(function (f) {
            if (f.properties.kind === "place") { points.push(f); return; }
            if (!shapes) { drawnFresh.push(f); return; }
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
        layer.addData({type: "FeatureCollection", features: drawnFresh});
        drawn = drawn.concat(layer.getLayers().slice(before));
        icons.list = points;
        drawIcons();
    }
    function swap(data, shapes) {
        loading = true;  // not the reader switching the overlay
        try {
            popups = null;
            if (!data) { icons.list = []; }
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
        if (window.cmFeedUpdate) { window.cmFeedUpdate(); }
    }
    window.cmControlShow = function (url, legend, wanted) {
        var box = map.getContainer().querySelector(".cm-legend-control");
        if (box && legend !== undefined && box.innerHTML !== legend) { box.innerHTML = legend; }
        if (typeof wanted === "boolean" && wanted !== shown) {
            // On or off as the page says (a shared link with control=off), without a rebuild.
            shown = wanted;
            loading = true;
            try {
                if (!shown && map.hasLayer(layer)) { map.removeLayer(layer); }
                if (shown && !map.hasLayer(layer) && window.cmControlLoaded) {
                    layer.addTo(map);
                }
            } finally { loading = false; }
        }
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
