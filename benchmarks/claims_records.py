"""Each record's claims, written and compared between two versions of the code: a change that
a set's figures hide (one claimant lost where another was gained) shows in a per-record diff.

`write OUT FILE...` reads every record of claim files (JSON Lines with "id" and "text", as
`tests/data/claims_web_*.jsonl`) with the real pipeline and writes, per record, its claims'
actor, action, value, unit, region code and name, claimant and negation. `diff OLD NEW` prints
the records whose claims differ, with the claims lost and gained. To compare with an older
commit, write OLD from a worktree of it (`PYTHONPATH` set to the worktree).

Only for sets already read: the records are printed, so a held-back set's diff would show its
errors.

Run: `.venv/bin/python benchmarks/claims_records.py write /tmp/new.jsonl
tests/data/claims_web_a.jsonl ...` then `... diff /tmp/old.jsonl /tmp/new.jsonl`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH: a worktree's code is read from there

from geo.claims.extract import extract_claims  # noqa: E402
from geo.geoparse.parse import parse_article  # noqa: E402
from geo.models import Article  # noqa: E402

FIELDS = ("actor", "action", "value", "unit", "region", "region_name", "claimant", "negated")


def claims_of_record(record: dict) -> list[list]:
    """The record's claims as lists of `FIELDS`, in text order."""
    article = Article(str(record["id"]), record["text"], published=record.get("published"))
    return [[getattr(c, f) for f in FIELDS] for c in extract_claims(article,
                                                                    parse_article(article))]


def write(out: Path, files: list[Path]) -> None:
    with open(out, "w", encoding="utf-8") as sink:
        for path in files:
            with open(path, encoding="utf-8") as source:
                for line in source:
                    record = json.loads(line)
                    sink.write(json.dumps({"file": path.name, "id": record["id"],
                                           "claims": claims_of_record(record)}) + "\n")


def diff(old: Path, new: Path) -> int:
    """Print the records whose claims differ; how many."""
    def read(path: Path) -> dict:
        with open(path, encoding="utf-8") as source:
            return {(r["file"], r["id"]): r["claims"] for r in map(json.loads, source)}
    before, after = read(old), read(new)
    changed = 0
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key, []), after.get(key, [])
        if a == b:
            continue
        changed += 1
        print(f"{key[0]} {key[1]}")
        for claim in a:
            if claim not in b:
                print(f"  - {claim}")
        for claim in b:
            if claim not in a:
                print(f"  + {claim}")
    print(f"{changed} of {len(before.keys() | after.keys())} records differ")
    return changed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write each record's claims")
    w.add_argument("out", type=Path)
    w.add_argument("files", type=Path, nargs="+")
    d = sub.add_parser("diff", help="print the records whose claims differ")
    d.add_argument("old", type=Path)
    d.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.out, args.files)
    else:
        diff(args.old, args.new)


if __name__ == "__main__":
    main()
