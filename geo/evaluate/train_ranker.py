"""Train the toponym classifier, candidate ranker and hit model (`geo.geoparse.ranker`) on span
items of annotated corpora (`geo.evaluate.items`).

`conflict-map train-ranker [FILE.jsonl ...] [--out assets/ranker.json]` trains on every article of
the files (by default the six dev files under ../shared) and writes the JSON model the parser
loads. Training is deterministic: Newton's method on an L2-penalised logistic loss, no random
start, no sampling. Cross-validation (`geo.evaluate.cross_validation`) trains with `train` too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from geo.evaluate.metrics import HIT_KM, km
from geo.geoparse.features import CAND_FEATURES, SPAN_FEATURES, SpanItem
from geo.geoparse.ranker import HIT_FEATURES, Linear, Model, best_candidate, hit_vector
from geo.paths import ROOT

DEV_FILES = tuple(ROOT.parent / "shared" / p for p in (
    "conflictnews/conflictnews.dev.jsonl", "corpora/trnews.dev.jsonl",
    "corpora/geowebnews.dev.jsonl", "corpora/geovirus.dev.jsonl", "corpora/lgl.dev.jsonl",
    "corpora/geocorpora.dev.jsonl"))
L2 = 1.0
DEMONYM = SPAN_FEATURES.index("demonym")
MIN_HIT = 0.2  # keep a toponym unless its point is more likely wrong than this
MARGIN = 1.0  # logit lead the ranker needs to overrule the rules' candidate
ADD_THRESHOLD = 0.6  # classifier probability a span the rules rejected needs
# The product is for conflict news, and the one corpus of it is small (20 passages) beside
# five general ones: in the shipped model each of its articles counts this many times.
# Chosen by `benchmarks/pooled_cv.py` among 1, 3, 6, 10 and 15 (benchmarks/ACCURACY.md).
DOMAIN_CORPORA = frozenset({"conflictnews"})
DOMAIN_WEIGHT = 6


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


def domain_weighted(records: Sequence[dict[str, Any]], items: Sequence[Sequence[SpanItem]],
                    ) -> tuple[list[dict[str, Any]], list[Sequence[SpanItem]]]:
    """Each article of a `DOMAIN_CORPORA` corpus `DOMAIN_WEIGHT` times, the others once.

    >>> recs, its = domain_weighted([{"corpus": "conflictnews"}, {"corpus": "lgl"}], [[], []])
    >>> len(recs), sum(r["corpus"] == "lgl" for r in recs)
    (7, 1)
    """
    out_recs, out_items = [], []
    for rec, its in zip(records, items, strict=True):
        n = DOMAIN_WEIGHT if rec.get("corpus") in DOMAIN_CORPORA else 1
        out_recs += [rec] * n
        out_items += [its] * n
    return out_recs, out_items


def train(records: Sequence[dict[str, Any]], items: Sequence[Sequence[SpanItem]], *,
          trained_on: Sequence[str] = (), min_hit: float = MIN_HIT, margin: float = MARGIN,
          add_threshold: float = ADD_THRESHOLD, product: bool = False) -> Model:
    """The three models from labelled records and their span items.

    The hit model learns, on spans that are gold toponyms with a point, whether the ranker's
    choice (trained first) is right, so it depends on that ranker. With `product`, corpora
    that annotate no demonym do not teach the classifier to drop them: the product keeps
    adjectival references (the map hides them by default), and conflict-news articles weigh
    `DOMAIN_WEIGHT` times (`domain_weighted`); cross-validation on one corpus learns that
    corpus's convention instead.
    """
    if product:
        records, items = domain_weighted(records, items)
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

