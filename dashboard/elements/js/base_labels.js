/* Place names on the offline base map (see dashboard/elements/country_outlines.py, which
 * inlines this file and calls `cmBaseLabels` with the outlines layer): capitals first, towns
 * from about zoom 7, villages from 10, province names from 5 to 8, lake names by their size,
 * river names along their rivers (placed last: they give way to every other name), from the files
 * `dashboard/static_assets.write_labels` writes. Only the cells a view covers are fetched.
 * Names that would collide give way to the more important ones already placed (the files are
 * in that order); all of a view's names are written into one element at once, in a pane
 * between the shaded regions and the markers that takes no clicks.
 */

/**
 * Show place names with `outlines` (the offline base layer), while it is on the map.
 *
 * @param {L.Layer} outlines
 * @param {Object} config url (the folder of the label files, ending in "/")
 */
function cmBaseLabels(outlines, config) {
    var map = null, box = null, index = null, cells = {}, asked = {};
    var MAX_LABELS = 350, GRID = 64;

    function escape(text) {
        return String(text).replace(/[&<>"']/g, function (c) {
            return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
        });
    }
    function json(url) {
        return fetch(url).then(function (r) {
            if (!r.ok) { throw new Error(r.status); }
            return r.json();
        });
    }
    function cell(tier, key) {
        // A cell's labels, or null while it is fetched (drawn again when it arrives).
        var id = tier + "/" + key;
        if (cells[id]) { return cells[id]; }
        if (!asked[id]) {
            asked[id] = true;
            json(config.url + id + ".json").then(function (rows) {
                cells[id] = rows;
                draw();
            }).catch(function (err) { console.warn("labels not loaded:", id, err); });
        }
        return null;
    }
    function lists(zoom, bounds) {
        var out = [index.labels];
        [["t7", 7], ["t9", 9]].forEach(function (tier) {
            if (zoom < tier[1]) { return; }
            var size = index.size[tier[0]], have = index.have[tier[0]];
            var x0 = Math.floor((bounds.getWest() + 180) / size);
            var x1 = Math.floor((bounds.getEast() + 180) / size);
            var y0 = Math.floor((bounds.getSouth() + 90) / size);
            var y1 = Math.floor((bounds.getNorth() + 90) / size);
            for (var x = x0; x <= x1; x++) {
                for (var y = y0; y <= y1; y++) {
                    var key = x + "_" + y;
                    if (have[key]) {
                        var rows = cell(tier[0], key);
                        if (rows) { out.push(rows); }
                    }
                }
            }
        });
        return out;
    }
    function draw() {
        if (!box || !index) { return; }
        var zoom = map.getZoom(), bounds = map.getBounds().pad(0.1);
        var grid = {}, html = [], placed = [], candidates = 0;
        function free(x0, y0, x1, y1) {
            for (var gx = Math.floor(x0 / GRID); gx <= Math.floor(x1 / GRID); gx++) {
                for (var gy = Math.floor(y0 / GRID); gy <= Math.floor(y1 / GRID); gy++) {
                    var boxes = grid[gx + ":" + gy] || [];
                    for (var i = 0; i < boxes.length; i++) {
                        var b = boxes[i];
                        if (x0 < b[2] && b[0] < x1 && y0 < b[3] && b[1] < y1) { return false; }
                    }
                }
            }
            return true;
        }
        function take(x0, y0, x1, y1) {
            var b = [x0, y0, x1, y1];
            for (var gx = Math.floor(x0 / GRID); gx <= Math.floor(x1 / GRID); gx++) {
                for (var gy = Math.floor(y0 / GRID); gy <= Math.floor(y1 / GRID); gy++) {
                    (grid[gx + ":" + gy] = grid[gx + ":" + gy] || []).push(b);
                }
            }
        }
        function place(all, rivers) {
            for (var l = 0; l < all.length && placed.length < MAX_LABELS; l++) {
                var rows = all[l];
                for (var r = 0; r < rows.length && placed.length < MAX_LABELS; r++) {
                    var row = rows[r], kind = row[4];
                    if ((kind === 3) !== rivers) { continue; }
                    if (row[3] > zoom || (kind === 2 && zoom > 8)) { continue; }
                    if (!bounds.contains([row[0], row[1]])) { continue; }
                    candidates++;
                    // Text widths estimated from the length (no layout read per name).
                    var p = map.latLngToLayerPoint([row[0], row[1]]);
                    var big = kind === 0 && row[3] <= 6;  // a city: larger than the towns
                    var wide = kind === 2 || kind === 4 || big;  // spaced or larger letters
                    var w = row[2].length * (kind === 1 ? 7 : wide ? 6.6 : 6) + 6;
                    var h = 14, centred = kind >= 2;  // provinces, rivers and lakes
                    var x0 = centred ? p.x - w / 2 : p.x - 3, y0 = p.y - h / 2;
                    if (!free(x0 - 2, y0 - 1, x0 + w + 2, y0 + h + 1)) { continue; }
                    take(x0 - 2, y0 - 1, x0 + w + 2, y0 + h + 1);
                    placed.push([row[2], kind, row[3]]);
                    html.push('<span class="cm-label cm-label-' + kind + (big ? " cm-label-big" : "")
                              + '" style="transform:translate(' + Math.round(x0) + "px,"
                              + Math.round(y0) + 'px)">' + escape(row[2]) + "</span>");
                }
            }
        }
        var all = lists(zoom, bounds);
        // Every other name first, then the rivers' in the room left.
        place(all, false);
        place(all, true);
        box.innerHTML = html.join("");
        window.cmLabelStats = {zoom: zoom, candidates: candidates, placed: placed};
    }
    function show() {
        map = outlines._map;
        if (!map || box) { return; }
        if (!map.getPane("cm-labels")) {
            map.createPane("cm-labels").style.zIndex = 450;
            map.getPane("cm-labels").style.pointerEvents = "none";
        }
        box = L.DomUtil.create("div", "cm-labels leaflet-zoom-hide", map.getPane("cm-labels"));
        map.on("moveend viewreset", draw);
        if (index) {
            draw();
        } else {
            json(config.url + "index.json").then(function (data) {
                var have = {};
                Object.keys(data.cells).forEach(function (tier) {
                    have[tier] = {};
                    data.cells[tier].forEach(function (key) { have[tier][key] = true; });
                });
                data.have = have;
                index = data;
                draw();
            }).catch(function (err) { console.warn("labels not loaded:", err); });
        }
    }
    function hide() {
        if (!box) { return; }
        map.off("moveend viewreset", draw);
        L.DomUtil.remove(box);
        box = null;
    }
    outlines.on("add", function () {
        // After the place markers, like the outlines themselves.
        (window.cmAfterPlaces = window.cmAfterPlaces || []).push(show);
    });
    outlines.on("remove", hide);
}
