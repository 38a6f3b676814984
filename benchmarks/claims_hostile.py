"""Time of geoparsing and claim extraction on hostile text, against a bound and against twice
the text.

The texts are those `tests/test_claims_hostile.py` checks for crashes and sane claims
(`tests/claims_hostile_inputs.py`: a 5,000-word sentence, 400-digit numbers, quotes nested 200
deep, claims in table cells, a list of 2,000 names). Each is geoparsed and read for claims as
ingest does (`parse_article`, then `extract_claims` on the same Doc), once at its size and once
at twice its size. Bound (issue 13): at most 2 s CPU, or 2 s per 10,000 characters for longer
text; and twice the text at most 2.6 times the time (linear, with room for noise).

Run: `.venv/bin/python benchmarks/claims_hostile.py`. Prints one line per input and a verdict;
asserts nothing. CPU time (`time.process_time`), best of `--rounds`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from geo.claims.extract import extract_claims
from geo.geoparse.parse import parse_article
from geo.models import Article, article_id

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from claims_hostile_inputs import HOSTILE  # noqa: E402  (shared with the tests)

SECONDS = 2.0  # per input, or per `PER_CHARS` characters of a longer one
PER_CHARS = 10_000
GROWTH = 2.6  # the most time may grow when the text doubles


def seconds(text: str, rounds: int) -> tuple[float, int]:
    """Best CPU seconds of geoparse + claims over `rounds`, and the claims found."""
    best, found = float("inf"), 0
    for k in range(rounds):
        # A text of its own per round: spaCy's Doc of the last texts is kept (`doc_for`).
        article = Article(article_id(text) + str(k), f"{text}\nRound {k}.")
        start = time.process_time()
        found = len(extract_claims(article, parse_article(article)))
        best = min(best, time.process_time() - start)
    return best, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=2, help="timed rounds per text")
    args = ap.parse_args()
    seconds("Russian forces captured Avdiivka, the ministry said.", 1)  # load the model
    failed = []
    print(f"{'hostile input':<26} {'chars':>7} {'CPU s':>6} {'bound':>6} {'claims':>6}  "
          f"{'2x chars':>8} {'CPU s':>6} {'ratio':>5}")
    for name, (build, size) in HOSTILE.items():
        text, double = build(size), build(2 * size)
        took, found = seconds(text, args.rounds)
        took2, _found2 = seconds(double, args.rounds)
        bound = SECONDS * max(1.0, len(text) / PER_CHARS)
        ratio = took2 / max(took, 1e-3)
        ok = took <= bound and ratio <= GROWTH
        if not ok:
            failed.append(name)
        print(f"{name:<26} {len(text):>7,} {took:>6.2f} {bound:>6.1f} {found:>6}  "
              f"{len(double):>8,} {took2:>6.2f} {ratio:>5.2f}{'' if ok else '  FAIL'}")
    verdict = "FAIL: " + ", ".join(failed) if failed else "PASS"
    print(f"{verdict} (bound: <= {SECONDS:.0f} s CPU, or {SECONDS:.0f} s per {PER_CHARS:,} "
          f"characters; 2x the text <= {GROWTH}x the time)")


if __name__ == "__main__":
    main()
