"""Claim extraction's share of ingest CPU time, on the shared conflict-news passages.

Issue 13's goal: claim extraction at most 15 % of the CPU time of the whole ingest of the same
texts. Each round ingests the file into a fresh temporary SQLite store with the real
`geo.io.ingest.ingest_paths` (read, geoparse, claims, store: one transaction per article), with
the default geoparser and claim extractor wrapped only to add up their CPU time
(`time.process_time`, which other processes on a shared machine disturb less than wall time).
The claims share is the best round's claims over the best round's whole ingest (the rounds
least disturbed), the way `benchmarks/speed_nlp.py` reports its figures. spaCy runs once per
text, in the geoparser; the claim extractor reuses its Doc (`geo.geoparse.nlp.doc_for`), so
the parses of claim sentences are the claims' own cost.

Run: `.venv/bin/python benchmarks/claims_share.py [FILE.jsonl] [--rounds 5]`; without a file it
uses `../shared/conflictnews/conflictnews.dev.jsonl`, else `seeds/`. Prints the figures and
whether the goal is met; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from geo.access import local_editor
from geo.claims.extract import extract_claims
from geo.geoparse.parse import parse_article
from geo.io.ingest import ingest_paths
from geo.models import Article, Claim, Mention
from geo.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT.parent / "shared" / "conflictnews" / "conflictnews.dev.jsonl"
GOAL = 0.15


def one_round(paths: Sequence[Path]) -> tuple[float, float, float, int, int]:
    """CPU seconds of (whole ingest, geoparser, claims), articles stored and claims found."""
    spent = {"parse": 0.0, "claims": 0.0}
    found = [0]

    def parse(article: Article) -> list[Mention]:
        start = time.process_time()
        try:
            return parse_article(article)
        finally:
            spent["parse"] += time.process_time() - start

    def extract(article: Article, mentions: Sequence[Mention]) -> list[Claim]:
        start = time.process_time()
        try:
            claims = extract_claims(article, mentions)
        finally:
            spent["claims"] += time.process_time() - start
        found[0] += len(claims)
        return claims

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.sqlite") as store:
        start = time.process_time()
        report = ingest_paths(paths, store, parse=parse, extract=extract, editor=local_editor())
        whole = time.process_time() - start
    if report.failed:
        raise SystemExit(f"ingest failed: {report.failed[:3]}")
    return whole, spent["parse"], spent["claims"], len(report.new), found[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds (best one reported)")
    args = ap.parse_args()
    paths = args.files or ([DEFAULT_FILE] if DEFAULT_FILE.exists() else [ROOT / "seeds"])
    one_round(paths)  # warm-up: model, gazetteer cache, imports
    rounds = [one_round(paths) for _ in range(args.rounds)]
    # Each part's best round (as timeit does): the least disturbed by other processes.
    whole, geo, claims = (min(r[k] for r in rounds) for k in range(3))
    articles, n_claims = rounds[0][3:]
    share = claims / whole
    print(f"claims share of ingest CPU ({', '.join(p.name for p in paths)}: {articles} "
          f"articles, {n_claims} claims; best of {args.rounds} rounds):")
    print(f"  whole ingest {whole:.3f} s CPU; of it geoparse {geo:.3f} s, claims {claims:.3f} s "
          "(each its best round)")
    shares = ", ".join(f"{r[2] / r[0]:.1%}" for r in rounds)
    verdict = "met" if share <= GOAL else "not met"
    print(f"  claims share {share:.1%} (rounds: {shares}; goal <= {GOAL:.0%}: {verdict})")


if __name__ == "__main__":
    main()
