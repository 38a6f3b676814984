"""Words per second of the full geoparser against the same spaCy model running NER alone.

The performance goal (issue 6): `geo.geoparse.parse.parse` at >= 0.8x the words/s of en_core_web_sm
with only tok2vec + ner, on the same texts with the same batching. `parse` takes one text at a
time, so both sides process one text per call. Also printed, to show where the time goes: spaCy
as `geo.geoparse.nlp.load_nlp` runs it (tok2vec, tagger, senter, ner; the parser only on the
sentences
roles and claims ask for), the model's full pipeline (parser on every sentence, as before),
parse plus claim extraction on the same Doc, and both spaCy variants batched with `nlp.pipe`.

Run: `.venv/bin/python benchmarks/speed_nlp.py [FILE ...]` (JSONL with a "text" key, or .txt);
without files it uses the shared conflict-news and TR-News dev texts if present, else `seeds/`.
Words are whitespace-separated, the same count for every side. Prints figures; asserts nothing.
Timings are noisy on a shared machine: compare the best rounds and the CPU-time column.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import spacy

from geo.claims.extract import extract_claims
from geo.gazetteer.index import open_gazetteer
from geo.geoparse.nlp import MODEL, doc_for, load_nlp
from geo.geoparse.parse import parse
from geo.models import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_FILES = (SHARED / "conflictnews" / "conflictnews.dev.jsonl",
                 SHARED / "corpora" / "trnews.dev.jsonl")
GOAL = 0.8


def read_texts(paths: Sequence[Path]) -> list[str]:
    texts = []
    for path in paths:
        if path.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8")
                      if line.strip()]
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run (CPU time is less disturbed by other processes)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds per side")
    args = ap.parse_args()
    files = args.files or [p for p in DEFAULT_FILES if p.exists()]
    texts = read_texts(files) if files else read_texts(sorted((ROOT / "seeds").glob("*.txt")))
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words} words ({', '.join(p.name for p in files) or 'seeds/'})")

    gaz = open_gazetteer()
    ours = load_nlp()
    keep = ("tok2vec", "ner")
    ner_only = spacy.load(MODEL, exclude=[p for p in ours.component_names if p not in keep])
    full = spacy.load(MODEL)
    print(f"load_nlp: {', '.join(ours.pipe_names)} (parser on demand); NER only: "
          f"{', '.join(ner_only.pipe_names)}; full: {', '.join(full.pipe_names)}")

    def parse_and_claim() -> None:
        for text in texts:
            extract_claims(Article("bench", text), parse(text, gazetteer=gaz), gazetteer=gaz,
                           doc=doc_for(text))

    sides: dict[str, Callable[[], object]] = {
        "geoparser (parse, one text a call)": lambda: [parse(t, gazetteer=gaz) for t in texts],
        "spaCy tok2vec+ner (one text a call)": lambda: [ner_only(t) for t in texts],
        "spaCy load_nlp (one text a call)": lambda: [ours(t) for t in texts],
        "spaCy full pipeline (one text a call)": lambda: [full(t) for t in texts],
        "geoparser + claims, one Doc (one a call)": parse_and_claim,
        "spaCy tok2vec+ner (nlp.pipe, batch 64)":
            lambda: list(ner_only.pipe(texts, batch_size=64)),
        "spaCy load_nlp (nlp.pipe, batch 64)": lambda: list(ours.pipe(texts, batch_size=64)),
    }
    cold_wall, _ = timed(next(iter(sides.values())))
    print(f"first pass of the geoparser (gazetteer cache cold): {words / cold_wall:,.0f} words/s")
    for run in list(sides.values())[1:]:
        run()  # warm-up
    walls: dict[str, list[float]] = {name: [] for name in sides}
    cpus: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(args.rounds):  # interleaved, so drift in machine load hits every side
        for name, run in sides.items():
            wall, cpu = timed(run)
            walls[name].append(wall)
            cpus[name].append(cpu)
    # Best round (as timeit does): the least disturbed by other processes on the machine.
    best = {name: words / min(w) for name, w in walls.items()}
    by_cpu = {name: words / min(c) for name, c in cpus.items()}
    print(f"{'words/s':<42} {'best wall':>10} {'median wall':>12} {'CPU time':>10}")
    for name in sides:
        median = words / statistics.median(walls[name])
        print(f"{name:<42} {best[name]:>10,.0f} {median:>12,.0f} {by_cpu[name]:>10,.0f}")
    parser, ner, spacy_ours = list(sides)[:3]
    ratio, cpu_ratio = best[parser] / best[ner], by_cpu[parser] / by_cpu[ner]
    verdict = "met" if ratio >= GOAL else "not met"
    print(f"ratio geoparser / NER only, same batching: {ratio:.2f} wall, {cpu_ratio:.2f} CPU "
          f"(goal >= {GOAL}: {verdict})")
    print(f"spaCy (load_nlp) is {by_cpu[parser] / by_cpu[spacy_ours]:.0%} of the geoparser's CPU "
          "time; the rest is spans, gazetteer, ranking and roles (with their sentence parses)")

if __name__ == "__main__":
    main()
