"""Time the territorial-control layer with 10,000 claims and 1,000 imported areas.

Issue 14's speed acceptance: the control layer adds <= 0.5 s to the page load, and changing
the as-of day redraws it in <= 0.3 s. Run with `make bench`, or
`python benchmarks/control_layer.py [--claims N] [--areas N] [--runs 3]`.

1. A synthetic SQLite store, seeded: 1,000 articles of 10 claims each over the admin-1
   regions of Ukraine, Russia, Sudan, Syria and Myanmar (a quarter of them about towns, drawn
   as points), and 1,000 small boxes inside Ukrainian and Russian regions imported with
   `geo.control.areas.import_areas` from a GeoJSON file.
2. Server: `prepare` (what `dashboard.control_files._control_base` does once per store version),
   then `control_layer(details=False)` + `control_features(popups=False)` + `control_json`
   (what `dashboard.control_files._control_json` does on a cache miss, i.e. on every new as-of
   day), medians of `--runs`; the page load (every claim, as_of None) counts both, a day
   change (two earlier days) the second only. The popups file, written by a background
   thread after the layer's, is timed apart.
3. Browser, offline, in Debian's chromium (every non-loopback request aborted): a bare page
   with the vendored Leaflet, a canvas renderer as `map.cmRenderer` with 200 circle markers
   and a canvas of 50 polygons (what the app's page has drawn before the control layer: the
   place markers and the offline country outlines) and the project's
   `dashboard/elements/js/control_layer.js`; from `cmControlShow(url)` until
   `window.cmControlLoaded` is set and one animation frame has run (fetch, parse, draw),
   median of `--runs` fresh pages; then, in the same page, the next day's file given to the
   layer (`window.cmControlShow`, as the live map's view command does): a day change.

Prints figures with PASS/FAIL and exits 0 either way (speed goals live here, not in tests).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from geo.access import local_editor

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.control import control_features, control_popups  # noqa: E402
from dashboard.control_files import control_json  # noqa: E402
from dashboard.markup import file_json  # noqa: E402  (the popups file)
from geo.control.areas import import_areas  # noqa: E402
from geo.control.layer import Prepared, control_layer, outlines, prepare  # noqa: E402
from geo.control.regions import Regions  # noqa: E402
from geo.models import ACTIONS, BOUNDS, Article, Claim, article_id  # noqa: E402
from geo.sides.resolve import Sides  # noqa: E402
from geo.store.database import Store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LEAFLET = ROOT / "dashboard" / "static" / "leaflet"
CONTROL_JS = ROOT / "dashboard" / "elements" / "js" / "control_layer.js"
LOAD_GOAL_S = 0.5
REDRAW_GOAL_S = 0.3
COUNTRIES = ("UA", "RU", "SD", "SY", "MM")
AREA_COUNTRIES = ("UA", "RU")
# Actors the sides table knows (assets/sides.csv), by country, and a few it does not.
ACTORS = {
    "UA": ("Russian forces", "Ukrainian troops"), "RU": ("Russian forces", "Ukrainian troops"),
    "SD": ("the RSF", "the Sudanese army"), "SY": ("Syrian army", "HTS"),
    "MM": ("the junta", "the Arakan Army"),
}
UNKNOWN_ACTORS = ("the 4th brigade", "local militias", "unidentified fighters")
CLAIMANTS = (None, "the defence ministry", "the general staff", "a spokesman", "ISW")
STATUSES = ("assessed_control", "assessed_advance", "claimed")
START_DAY = 19358  # 2023-01-01 as days since 1970-01-01
SPAN_DAYS = 730
# The as-of days timed: every claim (the dashboard's default), then two earlier ends.
DAYS = (None, "2024-11-30", "2024-06-30")


def iso_day(days: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(days * 86400))


def build_store(db: Path, folder: Path, regions: Regions, *, n_claims: int, n_areas: int,
                seed: int = 14) -> tuple[float, float]:
    """Write the synthetic store; the seconds spent on claims and on areas."""
    rng = random.Random(seed)
    by_country = {c: [r for r in regions.in_country(c) if r.iso] for c in COUNTRIES}
    towns = []  # (place_id, name, country, lat, lon): a few claims per town
    for n in range(max(1, n_claims // 25)):
        country = rng.choice(COUNTRIES)
        region = rng.choice(by_country[country])
        towns.append((900_000 + n, f"Town {n}", country,
                      round(region.lat + rng.uniform(-0.05, 0.05), 5),
                      round(region.lon + rng.uniform(-0.05, 0.05), 5)))
    t0 = time.perf_counter()
    per_article = 10
    with Store(db) as store:
        for a in range(-(-n_claims // per_article)):
            published = iso_day(START_DAY + rng.randrange(SPAN_DAYS))
            specs = []
            for i in range(min(per_article, n_claims - a * per_article)):
                specs.append(_claim_spec(rng, by_country, towns, published, a, i))
            text = " ".join(s["quote"] for s in specs)
            article = Article(id=article_id(text), text=text, published=published,
                              title=f"Synthetic article {a}",
                              url=f"https://example.org/{a}")
            claims, start = [], 0
            for spec in specs:
                quote = spec.pop("quote")
                claims.append(Claim(article.id, quote=quote, start=start,
                                    end=start + len(quote), published=published, **spec))
                start += len(quote) + 1
            store.add_article(article, [], claims, editor=local_editor())
        claims_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        path = folder / "areas.geojson"
        path.write_text(json.dumps(_areas_geojson(rng, by_country, n_areas)), encoding="utf-8")
        import_areas(path, store, regions, editor=local_editor())
        areas_s = time.perf_counter() - t1
    return claims_s, areas_s


def _claim_spec(rng: random.Random, by_country: dict, towns: list, published: str,
                a: int, i: int) -> dict:
    town = rng.random() < 0.25
    if town:
        place_id, name, country, lat, lon = rng.choice(towns)
        where = {"region": None, "region_name": name, "place_id": place_id,
                 "lat": lat, "lon": lon}
    else:
        country = rng.choice(COUNTRIES)
        region = rng.choice(by_country[country])
        name = region.name
        where = {"region": region.iso, "region_name": name}
    actor = rng.choice(UNKNOWN_ACTORS) if rng.random() < 0.1 else rng.choice(ACTORS[country])
    unit = rng.choice(("percent", "percent", "km2", None))
    value = kind = denominator = None
    if unit == "percent":
        value = round(rng.uniform(5, 95), 1)
        kind = rng.choice((None, "region", "region", "part"))
        denominator = ("the land once held by Ukrainian troops" if kind == "part"
                       else name if kind == "region" else None)
    elif unit == "km2":
        value = float(rng.randrange(10, 2500))
    as_of = None
    if rng.random() < 0.2:
        day = time.strptime(published, "%Y-%m-%d")
        as_of = iso_day(int(time.mktime(day) // 86400) - rng.randrange(1, 10))
    action = rng.choice(ACTIONS)
    quote = (f"Claim {a}.{i}: {actor} {action} {value if value is not None else ''} "
             f"{unit or ''} of {name}.")
    return {"quote": quote, "actor": actor, "action": action, "value": value, "unit": unit,
            "bound": rng.choice((None, *BOUNDS)) if unit else None,
            "denominator": denominator, "denominator_kind": kind,
            "claimant": rng.choice(CLAIMANTS), "negated": rng.random() < 0.03,
            "as_of": as_of, **where}


def _areas_geojson(rng: random.Random, by_country: dict, n_areas: int) -> dict:
    features = []
    for n in range(n_areas):
        country = rng.choice(AREA_COUNTRIES)
        region = rng.choice(by_country[country])
        lat = region.lat + rng.uniform(-0.04, 0.04)
        lon = region.lon + rng.uniform(-0.04, 0.04)
        half = rng.uniform(0.01, 0.03)  # 2-6 km wide
        ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half],
                [lon - half, lat + half], [lon - half, lat - half]]
        features.append({"type": "Feature", "geometry": {"type": "Polygon",
                                                         "coordinates": [ring]},
                         "properties": {"name": f"Area {n}",
                                        "actor": rng.choice(ACTORS[country]),
                                        "status": rng.choice(STATUSES),
                                        "date": iso_day(START_DAY + rng.randrange(SPAN_DAYS)),
                                        "source": f"https://example.org/area/{n}"}})
    return {"type": "FeatureCollection", "features": features}


def server_prepare(db: Path, regions: Regions) -> tuple[float, Prepared]:
    """What a cache miss of `dashboard.control_files._control_base` costs (the day-independent part,
    once per store version): seconds and the result."""
    t0 = time.perf_counter()
    with Store(db) as store:
        prepared = prepare(store, regions, sides=Sides.for_database(db))
    return time.perf_counter() - t0, prepared


OUTLINES = "control-outlines.json"


def server_outlines(regions: Regions, prepared: Prepared) -> tuple[float, str]:
    """`dashboard.control_files._control_outlines` (once per store version, after `prepare`): every
    outline the layer may draw, which the map keeps across days; seconds and the JSON."""
    t0 = time.perf_counter()
    text = control_json(outlines(prepared, regions))
    return time.perf_counter() - t0, text


def server_build(db: Path, regions: Regions, as_of: str | None,
                 prepared: Prepared) -> tuple[float, str]:
    """What a cache miss of `dashboard.control_files._control_json` costs once the store version's
    `prepare` is cached (every new as-of day): seconds and the JSON of the day's file,
    without popups, naming the outlines file instead of carrying geometry."""
    t0 = time.perf_counter()
    collection = control_layer(None, regions, as_of=as_of, prepared=prepared, details=False)
    data, _legend = control_features(collection, popups=False)
    text = control_json(data, outlines_file=OUTLINES)
    return time.perf_counter() - t0, text


def server_popups(regions: Regions, as_of: str | None, prepared: Prepared) -> tuple[float, int]:
    """The popups file (`dashboard.control_files._write_control_popups`, a background thread after
    the layer's file): seconds and bytes."""
    t0 = time.perf_counter()
    collection = control_layer(None, regions, as_of=as_of, prepared=prepared)
    text = file_json(control_popups(collection))
    return time.perf_counter() - t0, len(text.encode("utf-8"))


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="leaflet.css">
<style>html,body,#map{margin:0;height:100%}</style>
<script src="leaflet.js"></script></head>
<body><div id="map"></div><script>
var map = L.map("map", {preferCanvas: true}).setView([49, 36], 5);
map.cmRenderer = L.canvas({padding: 0.5});
var control = L.control.layers().addTo(map);
window.cmSend = function () {};  // the map set-up's event sender; no Streamlit here
// What the app's page has drawn before the control layer: place markers on this canvas and
// the offline base layer's country polygons on a canvas of their own (here a stand-in).
for (var i = 0; i < 200; i++) {
    L.circleMarker([44 + (i % 20) / 2, 28 + i / 10], {renderer: map.cmRenderer}).addTo(map);
}
var boxes = [];
for (var j = 0; j < 50; j++) {
    var x = 20 + (j % 10) * 2, y = 40 + Math.floor(j / 10) * 2;
    boxes.push({type: "Feature", properties: {}, geometry: {type: "Polygon", coordinates:
        [[[x, y], [x + 1.5, y], [x + 1.5, y + 1.5], [x, y + 1.5], [x, y]]]}});
}
L.geoJson({type: "FeatureCollection", features: boxes},
          {renderer: L.canvas(), interactive: false, style: {weight: 0.7}}).addTo(map);
__CONTROL_JS__
</script></body></html>
"""

# From the call to `window.cmControlLoaded` being set plus one animation frame (the canvas
# renderer draws in a frame callback registered before ours); milliseconds.
DRAW = """async (url) => {
    // As the live map does: the layer made once, each day's file given to it.
    if (!window.cmControlShow) {
        cmControlLayer(map, {url: null, name: "x", show: true}, control);
    }
    window.cmControlLoaded = undefined;
    const t0 = performance.now();
    window.cmControlShow(url);
    await new Promise((resolve) => {
        (function poll() {
            if (window.cmControlLoaded !== undefined) {
                requestAnimationFrame(() => setTimeout(resolve, 0));
            } else { setTimeout(poll, 1); }
        })();
    });
    return [performance.now() - t0, window.cmControlLoaded];
}"""
# The fetch and JSON parse alone (part of DRAW), milliseconds.
FETCH = """async (url) => {
    const t0 = performance.now();
    const data = await (await fetch(url, {cache: "no-store"})).json();
    return [performance.now() - t0, data.features.length];
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def browser_draws(folder: Path, files: list[str], runs: int
                  ) -> tuple[list[list[float]], list[list[float]]]:
    """Per run, the seconds to draw each file in turn in one fresh page, and to fetch and
    parse each (after the draws, in the same page)."""
    from playwright.sync_api import sync_playwright

    shutil.copy(LEAFLET / "leaflet.js", folder / "leaflet.js")
    shutil.copy(LEAFLET / "leaflet.css", folder / "leaflet.css")
    (folder / "index.html").write_text(
        PAGE.replace("__CONTROL_JS__", CONTROL_JS.read_text(encoding="utf-8")),
        encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out, fetches = [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM)
            try:
                for _ in range(runs):
                    page = browser.new_page(viewport={"width": 1280, "height": 800})
                    page.route("**/*", lambda route: route.continue_()
                               if urlsplit(route.request.url).hostname == "127.0.0.1"
                               else route.abort())
                    page.goto(f"{base}/index.html")
                    page.wait_for_function("() => typeof cmControlLayer === 'function'")
                    times = []
                    for name in files:
                        ms, count = page.evaluate(DRAW, name)
                        if not count:
                            raise RuntimeError(f"{name}: nothing drawn")
                        times.append(ms / 1000)
                    out.append(times)
                    fetches.append([page.evaluate(FETCH, name)[0] / 1000 for name in files])
                    page.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
    return out, fetches


def verdict(seconds: float, goal: float) -> str:
    return "PASS" if seconds <= goal else "FAIL"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--areas", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    regions = Regions()
    with tempfile.TemporaryDirectory(prefix="cm-control-bench-") as tmp:
        folder = Path(tmp)
        db = folder / "control.sqlite"
        claims_s, areas_s = build_store(db, folder, regions, n_claims=args.claims,
                                        n_areas=args.areas)
        print(f"store: {args.claims:,} claims in {claims_s:.1f} s, {args.areas:,} areas "
              f"imported in {areas_s:.1f} s", flush=True)
        server, sizes, files = {}, {}, []
        prepares = []
        for _ in range(args.runs):
            seconds, prepared = server_prepare(db, regions)
            prepares.append(seconds)
        outline_s, outline_text = server_outlines(regions, prepared)
        (folder / OUTLINES).write_text(outline_text, encoding="utf-8")
        prepare_s = statistics.median(prepares) + outline_s
        print(f"server, once per store version (prepare + outlines): median {prepare_s:.2f} s "
              f"(prepare runs {', '.join(f'{t:.2f}' for t in prepares)}; outlines "
              f"{outline_s:.2f} s, {len(outline_text) / 1e6:.2f} MB)", flush=True)
        for n, day in enumerate(DAYS):
            times = []
            for _ in range(args.runs):
                seconds, text = server_build(db, regions, day, prepared)
                times.append(seconds)
            # The page load pays for `prepare` too; a day change finds it cached.
            server[day] = statistics.median(times) + (prepare_s if n == 0 else 0.0)
            sizes[day] = len(text.encode("utf-8"))
            name = f"control-{n}.json"
            (folder / name).write_text(text, encoding="utf-8")
            files.append(name)
            features = json.loads(text)["features"]
            kinds = {k: sum(f["properties"]["kind"] == k for f in features)
                     for k in ("region", "area", "place")}
            popup_s, popup_bytes = server_popups(regions, day, prepared)
            print(f"server as of {day or 'every claim'}: median {server[day]:.2f} s "
                  f"(runs {', '.join(f'{t:.2f}' for t in times)}), "
                  f"{sizes[day] / 1e6:.2f} MB, {kinds}; popups file after it, in the "
                  f"background: {popup_s:.2f} s, {popup_bytes / 1e6:.2f} MB", flush=True)
        runs, fetches = browser_draws(folder, files, args.runs)
        browser = {day: statistics.median(r[n] for r in runs) for n, day in enumerate(DAYS)}
        for n, day in enumerate(DAYS):
            fetch_s = statistics.median(r[n] for r in fetches)
            print(f"browser as of {day or 'every claim'}: median {browser[day]:.2f} s "
                  f"(runs {', '.join(f'{r[n]:.2f}' for r in runs)}; of which fetch + JSON "
                  f"parse alone {fetch_s:.2f} s)")
    print()
    print(f"{'as of':>12} {'claims':>7} {'areas':>6} {'store s':>8} {'server s':>9} "
          f"{'JSON MB':>8} {'browser s':>10} {'total s':>8}  goal")
    store_s = claims_s + areas_s
    results = []
    # A page load pays the server only when its cache is cold: the first view after the store
    # changed (`prepare`, the outlines and the day's file); every later view of that store
    # version, by anyone, finds the file written and only fetches and draws it.
    rows = [("first page load after a store change", None, server[None], LOAD_GOAL_S),
            ("page load (server cache warm)", None, 0.0, LOAD_GOAL_S)]
    rows += [(f"day change (to {day})", day, server[day], REDRAW_GOAL_S) for day in DAYS[1:]]
    for what, day, server_s, goal in rows:
        total = server_s + browser[day]
        results.append((what, total, server_s, browser[day], goal))
        print(f"{day or 'all':>12} {args.claims:>7,} {args.areas:>6,} {store_s:>8.1f} "
              f"{server_s:>9.2f} {sizes[day] / 1e6:>8.2f} {browser[day]:>10.2f} "
              f"{total:>8.2f}  {what} <= {goal} s: {verdict(total, goal)}")
    print()
    for what, total, server_s, browser_s, goal in results:
        print(f"{verdict(total, goal)}: control layer, {what}: {total:.2f} s "
              f"(server {server_s:.2f} s + browser {browser_s:.2f} s; goal <= {goal} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
