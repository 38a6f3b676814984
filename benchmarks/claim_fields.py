"""Accuracy of two claim fields the reference scorer does not score: `denominator_kind` (what a
share is of) and `as_of` (the date the sentence gives the claim).

The shared records have no such fields, so they were labelled by hand, by record id and claim
index, in `tests/data/denominator_kinds.jsonl` and `tests/data/as_of.jsonl` (train and first
batch only, never the test split). Each record of the chosen split is ingested as
`conflict-map evaluate-claims` does (a temporary database, the real pipeline); each labelled
gold claim the reference matching pairs with a prediction is scored on that prediction's field;
`no_share_kind_none` counts matched claims that are no share (no gold denominator, not a
percentage) and how many of them have no kind, as they should.
For the test split only counts of the predicted values are printed.

Run: `PYTHONPATH=. .venv/bin/python benchmarks/claim_fields.py ../shared/claims/claims.dev.jsonl
--split train` (also `first`, `test`); `--show` lists the scored pairs (not for test).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from geo.access import local_editor

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.errors import IngestError  # noqa: E402
from geo.evaluate.claims import in_split, matched_pairs  # noqa: E402
from geo.io.ingest import ingest_paths  # noqa: E402
from geo.io.readers import iter_records  # noqa: E402
from geo.store.database import Store  # noqa: E402

LABELS = {"denominator_kind": ROOT / "tests/data/denominator_kinds.jsonl",
          "as_of": ROOT / "tests/data/as_of.jsonl"}


def predict(records: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Each record's stored claims after a real ingest, in record order."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                        encoding="utf-8")
        with Store(Path(tmp) / "eval.sqlite") as store:
            ingest_paths([path], store, editor=local_editor())
            return [[] if isinstance(a, IngestError) else store.claims(article_id=a.id)
                    for a in iter_records(path)]


def labels(field: str) -> dict[tuple[str, int], Any]:
    rows = [json.loads(line) for line in LABELS[field].read_text().splitlines() if line.strip()]
    return {(r["id"], r["claim"]): r[field] for r in rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", type=Path)
    ap.add_argument("--split", choices=("train", "test", "first"), required=True)
    ap.add_argument("--show", action="store_true", help="list the scored pairs")
    args = ap.parse_args()
    records = [json.loads(line) for line in args.file.read_text().splitlines() if line.strip()]
    records = [r for r in records if in_split(r["id"], args.split)]
    predictions = predict(records)
    pairs = [(r, i, p) for r, preds in zip(records, predictions, strict=True)
             for i, p in matched_pairs(r, preds)]
    out: dict[str, Any] = {"split": args.split, "matched": len(pairs)}
    for field in LABELS:
        out[f"{field}_counts"] = dict(Counter(str(p.get(field)) for preds in predictions
                                              for p in preds))
        if args.split == "test":
            continue
        gold = labels(field)
        scored = [(r, i, p) for r, i, p in pairs if (r["id"], i) in gold]
        right = sum(gold[r["id"], i] == p.get(field) for r, i, p in scored)
        out[field] = {"labelled": sum(in_split(k[0], args.split) for k in gold),
                      "matched": len(scored), "right": right,
                      "accuracy": round(right / len(scored), 3) if scored else None}
        if args.show:
            for r, i, p in scored:
                mark = "ok " if gold[r["id"], i] == p.get(field) else "ERR"
                print(mark, field, r["id"], i, gold[r["id"], i], p.get(field),
                      repr(p.get("denominator")), file=sys.stderr)
    if args.split != "test":  # not a share: no denominator in the gold and not a percentage
        plain = [p for r, i, p in pairs if not r["claims"][i].get("denominator")
                 and r["claims"][i].get("unit") != "percent"]
        out["no_share_kind_none"] = {"matched": len(plain), "none": sum(
            p.get("denominator_kind") is None for p in plain)}
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
