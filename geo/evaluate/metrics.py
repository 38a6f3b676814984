"""Geoparsing metrics: match predicted spans to gold toponyms and score recognition and resolution.

The definitions follow the shared evaluation corpora (Gritta et al. 2018 for AUC):

- Matching: predictions in text order, each taking the first unused gold span it overlaps;
  one-to-one. An exact match needs equal offsets.
- Resolution is scored on matched pairs whose gold has coordinates: a hit is a great-circle error
  of at most 161 km, or the same GeoNames id. A prediction with no point and not the gold's id
  counts as 20,039 km (half the Earth's circumference).
- `recall161` divides the hits by every gold toponym with coordinates, found or not.

The evaluator must print the same numbers as the reference scorer of the corpora, so the
arithmetic below keeps its order of operations (sums in match order, the same median and AUC).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import Any

from geo.gazetteer.index import distance_km
from geo.models import Role

__all__ = ["EARTH_HALF_KM", "HIT_KM", "Pair", "Prediction", "geoparse_scores", "km", "match"]

EARTH_HALF_KM = 20039.0
HIT_KM = 161.0
SCORE_KEYS = ("n_gold", "n_pred", "precision", "recall", "f1", "f1_exact", "acc161",
              "recall161", "mean_km", "median_km", "auc")


@dataclass(frozen=True, slots=True)
class Prediction:
    """One predicted toponym: character span, point (WGS 84 degrees) and what we know about it.

    Only `start`, `end`, `lat`, `lon` and `geonameid` are scored; the other fields feed the error
    analysis (`surface`, the resolved `name`, `feature` and `country`, the parser's `role` and
    `reason`).
    """

    start: int
    end: int
    lat: float | None
    lon: float | None
    geonameid: int | None
    surface: str = ""
    role: Role = "literal"
    name: str | None = None
    feature: str | None = None
    country: str | None = None
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The prediction as the plain dict of the corpora's scoring convention."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Pair:
    """A prediction matched to a gold toponym; `km` and `hit` are None when gold has no point."""

    pred: int  # index into the record's predictions
    gold: int  # index into the record's toponyms
    exact: bool
    km: float | None
    hit: bool | None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on a sphere of radius 6,371 km (haversine).

    Examples
    --------
    >>> round(km(50.45, 30.52, 48.45, 30.52))
    222
    """
    return distance_km(lat1, lon1, lat2, lon2)  # the gazetteer's: one distance everywhere


def match(gold: Sequence[Mapping[str, Any]], preds: Sequence[Prediction]) -> list[Pair]:
    """Pairs of one record, in the order predictions are taken (start, then end; stable).

    Examples
    --------
    >>> gold = [{"start": 0, "end": 4, "lat": None}, {"start": 9, "end": 13, "lat": None}]
    >>> [(p.pred, p.gold) for p in match(gold, [Prediction(8, 14, None, None, None)])]
    [(0, 1)]
    """
    used: set[int] = set()
    pairs = []
    order = sorted(range(len(preds)), key=lambda i: (preds[i].start, preds[i].end))
    for i in order:
        p = preds[i]
        k = next((j for j, g in enumerate(gold)
                  if j not in used and p.start < g["end"] and g["start"] < p.end), None)
        if k is None:
            continue
        used.add(k)
        g = gold[k]
        exact = (p.start, p.end) == (g["start"], g["end"])
        error, hit = resolution(g, p)
        pairs.append(Pair(pred=i, gold=k, exact=exact, km=error, hit=hit))
    return pairs


def resolution(gold: Mapping[str, Any], pred: Prediction) -> tuple[float | None, bool | None]:
    """Error in km and whether it is a hit; (None, None) when the gold toponym has no point."""
    if gold.get("lat") is None:
        return None, None
    gid = gold.get("geonameid")
    same_id = gid is not None and gid == pred.geonameid
    if pred.lat is None or pred.lon is None:
        error = 0.0 if same_id else EARTH_HALF_KM
    else:
        error = km(gold["lat"], gold["lon"], pred.lat, pred.lon)
    return error, error <= HIT_KM or same_id


def geoparse_scores(records: Sequence[Mapping[str, Any]],
                    predictions: Sequence[Sequence[Prediction]]) -> dict[str, int | float]:
    """Recognition and resolution scores of `predictions[i]` made on `records[i]`.

    Returns `n_gold`, `n_pred`, `precision`, `recall`, `f1`, `f1_exact` (exact offsets),
    `acc161` and `recall161` (fractions 0–1), `mean_km` and `median_km` (km) and `auc` (0 is
    perfect, 1 the worst), as the corpora's reference scorer defines them.

    Examples
    --------
    >>> rec = {"text": "In Kyiv.", "toponyms": [
    ...     {"start": 3, "end": 7, "lat": 50.45, "lon": 30.52, "geonameid": 703448}]}
    >>> s = geoparse_scores([rec], [[Prediction(3, 7, None, None, 703448)]])
    >>> s["f1"], s["acc161"], s["mean_km"]
    (1.0, 1.0, 0.0)
    """
    if len(records) != len(predictions):
        raise ValueError(f"{len(records)} records but {len(predictions)} prediction lists")
    n_pred = n_gold = matched = exact = hits = with_points = 0
    errors: list[float] = []
    for rec, preds in zip(records, predictions, strict=True):
        gold = rec["toponyms"]
        n_gold += len(gold)
        with_points += sum(g.get("lat") is not None for g in gold)
        n_pred += len(preds)
        for pair in match(gold, preds):
            matched += 1
            exact += pair.exact
            if pair.km is not None:
                errors.append(pair.km)
                hits += bool(pair.hit)
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    exact_p = exact / n_pred if n_pred else 0.0
    exact_r = exact / n_gold if n_gold else 0.0
    ranked = sorted(errors)
    return {
        "n_gold": n_gold, "n_pred": n_pred,
        "precision": precision, "recall": recall, "f1": _f1(precision, recall),
        "f1_exact": _f1(exact_p, exact_r),
        "acc161": hits / len(errors) if errors else 0.0,
        "recall161": hits / with_points if with_points else 0.0,
        "mean_km": sum(errors) / len(errors) if errors else 0.0,
        "median_km": _median(ranked), "auc": _auc(ranked),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _median(ranked: list[float]) -> float:
    n = len(ranked)
    if not n:
        return 0.0
    return ranked[n // 2] if n % 2 else (ranked[n // 2 - 1] + ranked[n // 2]) / 2


def _auc(ranked: list[float]) -> float:
    """Area under the sorted ln(1 + km) / ln(1 + 20039) curve, trapezoids of unit width."""
    scaled = [math.log1p(e) / math.log1p(EARTH_HALF_KM) for e in ranked]
    if len(scaled) > 1:
        return sum((a + b) / 2 for a, b in pairwise(scaled)) / (len(scaled) - 1)
    return scaled[0] if scaled else 0.0
