"""Claims on whole real passages: the shared conflict-news texts, annotated for claims here.

The shared claims records are single sentences or short runs of them; an article is longer,
and its claims lean on earlier sentences (who "the town" is, whose "claim" a denial answers).
`data/conflictnews_claims.jsonl` gives the claims of each of the 20 conflict-news passages,
annotated here to `../shared/claims/README.md`'s conventions, by id only: the passages' text is
read from `../shared` when the benchmark runs and is never copied into the project.

Folds are by passage (odd and even numbers) so that a rule written from one fold can be
measured on the other. `--errors` lists the misses of the chosen fold on stderr.

Run: `.venv/bin/python benchmarks/conflictnews_claims.py [--fold all|odd|even] [--errors]`.
Prints `conflict-map evaluate-claims`'s figures as JSON; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "benchmarks" / "data" / "conflictnews_claims.jsonl"
PASSAGES = ROOT.parent / "shared" / "conflictnews" / "conflictnews.dev.jsonl"
FOLDS = {"all": r"^cd\d+$", "odd": r"^cd\d[13579]$", "even": r"^cd\d[02468]$"}


def merged_records(passages: Path = PASSAGES) -> list[dict]:
    """The annotated claims with each passage's text and date, in the claims file format."""
    texts = {r["id"]: r for r in map(json.loads, passages.read_text("utf-8").splitlines())
             if r.get("id")}
    out = []
    for line in ANNOTATIONS.read_text("utf-8").splitlines():
        record = json.loads(line)
        passage = texts.get(record["id"])
        if passage is None:
            raise SystemExit(f"{passages}: no passage {record['id']!r}")
        out.append({"id": record["id"], "text": passage["text"],
                    "published": passage.get("published"), "claims": record["claims"]})
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fold", choices=sorted(FOLDS), default="all")
    parser.add_argument("--errors", action="store_true", help="list the misses on stderr")
    parser.add_argument("--passages", type=Path, default=PASSAGES)
    args = parser.parse_args(argv)
    if not args.passages.exists():
        print(f"{args.passages}: not found (the shared conflict-news passages)", file=sys.stderr)
        raise SystemExit(2)
    with tempfile.TemporaryDirectory() as tmp:
        merged = Path(tmp) / "conflictnews_claims.jsonl"
        merged.write_text("".join(json.dumps(r) + "\n" for r in merged_records(args.passages)),
                          encoding="utf-8")
        cmd = [sys.executable, "-m", "geo.cli", "evaluate-claims", str(merged), "--format",
               "json", "--ids", FOLDS[args.fold], *(["--errors"] if args.errors else [])]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stderr.strip() or f"evaluate-claims exited {done.returncode}")
    if args.errors:
        print("\n".join(line for line in done.stderr.splitlines() if line.startswith("{")),
              file=sys.stderr)
    print(f"conflict-news passages, fold {args.fold}:")
    print(done.stdout.strip())


if __name__ == "__main__":
    main()
