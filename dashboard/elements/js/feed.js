/* The feed (see dashboard/elements/feed.py, which inlines this file and calls `cmFeed`): a
 * panel in the map's top-right corner listing, newest first, the articles with a place drawn
 * in the current view (`window.cmData.feed`, written with the markers by dashboard/feed.py)
 * and the claims of control in view: at places (`window.cmControlPlaces`) and about the regions
 * shaded where they meet the view (`window.cmControlRegions`). It follows the map: redrawn
 * after every move, role switch and new data. A click (or Enter) on an item opens its popup:
 * an article's first place in view (zooming in until its cluster opens), a claim's icon, a
 * region's shading.
 */

/**
 * @param {L.Map} map
 * @param {Object} config roles (ids, in the payload's order), max (items listed)
 */
function cmFeed(map, config) {
    var list = null, count = null, items = [];
    function escape(text) {
        return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
            return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
        });
    }
    var panel = L.control({position: "topright"});
    panel.onAdd = function () {
        var div = L.DomUtil.create("div", "cm-feed");
        var details = L.DomUtil.create("details", "", div);
        details.open = map.getSize().x >= 900 && map.getSize().y >= 500;
        var summary = L.DomUtil.create("summary", "", details);
        summary.appendChild(document.createTextNode("In this view "));
        count = L.DomUtil.create("span", "cm-feed-count", summary);
        list = L.DomUtil.create("ol", "", details);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        list.addEventListener("click", open);
        list.addEventListener("keydown", function (e) { if (e.key === "Enter") { open(e); } });
        return div;
    };
    panel.addTo(map);

    function drawn(i, bounds) {
        var p = window.cmData.places[i], group = (window.cmGroups || {})[config.roles[p[2]]];
        return !!group && map.hasLayer(group) && bounds.contains([p[0], p[1]]);
    }
    function render() {
        var data = window.cmData;
        if (!list || !data) { return; }
        var bounds = map.getBounds(), found = [];
        (data.feed || []).forEach(function (a) {
            for (var k = 0; k < a[3].length; k++) {
                if (drawn(a[3][k], bounds)) {
                    found.push({date: a[2], article: a, marker: a[3][k]});
                    return;
                }
            }
        });
        (window.cmControlPlaces ? window.cmControlPlaces() : []).forEach(function (f) {
            if (bounds.contains([f.geometry.coordinates[1], f.geometry.coordinates[0]])) {
                found.push({date: f.properties.date || "", claim: f});
            }
        });
        (window.cmControlRegions ? window.cmControlRegions() : []).forEach(function (l) {
            if (bounds.intersects(l.getBounds())) {
                found.push({date: l.feature.properties.date || "", region: l});
            }
        });
        // Newest first; undated last (a stable sort keeps the articles' own order).
        found.sort(function (x, y) {
            return x.date === y.date ? 0 : !x.date ? 1 : !y.date ? -1 : x.date < y.date ? 1 : -1;
        });
        items = found.slice(0, config.max);
        count.textContent = "(" + found.length + ")";
        list.innerHTML = items.map(function (item, k) {
            if (item.region) {
                var r = item.region.feature.properties;  // tooltip: HTML escaped by the server
                return '<li tabindex="0" class="cm-feed-claim cm-feed-region" data-k="' + k
                    + '"><span class="cm-feed-swatch" style="background:' + escape(r.color)
                    + '"></span> ' + r.tooltip + "</li>";
            }
            if (item.claim) {
                var p = item.claim.properties;  // tooltip: HTML escaped by the server
                return '<li tabindex="0" class="cm-feed-claim" data-k="' + k + '">'
                    + '<span class="cm-claim-icon" style="border-color:' + escape(p.color)
                    + ";color:" + escape(p.color) + '">' + escape(p.symbol) + "</span> "
                    + p.tooltip + "</li>";
            }
            var a = item.article, p = window.cmData.places[item.marker];
            return '<li tabindex="0" data-k="' + k + '"><b>' + escape(a[0]) + "</b><small>"
                + escape([a[2] || "undated", a[1], p[4]].filter(Boolean).join(" · "))
                + "</small></li>";
        }).join("") || '<li class="cm-feed-none">Nothing here: move or zoom out.</li>';
    }
    function open(e) {
        var li = e.target.closest ? e.target.closest("li[data-k]") : null;
        var item = li ? items[+li.getAttribute("data-k")] : null;
        if (!item) { return; }
        e.preventDefault();
        if (item.region) {
            if (window.cmControlOpenRegion) { window.cmControlOpenRegion(item.region); }
            return;
        }
        if (item.claim) {
            if (window.cmControlOpenPlace) { window.cmControlOpenPlace(item.claim); }
            return;
        }
        var marker = (window.cmMarkers || [])[item.marker];
        var group = marker && window.cmGroups[config.roles[window.cmData.places[item.marker][2]]];
        if (!marker || !group) { return; }
        group.zoomToShowLayer(marker, function () {
            marker.fire("click", {latlng: marker.getLatLng()}, true);
        });
    }
    map.on("moveend overlayadd overlayremove", render);
    window.cmFeedUpdate = render;
}
