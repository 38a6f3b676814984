"""Who takes or holds the ground: the actor of each claim against the annotations, a field the
reference scorer does not score.

Each non-test annotated record (the shared claims file's train and first parts, the 20
conflict-news passages, `tests/data/claims_written.jsonl`; never the test split) is read by the
real pipeline; for each gold claim with an actor that the reference matching pairs with a
prediction, the actor counts as right when the two names are alike by the reference's rule
(`geo.evaluate.claims.alike`: containment with a distinctive word, or close spelling). The
annotations write the actor as the text does or as the side ("its forces" against "Russia's
forces", "RSF" against "Rapid Support Forces"), so the figure is a floor: `--list` prints the
pairs that differ, to read.

Run: `.venv/bin/python benchmarks/claim_actors.py [--list]`; asserts nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from claims_substitution import claims_of, records  # noqa: E402

from geo.evaluate.claims import alike, matched_pairs  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the actors that differ")
    args = parser.parse_args(argv)
    right = scored = 0
    for record in records():
        predictions = [dataclasses.asdict(c) for c in
                       claims_of(record["text"], record.get("published"))]
        for index, pred in matched_pairs(record, predictions):
            gold = record["claims"][index]
            if not gold.get("actor"):
                continue
            scored += 1
            if alike(gold["actor"], pred.get("actor") or ""):
                right += 1
            elif args.list:
                print(f"{record['id']}: {gold['action']} {gold['region']!r}: gold "
                      f"{gold['actor']!r}, read {pred.get('actor')!r}")
    share = right / scored if scored else float("nan")
    print(f"claim actors alike: {right} of {scored} matched claims ({share:.3f})")


if __name__ == "__main__":
    main()
