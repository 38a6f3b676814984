"""Hand-built stores for the dashboard tests, and a Streamlit server for the browser tests.

The sample articles are written here, with their mentions located by string search, so the
dashboard tests do not depend on the geoparser; coordinates and keys are the gazetteer's.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from dashboard.static_assets import STATIC_DIR, build
from geo.access import local_editor
from geo.models import Article, Mention, Place, article_id
from geo.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
# The health check talks to loopback; an http_proxy in the environment must not see it.
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))

PLACES = {
    "Kyiv": Place("gn:703448", "Kyiv", 50.45466, 30.5238, "city", "UA", "UA-30", 703448),
    "Kursk": Place("gn:538560", "Kursk", 51.72689, 36.18457, "city", "RU", "RU-KRS", 538560),
    "Sudzha": Place("gn:486816", "Sudzha", 51.191, 35.271, "city", "RU", "RU-KRS", 486816),
    "Kharkiv": Place("gn:706483", "Kharkiv", 49.98177, 36.25475, "city", "UA", "UA-63", 706483),
    "Moscow": Place("gn:524901", "Moscow", 55.75204, 37.61781, "city", "RU", "RU-MOW", 524901),
    "Ukrainian": Place("iso:UA", "Ukraine", 49.724739, 32.140865, "country", "UA", None, 690791),
}

# (surface, role) in order of appearance; each surface's next occurrence is taken.
SAMPLE = [
    {
        "title": "Drone strikes hit Kyiv and Kharkiv overnight",
        "text": ("KYIV — Drone strikes hit Kyiv overnight, officials said. "
                 "Air defences were also active over Kharkiv. "
                 "Moscow said the strikes targeted military sites. "
                 "A resident wrote <script>alert(1)</script> on a wall in Kyiv."),
        "mentions": [("Kyiv", "literal"), ("Kharkiv", "literal"), ("Moscow", "metonym"),
                     ("Kyiv", "literal")],
        "source": "Example Wire", "url": "https://example.org/kyiv", "published": "2025-03-12",
    },
    {
        "title": "Fighting continues near Sudzha",
        "text": ("Russian forces pressed on near Sudzha in the Kursk region. "
                 "Ukrainian troops held positions south of Kursk. "
                 "Moscow claimed the area was retaken."),
        "mentions": [("Sudzha", "literal"), ("Kursk", "literal"), ("Ukrainian", "adjectival"),
                     ("Kursk", "literal"), ("Moscow", "metonym")],
        "source": "Example Wire", "url": "https://example.org/sudzha", "published": "2025-03-13",
    },
]


def sample_articles() -> list[tuple[Article, list[Mention]]]:
    """The sample articles and their mentions, offsets checked against the text."""
    out = []
    for spec in SAMPLE:
        text = spec["text"]
        article = Article(id=article_id(text), text=text, title=spec["title"],
                          source=spec["source"], url=spec["url"], published=spec["published"])
        mentions, cursor = [], 0
        for surface, role in spec["mentions"]:
            start = text.index(surface, cursor)
            cursor = start + len(surface)
            s_start, sentence = _sentence(text, start)
            mentions.append(Mention(
                field="text", surface=surface, start=start, end=cursor,
                sentence=sentence, sentence_start=s_start, role=role,
                place=PLACES[surface], score=0.9, reason="test",
            ))
        out.append((article, mentions))
    return out


def _sentence(text: str, at: int) -> tuple[int, str]:
    """The sentence around offset `at` (sentences end with ". ") and where it starts."""
    start = text.rfind(". ", 0, at)
    start = 0 if start == -1 else start + 2
    end = text.find(". ", at)
    end = len(text) if end == -1 else end + 1
    return start, text[start:end]


def fill_sample_store(path: str | os.PathLike[str]) -> None:
    """Store the sample articles at `path`."""
    with Store(path) as store:
        for article, mentions in sample_articles():
            store.add_article(article, mentions, editor=local_editor())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(db: Path, log: Path, timeout: float = 60.0,
                     env: dict[str, str] | None = None, port: int | None = None,
                     args: Sequence[str] = ()):
    """Run `streamlit run dashboard/app.py` on a free port (or `port`, with more command-line
    `args`); yield its base URL."""
    with streamlit_process(db, log, timeout, env=env, port=port, args=args) as (base, _pid):
        yield base


@contextmanager
def streamlit_process(db: Path, log: Path, timeout: float = 60.0,
                      env: dict[str, str] | None = None, port: int | None = None,
                      args: Sequence[str] = ()):
    """Like `streamlit_server`, but yield (base URL, process id). The vendored Leaflet and the
    other static files are built first if missing (`make test` builds them; a bare `pytest`
    may not have)."""
    if not (STATIC_DIR / "leaflet" / "leaflet.js").exists():
        build()
    port = port or free_port()
    # MALLOC_ARENA_MAX as `make run` and the Dockerfile start the server (the benchmarks
    # measure its memory), unless the caller's environment sets another.
    env = {**os.environ, "CONFLICT_MAP_DB": str(db), "STREAMLIT_BROWSER_GATHER_USAGE_STATS":
           "false", "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"), **(env or {})}
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
             "--server.headless", "true", "--server.port", str(port),
             "--server.address", "127.0.0.1", *args],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(base, proc, timeout, log)
            yield base, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_healthy(base: str, proc: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with _NO_PROXY.open(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s:\n{log.read_text()}")


def sample_rows() -> list[dict]:
    """The sample mentions as `Store.mention_rows()` dicts, built without a store."""
    rows = []
    for article, mentions in sample_articles():
        for m in mentions:
            p = m.place
            rows.append({
                "article_id": article.id, "field": m.field, "surface": m.surface,
                "start": m.start, "end": m.end, "sentence": m.sentence,
                "sentence_start": m.sentence_start, "role": m.role, "name": p.name,
                "lat": p.lat, "lon": p.lon, "feature": p.feature, "country": p.country,
                "admin1": p.admin1, "geonameid": p.geonameid, "score": m.score,
                "reason": m.reason, "place_key": p.key, "title": article.title,
                "published": article.published, "source": article.source, "url": article.url,
            })
    return rows


# Articles that make territorial-control claims: one about Kursk, and one where two claimants
# give different shares of Donetsk Oblast on the same day (a dispute). Markup in the text
# checks that quotes are escaped wherever they are shown.
CLAIM_ARTICLES = [
    {
        "title": "Kursk: Russia says most of the land is back",
        "text": ("Russian forces have regained over 86% of the land once held by Ukrainian "
                 "troops in the Kursk region, reports said. Fighting went on near Sudzha."),
        "source": "Example Wire", "url": "https://example.org/kursk-claim",
        "published": "2025-03-12",
        "claims": [dict(quote="Russian forces have regained over 86% of the land once held by "
                              "Ukrainian troops in the Kursk region, reports said.",
                        actor="Russian forces", action="regained", value=86.0, unit="percent",
                        bound="over", region="RU-KRS", region_name="Kursk Oblast",
                        denominator="the land once held by Ukrainian troops",
                        claimant="reports")],
    },
    {
        "title": "Donetsk: two accounts of the front",
        "text": ("The Russian Defence Ministry said its troops controlled about 70% of the "
                 "Donetsk region. Ukraine's General Staff said Russian forces held under 60% "
                 "of the Donetsk region <img src=x onerror=alert(1)>."),
        "source": "Example Wire", "url": "https://example.org/donetsk-claims",
        "published": "2025-03-14",
        "claims": [
            dict(quote="The Russian Defence Ministry said its troops controlled about 70% of "
                       "the Donetsk region.",
                 actor="Russian forces", action="controls", value=70.0, unit="percent",
                 bound="about", region="UA-14", region_name="Donetsk Oblast",
                 denominator="the Donetsk region", claimant="Russian Defence Ministry"),
            dict(quote="Ukraine's General Staff said Russian forces held under 60% of the "
                       "Donetsk region <img src=x onerror=alert(1)>.",
                 actor="Russian forces", action="holds", value=60.0, unit="percent",
                 bound="under", region="UA-14", region_name="Donetsk Oblast",
                 denominator="the Donetsk region", claimant="Ukraine's General Staff"),
        ],
    },
]


def fill_claims_store(path: str | os.PathLike[str]) -> None:
    """The sample articles plus `CLAIM_ARTICLES` with their claims, through the real
    `Store.add_article` (quotes located in the text), and one manual claim."""
    from geo.models import Claim

    fill_sample_store(path)
    with Store(path) as store:
        for spec in CLAIM_ARTICLES:
            text = spec["text"]
            article = Article(id=article_id(text), text=text, title=spec["title"],
                              source=spec["source"], url=spec["url"],
                              published=spec["published"])
            claims = []
            for fields in spec["claims"]:
                start = text.index(fields["quote"])
                claims.append(Claim(article_id=article.id, start=start,
                                    end=start + len(fields["quote"]),
                                    published=spec["published"], **fields))
            start = text.find("Sudzha")
            mentions = [] if start < 0 else [Mention(
                field="text", surface="Sudzha", start=start, end=start + 6,
                sentence=text[text.rfind(". ", 0, start) + 2:], sentence_start=(
                    text.rfind(". ", 0, start) + 2), role="literal",
                place=PLACES["Sudzha"], score=0.9, reason="test")]
            store.add_article(article, mentions, claims, editor=local_editor())
        store.add_manual_claim(
            Claim(article_id="", action="captured", quote="Kharkiv city is held by Ukraine.",
                  start=0, end=32, actor="Ukrainian forces", region="UA-63",
                  region_name="Kharkiv Oblast", claimant="analyst", published="2025-03-13"),
            source_url="https://example.org/manual-note", editor=local_editor())


def describe_failure(page, shot: Path) -> None:
    """Print what the page showed when a browser test failed (which parts of the page were
    drawn, any error box) and save a screenshot: a failure seen once in CI can then be read
    rather than guessed at."""
    try:
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=True)
        state = page.evaluate("""() => {
            const text = s => [...document.querySelectorAll(s)].map(e => e.innerText.trim());
            return {exceptions: text('[data-testid=stException]'),
                    waiting: document.body.innerText.includes('follow once the map is drawn'),
                    filters: document.querySelectorAll('[data-testid=stSidebar] ' +
                                                       '[data-testid=stMultiSelect]').length,
                    play: [...document.querySelectorAll('button')].some(
                        b => b.innerText.includes('Play')),
                    running: !!document.querySelector('[data-testid=stStatusWidget]')};
        }""")
    except Exception as err:  # the page itself may be gone
        print(f"browser state not read: {err!r}")
        return
    print(f"browser state at the failure: {state}; screenshot {shot}")
