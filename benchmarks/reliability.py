"""Crash safety and concurrency of ingestion (issue 18), printed as figures: `make reliability`.

Crash safety: `--trials` runs (default 100) of `conflict-map ingest` of the same 50 articles,
each killed with SIGKILL at a random moment (seeded) while it parses and writes, on one
process and with `--workers 2`, on SQLite and on PostgreSQL + PostGIS (`--pg URL`, else
`$CONFLICT_MAP_TEST_PG`; each trial in a new schema). After each kill: the database is
consistent (SQLite: `PRAGMA integrity_check` is "ok"; PostgreSQL: no mention or claim
without its article), every stored article has exactly the mentions and claims a clean run
gives it (complete or absent), and a re-run (not killed) ends with exactly the rows of a
clean run.

Concurrency: `--writers` processes (default 4) each ingest their own `--per-writer` articles
(default 250; parsing replaced by nothing heavier than reading, so the writes overlap) into
one SQLite file while a reader counts rows as the dashboard does, every 50 ms; prints the
articles stored, write errors ("database is locked" and others) and the reads' median and
worst latency.

Run: `.venv/bin/python benchmarks/reliability.py [--trials 100] [--pg URL] [--pg-trials N]
[--skip-concurrency]`.
Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from ingest_support import (  # noqa: E402
    CLI,
    articles,
    descendants,
    fresh_schema_url,
    per_article,
    rows,
    stored,
)


def _ingest(db: str | Path, batch: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen([str(CLI), "ingest", "--quiet", "--workers", str(workers),
                             "--db", str(db), str(batch)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)




def sqlite_stores(folder: Path) -> Callable:
    @contextmanager
    def new(name: str) -> Iterator[Path]:
        path = folder / f"{name}.sqlite"
        try:
            yield path
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    return new


def pg_stores(server: str) -> Callable:
    """Each store a new schema on `server`, dropped afterwards (as the tests' stores)."""
    from sqlalchemy import create_engine

    from geo.store.engine import resolve

    admin = create_engine(resolve(server)[0], isolation_level="AUTOCOMMIT")

    @contextmanager
    def new(name: str) -> Iterator[str]:
        yield from fresh_schema_url(admin, f"rel_{name.replace('-', '_')}")
    return new


def _count(db: str | Path) -> int:
    """Articles stored so far, read while a run may be writing (0 before the schema exists)."""
    if isinstance(db, Path):
        return stored(db)
    from geo.store.database import Store

    try:
        with Store(db) as store:
            return store.counts()["articles"]
    except Exception:
        return 0


def _consistent(db: str | Path) -> bool:
    if isinstance(db, Path):
        with sqlite3.connect(db) as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    from sqlalchemy import text

    from geo.store.database import Store

    with Store(db) as store, store.connect() as conn:
        orphans = conn.execute(text(
            "SELECT (SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a "
            "WHERE a.id = m.article_id)) + (SELECT count(*) FROM claims c WHERE c.article_id "
            "IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id))"))
        return orphans.scalar() == 0


def crash_trials(batch: Path, trials: int, workers: int, rng: random.Random,
                 new_store: Callable) -> dict[str, int]:
    """`trials` killed runs and their re-runs, each on a store from `new_store`; counts of
    what held."""
    with new_store("clean") as clean:
        done = _ingest(clean, batch, 1)
        done.wait()
        whole, clean_rows = per_article(clean), rows(clean)
    # How long a run takes, to pick kill moments inside it.
    with new_store("probe") as probe_db:
        t0 = time.monotonic()
        probe = _ingest(probe_db, batch, workers)
        probe.wait()
        span = time.monotonic() - t0
    out = {"trials": 0, "killed_mid_write": 0, "integrity_ok": 0, "articles_whole": 0,
           "rerun_equal": 0}
    for n in range(trials):
        with new_store(f"trial-{n}") as db:
            run = _ingest(db, batch, workers)
            time.sleep(rng.uniform(0.1, span))
            stored_before = _count(db)
            for pid in [*descendants(run.pid)[::-1], run.pid]:  # workers first
                os.kill(pid, signal.SIGKILL)
            run.wait()
            out["trials"] += 1
            if 0 < stored_before < 50:
                out["killed_mid_write"] += 1
            out["integrity_ok"] += _consistent(db)
            kept = per_article(db)
            out["articles_whole"] += all(kept[a] == whole[a] for a in kept)
            rerun = _ingest(db, batch, workers)
            rerun.wait()
            out["rerun_equal"] += rows(db) == clean_rows
    return out


def concurrency(writers: int, per_writer: int, new_store: Callable, label: str) -> str:
    """Several writers into one store while a reader counts rows."""
    with tempfile.TemporaryDirectory() as tmp, new_store("shared") as db:
        script = (
            "import sys, json\n"
            "from geo.access import local_editor\n"
            "from geo.io.ingest import ingest_paths\n"
            "from geo.store.database import Store\n"
            "with Store(sys.argv[1]) as s:\n"
            "    r = ingest_paths([sys.argv[2]], s, parse=lambda a: [], extract=lambda a, m: [],\n"
            "                     editor=local_editor())\n"
            "print(json.dumps([len(r.new), r.failed]))\n")
        batches = []
        for w in range(writers):
            path = Path(tmp) / f"writer-{w}.jsonl"
            with open(path, "w", encoding="utf-8") as out:
                for i in range(per_writer):
                    out.write(json.dumps({"title": f"w{w} a{i}", "text": f"Writer {w}, article "
                                          f"{i}: shelling near Kharkiv."}) + "\n")
            batches.append(path)
        from geo.store.database import Store
        with Store(db):
            pass  # the schema, before the writers race to make it
        procs = [subprocess.Popen([sys.executable, "-c", script, str(db), str(b)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for b in batches]
        reads: list[float] = []
        read_errors = 0
        while any(p.poll() is None for p in procs):
            t = time.perf_counter()
            try:
                with Store(db) as store:
                    store.counts()
            except Exception:
                read_errors += 1
            reads.append(time.perf_counter() - t)
            time.sleep(0.05)
        results = [json.loads(p.stdout.read() or "[0, []]") for p in procs]
        count = _count(db)
    failed = sum(len(r[1]) for r in results)
    return (f"concurrency: {writers} writers x {per_writer} articles into one {label}: "
            f"{count} stored of {writers * per_writer}, {failed} write failures; "
            f"{len(reads)} dashboard-style reads meanwhile, {read_errors} failed, median "
            f"{statistics.median(reads) * 1000:.0f} ms, worst {max(reads) * 1000:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--per-writer", type=int, default=250)
    ap.add_argument("--pg", default=os.environ.get("CONFLICT_MAP_TEST_PG", ""),
                    help="a PostgreSQL + PostGIS server for its trials (none: SQLite only)")
    ap.add_argument("--pg-trials", type=int, default=None,
                    help="trials on PostgreSQL (default: --trials)")
    ap.add_argument("--skip-concurrency", action="store_true")
    args = ap.parse_args(argv)
    rng = random.Random(18)
    with tempfile.TemporaryDirectory() as tmp:
        batch = articles(Path(tmp), 50)
        runs = [("SQLite, 1 process", 1, args.trials, sqlite_stores(Path(tmp))),
                ("SQLite, --workers 2", 2, args.trials, sqlite_stores(Path(tmp)))]
        if args.pg:
            pg_trials = args.pg_trials if args.pg_trials is not None else args.trials
            runs += [("PostgreSQL, 1 process", 1, pg_trials, pg_stores(args.pg)),
                     ("PostgreSQL, --workers 2", 2, pg_trials, pg_stores(args.pg))]
        else:
            print("crash safety on PostgreSQL: skipped (no --pg and no CONFLICT_MAP_TEST_PG)")
        for label, workers, trials, new_store in runs:
            began = time.monotonic()
            out = crash_trials(batch, trials, workers, rng, new_store)
            print(f"crash safety, {label}: {out['trials']} runs killed with SIGKILL "
                  f"({out['killed_mid_write']} with part of the batch stored), integrity ok "
                  f"{out['integrity_ok']}, every stored article whole {out['articles_whole']}, "
                  f"re-run equal to a clean run {out['rerun_equal']} "
                  f"({time.monotonic() - began:.0f} s)", flush=True)
    if not args.skip_concurrency:
        with tempfile.TemporaryDirectory() as tmp:
            print(concurrency(args.writers, args.per_writer, sqlite_stores(Path(tmp)),
                              "SQLite file"), flush=True)
        if args.pg:
            print(concurrency(args.writers, args.per_writer, pg_stores(args.pg),
                              "PostgreSQL schema"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
