"""Claims kept when the towns of a sentence are renamed: a check of rules on words they never saw.

A rule that reads a claim only when the town is one the small English model knows (tags as a
proper noun, parses as an object) fails on the next town in the news. Each record of the
non-test annotated sets (the shared claims file's train and first parts, the conflict-news
passages, `tests/data/claims_written.jsonl`) is read as written and again with every town
that a gold claim names (a GeoNames city the gazetteer knows by that one name) replaced by
another town of the same admin-1 unit (else country) and similar size, chosen by a seeded
draw. A claim is kept when the renamed text gives a claim with the same action, value,
unit, bound and negation; the figure is the share of the original claims kept (the text's
own misses do not count).

Run: `.venv/bin/python benchmarks/claims_substitution.py [--seed 4] [--draws 2] [--list]`
(`--list` prints each lost claim with the renamed sentence). Needs ../shared for its first
three sets (skipped when absent); asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from conflictnews_claims import PASSAGES, merged_records  # noqa: E402

from geo.claims.extract import extract_claims  # noqa: E402
from geo.evaluate.claims import in_split  # noqa: E402
from geo.gazetteer.index import open_gazetteer  # noqa: E402
from geo.geoparse.parse import parse_article  # noqa: E402
from geo.models import Article  # noqa: E402

SHARED_CLAIMS = ROOT.parent / "shared" / "claims" / "claims.dev.jsonl"
WRITTEN = ROOT / "tests" / "data" / "claims_written.jsonl"
GAZETTEER = ROOT / "data" / "gazetteer.sqlite"


def records() -> list[dict]:
    """The annotated records this check may read: never the shared test split."""
    out: list[dict] = []
    if SHARED_CLAIMS.exists():
        out += [r for r in map(json.loads, SHARED_CLAIMS.read_text("utf-8").splitlines())
                if r.get("id") and not in_split(r["id"], "test")]
    if PASSAGES.exists():
        out += merged_records()
    out += [json.loads(line) for line in WRITTEN.read_text("utf-8").splitlines() if line]
    return out


class Towns:
    """Single-word GeoNames towns by country, to draw stand-ins of a similar size from."""

    def __init__(self, path: Path = GAZETTEER) -> None:
        self.db = sqlite3.connect(path)
        self.pools: dict[str, list[tuple[str, int]]] = {}

    def town(self, name: str) -> tuple[str, str, int] | None:
        """(country, GeoNames admin-1 code, population) of the largest city called exactly
        `name`, else None."""
        row = self.db.execute(
            "SELECT country, gn_admin1, population FROM places WHERE feature = 'city' AND "
            "name = ? ORDER BY population DESC LIMIT 1", (name,)).fetchone()
        return (row[0], row[1] or "", row[2]) if row and row[0] else None

    def stand_in(self, town: tuple[str, str, int], avoid: str, rng: random.Random) -> str:
        """A town of the same admin-1 unit (else country) and similar size, not in `avoid`:
        the text around it stays true of where it is ("X in Kharkiv region")."""
        country, admin1, population = town
        pool = self.pools.get(country)
        if pool is None:
            pool = self.pools[country] = [
                (n, a or "", p) for n, a, p in self.db.execute(
                    "SELECT name, gn_admin1, population FROM places WHERE feature = 'city' "
                    "AND country = ? ORDER BY name", (country,))
                if re.fullmatch(r"[A-Z][a-z]{3,}", n)]
        size = max(population, 500)
        near = [(n, a) for n, a, p in pool
                if n not in avoid and size / 4 <= max(p, 500) <= size * 4]
        same = [n for n, a in near if a == admin1]
        choices = same or [n for n, _a in near]
        return rng.choice(choices) if choices else ""


def signature(claim) -> tuple:
    value = None if claim.value is None else round(float(claim.value), 1)
    return (claim.action, value, claim.unit, claim.bound, bool(claim.negated))


def claims_of(text: str, published: str | None) -> list:
    article = Article("substitution", text, published=published)
    return extract_claims(article, parse_article(article))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=4,
                        help="the draw; 1-3 were read to write rules, 4 on were not")
    parser.add_argument("--draws", type=int, default=2, help="renamings per record")
    parser.add_argument("--list", action="store_true", help="print each lost claim")
    args = parser.parse_args(argv)
    towns = Towns()
    open_gazetteer()
    kept = total = renamed_records = 0
    for record in records():
        text = record["text"]
        names = sorted({c["region"] for c in record["claims"] if c.get("region")
                        and re.fullmatch(r"[A-Z][\w'-]+", c["region"])
                        and re.search(rf"\b{re.escape(c['region'])}\b", text)})
        found = [(n, towns.town(n)) for n in names]
        found = [(n, t) for n, t in found if t is not None]
        if not found:
            continue
        before = Counter(map(signature, claims_of(text, record.get("published"))))
        if not before:
            continue
        rng = random.Random(f"{args.seed}:{record['id']}")
        renamed_records += 1
        for _ in range(args.draws):
            new = text
            swaps = []
            for name, town in found:
                other = towns.stand_in(town, text + " " + " ".join(swaps), rng)
                if other:
                    new = re.sub(rf"\b{re.escape(name)}\b", other, new)
                    swaps.append(f"{name}->{other}")
            if new == text:
                continue
            after = Counter(map(signature, claims_of(new, record.get("published"))))
            lost = before - after
            total += sum(before.values())
            kept += sum(before.values()) - sum(lost.values())
            if lost and args.list:
                print(f"{record['id']} {', '.join(swaps)} lost {sorted(lost)}: {new[:300]}")
    share = kept / total if total else float("nan")
    print(f"claims kept after renaming towns: {kept} of {total} ({share:.3f}); "
          f"{renamed_records} records, {args.draws} draws each, seed {args.seed}")


if __name__ == "__main__":
    main()
