"""Crash safety and concurrency of ingestion (issue 18), printed as figures: `make reliability`.

Crash safety: `--trials` runs (default 100) of `conflict-map ingest` of the same 50 articles,
each killed with SIGKILL at a random moment (seeded) while it parses and writes, on one
process and with `--workers 2`, on SQLite (PostgreSQL's trials are not written yet). After
each kill: `PRAGMA integrity_check` is "ok", every stored article has exactly the mentions and
claims a clean run gives it (complete or absent), and a re-run (not killed) ends with exactly
the rows of a clean run.

Concurrency: `--writers` processes (default 4) each ingest their own `--per-writer` articles
(default 250; parsing replaced by nothing heavier than reading, so the writes overlap) into
one SQLite file while a reader counts rows as the dashboard does, every 50 ms; prints the
articles stored, write errors ("database is locked" and others) and the reads' median and
worst latency.

Run: `.venv/bin/python benchmarks/reliability.py [--trials 100] [--skip-concurrency]`.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from ingest_support import CLI, articles, descendants, per_article, rows, stored  # noqa: E402


def _ingest(db: str | Path, batch: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen([str(CLI), "ingest", "--quiet", "--workers", str(workers),
                             "--db", str(db), str(batch)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def crash_trials(batch: Path, trials: int, workers: int,
                 rng: random.Random) -> dict[str, int]:
    """`trials` killed runs and their re-runs; counts of what held."""
    with tempfile.TemporaryDirectory() as tmp:
        clean = Path(tmp) / "clean.sqlite"
        done = _ingest(clean, batch, 1)
        done.wait()
        whole, clean_rows = per_article(clean), rows(clean)
        # How long a run takes, to pick kill moments inside it.
        t0 = time.monotonic()
        probe = _ingest(Path(tmp) / "probe.sqlite", batch, workers)
        probe.wait()
        span = time.monotonic() - t0
        out = {"trials": 0, "killed_mid_write": 0, "integrity_ok": 0, "articles_whole": 0,
               "rerun_equal": 0}
        for n in range(trials):
            db = Path(tmp) / f"trial-{n}.sqlite"
            run = _ingest(db, batch, workers)
            time.sleep(rng.uniform(0.1, span))
            stored_before = stored(db)
            for pid in [*descendants(run.pid)[::-1], run.pid]:  # workers first
                os.kill(pid, signal.SIGKILL)
            run.wait()
            out["trials"] += 1
            if 0 < stored_before < 50:
                out["killed_mid_write"] += 1
            with sqlite3.connect(db) as conn:
                out["integrity_ok"] += conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            kept = per_article(db)
            out["articles_whole"] += all(kept[a] == whole[a] for a in kept)
            rerun = _ingest(db, batch, workers)
            rerun.wait()
            out["rerun_equal"] += rows(db) == clean_rows
            db.unlink(missing_ok=True)
        return out


def concurrency(writers: int, per_writer: int) -> str:
    """Several writers into one SQLite file while a reader counts rows."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "shared.sqlite"
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
        count = stored(db)
    failed = sum(len(r[1]) for r in results)
    return (f"concurrency: {writers} writers x {per_writer} articles into one SQLite file: "
            f"{count} stored of {writers * per_writer}, {failed} write failures; "
            f"{len(reads)} dashboard-style reads meanwhile, {read_errors} failed, median "
            f"{statistics.median(reads) * 1000:.0f} ms, worst {max(reads) * 1000:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--per-writer", type=int, default=250)
    ap.add_argument("--skip-concurrency", action="store_true")
    args = ap.parse_args(argv)
    rng = random.Random(18)
    with tempfile.TemporaryDirectory() as tmp:
        batch = articles(Path(tmp), 50)
        for label, workers in (("SQLite, 1 process", 1), ("SQLite, --workers 2", 2)):
            began = time.monotonic()
            out = crash_trials(batch, args.trials, workers, rng)
            print(f"crash safety, {label}: {out['trials']} runs killed with SIGKILL "
                  f"({out['killed_mid_write']} with part of the batch stored), integrity ok "
                  f"{out['integrity_ok']}, every stored article whole {out['articles_whole']}, "
                  f"re-run equal to a clean run {out['rerun_equal']} "
                  f"({time.monotonic() - began:.0f} s)", flush=True)
    if not args.skip_concurrency:
        print(concurrency(args.writers, args.per_writer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
