"""Time gazetteer candidate lookups (uncached) and one full geoparse of the seed.

Run with `make bench`. Prints figures; asserts nothing (speed goals live here, not in tests).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from geo.gazetteer.index import Gazetteer
from geo.geoparse.parse import parse_article
from geo.io.readers import read_articles

NAMES = ["Kursk", "Kursk region", "Sudzha", "Kyiv", "KYIV", "Kiev", "Moscow", "Pokrovsk",
         "Artemivsk", "Курская область", "Paris", "Georgia", "Springfield", "Washington",
         "Kharkov", "Donetsk", "Gaza Strip", "Kremlin", "Russian", "Zzzzz"]
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ca0727ac56120b1f.txt"


def main() -> None:
    gaz = Gazetteer()
    timings = []
    for _round in range(20):
        for name in NAMES:
            gaz.lookup.cache_clear()
            t = time.perf_counter()
            gaz.candidates(name)
            timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    print(f"gazetteer candidates(), uncached, {len(timings)} lookups: "
          f"median {statistics.median(timings):.3f} ms, "
          f"p95 {timings[int(len(timings) * 0.95)]:.3f} ms, max {timings[-1]:.3f} ms")
    article = read_articles(SEED)[0]
    parse_article(article)  # load spaCy once
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        mentions = parse_article(article)
        runs.append(time.perf_counter() - t)
    words = len(article.text.split())
    print(f"geoparse of the seed ({words} words, {len(mentions)} mentions): "
          f"median {statistics.median(runs) * 1000:.0f} ms of 5 runs")


if __name__ == "__main__":
    main()
