"""Ingestion on Dask distributed (issue 18): a LocalCluster of two worker processes stores the
same rows as one process, on SQLite and on PostgreSQL + PostGIS; a worker killed mid-run is
replaced, its articles parsed again elsewhere, and the run still ends with a clean run's rows
(each article written once: tasks are keyed by the article's id, rows by its content hash)."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from ingest_support import CLI, articles, rows, stored, workers
from test_ingest_workers import DATA, ROOT

from geo.access import local_editor
from geo.gazetteer.index import default_path as gazetteer_path
from geo.io.ingest import ingest_paths
from geo.store.database import Store

pytestmark = pytest.mark.skipif(not gazetteer_path().exists(),
                                reason="the gazetteer is not built (make gazetteer)")


def test_a_local_cluster_stores_what_one_process_does(store_url, tmp_path):
    sources = [ROOT / "seeds", DATA / "articles.jsonl", articles(tmp_path, 10)]
    one = tmp_path / "one.sqlite"
    with Store(one) as store:
        serial = ingest_paths(sources, store, editor=local_editor())
    with Store(store_url) as store:
        on_dask = ingest_paths(sources, store, workers=2, scheduler="local", editor=local_editor())
    assert on_dask.failed == serial.failed and on_dask.summary() == serial.summary()
    assert on_dask.new == serial.new
    assert rows(store_url) == rows(one)


def test_a_killed_dask_worker_is_replaced_and_the_run_completes(tmp_path):
    batch = articles(tmp_path, 40)
    clean, killed = tmp_path / "clean.sqlite", tmp_path / "killed.sqlite"
    with Store(clean) as store:
        assert not ingest_paths([batch], store, editor=local_editor()).failed
    run = subprocess.Popen([str(CLI), "ingest", "--quiet", "--dask", "--workers", "2", "--db",
                            str(killed), str(batch)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while stored(killed) < 3 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.05)
        parsers = workers(run.pid)
        assert parsers and run.poll() is None, "the run ended before a worker could be killed"
        os.kill(parsers[-1], signal.SIGKILL)
        _, err = run.communicate(timeout=300)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0, err
    assert rows(killed) == rows(clean)
