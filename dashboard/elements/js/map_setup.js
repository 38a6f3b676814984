/* Map-wide set-up (see dashboard/elements/map_setup.py, which inlines this file): the marker
 * image path, the scale bar, the attributions, the pane the basemap is drawn in, popups kept
 * within the map's height, and `window.cmSend`, the one way the layers report events.
 */

/**
 * @param {L.Map} map
 * @param {Object} config imagePath (Leaflet's marker images), attributions (texts to add)
 */
function cmMapSetup(map, config) {
    // Leaflet guesses the path from its stylesheet, which streamlit-folium adds after the
    // scripts run, so the guess is wrong.
    L.Icon.Default.imagePath = config.imagePath;
    L.control.scale({imperial: false, maxWidth: 80}).addTo(map);
    // Leaflet's default prefix carries a flag; the plain link leaves room for the scale.
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.createPane("cm-basemap").style.zIndex = 250;
    config.attributions.forEach(function (text) {
        map.attributionControl.addAttribution(text);
    });
    // Events for the app (a layer switched, an article or region picked), through
    // streamlit-folium's component value; each carries a fresh id, so a repeat still counts.
    window.cmSend = function (ev) {
        if (!window.Streamlit) { return; }
        ev.id = Date.now() + "-" + Math.random().toString(36).slice(2);
        var g = window.__GLOBAL_DATA__ || {};
        var data = Object.assign({}, g.previous_data || {}, {cm_event: ev});
        g.previous_data = data;
        var send = window.Streamlit.cmSendNow || window.Streamlit.setComponentValue;
        send.call(window.Streamlit, data);
    };
    cmHoldViewReports(map);
    // Once the first markers and the country outlines (where there are outlines) are drawn,
    // one "drawn" event: the page then draws its other panels (the app's `_rest_is_due`);
    // drawn sooner, they held up the markers' and outlines' files and their drawing.
    window.cmMapDrawn = function () {
        if (window.cmDrawnSent || !window.cmPlacesDone ||
                (window.cmHasOutlines && !window.cmOutlinesDone)) { return; }
        window.cmDrawnSent = true;
        requestAnimationFrame(function () { window.cmSend({type: "drawn"}); });
    };
    // A popup never grows taller than the map: longer content scrolls inside it.
    map.on("popupopen", function (e) {
        var room = Math.max(160, map.getSize().y - 90);
        var asked = e.popup.options.maxHeight;
        if (!asked || asked > room) {
            e.popup.options.maxHeight = room;
            e.popup.update();
        }
    });
}

/**
 * Hold streamlit-folium's reports of the view (bounds, zoom) while the map zooms, and send the
 * last one once it has been still for `QUIET_MS`. Each report runs the app again; one from a
 * zoom step landing in the middle of the next step's animation held that step up
 * (`benchmarks/RESULTS.md`, "Zoom steps at 1,000,000 mentions"). The layers' own events
 * (`cmSend`) are never held.
 *
 * @param {L.Map} map
 */
function cmHoldViewReports(map) {
    var QUIET_MS = 400, zooming = false, timer = null, held = null;
    function install() {
        var S = window.Streamlit;
        if (!S || S.cmSendNow) { return; }
        S.cmSendNow = S.setComponentValue;
        S.setComponentValue = function () {
            if (zooming || timer !== null) {
                held = arguments;  // the latest view is the one that counts
                return;
            }
            return S.cmSendNow.apply(S, arguments);
        };
    }
    map.on("zoomstart", function () {
        install();
        zooming = true;
        clearTimeout(timer);
        timer = null;
    });
    map.on("zoomend", function () {
        zooming = false;
        clearTimeout(timer);
        timer = setTimeout(function () {
            timer = null;
            if (held && window.Streamlit) {
                var args = held;
                held = null;
                window.Streamlit.cmSendNow.apply(window.Streamlit, args);
            }
        }, QUIET_MS);
    });
}
