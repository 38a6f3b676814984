/* The place markers of the map (see dashboard/elements/place_layer.py, which inlines this file
 * and calls `cmPlaceLayer` once). Markers are canvas circles in one Leaflet.markercluster group
 * per role, built from a compact payload: one entry per place and role,
 * [lat, lon, role index, mentions, name, place key] (see dashboard/map.py).
 *
 * On load the map takes its view from the page URL (`lat`, `lon`, `z`) if there is one, else
 * fits the places of the roles in the URL (`role`, default `config.defaultRoles`) once they
 * arrive. "Read article" clicks and layer switches go to Python through streamlit-folium's
 * component value (`cm_event`). `window.cmApply` (called by the view command) changes roles,
 * base layer, selected place and view without reloading the map, and on a live map
 * (`config.live`) also the markers and the control layer (`window.cmControlShow`).
 */

/**
 * Add the place layer to `map`.
 *
 * @param {L.Map} map
 * @param {Object} config roles (ids, in order), names (their layer names), defaultRoles,
 *     clusterUntil (the last zoom with clusters), and either payload (inline: styles, places,
 *     popups) or dataUrl (where to fetch the payload; popups then per chunk from its
 *     popup_url).
 * @param {L.Control.Layers} control the layer control, which lists a layer per role
 * @param {Object<string, L.Layer>} bases the base layers by id (`?base=` in the URL)
 */
function cmPlaceLayer(map, config, control, bases) {
    window.cmHasPlaces = true;  // for the country outlines: wait for the places
    var ROLES = config.roles, NAMES = config.names;
    var CLUSTER_UNTIL = config.clusterUntil;
    var renderer = L.canvas({padding: 0.5});
    map.cmRenderer = renderer;  // shared with the control layer
    var D = null, groups = {}, bounds = {}, chunks = {}, loaded = {}, viewSet = false;
    // Per role, the places (indices into D.places) whose markers are not made yet: a role
    // not shown gets its markers when it is switched on. Added to a cluster group that is
    // not on the map, each marker was checked against every one before it (quadratic:
    // 0.3 s at 50,000 markers), and most readers never switch those roles on.
    var pending = {};
    var applying = true, selection = L.layerGroup().addTo(map);
    map.createPane("cm-selected").style.zIndex = 640;
    map.getPane("cm-selected").style.pointerEvents = "none";

    function fmt(n) { return n < 1000 ? String(n) : n < 10000 ?
        (n / 1000).toFixed(1).replace(/\.0$/, "") + "k" : Math.round(n / 1000) + "k"; }
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
            var data = D;  // not kept if newer markers replace these meanwhile
            chunks[c] = loadChunk(c, 30).then(function (list) {
                if (D === data) { loaded[c] = list; }
                return list;
            });
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
    function baseId(layer) {
        for (var id in bases) { if (bases[id] === layer) { return id; } }
        return null;
    }
    function makeMarkers(role) {
        // The markers of `role`'s pending places, into its cluster group (on the map).
        var list = pending[role] || [], made = new Array(list.length);
        pending[role] = [];
        for (var k = 0; k < list.length; k++) {
            var i = list[k], p = D.places[i], s = D.styles[p[2]];
            var m = L.circleMarker([p[0], p[1]], {renderer: renderer,
                radius: Math.min(18, 5 + 2.5 * Math.sqrt(p[3])), color: s.color,
                weight: s.weight, fillColor: s.fill, fillOpacity: s.opacity,
                dashArray: s.dash, cmCount: p[3]});
            m.cmIndex = i;
            made[k] = window.cmMarkers[i] = m;
        }
        if (made.length) { groups[role].addLayers(made); }
    }
    function addPlaces(data) {
        D = data;
        pending = {};
        ROLES.forEach(function (role) { pending[role] = []; });
        for (var i = 0; i < D.places.length; i++) {
            var p = D.places[i], role = ROLES[p[2]];
            pending[role].push(i);
            (bounds[role] = bounds[role] || L.latLngBounds([])).extend([p[0], p[1]]);
        }
        // By index in the payload, for the feed; a role's markers are made when it is shown.
        window.cmMarkers = new Array(D.places.length);
        // Fit first, so the clusters are drawn once, at the final zoom; new data for new
        // filters (a live map) keeps the view the reader has.
        if (!viewSet) { fit(visibleRoles()); }
        viewSet = true;
        ROLES.forEach(function (role) { if (map.hasLayer(groups[role])) { makeMarkers(role); } });
        window.cmData = D;
        if (window.cmFeedUpdate) { window.cmFeedUpdate(); }
        afterPlaces();
        if (D.feed_url && !D.feed) {
            // The feed's articles come after the markers: they are not what a map waits for.
            var data = D;
            fetch(D.feed_url)
                .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
                .then(function (feed) {
                    if (D !== data) { return; }  // newer markers replaced these meanwhile
                    D.feed = feed;
                    if (window.cmFeedUpdate) { window.cmFeedUpdate(); }
                })
                .catch(function (err) { console.warn("feed not loaded:", err); });
        }
    }
    function afterPlaces() {
        if (Array.isArray(window.cmAfterPlaces)) {
            window.cmAfterPlaces.forEach(function (f) { f(); });
        }
        window.cmAfterPlaces = {push: function (f) { f(); }};
        window.cmPlacesDone = true;
        if (window.cmMapDrawn) { window.cmMapDrawn(); }  // map_setup.js
    }
    // A live map: the markers of each URL the view command gives replace the last ones.
    var dataUrl = null;
    function loadPlaces(url) {
        dataUrl = url;
        fetch(url)
            .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
            .then(function (data) {
                if (url !== dataUrl) { return; }  // newer filters asked for other markers
                if (D) {
                    map.closePopup();
                    ROLES.forEach(function (role) { groups[role].clearLayers(); });
                    bounds = {}; chunks = {}; loaded = {};
                }
                addPlaces(data);
            })
            .catch(function (err) { console.warn("places not loaded:", err); afterPlaces(); });
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
        groups[role].on("add", function () { if (D) { makeMarkers(role); } });
        groups[role].bindTooltip(tooltip);
        groups[role].bindPopup(popup, {maxWidth: 380});
        control.addOverlay(groups[role], NAMES[r]);
    });
    var params = pageParams();
    var roles = params.getAll("role").filter(function (r) {
        return ROLES.indexOf(r) >= 0; });
    if (!params.has("role")) { roles = config.defaultRoles; }
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
        if (!applying && isRole) { window.cmSend({type: "roles", roles: visibleRoles()}); }
    });
    map.on("baselayerchange", function (e) {
        if (!applying) { window.cmSend({type: "base", base: baseId(e.layer)}); }
    });
    // Capture phase: Leaflet stops clicks inside a popup from bubbling to the map.
    map.getContainer().addEventListener("click", function (e) {
        var a = e.target.closest ? e.target.closest("a.cm-open") : null;
        if (!a) { return; }
        e.preventDefault();
        window.cmSend({type: "article", article: a.getAttribute("data-cm-article"),
              place: a.getAttribute("data-cm-place")});
    }, true);

    window.cmApply = function (cmd) {
        if (config.live && cmd.data && cmd.data !== dataUrl) { loadPlaces(cmd.data); }
        if (config.live && window.cmControlShow) {
            window.cmControlShow(cmd.control || null, cmd.controlLegend || "",
                                 cmd.controlShown !== false);
        }
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
        if (v && v.bounds && !seen(v.nonce)) {
            // An article's places: fit them all (a single place at `maxZoom`).
            viewSet = true;
            map.flyToBounds(v.bounds, {maxZoom: v.maxZoom, padding: [40, 40],
                                       duration: window.cmSettled ? 0.6 : 0});
        } else if (v && !v.bounds && !seen(v.nonce)) {
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

    if (config.live) {
        // The data comes with the view command (`cmApply`).
    } else if (config.dataUrl) {
        loadPlaces(config.dataUrl);
    } else {
        addPlaces(config.payload);
    }
}
