"""Train the toponym classifier and candidate ranker (`geo.geoparse.ranker`) on annotated corpora.

`python -m geo.evaluate.train_ranker [FILE.jsonl ...] [--out assets/ranker.json]` trains on every
article
of the files (by default the six dev files under ../shared) and writes the JSON model the parser
loads. Training is deterministic: Newton's method on an L2-penalised logistic loss, no random
start, no sampling. `cross_validate` is what `conflict-map evaluate --cv K` runs: folds grouped by
article (GeoVirus by `source_url`, so paragraphs of one story stay together), each fold decided by
a model trained on the other folds.

Span items (spaCy and the rules, the slow part) are cached under build/ranker/cache/ (or
`CONFLICT_MAP_RANKER_CACHE`), keyed by the records and the code and gazetteer that made them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from geo.evaluate.metrics import HIT_KM, km
from geo.gazetteer.index import Gazetteer, open_gazetteer
from geo.geoparse.features import CAND_FEATURES, FEATURE_VERSION, SPAN_FEATURES, SpanItem
from geo.geoparse.ranker import HIT_FEATURES, MODEL_PATH, Linear, Model, best_candidate, hit_vector
from geo.paths import BUILD, GEO, ROOT

CACHE_DIR = BUILD / "ranker" / "cache"
DEV_FILES = tuple(ROOT.parent / "shared" / p for p in (
    "conflictnews/conflictnews.dev.jsonl", "corpora/trnews.dev.jsonl",
    "corpora/geowebnews.dev.jsonl", "corpora/geovirus.dev.jsonl", "corpora/lgl.dev.jsonl",
    "corpora/geocorpora.dev.jsonl"))
CODE = ("geoparse/features.py", "geoparse/resolve.py", "geoparse/spans.py", "geoparse/parse.py",
        "gazetteer/index.py", "gazetteer/names.py", "geoparse/roles.py", "geoparse/nlp.py",
        "gazetteer/spelling.py", "gazetteer/abbreviations.py")
L2 = 1.0
DEMONYM = SPAN_FEATURES.index("demonym")
MIN_HIT = 0.2  # keep a toponym unless its point is more likely wrong than this
MARGIN = 1.0  # logit lead the ranker needs to overrule the rules' candidate
ADD_THRESHOLD = 0.6  # classifier probability a span the rules rejected needs
Progress = Callable[[int], None]


def article_items(records: Sequence[dict[str, Any]], *, gazetteer: Gazetteer | None = None,
                  progress: Progress | None = None) -> list[list[SpanItem]]:
    """Every span the parser proposes in each record, with features (no decision taken)."""
    from geo.geoparse.nlp import load_nlp
    from geo.geoparse.parse import proposed_spans, span_items
    from geo.geoparse.spans import find_dateline

    gaz = gazetteer or open_gazetteer()
    nlp = load_nlp()
    out = []
    for rec in records:
        doc = nlp(rec["text"])
        dl_span = find_dateline(rec["text"])
        spans = proposed_spans(doc, gaz, dl_span, lower_case=True)
        out.append(span_items(doc, spans, every=True))
        if progress is not None:
            progress(1)
    return out


def cached_items(records: Sequence[dict[str, Any]], *, gazetteer: Gazetteer | None = None,
                 progress: Progress | None = None) -> tuple[list[list[SpanItem]], float]:
    """`article_items`, from the cache when the records, code and gazetteer are unchanged.

    Also returns articles per second of the extraction that made the items.
    """
    gaz = gazetteer or open_gazetteer()
    h = hashlib.sha1(f"{FEATURE_VERSION}".encode())
    for name in CODE:
        h.update((GEO / name).read_bytes())
    h.update(str(gaz.path.stat().st_mtime_ns).encode())
    for rec in records:
        h.update(json.dumps([rec.get("id"), rec["text"]]).encode())
    folder = Path(os.environ.get("CONFLICT_MAP_RANKER_CACHE") or CACHE_DIR)
    path = folder / f"{h.hexdigest()[:20]}.pkl"
    if path.exists():
        with path.open("rb") as f:
            items, rate = pickle.load(f)
        if progress is not None:
            progress(len(records))
        return items, rate
    started = time.perf_counter()
    items = article_items(records, gazetteer=gaz, progress=progress)
    rate = len(records) / max(time.perf_counter() - started, 1e-9)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump((items, rate), f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return items, rate


def labelled(records: Sequence[dict[str, Any]], items: Sequence[Sequence[SpanItem]], *,
             unlabelled_demonyms: frozenset[str] = frozenset(),
             ) -> tuple[list[list[float]], list[int], list[list[float]], list[int]]:
    """Training rows: spans (overlaps a gold toponym?) and candidates (within 161 km?).

    Candidates are only learned from spans whose gold has a point and that have both a right
    and a wrong candidate: the others say nothing about ranking. Demonym spans of corpora in
    `unlabelled_demonyms` (which do not annotate adjectival references) are left out of the
    acceptance rows rather than taught as non-toponyms.
    """
    xs, ys, xc, yc = [], [], [], []
    for rec, its in zip(records, items, strict=True):
        gold = rec["toponyms"]
        skip_demonyms = rec.get("corpus") in unlabelled_demonyms
        for it in its:
            g = next((g for g in gold if it.start < g["end"] and g["start"] < it.end), None)
            if skip_demonyms and it.x[DEMONYM] and g is None:
                continue
            xs.append(it.x)
            ys.append(int(g is not None))
            if g is None or g.get("lat") is None or not it.cands:
                continue
            hits = [int(_hit(g, c.place)) for c in it.cands]
            if 0 < sum(hits) < len(hits):
                xc.extend(c.x for c in it.cands)
                yc.extend(hits)
    return xs, ys, xc, yc


def _hit(g: dict[str, Any], p) -> bool:
    if g.get("geonameid") is not None and g["geonameid"] == p.geonameid:
        return True
    return p.lat is not None and km(g["lat"], g["lon"], p.lat, p.lon) <= HIT_KM


def without_demonyms(records: Sequence[dict[str, Any]], items: Sequence[Sequence[SpanItem]],
                     ) -> frozenset[str]:
    """Corpora in which no demonym span overlaps a gold toponym (adjectives not annotated)."""
    seen: dict[str, bool] = {}
    for rec, its in zip(records, items, strict=True):
        corpus = str(rec.get("corpus"))
        hit = any(it.x[DEMONYM] and any(it.start < g["end"] and g["start"] < it.end
                                        for g in rec["toponyms"]) for it in its)
        seen[corpus] = seen.get(corpus, False) or hit
    return frozenset(c for c, annotated in seen.items() if not annotated)


def fit(x: Sequence[Sequence[float]], y: Sequence[int], names: Sequence[str], *,
        l2: float = L2, iters: int = 50) -> Linear:
    """L2-penalised logistic regression on standardised features, by Newton's method."""
    names = tuple(names)
    if not len(x):
        return Linear(names, (0.0,) * len(names), (1.0,) * len(names), (0.0,) * len(names), 0.0)
    xa = np.asarray(x, dtype=float)
    ya = np.asarray(y, dtype=float)
    mean = xa.mean(axis=0)
    scale = xa.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([np.ones((len(xa), 1)), (xa - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (p - ya) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Linear(names, tuple(float(v) for v in mean), tuple(float(v) for v in scale),
                  tuple(round(float(v), 6) for v in w[1:]), round(float(w[0]), 6))


def train(records: Sequence[dict[str, Any]], items: Sequence[Sequence[SpanItem]], *,
          trained_on: Sequence[str] = (), min_hit: float = MIN_HIT, margin: float = MARGIN,
          add_threshold: float = ADD_THRESHOLD, product: bool = False) -> Model:
    """The three models from labelled records and their span items.

    The hit model learns, on spans that are gold toponyms with a point, whether the ranker's
    choice (trained first) is right, so it depends on that ranker. With `product`, corpora
    that annotate no demonym do not teach the classifier to drop them: the product keeps
    adjectival references (the map hides them by default); cross-validation on one corpus
    learns that corpus's convention instead.
    """
    skip = without_demonyms(records, items) if product else frozenset()
    xs, ys, xc, yc = labelled(records, items, unlabelled_demonyms=skip)
    rank = fit(xc, yc, CAND_FEATURES)
    zero = fit([], [], HIT_FEATURES)
    probe = Model(accept=fit([], [], SPAN_FEATURES), rank=rank, hit=zero, margin=margin)
    xh, yh = [], []
    for rec, its in zip(records, items, strict=True):
        for it in its:
            g = next((g for g in rec["toponyms"] if it.start < g["end"] and g["start"] < it.end),
                     None)
            if g is None or g.get("lat") is None:
                continue
            k = best_candidate(it, probe)
            xh.append(hit_vector(it, k))
            yh.append(int(k is not None and _hit(g, it.cands[k].place)))
    return Model(accept=fit(xs, ys, SPAN_FEATURES), rank=rank, hit=fit(xh, yh, HIT_FEATURES),
                 threshold=0.5, min_hit=min_hit, trained_on=tuple(trained_on),
                 add_threshold=add_threshold, margin=margin, keep_roles=product)


def fold_of(records: Sequence[dict[str, Any]], k: int) -> list[int]:
    """A fold 0..k-1 per record; one article (GeoVirus: one `source_url`) never spans two.

    Groups are ordered by the SHA-1 of their key and dealt out in turn, so folds are balanced
    and the same on every run.
    """
    if k < 2:
        raise ValueError(f"--cv needs at least 2 folds, got {k}")
    keys = [str(r.get("source_url") or r.get("id") or i) for i, r in enumerate(records)]
    order = sorted(set(keys), key=lambda s: hashlib.sha1(s.encode()).hexdigest())
    if len(order) < k:
        raise ValueError(f"--cv {k} needs at least {k} articles, found {len(order)}")
    fold = {key: i % k for i, key in enumerate(order)}
    return [fold[key] for key in keys]


def cross_validate(records: Sequence[dict[str, Any]], items: Sequence[Sequence[SpanItem]],
                   k: int, **options: Any) -> list[list]:
    """Predictions for each record from a model trained on the other folds."""
    from geo.evaluate.geoparse import from_decision
    from geo.geoparse.ranker import decide

    folds = fold_of(records, k)
    out: list[list] = [[] for _ in records]
    for f in range(k):
        train_idx = [i for i, g in enumerate(folds) if g != f]
        model = train([records[i] for i in train_idx], [items[i] for i in train_idx],
                      **options)
        for i, g in enumerate(folds):
            if g == f:
                out[i] = [from_decision(d) for d in decide(items[i], model)]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m geo.evaluate.train_ranker", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, default=list(DEV_FILES),
                    help="annotated JSONL corpora (default: the six dev files)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write")
    args = ap.parse_args(argv)
    from geo.errors import ConflictMapError
    from geo.evaluate.geoparse import read_corpus

    records, items = [], []
    try:
        for path in args.files:
            recs = read_corpus(path)
            its, _rate = cached_items(recs)
            records += recs
            items += its
            print(f"{path.name}: {len(recs)} articles, {sum(map(len, its))} spans",
                  file=sys.stderr)
    except (ConflictMapError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    model = train(records, items, trained_on=[p.name for p in args.files], product=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.as_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
