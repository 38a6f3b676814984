"""Write a synthetic Conflict Map store with N mentions of real gazetteer places.

Used by `benchmarks/dashboard_load.py`; also runnable on its own:

    python benchmarks/synthetic.py 10000 build/bench/synthetic-10000.sqlite
    python benchmarks/synthetic.py 10000 postgresql://user:pw@127.0.0.1/db  # schema bench_10000

Places are drawn from the built gazetteer (`data/gazetteer.sqlite`): every place with coordinates
in a dozen countries with ongoing conflicts plus the 2,000 most populous places elsewhere, with
Zipf-like weights (a few places take most mentions, as in news). Articles carry 10 mentions each,
one sentence per mention, dates over 90 days, six sources, and roles 75 % literal, 15 % metonym,
10 % adjectival. The same N and seed give the same store.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from geo.access import local_editor

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from geo.gazetteer.index import default_path  # noqa: E402
from geo.models import Article, Mention, Place, article_id  # noqa: E402
from geo.store.database import Store  # noqa: E402
from geo.store.engine import printable, resolve  # noqa: E402

CONFLICT_COUNTRIES = ("UA", "RU", "SY", "IL", "PS", "LB", "SD", "YE", "MM", "IQ", "IR", "AF")
SOURCES = ("Example Wire", "Kyiv Daily", "Levant Report", "Sahel Monitor", "Global Desk", "TASS")
MENTIONS_PER_ARTICLE = 10
WRITE_BATCH = 2_000  # articles per transaction
FIRST_DAY = date(2025, 1, 1)
DAYS = 90
_TEMPLATES = {
    "literal": ("Shelling was reported near {name} overnight, local officials said.",
                "Drone strikes hit {name} early on Tuesday.",
                "Residents of {name} described heavy fighting on the outskirts.",
                "Aid convoys reached {name} after a week of delays."),
    "metonym": ("{name} said the talks would continue next week.",
                "Officials in {name} rejected the proposal.",
                "Pressure on {name} grew after the announcement."),
    "adjectival": ("{name} forces claimed new gains.",
                   "{name} officials declined to comment."),
}


def gazetteer_places(path: Path | None = None) -> list[Place]:
    """The candidate places, most populous first."""
    con = sqlite3.connect(f"{(path or default_path()).resolve().as_uri()}?mode=ro", uri=True)
    marks = ",".join("?" * len(CONFLICT_COUNTRIES))
    columns = "key, name, lat, lon, feature, country, admin1, geonameid, population"
    try:
        rows = con.execute(
            f"SELECT {columns} FROM places WHERE lat IS NOT NULL AND "
            f"(country IN ({marks}) OR id IN (SELECT id FROM places WHERE lat IS NOT NULL "
            f"ORDER BY population DESC LIMIT 2000)) ORDER BY population DESC, key",
            CONFLICT_COUNTRIES).fetchall()
    finally:
        con.close()
    return [Place(*row) for row in rows]


def schema_url(server_url: str, schema: str, *, fresh: bool = False) -> str:
    """A store URL on a PostgreSQL server whose tables live in `schema` (created if missing;
    emptied first with `fresh`), so a benchmark store sits beside others in one database."""
    url, _ = resolve(server_url)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if fresh:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    finally:
        engine.dispose()
    return url.update_query_dict({"options": f"-csearch_path={schema},public"}).render_as_string(
        hide_password=False)


def make_store(path: Path | str, mentions: int, *, seed: int = 7) -> Path | str:
    """Write a store with `mentions` mentions at `path`, a file or a PostgreSQL URL (then in
    schema bench_N), replacing what was there; return the path or the store's URL."""
    rng = random.Random(seed)
    places = gazetteer_places()
    weights = [1.0 / (rank + 10) for rank in range(len(places))]
    if isinstance(path, str):
        path = schema_url(path, f"bench_{mentions}", fresh=True)
    else:
        for old in path.parent.glob(path.name + "*"):
            old.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
    batch: list[tuple[Article, list[Mention], None]] = []
    with Store(path) as store:
        for n in range((mentions + MENTIONS_PER_ARTICLE - 1) // MENTIONS_PER_ARTICLE):
            count = min(MENTIONS_PER_ARTICLE, mentions - n * MENTIONS_PER_ARTICLE)
            picked = rng.choices(places, weights=weights, k=count)
            sentences, spans = [], []
            offset = 0
            for place in picked:
                role = rng.choices(("literal", "metonym", "adjectival"), (75, 15, 10))[0]
                template = rng.choice(_TEMPLATES[role])
                sentence = template.format(name=place.name)
                start = offset + sentence.index(place.name)
                spans.append((place, role, sentence, offset, start))
                sentences.append(sentence)
                offset += len(sentence) + 1
            text = " ".join(sentences) + f" Report {n}."
            article = Article(
                id=article_id(text), text=text, title=f"Fighting near {picked[0].name}",
                source=rng.choice(SOURCES),
                published=(FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat())
            batch.append((article, [
                Mention("text", place.name, start, start + len(place.name), sentence,
                        sentence_start, role, place, round(rng.uniform(0.3, 1.0), 3), "synthetic")
                for place, role, sentence, sentence_start, start in spans
            ], None))
            if len(batch) >= WRITE_BATCH:
                store.add_articles(batch,
                    editor=local_editor())  # one commit per batch, not per article
                batch = []
        store.add_articles(batch, editor=local_editor())
    return path


if __name__ == "__main__":
    n, target = int(sys.argv[1]), sys.argv[2]
    began = time.perf_counter()
    written = make_store(target if "://" in target else Path(target), n)
    print(f"wrote {printable(written)} ({n} mentions) in "
          f"{time.perf_counter() - began:.0f} s", file=sys.stderr)
