"""The learned toponym classifier and candidate ranker, applied to the parser's span items.

Three logistic models stored as JSON coefficients in `assets/ranker.json` (written by
`conflict-map train-ranker`): `accept` says whether a proposed span is a toponym, `rank`
scores
each of its gazetteer candidates (the best one wins), and `hit` estimates whether that point is
right; a span is kept when `accept` clears `threshold` and `hit` clears `min_hit`, because a
toponym placed wrongly misleads the map more than one left out. Inference is a dot product,
so the runtime needs no training library. Without the asset (or with
`CONFLICT_MAP_RANKER=off`) the rule decisions of `geo.geoparse.resolve` are used unchanged.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo.errors import ModelError
from geo.geoparse.features import CAND_FEATURES, SPAN_FEATURES, CandItem, SpanItem
from geo.paths import ASSETS

MODEL_PATH = ASSETS / "ranker.json"
MODEL_FORMAT = "conflict-map-ranker/1"
DATELINE = SPAN_FEATURES.index("dateline")
SETTLEMENT_OF = SPAN_FEATURES.index("settlement_of")

Decision = tuple[SpanItem, CandItem | None, float, str]
HIT_FEATURES = (*SPAN_FEATURES, *(f"chosen_{x}" for x in CAND_FEATURES), "no_candidate")


@dataclass(frozen=True, slots=True)
class Linear:
    """A standardised logistic model: logit = intercept + Σ coef·(x − mean)/scale."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def logit(self, x: Sequence[float]) -> float:
        return self.intercept + sum(c * (v - m) / s for c, v, m, s
                                    in zip(self.coef, x, self.mean, self.scale, strict=True))

    def as_dict(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": list(self.mean),
                "scale": list(self.scale), "coef": list(self.coef), "intercept": self.intercept}


@dataclass(frozen=True, slots=True)
class Model:
    """The three models and how they are combined with the rules.

    `threshold` is the classifier probability a span the rules accepted needs, `add_threshold`
    the one a span they rejected needs; the ranker overrides the rules' candidate only when its
    logit is `margin` higher; with `keep_roles` (the product model) metonyms and adjectival
    references the rules accepted stay, since several corpora do not annotate them but the
    map shows them by role.
    """

    accept: Linear
    rank: Linear
    hit: Linear
    threshold: float = 0.5
    min_hit: float = 0.2
    trained_on: tuple[str, ...] = ()
    add_threshold: float = 0.5
    margin: float = 0.0
    keep_roles: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"format": MODEL_FORMAT, "trained_on": list(self.trained_on),
                "threshold": self.threshold, "min_hit": self.min_hit,
                "add_threshold": self.add_threshold, "margin": self.margin,
                "keep_roles": self.keep_roles,
                "accept": self.accept.as_dict(), "rank": self.rank.as_dict(),
                "hit": self.hit.as_dict()}


def model_from_dict(data: dict[str, Any], source: str = "<dict>") -> Model:
    """Check and build a model; a stale feature list is an error, not a silent mismatch."""
    if data.get("format") != MODEL_FORMAT:
        raise ModelError(f"{source}: not a {MODEL_FORMAT} file")
    parts = {}
    for part, names in (("accept", SPAN_FEATURES), ("rank", CAND_FEATURES),
                        ("hit", HIT_FEATURES)):
        d = data.get(part) or {}
        if tuple(d.get("features", ())) != names:
            raise ModelError(f"{source}: '{part}' was trained on other features than "
                             f"geo/geoparse/features.py computes; retrain with "
                             "`conflict-map train-ranker`")
        parts[part] = Linear(tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]),
                             tuple(d["coef"]), float(d["intercept"]))
    return Model(parts["accept"], parts["rank"], parts["hit"],
                 float(data.get("threshold", 0.5)), float(data.get("min_hit", 0.2)),
                 tuple(data.get("trained_on", ())), float(data.get("add_threshold", 0.5)),
                 float(data.get("margin", 0.0)), bool(data.get("keep_roles", False)))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> Model | None:
    """The shipped model, or None when absent or switched off (`CONFLICT_MAP_RANKER=off`)."""
    env = os.environ.get("CONFLICT_MAP_RANKER", "")
    if env.lower() in ("off", "0", "none", "rules"):
        return None
    p = Path(path or env or MODEL_PATH)
    if not p.exists():
        return None
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ModelError(f"{p}: cannot read the ranker model ({err})") from err
    return model_from_dict(data, str(p))


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def decide(items: Sequence[SpanItem], model: Model | None, *,
           accept_all: bool = False) -> list[Decision]:
    """Which spans are toponyms and which candidate each means, with a score and a reason.

    `accept_all` skips recognition (gold spans): every item is a toponym.
    """
    out: list[Decision] = []
    for item in items:
        if model is None:
            if not (item.rule_ok or accept_all):
                continue
            if not item.cands:
                out.append((item, None, round(item.plaus * 0.5, 3), item.reason))
                continue
            reason = item.reason if item.reason in ("dateline", "demonym") else item.rule_reason
            out.append((item, item.cands[0], round(min(item.plaus, 1.0) * item.rule_conf, 3),
                        reason))
            continue
        p = 1.0 if accept_all else sigmoid(model.accept.logit(item.x))
        kept_role = (model.keep_roles and item.rule_ok and bool(item.cands)
                     and item.cands[0].role != "literal")
        # "the town of Avdiivka": the text says it is a town, which few training examples
        # tagged PERSON taught the model to believe.
        named_so = item.rule_ok and item.x[SETTLEMENT_OF] == 1.0
        if p < (model.threshold if item.rule_ok else model.add_threshold) and not (
                kept_role or named_so):
            continue
        k = best_candidate(item, model)
        if kept_role or _dateline_city(item, k):
            k = 0
        elif (not accept_all and not _broad(item, k)
              and sigmoid(model.hit.logit(hit_vector(item, k))) < model.min_hit):
            continue
        if k is None:
            out.append((item, None, round(p * 0.5, 3), item.reason or "learned classifier"))
            continue
        logits = [model.rank.logit(c.x) for c in item.cands]
        if k == 0:
            reason = item.reason if item.reason in ("dateline", "demonym") else item.rule_reason
        else:
            reason = "learned ranker"
        out.append((item, item.cands[k], round(p * sigmoid(logits[k]), 3), reason))
    return out


def best_candidate(item: SpanItem, model: Model) -> int | None:
    """Index of the ranker's choice among the item's candidates (ties: the rules' order)."""
    if not item.cands:
        return None
    logits = [model.rank.logit(c.x) for c in item.cands]
    k = max(range(len(logits)), key=lambda i: (logits[i], -i))
    return k if logits[k] - logits[0] >= model.margin else 0


def _dateline_city(item: SpanItem, k: int | None) -> bool:
    """A dateline names the city the story was filed from ("HAIFA, Israel"): when the rules put
    a city first, the ranker may not swap in the district of the same name. (Both points are
    usually hits in the corpora, so the ranker never learned the difference.)"""
    return (k not in (None, 0) and item.x[DATELINE] == 1.0
            and item.cands[0].place.feature == "city")


def _broad(item: SpanItem, k: int | None) -> bool:
    """A region or water body the rules accepted: its point is a convention (the corpora's
    "Donbas" or "Gaza Strip" may sit 200 km away), so a likely miss of 161 km says nothing
    about whether the name is meant, and the hit model may not drop it."""
    return k is not None and item.rule_ok and item.cands[k].place.feature in ("region", "water")


def hit_vector(item: SpanItem, k: int | None) -> list[float]:
    """Features of the hit model: the span's, the chosen candidate's, and whether there is one."""
    if k is None:
        return [*item.x, *(0.0 for _ in CAND_FEATURES), 1.0]
    return [*item.x, *item.cands[k].x, 0.0]
