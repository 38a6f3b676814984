"""Write a deterministic synthetic corpus of news-like articles as JSON Lines (issue 18).

    python benchmarks/corpus.py 10000 build/bench/corpus-10000.jsonl [--seed 18]

Each article is about 400 words: a headline, a dateline, and paragraphs of the kinds wire
stories are made of, with real gazetteer places (from `data/gazetteer.sqlite`, weighted towards
countries at war and by population), people with titles, numbers, dates, quotes and claims of
territorial control ("Russian forces have taken 40% of Donetsk Oblast, the ministry said").
The same N and seed give the same file, byte for byte. It is what the scale benchmarks ingest
when they need more articles than the shared corpora hold; its text is generated here, so it
can be shipped and measured on freely.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from synthetic import gazetteer_places  # noqa: E402

SOURCES = ("Example Wire", "Kyiv Daily", "Levant Report", "Sahel Monitor", "Global Desk")
PEOPLE = ("Olena Kovalenko", "Dmitry Sokolov", "Amal Haddad", "Yusuf Ahmed", "Maria Petrenko",
          "Ivan Morozov", "Fatima Idris", "Omar Saleh", "Anna Lysenko", "Sergei Volkov")
TITLES = ("the regional governor", "a military spokesman", "the defence minister",
          "a senior official", "the mayor", "an aid coordinator")
SIDES = (("Russian forces", "Ukrainian troops", "the Russian Defence Ministry"),
         ("Ukrainian forces", "Russian troops", "Ukraine's General Staff"),
         ("the RSF", "the Sudanese army", "the RSF's command"),
         ("rebel fighters", "government forces", "the rebels' spokesman"))
UNITS = ("%", " square kilometres", " villages")
PARAGRAPHS = (
    "Shelling hit {a} overnight, damaging homes and a school, {person}, {title}, said on "
    "{weekday}. {n} people were wounded and {m} killed, according to local officials, who "
    "said emergency crews worked through the night to clear the rubble near {b}.",
    "{side} said they had captured {n}{unit} of {region} in the past {m} days, a claim "
    "{other} denied. Independent analysts could not verify the figures, but satellite images "
    "showed new trenches south of {a}.",
    "In {capital}, {person} told reporters that talks would resume next week. \"We are ready "
    "to discuss a ceasefire, but not at any price,\" {pronoun} said, adding that convoys to "
    "{a} and {b} had been delayed for {m} days.",
    "Aid agencies warned that {n} families had fled {a} since {month}, most of them towards "
    "{b}. The roads were under fire, and fuel prices in {region} had risen by {m}% in a month.",
    "{claimant} said {side} now control about {n}{unit} of the territory around {a}, up from "
    "{m}{unit} at the start of {month}. The figure could not be confirmed.",
    "Residents of {a} described a night of explosions. \"The windows shook for hours,\" said "
    "a teacher who gave only her first name. Power was cut in parts of {b} and {c}.",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def write_corpus(n: int, path: Path, *, seed: int = 18) -> tuple[int, float]:
    """Write `n` articles to `path`; return (words, seconds)."""
    rng = random.Random(seed)
    places = gazetteer_places()
    cities = [p for p in places if p.feature == "city"] or places
    regions = [p for p in places if p.feature == "admin1"] or places
    capitals = [p for p in cities if (p.population or 0) > 1_000_000] or cities
    weights = [max(1.0, (p.population or 0) ** 0.5) for p in cities]
    started, words = time.perf_counter(), 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            a, b, c = (p.name for p in rng.choices(cities, weights, k=3))
            region, capital = rng.choice(regions).name, rng.choice(capitals).name
            day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
            side, other, claimant = rng.choice(SIDES)
            paragraphs = []
            while sum(len(p.split()) for p in paragraphs) < 380:
                person = rng.choice(PEOPLE)
                paragraph = rng.choice(PARAGRAPHS).format(
                    a=a, b=b, c=c, region=region, capital=capital, person=person,
                    title=rng.choice(TITLES), weekday=rng.choice(WEEKDAYS),
                    n=rng.randrange(2, 90), m=rng.randrange(2, 40), unit=rng.choice(UNITS),
                    side=side, other=other, claimant=claimant,
                    pronoun=rng.choice(("he", "she")), month=rng.choice(MONTHS))
                paragraphs.append(paragraph[0].upper() + paragraph[1:])
                a, b = b, a
            text = f"{a.upper()} — " + "\n\n".join(paragraphs)
            words += len(text.split())
            out.write(json.dumps({"title": f"Fighting near {a} as talks stall ({i})",
                                  "source": rng.choice(SOURCES), "published": day.isoformat(),
                                  "url": f"https://example.org/synthetic/{seed}/{i}",
                                  "text": text}, ensure_ascii=False) + "\n")
    return words, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("path", type=Path)
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args(argv)
    words, seconds = write_corpus(args.n, args.path, seed=args.seed)
    print(f"{args.n:,} articles, {words:,} words ({words / max(1, args.n):.0f} per article) "
          f"in {seconds:.1f} s: {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
