"""Claims kept when a sentence of no claim comes before or after: a check that what the rules
read from the sentences around a claim (who "she" is, who reports) is read from the right one.

Each non-test annotated record (as `benchmarks/claims_substitution.py` reads them; never the
test split) is read as written and again with a sentence added: `--where before` (default)
puts it in the same paragraph before the text, `before-paragraph` a paragraph before,
`after-paragraph` a paragraph after. A claim is kept when the changed text gives one with the
same action, value, unit, bound, negation, region name, actor and claimant. `--list` prints
each claim changed.

Run: `.venv/bin/python benchmarks/claims_context.py [--where before] [--sentence TEXT]
[--list]`; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from claims_substitution import claims_of, records  # noqa: E402
from claims_substitution import signature as town_signature  # noqa: E402

ADDED = "Heavy fighting was reported overnight."
PLACES = {
    "before": lambda text, added: f"{added} {text}",
    "before-paragraph": lambda text, added: f"{added}\n\n{text}",
    "after-paragraph": lambda text, added: f"{text}\n\n{added}",
}


def signature(claim) -> tuple:
    """The renaming check's fields, and the place's name, actor and claimant."""
    return (*town_signature(claim), claim.region_name, claim.actor, claim.claimant)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--where", choices=sorted(PLACES), default="before")
    parser.add_argument("--list", action="store_true", help="print each claim changed")
    parser.add_argument("--sentence", default=ADDED,
                        help="the sentence added (the default was read to mend; others were not)")
    args = parser.parse_args(argv)
    kept = total = 0
    for record in records():
        before = Counter(map(signature, claims_of(record["text"], record.get("published"))))
        if not before:
            continue
        changed = PLACES[args.where](record["text"], args.sentence)
        after = Counter(map(signature, claims_of(changed, record.get("published"))))
        lost = before - after
        total += sum(before.values())
        kept += sum(before.values()) - sum(lost.values())
        if lost and args.list:
            print(f"{record['id']}: {sorted(map(str, lost))} became "
                  f"{sorted(map(str, after - before))}")
    where = args.where.replace("-", " a ")
    print(f"claims kept with {args.sentence!r} {where}: {kept} of {total} "
          f"({kept / total:.3f})" if total else "no claims")


if __name__ == "__main__":
    main()
