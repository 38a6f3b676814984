"""K-fold cross-validation of the learned parser: folds grouped by article, each fold decided by
a model trained on the others (what `conflict-map evaluate --cv K` runs)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from geo.errors import EvaluationError
from geo.evaluate.corpus import from_decision
from geo.evaluate.train_ranker import train
from geo.geoparse.features import SpanItem
from geo.geoparse.ranker import decide

__all__ = ["cross_validate", "fold_of"]


def fold_of(records: Sequence[dict[str, Any]], k: int) -> list[int]:
    """A fold 0..k-1 per record; one article (GeoVirus: one `source_url`) never spans two.

    Groups are ordered by the SHA-1 of their key and dealt out in turn, so folds are balanced
    and the same on every run.
    """
    if k < 2:
        raise EvaluationError(f"--cv needs at least 2 folds, got {k}")
    keys = [str(r.get("source_url") or r.get("id") or i) for i, r in enumerate(records)]
    order = sorted(set(keys), key=lambda s: hashlib.sha1(s.encode()).hexdigest())
    if len(order) < k:
        raise EvaluationError(f"--cv {k} needs at least {k} articles, found {len(order)}")
    fold = {key: i % k for i, key in enumerate(order)}
    return [fold[key] for key in keys]


def cross_validate(records: Sequence[dict[str, Any]], items: Sequence[Sequence[SpanItem]],
                   k: int, **options: Any) -> list[list]:
    """Predictions for each record from a model trained on the other folds."""
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
