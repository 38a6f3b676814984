/* The legend (see dashboard/elements/legend.py, which inlines this file): a Leaflet control in
 * the bottom-left corner. Controls sit above Leaflet's popup pane, so the legend steps aside
 * while a popup is open rather than covering its lower part. It folds away under its summary.
 */

/**
 * @param {L.Map} map
 * @param {Object} config html (the legend's content, already escaped)
 */
function cmLegend(map, config) {
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function () {
        var div = L.DomUtil.create("div", "cm-legend");
        // Collapsible: the summary folds the legend away when it hides too much map.
        var details = L.DomUtil.create("details", "", div);
        // Open where the map is tall enough to spare the room; folded on a small screen.
        details.open = map.getSize().y >= 700;
        L.DomUtil.create("summary", "", details).textContent = "Legend";
        L.DomUtil.create("div", "", details).innerHTML = config.html;
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
    };
    legend.addTo(map);
    map.on("popupopen", function () {
        legend.getContainer().classList.add("cm-hidden"); });
    map.on("popupclose", function () {
        legend.getContainer().classList.remove("cm-hidden"); });
}
