"""Time the base map's place names (issue 17: "measure what it adds to the page load").

Run with `make bench`, or `python benchmarks/base_labels.py [--runs 5]`. A bare page with the
vendored Leaflet and the project's `dashboard/elements/js/base_labels.js`, served with the
label files `make static` writes (`dashboard/static/basemap/labels/`) from a loopback server,
in Debian's chromium with every other request refused, 1500×1000:

1. page load: from the base layer's "add" (which shows the names) at zoom 5 over the Donbas
   until the first names are placed (the index fetched, parsed and placed);
2. zoom to 8, then 10: from `setView` until the view's names are placed with the cells it
   covers fetched.

Prints medians of `--runs` fresh pages, the bytes fetched and the names placed, and the size
of the rivers' lines (fetched after the markers and outlines, not timed here). No goal was
set for it: the figures say what the labels cost.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "dashboard" / "static"
SCRIPT = ROOT / "dashboard" / "elements" / "js" / "base_labels.js"
CHROMIUM = "/usr/bin/chromium"

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/leaflet/leaflet.css">
<style>html,body,#map{margin:0;height:100%}
.cm-labels span{position:absolute;left:0;top:0;white-space:nowrap;font:11px/14px sans-serif}
</style><script src="/leaflet/leaflet.js"></script></head>
<body><div id="map"></div><script>
var map = L.map("map").setView([48.4, 36.5], 5);
window.cmAfterPlaces = {push: function (f) { f(); }};  // no place layer here
__SCRIPT__
var outlines = L.layerGroup();
cmBaseLabels(outlines, {url: "/basemap/labels/"});
</script></body></html>"""

# From `run()` until the names of `zoom` are placed and no cell is still on its way.
TIMED = """async ([zoom, first]) => {
    const t0 = performance.now();
    if (first) { outlines.addTo(map); }
    else { map.setView([48.15, 37.75], zoom, {animate: false}); }
    await new Promise((resolve) => {
        let last = -1, same = 0;
        (function poll() {
            const s = window.cmLabelStats;
            if (s && s.zoom === zoom) {
                const n = s.placed.length;
                same = n === last ? same + 1 : 0;
                last = n;
                if (same >= 20) { resolve(); return; }  // 20 ms without a change
            }
            setTimeout(poll, 1);
        })();
    });
    return [performance.now() - t0 - 20, window.cmLabelStats.placed.length];
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not (STATIC / "basemap" / "labels" / "index.json").exists():
        print("the label files are not written: run `make static` first", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    page_html = PAGE.replace("__SCRIPT__", SCRIPT.read_text(encoding="utf-8")).encode()

    class Handler(_Quiet):
        def do_GET(self) -> None:
            if self.path == "/index.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(page_html)
            else:
                super().do_GET()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(STATIC)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    steps = ((5, True), (8, False), (10, False))
    times: dict[int, list[float]] = {z: [] for z, _ in steps}
    placed: dict[int, int] = {}
    fetched: dict[int, int] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM)
            try:
                for _ in range(args.runs):
                    page = browser.new_page(viewport={"width": 1500, "height": 1000})
                    sizes: list[int] = []
                    page.route("**/*", lambda route: route.continue_()
                               if urlsplit(route.request.url).hostname == "127.0.0.1"
                               else route.abort())
                    page.on("response", lambda r, sizes=sizes: sizes.append(
                        len(r.body()) if "/labels/" in r.url else 0))
                    page.goto(f"{base}/index.html")
                    page.wait_for_function("() => typeof cmBaseLabels === 'function'")
                    for zoom, first in steps:
                        before = len(sizes)
                        ms, n = page.evaluate(TIMED, [zoom, first])
                        times[zoom].append(ms / 1000)
                        placed[zoom] = n
                        fetched[zoom] = sum(sizes[before:])
                    page.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
    for zoom, first in steps:
        what = "page load (index)" if first else f"zoom to {zoom} (cells)"
        print(f"labels, {what}: median {statistics.median(times[zoom]):.3f} s "
              f"(runs {', '.join(f'{t:.3f}' for t in times[zoom])}), "
              f"{fetched[zoom] / 1e3:.0f} kB fetched, {placed[zoom]} names placed")
    rivers = STATIC / "basemap" / "rivers.geojson"
    if rivers.exists():  # fetched after the markers and the outlines: not in the times above
        features = json.loads(rivers.read_text(encoding="utf-8"))["features"]
        print(f"rivers: {len(features):,} lines, {rivers.stat().st_size / 1e6:.2f} MB "
              f"({rivers.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
