"""Ingestion on several processes (issue 18): the same rows as one process, and a parsing
process killed mid-run leaves no partial article; the re-run ends with exactly the rows of a
clean run. Real parser, real CLI, real SQLite."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.gazetteer.index import default_path as gazetteer_path
from geo.io.ingest import ingest_paths
from geo.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
CLI = Path(sys.executable).parent / "conflict-map"

pytestmark = pytest.mark.skipif(not gazetteer_path().exists(),
                                reason="the gazetteer is not built (make gazetteer)")


def _rows(db: Path) -> tuple[int, int, str]:
    """Articles, mentions and a digest of every article, mention and claim (ids and times
    left out): equal digests, equal stores."""
    with Store(db) as store:
        articles = sorted(a.id for a in store.articles())
        mentions = sorted((r["article_id"], r["start"], r["end"], r["role"], r["place_key"],
                           r["sentence"]) for r in store.mention_rows())
        claims = sorted(json.dumps({k: v for k, v in c.items() if k not in ("id", "created_at")},
                                   sort_keys=True, default=str) for c in store.claims())
    digest = hashlib.sha256(repr((articles, mentions, claims)).encode()).hexdigest()
    return len(articles), len(mentions), digest


def _articles(folder: Path, n: int) -> Path:
    """n short articles about places the gazetteer knows, as JSON Lines."""
    towns = ["Kharkiv", "Kursk", "Sudzha", "Pokrovsk", "Kupiansk", "Avdiivka", "Bakhmut",
             "Toretsk", "Zaporizhzhia", "Kherson", "Donetsk", "Luhansk"]
    path = folder / "batch.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            a, b = towns[i % len(towns)], towns[(i * 5 + 3) % len(towns)]
            out.write(json.dumps({
                "title": f"Report {i}", "published": f"2025-03-{1 + i % 28:02d}",
                "text": f"Shelling hit {a} overnight, officials in Kyiv said on day {i}. "
                        f"Russian forces claimed to have captured {10 + i % 50}% of the "
                        f"{b} district, while Ukraine said its troops held their positions "
                        f"near {a}. Moscow did not comment."}) + "\n")
    return path


def test_two_workers_store_what_one_does(tmp_path):
    sources = [ROOT / "seeds", DATA / "articles.jsonl", DATA / "reuters.txt",
               _articles(tmp_path, 12)]
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    with Store(one) as store:
        serial = ingest_paths(sources, store)
    with Store(two) as store:
        parallel = ingest_paths(sources, store, workers=2)
    assert parallel.failed == serial.failed  # the bad records of articles.jsonl, each named
    assert parallel.summary() == serial.summary()
    assert parallel.new == serial.new  # written in the order read
    assert _rows(two) == _rows(one)
    # Idempotent: a second run on two workers adds nothing.
    with Store(two) as store:
        again = ingest_paths(sources, store, workers=2)
    assert not again.new and len(again.duplicate) == len(serial.new)
    assert _rows(two) == _rows(one)


def _per_article(db: Path) -> dict[str, tuple[int, int]]:
    """Per stored article: how many mentions and claims it has."""
    with Store(db) as store:
        counts = {a.id: [0, 0] for a in store.articles()}
        for row in store.mention_rows():
            counts[row["article_id"]][0] += 1
        for claim in store.claims():
            counts[claim["article_id"]][1] += 1
    return {a: (m, c) for a, (m, c) in counts.items()}


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_killed_worker_leaves_no_partial_article_and_a_rerun_completes(tmp_path):
    batch = _articles(tmp_path, 60)
    clean, killed = tmp_path / "clean.sqlite", tmp_path / "killed.sqlite"
    with Store(clean) as store:
        assert not ingest_paths([batch], store).failed
    run = subprocess.Popen([str(CLI), "ingest", "--quiet", "--workers", "2", "--db",
                            str(killed), str(batch)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while _stored(killed) < 5 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.05)
        workers = [p for p in _children(run.pid)  # not the resource tracker: a parser
                   if "spawn_main" in Path(f"/proc/{p}/cmdline").read_text(errors="ignore")]
        assert workers and run.poll() is None, "the run ended before a worker could be killed"
        os.kill(workers[0], signal.SIGKILL)
        _, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode != 0 and "process died" in err
    with sqlite3.connect(killed) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Every article there is whole: its mentions and claims are those of the clean run.
    whole, kept = _per_article(clean), _per_article(killed)
    assert 0 < len(kept) < len(whole)
    assert all(kept[a] == whole[a] for a in kept)
    rerun = subprocess.run([str(CLI), "ingest", "--quiet", "--workers", "2", "--db",
                            str(killed), str(batch)], capture_output=True, text=True,
                           timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert _rows(killed) == _rows(clean)
