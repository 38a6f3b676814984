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
from ingest_support import CLI, articles, clean_run, rows, stored, workers
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
    clean, killed = clean_run(batch, tmp_path / "clean.sqlite"), tmp_path / "killed.sqlite"
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


def test_an_existing_cluster_on_loopback_stores_what_one_process_does(tmp_path):
    # As README says to use one: a scheduler and a worker process started on their own (here
    # on 127.0.0.1), the command pointed at them with --scheduler tcp://HOST:PORT.
    from browser_support import free_port

    batch = articles(tmp_path, 12)
    clean, remote = clean_run(batch, tmp_path / "clean.sqlite"), tmp_path / "remote.sqlite"
    dask = CLI.parent / "dask"
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "cluster.log"
    with open(logs, "wb") as log:
        servers = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port",
                                     str(port), "--no-dashboard"], stdout=log, stderr=log)]
        try:
            time.sleep(1)
            servers.append(subprocess.Popen(
                [str(dask), "worker", address, "--nworkers", "1", "--nthreads", "1",
                 "--no-dashboard", "--host", "127.0.0.1"], cwd=ROOT, stdout=log, stderr=log))
            done = subprocess.run([str(CLI), "ingest", "--quiet", "--scheduler", address,
                                   "--db", str(remote), str(batch)], capture_output=True,
                                  text=True, timeout=600)
        finally:
            for server in reversed(servers):
                server.terminate()
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
    assert done.returncode == 0, done.stderr + logs.read_text(errors="replace")[-2000:]
    assert rows(remote) == rows(clean)
