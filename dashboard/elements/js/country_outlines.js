/* The offline base layer: country polygons from a same-origin GeoJSON URL, drawn on a canvas in
 * the basemap pane (see dashboard/elements/country_outlines.py, which inlines this file).
 * Fetched asynchronously, and only after the place markers (`window.cmAfterPlaces`, run by the
 * place layer), which the reader came for; at once on a map without them. Rivers follow the
 * outlines, drawn on the same canvas, each from the zoom Natural Earth ranks it at.
 */

/**
 * The country-outline layer, empty until its GeoJSON arrives.
 *
 * @param {Object} config url (the GeoJSON), rivers (the rivers' GeoJSON, optional)
 * @returns {L.GeoJSON}
 */
function cmCountryOutlines(config) {
    var layer = L.geoJson(null, {
        pane: "cm-basemap",
        renderer: L.canvas({pane: "cm-basemap"}),
        interactive: false,
        style: {color: "#8c8c8c", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1},
    });
    window.cmHasOutlines = true;
    function done() {  // drawn or failed: the page need not wait for them (map_setup.js)
        window.cmOutlinesDone = true;
        if (window.cmMapDrawn) { window.cmMapDrawn(); }
    }
    (window.cmAfterPlaces = window.cmAfterPlaces || []).push(function () {
        fetch(config.url)
            .then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.json();
            })
            .then(function (data) {
                layer.addData(data);
                done();
                if (config.rivers) { cmRivers(layer, config.rivers); }
            })
            .catch(function (err) { console.warn("country outlines not loaded:", err); done(); });
    });
    setTimeout(function () {
        if (Array.isArray(window.cmAfterPlaces) && !window.cmHasPlaces) {
            window.cmAfterPlaces.forEach(function (f) { f(); });
            window.cmAfterPlaces = {push: function (f) { f(); }};
        }
    }, 0);
    return layer;
}

/**
 * Rivers on the outlines' canvas, fetched once the outlines are drawn; a river shows from its
 * `z` on. The rivers of each `z` are one layer, on the map only from that zoom on: Leaflet
 * projects every path of a canvas on each zoom, drawn or not, and the thousand hidden lines
 * slowed each zoom step at the world view (`benchmarks/RESULTS.md`, "Rivers and the zoom").
 *
 * @param {L.GeoJSON} outlines
 * @param {string} url
 */
function cmRivers(outlines, url) {
    var byZ = {};  // z → the rivers shown from that zoom on
    function style(feature) {
        var map = outlines._map, zoom = map ? map.getZoom() : 0;
        var z = feature.properties.z, shown = z <= zoom;
        return {color: "#7eb0d9", weight: shown ? Math.min(2.2, 0.6 + (zoom - z) * 0.4) : 0,
                opacity: shown ? 0.9 : 0};
    }
    function update() {
        var map = outlines._map;
        if (!map) { return; }
        var zoom = map.getZoom(), shown = 0;
        Object.keys(byZ).forEach(function (z) {
            var group = byZ[z];
            if (Number(z) <= zoom) {
                if (!outlines.hasLayer(group)) { outlines.addLayer(group); }
                group.setStyle(style);
                shown += group.getLayers().length;
            } else if (outlines.hasLayer(group)) {
                outlines.removeLayer(group);
            }
        });
        window.cmRiversShown = shown;
    }
    fetch(url)
        .then(function (response) {
            if (!response.ok) { throw new Error(response.status); }
            return response.json();
        })
        .then(function (data) {
            data.features.forEach(function (feature) {
                var z = feature.properties.z;
                byZ[z] = byZ[z] || L.geoJson(null, {
                    pane: "cm-basemap",
                    renderer: outlines.options.renderer,
                    interactive: false,
                    style: style,
                });
                byZ[z].addData(feature);
            });
            window.cmRiverCount = data.features.length;
            update();
        })
        .catch(function (err) { console.warn("rivers not loaded:", err); });
    outlines.on("add", function () { outlines._map.on("zoomend", update); update(); });
    outlines.on("remove", function (e) { e.target._map && e.target._map.off("zoomend", update); });
    if (outlines._map) { outlines._map.on("zoomend", update); }
}
