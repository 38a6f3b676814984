"""The claims annotation of the shared conflict-news passages (benchmarks/conflictnews_claims.py)
joins its ids to the passages and keeps the shared claims format; the text stays in ../shared."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PASSAGES = ROOT.parent / "shared" / "conflictnews" / "conflictnews.dev.jsonl"
FIELDS = {"actor", "action", "value", "unit", "bound", "region", "denominator", "claimant",
          "negated"}


def _bench():
    spec = importlib.util.spec_from_file_location(
        "conflictnews_claims", ROOT / "benchmarks" / "conflictnews_claims.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_annotations_hold_no_text_and_every_claim_has_the_fields():
    for line in (ROOT / "benchmarks" / "data" / "conflictnews_claims.jsonl").read_text(
            "utf-8").splitlines():
        record = json.loads(line)
        assert set(record) == {"id", "claims"}, record["id"]
        assert all(set(c) == FIELDS for c in record["claims"]), record["id"]


def test_every_annotated_passage_is_joined_to_its_text():
    if not PASSAGES.exists():
        pytest.skip(f"{PASSAGES} not found: the shared folder is not next to this checkout")
    records = _bench().merged_records(PASSAGES)
    shared = {json.loads(line)["id"]: json.loads(line)["text"]
              for line in PASSAGES.read_text("utf-8").splitlines()}
    assert [r["id"] for r in records] == sorted(shared)
    assert all(r["text"] == shared[r["id"]] for r in records)
