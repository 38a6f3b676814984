"""Time the dashboard with many mentions, offline, in Debian's chromium.

Run with `make bench`, or `python benchmarks/dashboard_load.py [N ...] [--runs 3]` (default
10,000 and 100,000 mentions). For each N it writes a synthetic store once
(`build/bench/synthetic-N.sqlite`, see `benchmarks/synthetic.py`), starts
`streamlit run dashboard/app.py` on it and prints, as the median of `--runs` fresh browser
loads with every non-loopback request blocked:

- load: `page.goto` until the first cluster icon or marker is laid out in the map frame
  (Streamlit's own start-up in the page included; the first, cold load also fills the server's
  caches and is printed apart). The page itself looks every 10 ms and notes the time
  (`FIRST_MARKERS_SEEN`): Playwright's `wait_for_selector` re-checks with a back-off of up to
  500 ms, which added 0.3-1.0 s of waiting to what it measured here (both are printed);
- zoom: one zoom-in step, from `map.zoomIn()` until `zoomend` and two painted frames;
- feed: a pan of 300 px, from `map.panBy` until the feed (issue 17) lists the new view's
  articles and two frames are painted (the labels redraw on the same move), 1.5 s after the
  zoom steps (the view they end at is reported to the app 400 ms after the last);
- payload: bytes the page received over Streamlit's websocket during the load, and the marker
  JSON the map fetched (`/app/static/data/`; popups load later, when one opens);
- the server's peak RSS (VmHWM) after all loads, and its RSS after each (each load is a new
  session: what the server keeps per session shows as growth).

With a PostgreSQL server (`--pg URL`, default `$CONFLICT_MAP_TEST_PG`; `make bench` starts
`make pg`'s), each N is also written there (schema bench_N, PostGIS columns and all) and timed
the same way, and a line compares the two load medians (issue 15's goal: PostgreSQL within 20 %
of SQLite).

Prints figures; asserts nothing (speed goals live here, not in tests).
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests", ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from browser_support import streamlit_process  # noqa: E402
from synthetic import make_store, schema_url  # noqa: E402

from geo.errors import StoreError  # noqa: E402
from geo.store.database import Store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
BENCH_DIR = ROOT / "build" / "bench"
FIRST_MARKERS = ".marker-cluster, .leaflet-marker-icon"
# Runs in the page (the map frame is same-origin): the wall-clock time at which a cluster icon or
# marker first has a size in the map frame, looked for every 10 ms.
FIRST_MARKERS_SEEN = """(selector) => {
    const frame = document.querySelector('iframe[title*="streamlit_folium"]');
    let icon = null;
    try { icon = frame && frame.contentDocument.querySelector(selector); } catch (err) {}
    const box = icon && icon.getBoundingClientRect();
    return box && box.width > 0 && frame.getBoundingClientRect().height > 0 ? Date.now() : 0;
}"""
ZOOM_STEP = """async () => {
    const map = window.map;
    const t = performance.now();
    const done = new Promise(resolve => map.once("zoomend", resolve));
    map.zoomIn();
    await done;
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t;
}"""

FEED_STEP = """async () => {
    const map = window.map;
    const t = performance.now();
    const done = new Promise(resolve => map.once("moveend", resolve));
    map.panBy([300, 0], {animate: false});
    await done;
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return [performance.now() - t, document.querySelectorAll(".cm-feed li").length];
}"""


def rss_mb(pid: int, field: str = "VmHWM") -> float:
    """VmHWM (or, with "VmRSS", the current RSS) of a process in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_load(browser, url: str) -> tuple[float, float, int, int, float, float]:
    """(seconds to first markers, ms per zoom step, websocket bytes, marker JSON bytes, seconds
    until Playwright's own `wait_for_selector` saw them, ms for the feed to follow a pan)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda route: route.continue_()
                  if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost")
                  else route.abort())
    page = context.new_page()
    received = [0]
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")

    def frame(event) -> None:
        data = event["response"]["payloadData"]
        received[0] += len(base64.b64decode(data)) if event["response"]["opcode"] == 2 \
            else len(data.encode())

    cdp.on("Network.webSocketFrameReceived", frame)
    fetched = [0]
    page.on("response", lambda response: fetched.__setitem__(0, fetched[0] + len(response.body()))
            if "/app/static/data/" in response.url else None)
    try:
        start, wall = time.perf_counter(), time.time()
        page.goto(url)
        seen = page.wait_for_function(FIRST_MARKERS_SEEN, arg=FIRST_MARKERS, polling=10,
                                      timeout=180_000)
        load = seen.json_value() / 1000 - wall
        page.wait_for_selector('iframe[title*="streamlit_folium"]', timeout=180_000)
        map_frame = next(f for f in page.frames if "streamlit_folium" in f.url)
        map_frame.wait_for_selector(FIRST_MARKERS, timeout=180_000)
        playwright_load = time.perf_counter() - start
        page.wait_for_timeout(1500)  # chunked marker loading and the view report settle
        zooms = [map_frame.evaluate(ZOOM_STEP) for _ in range(3)]
        # The map reports its view to the app once it has been still for 400 ms
        # (map_setup.js); the pans are timed after that report's run, as the zooms are.
        page.wait_for_timeout(1500)
        feeds = [map_frame.evaluate(FEED_STEP)[0] for _ in range(3)]
        return (load, statistics.median(zooms), received[0], fetched[0], playwright_load,
                statistics.median(feeds))
    finally:
        context.close()


def synthetic_store(n: int, bench_dir: Path, pg: str | None) -> Path | str:
    """The SQLite file (or, with `pg`, the PostgreSQL schema) of N synthetic mentions, written
    the first time."""
    if pg is None:
        db: Path | str = bench_dir / f"synthetic-{n}.sqlite"
        ready = db.exists()
    else:
        db = schema_url(pg, f"bench_{n}")
        try:
            with Store(db) as store:
                ready = store.counts()["mentions"] == n
        except StoreError:
            ready = False
    if not ready:
        began = time.perf_counter()
        db = make_store(db if pg is None else pg, n)
        print(f"  (wrote {n} mentions to {'PostgreSQL' if pg else db} in "
              f"{time.perf_counter() - began:.0f} s)", file=sys.stderr)
    return db


def bench(n: int, runs: int, browser, bench_dir: Path, pg: str | None = None) -> float:
    """Print the figures of N mentions on SQLite (or on PostgreSQL, with `pg`); return the
    median load."""
    db = synthetic_store(n, bench_dir, pg)
    label = "PostgreSQL + PostGIS" if pg else "SQLite"
    log = bench_dir / f"streamlit-{n}-{'pg' if pg else 'sqlite'}.log"
    with streamlit_process(db, log, timeout=120) as (base, pid):
        cold = one_load(browser, base)
        after = [rss_mb(pid, "VmRSS")]  # a session per load: does the server keep them?
        loads = []
        for _ in range(runs):
            loads.append(one_load(browser, base))
            after.append(rss_mb(pid, "VmRSS"))
        rss = rss_mb(pid)
    median = statistics.median(x[0] for x in loads)
    print(f"dashboard on {label}, {n} mentions: load median {median:.2f} s "
          f"of {runs} (cold {cold[0]:.2f} s), zoom step median "
          f"{statistics.median(x[1] for x in loads):.0f} ms, feed after a pan "
          f"{statistics.median(x[5] for x in loads):.0f} ms, payload "
          f"{statistics.median(x[2] for x in loads) / 1e6:.2f} MB websocket + "
          f"{statistics.median(x[3] for x in loads) / 1e6:.2f} MB marker JSON, "
          f"server peak RSS {rss:.0f} MB")
    print(f"  loads: {', '.join(f'{x[0]:.2f}' for x in loads)} s (Playwright's back-off "
          f"polling saw them at {', '.join(f'{x[4]:.2f}' for x in loads)} s); zoom steps: "
          f"{', '.join(f'{x[1]:.0f}' for x in loads)} ms; server RSS after each load "
          f"(the cold one first): {', '.join(f'{x:.0f}' for x in after)} MB")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg", default=os.environ.get("CONFLICT_MAP_TEST_PG") or None,
                        metavar="URL", help="also time a store on this PostgreSQL server")
    parser.add_argument("--dir", type=Path, default=BENCH_DIR,
                        help="where the SQLite stores and the server logs go")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            for n in args.sizes:
                on_sqlite = bench(n, args.runs, browser, args.dir)
                if args.pg:
                    on_pg = bench(n, args.runs, browser, args.dir, args.pg)
                    print(f"  PostgreSQL / SQLite load, {n} mentions: {on_pg / on_sqlite:.2f} "
                          "(goal <= 1.20)")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
