"""Ingest processes writing one store at once: every article stored once, none lost, no error.

Four processes ingest the same 250 tiny articles, each in its own order, so that every article
and every place is raced for; the fake parser keeps it to seconds.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import time
from pathlib import Path

from geo.access import local_editor
from geo.io.ingest import ingest_paths
from geo.models import article_id
from geo.store.database import Store

PROCESSES, ARTICLES = 4, 250
TOWNS = ("Kursk", "Kyiv", "Kharkiv", "Moscow", "Ukraine", "Sudzha")


def _text(i: int) -> str:
    rng = random.Random(i)
    towns = rng.sample(TOWNS, 3)
    return f"Shelling near {towns[0]} and {towns[1]} on day {i}.\nTalks in {towns[2]} stalled."


def _ingest(url: str, path: str, parse, start: float, out) -> None:
    time.sleep(max(0.0, start - time.time()))
    try:
        with Store(url) as store:
            report = ingest_paths([path], store, parse=parse, extract=lambda a, m: [],
                editor=local_editor())
        out.put((len(report.new), len(report.duplicate), report.failed))
    except Exception as err:  # reaching the user: the test fails on it
        out.put((0, 0, [("process", repr(err))]))


def test_four_processes_ingesting_the_same_articles(store_url, tmp_path: Path, parse):
    with Store(store_url) as store:  # created first: the race is on the articles, not the schema
        assert store.counts()["articles"] == 0
    records = [{"title": f"Report {i}", "text": _text(i), "published": "2025-03-12"}
               for i in range(ARTICLES)]
    feeds = []
    for k in range(PROCESSES):
        order = records[:]
        random.Random(k).shuffle(order)
        feeds.append(tmp_path / f"feed-{k}.jsonl")
        feeds[-1].write_text("".join(json.dumps(r) + "\n" for r in order), encoding="utf-8")

    context = multiprocessing.get_context("fork")
    out = context.Queue()
    start = time.time() + 0.5
    workers = [context.Process(target=_ingest,
                               args=(str(store_url), str(feed), parse, start, out))
               for feed in feeds]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(30)

    assert [failed for _, _, failed in results] == [[]] * PROCESSES
    assert sum(new for new, _, _ in results) == ARTICLES
    assert sum(new + duplicate for new, duplicate, _ in results) == ARTICLES * PROCESSES
    with Store(store_url) as store:
        expected_mentions = sum(len(parse(a)) for a in store.articles())
        assert {a.id for a in store.articles()} == {article_id(r["text"]) for r in records}
        assert store.counts() == {"articles": ARTICLES, "mentions": expected_mentions,
                                  "places": 5}  # Sudzha is unresolved
        spans = [(r["article_id"], r["field"], r["start"]) for r in store.mention_rows()]
        assert len(spans) == len(set(spans)) == expected_mentions
