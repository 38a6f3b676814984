"""Score predicted claims against annotated records (the `../shared/claims/` format).

The metric is the project's reference (`claim_scores` in `../shared/corpora/reference_score.py`),
reimplemented here so the package does not depend on that folder; a test checks that both give
the same numbers on the same predictions.

Per record, predictions are taken in order; each matches the first unused gold claim whose
value agrees (both None, or within 0.5), whose unit is equal and whose `negated` is equal,
preferring one whose region also agrees. On matched pairs: region right when the names are
alike, bound right when equal, claimant right when the gold has none and the prediction is none
or "reports", or the names are alike; a gold claimant none of whose distinctive words occurs in
the record's text is not scored (the annotator knew it from elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any

__all__ = [
    "GENERIC_WORDS",
    "SPLITS",
    "action_share",
    "alike",
    "claim_errors",
    "in_split",
    "matched_pairs",
    "placeable_share",
    "score_claims",
]

# Words that do not identify a claimant or region on their own.
GENERIC_WORDS = frozenset("""
the a an of and s ministry defence general staff forces armed military army troops russian
ukrainian russia ukraine oblast region province state spokesperson spokesman official officials
command said says reports report media analysis data head chief commander senior leader
government city town village district governor
""".split())
VALUE_TOLERANCE = 0.5
# Issue 13's fixed split of the second batch (ids uNNN, vNNN): test = number divisible by 3.
SPLITS = ("train", "test", "first")
SIMILAR = 0.8  # SequenceMatcher ratio above which two names (or two long words) are alike
LONG_WORD = 5


def alike(a: str | None, b: str | None) -> bool:
    """Whether two names refer to the same thing, as the reference metric decides.

    Lower-cased, punctuation dropped and "defense" spelled "defence": one contains the other
    and the shorter has a distinctive word, or the strings are at least 0.8 similar, or they
    share a distinctive word of 5+ letters up to small spelling differences.

    Examples
    --------
    >>> alike("Oleksandr Syrskyi", "Syrskii")
    True
    >>> alike("Russian defense ministry", "Russia's Defence Ministry")
    True
    >>> alike("Kursk Oblast", "Oblast"), alike("Kursk Oblast", "")
    (False, False)
    """
    wa, wb = _words(a), _words(b)
    sa, sb = " ".join(wa), " ".join(wb)
    if not sa or not sb:
        return False
    shorter, longer = (wa, sb) if len(sa) <= len(sb) else (wb, sa)
    if " ".join(shorter) in longer and _distinctive(shorter):
        return True
    if SequenceMatcher(None, sa, sb).ratio() >= SIMILAR:
        return True
    return any(len(x) >= LONG_WORD and len(y) >= LONG_WORD
               and SequenceMatcher(None, x, y).ratio() >= SIMILAR
               for x in _distinctive(wa) for y in _distinctive(wb))


def score_claims(records: Sequence[Mapping[str, Any]],
                 predictions: Sequence[Sequence[Mapping[str, Any]]]) -> dict[str, float | int]:
    """Detection precision/recall/F1 and field accuracies of `predictions[i]` on `records[i]`.

    Parameters
    ----------
    records : dicts with "text" and "claims" (gold claims with value, unit, negated, region,
        bound, claimant).
    predictions : per record, claim dicts (`Claim.as_dict()` or `Store.claims()` rows); the
        region is read from "region_name", else "region".

    Returns
    -------
    dict with n_gold, n_pred, precision, recall, f1, region_acc, bound_acc (both over matched
    claims) and claimant_acc (over matched claims whose gold claimant is scored); all 0–1.

    Examples
    --------
    >>> gold = {"text": "", "claims": [{"value": 86, "unit": "percent", "negated": False,
    ...          "bound": "over", "region": "Kursk Oblast", "claimant": None}]}
    >>> pred = [{"value": 86.0, "unit": "percent", "negated": False, "bound": "over",
    ...          "region_name": "Kursk Oblast", "claimant": "reports"},
    ...         {"value": 430, "unit": None, "negated": False}]
    >>> s = score_claims([gold], [pred])
    >>> s["precision"], s["recall"], s["region_acc"], s["claimant_acc"]
    (0.5, 1.0, 1.0, 1.0)
    """
    if len(records) != len(predictions):
        raise ValueError(f"{len(records)} records but {len(predictions)} prediction lists")
    tp = fp = fn = region_ok = bound_ok = claimant_ok = claimant_n = 0
    for record, preds in zip(records, predictions, strict=True):
        text_words = set(_words(record.get("text", "")))
        pairs, unmatched = _match(record, preds)
        for gold, pred in pairs:
            if gold is None:
                fp += 1
                continue
            region = pred.get("region_name") or pred.get("region") or ""
            tp += 1
            region_ok += alike(region, gold.get("region") or "")
            bound_ok += (gold.get("bound") or None) == (pred.get("bound") or None)
            gold_claimant, claimant = gold.get("claimant") or "", pred.get("claimant") or ""
            if gold_claimant and not text_words.intersection(_distinctive(_words(gold_claimant))):
                continue
            claimant_n += 1
            if gold_claimant:
                claimant_ok += bool(claimant) and alike(gold_claimant, claimant)
            else:
                claimant_ok += claimant.lower() in ("", "reports")
        fn += len(unmatched)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n_gold": tp + fn, "n_pred": tp + fp, "precision": precision, "recall": recall,
            "f1": f1, "region_acc": region_ok / tp if tp else 0.0,
            "bound_acc": bound_ok / tp if tp else 0.0,
            "claimant_acc": claimant_ok / claimant_n if claimant_n else 0.0}


def in_split(record_id: str, split: str) -> bool:
    """Whether a record belongs to issue 13's split: "first" is the first batch (not u/v),
    "test" the u/v records whose number is divisible by 3, "train" the other u/v records.

    Examples
    --------
    >>> [in_split(i, "test") for i in ("u003", "v012", "u004", "c003")]
    [True, True, False, False]
    >>> in_split("v010", "train"), in_split("c003", "first")
    (True, True)
    """
    if split not in SPLITS:
        raise ValueError(f"split {split!r} is not one of {SPLITS}")
    found = re.fullmatch(r"[uv](\d+)", record_id or "")
    if split == "first":
        return found is None
    return found is not None and (int(found.group(1)) % 3 == 0) == (split == "test")


def placeable_share(records: Sequence[Mapping[str, Any]],
                    predictions: Sequence[Sequence[Mapping[str, Any]]],
                    placeable: Callable[[Mapping[str, Any]], bool]) -> float | None:
    """Of matched claims whose gold region is not null, the share whose prediction can be put
    on a map (`placeable(pred)`: an ISO code, or a name with a point); None with none matched.

    Kept apart from `score_claims`, whose dict must stay equal to the reference scorer's.
    """
    placed = total = 0
    for record, preds in zip(records, predictions, strict=True):
        for gold, pred in _match(record, preds)[0]:
            if gold is not None and gold.get("region"):
                total += 1
                placed += bool(placeable(pred))
    return placed / total if total else None


def action_share(records: Sequence[Mapping[str, Any]],
                 predictions: Sequence[Sequence[Mapping[str, Any]]]) -> float | None:
    """Of matched claims whose gold claim has an action, the share predicted with that action
    (captured, controls, denied, ...): what the map's icon says. The reference scorer does not
    score it, so it is kept apart from `score_claims` too; None with none matched.

    >>> gold = {"text": "", "claims": [{"value": 0.04, "unit": "percent", "negated": False,
    ...          "action": "captured"}, {"value": 19.04, "unit": "percent",
    ...          "negated": False, "action": "controls"}]}
    >>> preds = [{"value": 0.04, "unit": "percent", "negated": False, "action": "controls"},
    ...          {"value": 19.04, "unit": "percent", "negated": False, "action": "controls"}]
    >>> action_share([gold], [preds])
    0.5
    """
    right = total = 0
    for record, preds in zip(records, predictions, strict=True):
        for gold, pred in _match(record, preds)[0]:
            if gold is not None and gold.get("action"):
                total += 1
                right += gold["action"] == pred.get("action")
    return right / total if total else None


def claim_errors(records: Sequence[Mapping[str, Any]],
                 predictions: Sequence[Sequence[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """Each record's mistakes, for reading misses by cause: "extra" (a prediction matching no
    gold claim), "missed" (a gold claim no prediction matched), and "field" (a matched pair
    whose region, bound or claimant the scorer counts wrong)."""
    out: list[dict[str, Any]] = []
    for record, preds in zip(records, predictions, strict=True):
        text_words = set(_words(record.get("text", "")))
        pairs, unmatched = _match(record, preds)
        for gold, pred in pairs:
            if gold is None:
                out.append({"id": record.get("id"), "kind": "extra", "pred": dict(pred)})
                continue
            region = pred.get("region_name") or pred.get("region") or ""
            wrong = [f for f, ok in (
                ("region", alike(region, gold.get("region") or "")),
                ("bound", (gold.get("bound") or None) == (pred.get("bound") or None)),
                ("claimant", _claimant_ok(gold, pred, text_words))) if not ok]
            if wrong:
                out.append({"id": record.get("id"), "kind": "field", "fields": wrong,
                            "gold": dict(gold), "pred": dict(pred)})
        out.extend({"id": record.get("id"), "kind": "missed", "gold": dict(g)}
                   for g in unmatched)
    return out


def matched_pairs(record: Mapping[str, Any], preds: Sequence[Mapping[str, Any]]
                  ) -> list[tuple[int, Mapping[str, Any]]]:
    """(index of the gold claim in `record["claims"]`, prediction) for each prediction the
    reference matching pairs with a gold claim, for scoring fields the reference does not
    (`benchmarks/claim_fields.py`: the kind of the denominator, the as-of date)."""
    pairs, _unmatched = _match(record, preds)
    golds = record["claims"]
    return [(next(i for i, g in enumerate(golds) if g is gold), pred)
            for gold, pred in pairs if gold is not None]


def _claimant_ok(gold: Mapping[str, Any], pred: Mapping[str, Any], text_words: set[str]) -> bool:
    gold_claimant, claimant = gold.get("claimant") or "", pred.get("claimant") or ""
    if gold_claimant and not text_words.intersection(_distinctive(_words(gold_claimant))):
        return True  # not scored
    if gold_claimant:
        return bool(claimant) and alike(gold_claimant, claimant)
    return claimant.lower() in ("", "reports")


def _match(record: Mapping[str, Any], preds: Sequence[Mapping[str, Any]]
           ) -> tuple[list[tuple[Mapping[str, Any] | None, Mapping[str, Any]]],
                      list[Mapping[str, Any]]]:
    """The reference matching: (gold or None, prediction) per prediction in order, and the
    gold claims left unmatched."""
    unmatched = list(record["claims"])
    pairs: list[tuple[Mapping[str, Any] | None, Mapping[str, Any]]] = []
    for pred in preds:
        region = pred.get("region_name") or pred.get("region") or ""
        fitting = [g for g in unmatched if _same_quantity(g, pred)]
        if not fitting:
            pairs.append((None, pred))
            continue
        gold = next((g for g in fitting if alike(region, g.get("region") or "")), fitting[0])
        unmatched.remove(gold)
        pairs.append((gold, pred))
    return pairs, unmatched


def _same_quantity(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    gv, pv = gold.get("value"), pred.get("value")
    if gv is None or pv is None:
        values = gv is None and pv is None
    else:
        values = abs(float(gv) - float(pv)) <= VALUE_TOLERANCE
    return values and gold.get("unit") == pred.get("unit") and \
        bool(gold.get("negated")) == bool(pred.get("negated"))


def _words(name: str | None) -> list[str]:
    return re.sub(r"[^\w\s]", " ", (name or "").lower().replace("defense", "defence")).split()


def _distinctive(words: list[str]) -> list[str]:
    return [w for w in words if w not in GENERIC_WORDS and len(w) >= 3]
