"""Ingest throughput on 1 and N processes against spaCy's NER alone the same way (issue 18).

Run with `make bench`, or `python benchmarks/ingest_workers.py [--workers 2] [FILE ...]`
(JSON Lines with a "text" key; default: the LGL, GeoWebNews and TR-News dev files of
`../shared/corpora`). In one run, on the same texts:

- NER alone: `en_core_web_sm` with only tok2vec + ner, one text per call, in 1 process and in
  N (each process loads the model, texts dealt out in turn), words/s;
- ingest: `conflict-map ingest --workers 1` and `--workers N` into a fresh SQLite store, the
  real command (reading, geoparsing, claims, writing), words/s, and the peak resident memory of
  the command with its workers (summed over the process tree, sampled every 0.1 s).

Goals (issue 18): ingest >= 0.8x NER-only at the same process count; ingest's speed-up from 1
to N >= 0.9x NER's own speed-up; peak RSS <= 1 GB with 2 workers. Prints PASS/FAIL; asserts
nothing. The machine's two vCPUs are not two full cores (`../shared/notes`): the goals are
ratios measured in the same run, not absolute times.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from ingest_support import CLI, tree_rss  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
DEFAULT = [SHARED / f"{name}.dev.jsonl" for name in ("lgl", "geowebnews", "trnews")]


def _ner_worker(texts: list[str]) -> int:
    import spacy

    from geo.geoparse.nlp import MODEL

    nlp = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer",
                                     "senter"])
    for text in texts:
        nlp(text)
    return len(texts)


def ner_seconds(texts: list[str], processes: int) -> float:
    """Seconds for NER alone over `texts` on `processes` processes, model loading excluded
    (each process first loads the model and runs one short text)."""
    ctx = multiprocessing.get_context("spawn")
    parts = [texts[i::processes] for i in range(processes)]
    with ctx.Pool(processes) as pool:
        pool.map(_ner_worker, [["Warm-up text in Kyiv."]] * processes)  # load, per process
        start = time.perf_counter()
        pool.map(_ner_worker, parts, chunksize=1)
        return time.perf_counter() - start


def ingest_run(path: Path, workers: int) -> tuple[float, int]:
    """Seconds and peak tree RSS of `conflict-map ingest --workers N` into a fresh store."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        run = subprocess.Popen([str(CLI), "ingest", "--quiet", "--workers", str(workers),
                                "--db", str(Path(tmp) / "bench.sqlite"), str(path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peak = 0
        while run.poll() is None:
            peak = max(peak, tree_rss(run.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        if run.returncode not in (0, 1):  # 1: some records failed, reported on stderr
            raise SystemExit(f"ingest failed: {run.stderr.read()}")
        return seconds, peak


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    files = args.files or [p for p in DEFAULT if p.exists()]
    if not files:
        print("no corpus files (../shared/corpora absent): nothing to measure", file=sys.stderr)
        return 0
    texts = [json.loads(line)["text"] for path in files
             for line in path.open(encoding="utf-8") if line.strip()]
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        with open(batch, "w", encoding="utf-8") as out:
            for i, text in enumerate(texts):
                out.write(json.dumps({"title": f"text {i}", "text": text}) + "\n")
        n = args.workers
        ner = {1: ner_seconds(texts, 1), n: ner_seconds(texts, n)}
        ingest = {1: ingest_run(batch, 1), n: ingest_run(batch, n)}
    print(f"{len(texts)} texts, {words:,} words ({', '.join(p.name for p in files)})")
    for k in (1, n):
        print(f"{k} process{'es' if k > 1 else ''}: NER alone {words / ner[k]:,.0f} words/s "
              f"({ner[k]:.1f} s); ingest {words / ingest[k][0]:,.0f} words/s "
              f"({ingest[k][0]:.1f} s, the model loading included), peak RSS "
              f"{ingest[k][1] / 2**20:,.0f} MB; ingest / NER {ner[k] / ingest[k][0]:.2f}")
    ner_up, ingest_up = ner[1] / ner[n], ingest[1][0] / ingest[n][0]
    checks = [
        (f"ingest >= 0.8x NER alone, 1 process: {ner[1] / ingest[1][0]:.2f}",
         ner[1] / ingest[1][0] >= 0.8),
        (f"ingest >= 0.8x NER alone, {n} processes: {ner[n] / ingest[n][0]:.2f}",
         ner[n] / ingest[n][0] >= 0.8),
        (f"speed-up 1 -> {n}: ingest {ingest_up:.2f}x, NER {ner_up:.2f}x; ratio "
         f"{ingest_up / ner_up:.2f} >= 0.9", ingest_up / ner_up >= 0.9),
        (f"peak RSS with {n} workers {ingest[n][1] / 2**20:,.0f} MB <= 1024 MB",
         ingest[n][1] <= 2**30),
    ]
    for text, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
