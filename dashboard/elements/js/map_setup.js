/* Map-wide set-up (see dashboard/elements/map_setup.py, which inlines this file): the marker
 * image path, the scale bar, the attributions, the pane the basemap is drawn in, and popups
 * kept within the map's height.
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
