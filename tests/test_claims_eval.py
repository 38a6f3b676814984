"""Claim extraction measured on annotated sentences, with our evaluator checked against the
project's reference metric (../shared/corpora/reference_score.py)."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest

from geo.evaluate.claims import alike, score_claims

pytestmark = pytest.mark.usefixtures("requires_gazetteer")

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "claims" / "claims.dev.jsonl"
REFERENCE = SHARED / "corpora" / "reference_score.py"
WRITTEN = Path(__file__).parent / "data" / "claims_written.jsonl"

# Measured on claims.dev.jsonl (54 records, 80 claims; the first batch) when these floors were
# set: F1 0.994, region 0.937, bound 1.000, claimant 1.000 (one claim missed, no false
# positive). The rules were developed on this file, so the floors only guard against
# regressions: they leave room for two or three claims to change with a model or gazetteer
# update, not more.
DEV_FLOORS = {"f1": 0.95, "region_acc": 0.88, "bound_acc": 0.97, "claimant_acc": 0.95}
# Measured on tests/data/claims_written.jsonl (363 records, 377 claims, written for these
# tests in eleven batches; each batch was measured once before the rules were adjusted to it:
# F1 0.83 / 0.93 / 0.87 / 0.87 / 0.91, region 0.89 / 0.79 / 0.75 / 0.60 / 0.95, bound 1.0
# each, claimant 0.88 / 0.95 / 0.92 / 1.0 / 0.94; the fifth, ids e001-e042, through the CLI
# path; the six batches p, q, r, s, t, w of the eighth session, 190 records, F1 0.911 / 0.947
# / 0.812 / 0.840 / 0.923 / 0.889 at 1e87eb8, see benchmarks/ACCURACY.md). At 74a0db3: F1
# 0.960, region 0.914, bound 0.997, claimant 0.973. The floors are the goal for
# unseen data.
WRITTEN_FLOORS = {"f1": 0.90, "region_acc": 0.85, "bound_acc": 0.95, "claimant_acc": 0.85}
# tests/data/claims_web_a.jsonl: 40 real sentences from stored web pages (83 claims), found
# and annotated in the fourteenth session and measured before any rule was written from them
# (F1 0.752, region 0.868, claimant 0.771 at f58f024); rules were then written from them
# (F1 0.830, region 0.902, bound 1.000, claimant 0.821 at bdd8fbf). Regression floors only;
# claims_web_c.jsonl is held back and has none (benchmarks/ACCURACY.md, "Fourteenth session").
WEB_A = Path(__file__).parent / "data" / "claims_web_a.jsonl"
WEB_A_FLOORS = {"f1": 0.80, "region_acc": 0.85, "bound_acc": 0.95, "claimant_acc": 0.78}


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _predict(path: Path) -> list[list[dict]]:
    from geo.claims.extract import extract_claims
    from geo.geoparse.parse import parse_article
    from geo.io.readers import iter_records

    return [[c.as_dict() for c in extract_claims(a, parse_article(a))]
            for a in iter_records(path)]


def _reference():
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} not found: the shared folder is not next to this checkout")
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev():
    if not DEV.exists():
        pytest.skip(f"{DEV} not found: the shared folder is not next to this checkout")
    return _records(DEV), _predict(DEV)


def _report(name: str, scores: dict) -> None:
    print(f"\n{name}: " + ", ".join(
        f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in scores.items()))


def _first_batch(records: list[dict]) -> list[bool]:
    """The dev records the floors were set on: the second batch (ids uNNN, vNNN, added
    later, see ../shared/claims/README.md) is measured for issue 13, not floored here."""
    return [not r["id"].startswith(("u", "v")) for r in records]


def test_dev_set_scores_equal_the_reference_and_clear_the_floors(dev):
    records, predictions = dev
    ours = score_claims(records, predictions)
    _report("claims.dev.jsonl", ours)
    assert ours == _reference().claim_scores(records, predictions)
    keep = _first_batch(records)
    first = score_claims([r for r, k in zip(records, keep, strict=True) if k],
                         [p for p, k in zip(predictions, keep, strict=True) if k])
    _report("claims.dev.jsonl, first batch", first)
    assert sum(keep) >= 54
    for metric, floor in DEV_FLOORS.items():
        assert first[metric] >= floor, (metric, first[metric])


def test_our_evaluator_equals_the_reference_on_altered_predictions(dev):
    """Wrong regions, no claimants, shifted values, extra and missing claims."""
    records, predictions = dev
    reference = _reference()
    variants = []
    for change in range(5):
        altered = copy.deepcopy(predictions)
        for i, preds in enumerate(altered):
            for p in preds:
                if change == 0:
                    p["region_name"], p["region"] = "Kursk Oblast", None
                elif change == 1:
                    p["claimant"] = None if i % 2 else "reports"
                elif change == 2 and p["value"] is not None:
                    p["value"] += 0.5 if i % 2 else 0.6
                elif change == 3:
                    p["negated"], p["bound"] = not p["negated"], None
            if change == 4:
                altered[i] = [*preds[1:], {"value": 1, "unit": "km2", "negated": False}]
        variants.append(altered)
    variants.append([[] for _ in records])
    for altered in variants:
        assert score_claims(records, altered) == reference.claim_scores(records, altered)


def test_reference_names_alike():
    reference = _reference()
    pairs = [("Oleksandr Syrskyi", "Syrskii"), ("Kursk Oblast", "Oblast"), ("Avdiyivka",
             "Avdiivka"), ("AFP analysis", "AFP analysis of ISW data"), ("", ""),
             ("Russian defense ministry", "Russia's Defence Ministry"), ("Hamah", "Hama")]
    for a, b in pairs:
        assert alike(a, b) == reference._alike(a, b), (a, b)


def test_sentences_written_for_these_tests_clear_the_goal():
    records = _records(WRITTEN)
    scores = score_claims(records, _predict(WRITTEN))
    _report("claims_written.jsonl", scores)
    for metric, floor in WRITTEN_FLOORS.items():
        assert scores[metric] >= floor, (metric, scores[metric])


def test_web_sentences_the_rules_were_written_from_keep_their_score():
    records = _records(WEB_A)
    scores = score_claims(records, _predict(WEB_A))
    _report("claims_web_a.jsonl", scores)
    for metric, floor in WEB_A_FLOORS.items():
        assert scores[metric] >= floor, (metric, scores[metric])
