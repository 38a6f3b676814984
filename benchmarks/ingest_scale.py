"""Ingest time and peak memory against article length: is the whole ingest linear?

Writes one synthetic long article per size (news-like paragraphs dense with place names, from
`long_article`), ingests each with the real command line in its own process and a fresh
temporary store (`conflict-map ingest FILE --db TMP --quiet`), and prints wall seconds, peak
RSS of that process and seconds per 100,000 characters (flat when ingest is linear). The last
line says whether the 1,000,000-character goal holds: under 60 s and under 1 GB peak RSS.

Run: `.venv/bin/python benchmarks/ingest_scale.py [--sizes 50000,100000,...] [--timeout 180]`.
A run that passes the timeout is stopped and shown as such. Timings are noisy on a shared
machine; peak RSS comes from `os.wait4` of that one child process.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The command as installed, run by this interpreter (so a checkout on PYTHONPATH is measured).
CLI = [sys.executable, "-c", "from geo.cli.main import main; main()"]
SIZES = (50_000, 100_000, 200_000, 500_000, 990_000)
GOAL_SECONDS = 60.0
GOAL_BYTES = 1 << 30

# Theatres of war: (towns, regions, capitals, actors, a country adjective).
_THEATRES = (
    (("Pokrovsk", "Kostiantynivka", "Chasiv Yar", "Kramatorsk", "Sloviansk", "Kupiansk",
      "Siversk", "Toretsk", "Kurakhove", "Lyman", "Vuhledar", "Huliaipole", "Orikhiv",
      "Kharkiv", "Zaporizhzhia", "Dnipro", "Kherson", "Sumy", "Odesa", "Avdiivka"),
     ("Donetsk", "Zaporizhzhia", "Kharkiv", "Kherson", "Sumy", "Luhansk"),
     ("Kyiv", "Moscow"), ("Russian forces", "Ukrainian troops"), "Ukrainian"),
    (("Sudzha", "Kursk", "Belgorod", "Bryansk", "Voronezh", "Rostov-on-Don", "Rylsk",
      "Glushkovo", "Lgov", "Shebekino"),
     ("Kursk", "Belgorod", "Bryansk"),
     ("Moscow", "Kyiv"), ("Russian forces", "Ukrainian units"), "Russian"),
    (("El Fasher", "Omdurman", "Khartoum", "Wad Madani", "Port Sudan", "Nyala", "El Obeid",
      "Kadugli", "Sennar", "Kosti", "El Geneina", "Zalingei"),
     ("Darfur", "Kordofan", "Gezira", "Khartoum", "Sennar"),
     ("Port Sudan", "Khartoum"), ("the Rapid Support Forces", "the Sudanese army"),
     "Sudanese"),
    (("Goma", "Bukavu", "Uvira", "Rutshuru", "Masisi", "Sake", "Beni", "Butembo", "Walikale",
      "Kamanyola"),
     ("North Kivu", "South Kivu", "Ituri"),
     ("Kinshasa", "Kigali"), ("M23 rebels", "Congolese troops"), "Congolese"),
    (("Gaza City", "Khan Younis", "Rafah", "Jabalia", "Beit Hanoun", "Beit Lahia",
      "Deir al-Balah", "Nuseirat", "Jenin", "Tulkarm", "Nablus", "Hebron"),
     ("Gaza", "West Bank"),
     ("Jerusalem", "Cairo"), ("Israeli forces", "Hamas fighters"), "Israeli"),
    (("Lashio", "Sittwe", "Mandalay", "Myawaddy", "Hsipaw", "Kyaukme", "Bhamo", "Myitkyina",
      "Taunggyi", "Loikaw"),
     ("Shan", "Rakhine", "Kachin", "Sagaing"),
     ("Naypyidaw", "Beijing"), ("the Arakan Army", "junta troops"), "Burmese"),
    (("Aleppo", "Idlib", "Homs", "Hama", "Deir ez-Zor", "Raqqa", "Manbij", "Daraa", "Latakia",
      "Tartus"),
     ("Aleppo", "Idlib", "Homs", "Hama"),
     ("Damascus", "Ankara"), ("rebel fighters", "government forces"), "Syrian"),
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_VENUES = ("Geneva", "Istanbul", "Doha", "Jeddah", "Riyadh", "Vienna", "Nairobi", "Cairo")
_TEMPLATES = (
    "Fighting intensified on {day} around {a}, where {actor} said they had repelled attacks "
    "from the direction of {b} and {c}.",
    "Local officials in {a} said overnight shelling had damaged homes and a hospital, and that "
    "residents were leaving for {b} and {c}.",
    "The military said its troops had captured the village of {v} near {a}, a claim that could "
    "not be independently verified.",
    "According to the ministry in {cap}, {actor} now control about {pct}% of the {r} region, "
    "up from {pct2}% in {month}.",
    "Aid convoys travelling from {b} to {a} were held for three days at checkpoints outside "
    "{c}, the United Nations said.",
    "In {cap}, the government accused {other} of backing the offensive, while officials in "
    "{other} denied any involvement.",
    "Satellite images reviewed by analysts show new trenches dug between {a} and {b}, along "
    "the road that links {c} with the rest of the {r} region.",
    "Residents of {a}, a town of about {n} people, described nights of drone strikes and said "
    "electricity had been cut since {month}.",
    "{Actor} said on {day} they had withdrawn from positions east of {a} to avoid "
    "encirclement and were holding a new line near {b}.",
    "Diplomats meeting in {venue} discussed a ceasefire that would cover {a} and the "
    "surrounding {r} region, but no agreement was reached.",
    "{Adj} officials said that {n2} civilians had been evacuated from {a} to {b} since "
    "{month}, most of them by bus through {c}.",
    "Reports from {a} indicated that {actor} had regained over {pct}% of the land lost near "
    "{b} earlier in the year.",
    "The road from {a} to {b} is now within range of artillery, according to a commander "
    "who spoke from {c} on condition of anonymity.",
    "A hospital in {a} treated dozens of wounded on {day}, doctors said, after strikes on "
    "markets in {b} and a school in {c}.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _paragraph(rng: random.Random) -> str:
    towns, regions, capitals, actors, adj = rng.choice(_THEATRES)
    sentences = []
    for template in rng.sample(_TEMPLATES, rng.randint(3, 5)):
        a, b, c, v = rng.sample(towns, 4)
        actor = rng.choice(actors)
        cap, other = rng.sample(capitals, 2)
        pct = rng.randint(20, 90)
        sentences.append(template.format(
            a=a, b=b, c=c, v=v, r=rng.choice(regions), cap=cap, other=other, actor=actor,
            Actor=actor[0].upper() + actor[1:], Adj=adj, pct=pct, pct2=max(5, pct - 12),
            month=rng.choice(_MONTHS), day=rng.choice(_DAYS), venue=rng.choice(_VENUES),
            n=f"{rng.randint(5, 90) * 1000:,}", n2=f"{rng.randint(2, 40) * 100:,}"))
    return " ".join(sentences)


def long_article(chars: int, seed: int = 0) -> str:
    """A news-like article body of at most `chars` characters (and close to it): paragraphs
    of 3-5 sentences about one theatre of war each, one paragraph a line, ending at a
    paragraph's end. The same `chars` and `seed` give the same text."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = -1
    while True:
        para = _paragraph(rng)
        if size + 1 + len(para) > chars:
            return "\n".join(paragraphs)
        paragraphs.append(para)
        size += 1 + len(para)


def ingest_once(path: Path, db: Path, timeout: float) -> tuple[float, int | None, int]:
    """Wall seconds, peak RSS in bytes (None if stopped at `timeout`) and exit code of one
    `conflict-map ingest` run."""
    start = time.perf_counter()
    errors = db.with_suffix(".stderr")
    with errors.open("wb") as err:
        proc = subprocess.Popen([*CLI, "ingest", str(path), "--db", str(db), "--quiet"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _pid, status, usage = os.wait4(proc.pid, 0)
            return time.perf_counter() - start, None, -9
        time.sleep(0.05)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code:
        sys.stderr.write(errors.read_text(errors="replace"))
    return wall, usage.ru_maxrss * 1024, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)),
                    help="comma-separated article lengths in characters")
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds before a run stops")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"{'chars':>9} {'wall s':>8} {'s/100k':>7} {'peak RSS MB':>12}  exit")
    results = {}
    with tempfile.TemporaryDirectory(prefix="ingest-scale-") as tmp:
        for chars in sizes:
            body = long_article(chars)
            path = Path(tmp) / f"long-{chars}.txt"
            path.write_text("Fighting Spreads Across Several Fronts\n\n" + body, encoding="utf-8")
            db = Path(tmp) / f"store-{chars}.sqlite"
            wall, rss, code = ingest_once(path, db, args.timeout)
            results[chars] = (wall, rss, code)
            shown = f"{wall:8.1f}" if rss is not None else f">{args.timeout:7.0f}"
            mb = f"{rss / 2**20:12.0f}" if rss is not None else f"{'stopped':>12}"
            print(f"{len(body):9,} {shown} {wall / len(body) * 1e5:7.2f} {mb}  {code}",
                  flush=True)
    big = [c for c in results if c >= 900_000]
    if big:
        wall, rss, code = results[max(big)]
        ok = code == 0 and rss is not None and wall < GOAL_SECONDS and rss < GOAL_BYTES
        print(f"{'PASS' if ok else 'FAIL'}: {max(big):,}-character article in "
              f"{wall:.1f} s (goal < {GOAL_SECONDS:.0f} s), peak RSS "
              f"{'-' if rss is None else f'{rss / 2**20:.0f} MB'} (goal < 1024 MB)")


if __name__ == "__main__":
    main()
