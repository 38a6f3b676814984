"""Cross-validate the *shipped* training procedure: pooled corpora, product settings.

`conflict-map evaluate --cv K` trains each fold's model on the other folds of the same file, so
it learns that corpus's conventions. The model the product ships (`conflict-map train-ranker`)
is trained once on all six dev files pooled, with `product=True` (adjectival references and
metonyms the rules accept are kept). This prints what that procedure gives on articles it has
not seen: for each dev file and fold, a product model trained on every other file plus the
other folds of this one decides the held-out fold.

Run: `.venv/bin/python benchmarks/pooled_cv.py [--cv 5]` (needs ../shared; span items come from
the cache under build/ranker/cache/, a few minutes the first time). Prints F1 / acc161 /
recall161 per file; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.evaluate.corpus import from_decision, read_corpus  # noqa: E402
from geo.evaluate.cross_validation import fold_of  # noqa: E402
from geo.evaluate.items import cached_items  # noqa: E402
from geo.evaluate.metrics import geoparse_scores  # noqa: E402
from geo.evaluate.train_ranker import DEV_FILES, train  # noqa: E402
from geo.geoparse.ranker import decide  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", type=int, default=5, help="folds per file (default 5)")
    args = ap.parse_args()
    missing = [p for p in DEV_FILES if not p.exists()]
    if missing:
        print(f"skipped: {missing[0]} is absent (needs ../shared)", file=sys.stderr)
        return 0
    corpora = []
    for path in DEV_FILES:
        records = read_corpus(path)
        items, _rate = cached_items(records)
        corpora.append((path.name.removesuffix(".dev.jsonl"), records, items))
    print(f"pooled product-model CV, {args.cv} folds per file (grouped by article)")
    print(f"{'corpus':14} {'F1':>6} {'acc161':>7} {'recall161':>9}")
    for name, records, items in corpora:
        folds = fold_of(records, args.cv)
        preds: list[list] = [[] for _ in records]
        for f in range(args.cv):
            train_recs, train_items = [], []
            for other, o_records, o_items in corpora:
                if other != name:
                    train_recs += o_records
                    train_items += o_items
            train_recs += [r for r, g in zip(records, folds, strict=True) if g != f]
            train_items += [it for it, g in zip(items, folds, strict=True) if g != f]
            model = train(train_recs, train_items, product=True)
            for i, g in enumerate(folds):
                if g == f:
                    preds[i] = [from_decision(d) for d in decide(items[i], model)]
        s = geoparse_scores(records, preds)
        print(f"{name:14} {s['f1']:6.3f} {s['acc161']:7.3f} {s['recall161']:9.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
