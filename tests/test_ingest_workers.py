"""Ingestion on several processes (issue 18): the same rows as one process, and a parsing
process killed mid-run leaves no partial article; the re-run ends with exactly the rows of a
clean run. Real parser, real CLI, real SQLite."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from ingest_support import CLI, articles, clean_run, per_article, rows, stored, workers

from geo.access import local_editor
from geo.gazetteer.index import default_path as gazetteer_path
from geo.io.ingest import ingest_paths
from geo.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.skipif(not gazetteer_path().exists(),
                                reason="the gazetteer is not built (make gazetteer)")


def test_two_workers_store_what_one_does(tmp_path):
    sources = [ROOT / "seeds", DATA / "articles.jsonl", DATA / "reuters.txt",
               articles(tmp_path, 12)]
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    with Store(one) as store:
        serial = ingest_paths(sources, store, editor=local_editor())
    with Store(two) as store:
        parallel = ingest_paths(sources, store, workers=2, editor=local_editor())
    assert parallel.failed == serial.failed  # the bad records of articles.jsonl, each named
    assert parallel.summary() == serial.summary()
    assert parallel.new == serial.new  # written in the order read
    assert rows(two) == rows(one)
    # Idempotent: a second run on two workers adds nothing.
    with Store(two) as store:
        again = ingest_paths(sources, store, workers=2, editor=local_editor())
    assert not again.new and len(again.duplicate) == len(serial.new)
    assert rows(two) == rows(one)


def test_a_killed_worker_leaves_no_partial_article_and_a_rerun_completes(tmp_path):
    batch = articles(tmp_path, 60)
    clean, killed = clean_run(batch, tmp_path / "clean.sqlite"), tmp_path / "killed.sqlite"
    run = subprocess.Popen([str(CLI), "ingest", "--quiet", "--workers", "2", "--db",
                            str(killed), str(batch)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while stored(killed) < 5 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.05)
        parsers = workers(run.pid)
        assert parsers and run.poll() is None, "the run ended before a worker could be killed"
        os.kill(parsers[0], signal.SIGKILL)
        _, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode != 0 and "process died" in err
    with sqlite3.connect(killed) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Every article there is whole: its mentions and claims are those of the clean run.
    whole, kept = per_article(clean), per_article(killed)
    assert 0 < len(kept) < len(whole)
    assert all(kept[a] == whole[a] for a in kept)
    rerun = subprocess.run([str(CLI), "ingest", "--quiet", "--workers", "2", "--db",
                            str(killed), str(batch)], capture_output=True, text=True,
                           timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rows(killed) == rows(clean)
