"""What the ingestion tests and benchmarks share: a batch of articles about places the
gazetteer knows, digests of a store to compare runs, and the process tree of a command
(Linux /proc), to kill its parsing workers or add up its memory."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

from geo.store.database import Store

CLI = Path(sys.executable).parent / "conflict-map"  # the installed command, as a user runs it


def fresh_schema_url(pg_admin, prefix: str = "test") -> Iterator[str]:
    """A store URL on a PostgreSQL server (`pg_admin`, an AUTOCOMMIT engine) whose tables go
    in a new schema, dropped afterwards; a generator, for fixtures and context managers."""
    from sqlalchemy import text

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    # PostGIS stays where the server script created it (public), so it is on the path too.
    url = pg_admin.url.update_query_dict({"options": f"-csearch_path={schema},public"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with pg_admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))


def clean_run(batch: Path, db: Path) -> Path:
    """`db` after an ingest of `batch` in this process, one worker, nothing killed: the rows
    the runs under test must end with."""
    from geo.access import local_editor
    from geo.io.ingest import ingest_paths

    with Store(db) as store:
        assert not ingest_paths([batch], store, editor=local_editor()).failed
    return db


def rows(db: Path) -> tuple[int, int, str]:
    """Articles, mentions and a digest of every article, mention and claim (ids and times
    left out): equal digests, equal stores."""
    with Store(db) as store:
        ids = sorted(a.id for a in store.articles())
        mentions = sorted((r["article_id"], r["start"], r["end"], r["role"], r["place_key"],
                           r["sentence"]) for r in store.mention_rows())
        claims = sorted(json.dumps({k: v for k, v in c.items() if k not in ("id", "created_at")},
                                   sort_keys=True, default=str) for c in store.claims())
    digest = hashlib.sha256(repr((ids, mentions, claims)).encode()).hexdigest()
    return len(ids), len(mentions), digest


def articles(folder: Path, n: int) -> Path:
    """n short articles about places the gazetteer knows, as JSON Lines."""
    towns = ["Kharkiv", "Kursk", "Sudzha", "Pokrovsk", "Kupiansk", "Avdiivka", "Bakhmut",
             "Toretsk", "Zaporizhzhia", "Kherson", "Donetsk", "Luhansk"]
    path = folder / "batch.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            a, b = towns[i % len(towns)], towns[(i * 5 + 3) % len(towns)]
            out.write(json.dumps({
                "title": f"Report {i}", "published": f"2025-03-{1 + i % 28:02d}",
                "text": f"Shelling hit {a} overnight, officials in Kyiv said on day {i}. "
                        f"Russian forces claimed to have captured {10 + i % 50}% of the "
                        f"{b} district, while Ukraine said its troops held their positions "
                        f"near {a}. Moscow did not comment."}) + "\n")
    return path


def per_article(db: Path) -> dict[str, tuple[int, int]]:
    """Per stored article: how many mentions and claims it has."""
    with Store(db) as store:
        counts = {a.id: [0, 0] for a in store.articles()}
        for row in store.mention_rows():
            counts[row["article_id"]][0] += 1
        for claim in store.claims():
            counts[claim["article_id"]][1] += 1
    return {a: (m, c) for a, (m, c) in counts.items()}


def stored(db: Path) -> int:
    """Articles in a SQLite store, read while a run may be writing it (0 before it exists)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def parents() -> dict[int, int]:
    """Every process's parent, by process id."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                out[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    return out


def descendants(pid: int) -> list[int]:
    """The processes below `pid`, nearest first."""
    parent = parents()
    out, todo = [], [pid]
    while todo:
        above = todo.pop(0)
        kids = [c for c, p in parent.items() if p == above]
        out.extend(kids)
        todo.extend(kids)
    return out


def workers(pid: int) -> list[int]:
    """The parsing processes a command started (multiprocessing's spawned children, not its
    resource tracker)."""
    return [p for p in descendants(pid)
            if "spawn_main" in _cmdline(p)]


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and everything below it."""
    total = 0
    for p in [pid, *descendants(pid)]:
        try:
            total += int((Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split())[21]) \
                * 4096
        except (OSError, IndexError, ValueError):
            continue
    return total


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text(errors="ignore")
    except OSError:
        return ""
