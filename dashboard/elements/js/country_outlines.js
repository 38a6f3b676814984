/* The offline base layer: country polygons from a same-origin GeoJSON URL, drawn on a canvas in
 * the basemap pane (see dashboard/elements/country_outlines.py, which inlines this file).
 * Fetched asynchronously, and only after the place markers (`window.cmAfterPlaces`, run by the
 * place layer), which the reader came for; at once on a map without them.
 */

/**
 * The country-outline layer, empty until its GeoJSON arrives.
 *
 * @param {Object} config url (the GeoJSON)
 * @returns {L.GeoJSON}
 */
function cmCountryOutlines(config) {
    var layer = L.geoJson(null, {
        pane: "cm-basemap",
        renderer: L.canvas({pane: "cm-basemap"}),
        interactive: false,
        style: {color: "#8c8c8c", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1},
    });
    (window.cmAfterPlaces = window.cmAfterPlaces || []).push(function () {
        fetch(config.url)
            .then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.json();
            })
            .then(function (data) { layer.addData(data); })
            .catch(function (err) { console.warn("country outlines not loaded:", err); });
    });
    setTimeout(function () {
        if (Array.isArray(window.cmAfterPlaces) && !window.cmHasPlaces) {
            window.cmAfterPlaces.forEach(function (f) { f(); });
            window.cmAfterPlaces = {push: function (f) { f(); }};
        }
    }, 0);
    return layer;
}
