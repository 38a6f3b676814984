"""Shared fixtures: a store on SQLite or PostgreSQL, the seed article, and a tiny deterministic
parser.

The modules in `BOTH_BACKENDS` run every test that asks for `store` (or `store_url`) twice,
`[sqlite]` and `[postgresql]`; a test that also asks for `db_path` is about the SQLite file and
runs on SQLite only. The PostgreSQL runs use the server in `CONFLICT_MAP_TEST_PG` (`make pg`
starts one; `.ci/run` starts one for CI), in a schema of their own per test.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `pytest` from a checkout that was never `pip install -e .`-ed
    sys.path.insert(0, str(ROOT))

from ingest_support import fresh_schema_url  # noqa: E402

from geo.models import Article, Mention, Place, Role  # noqa: E402
from geo.store.database import Store  # noqa: E402

SEED = ROOT / "seeds" / "000_ca0727ac56120b1f.txt"
GAZETTEER = ROOT / "data" / "gazetteer.sqlite"

_UA = Place("gn:690791", "Ukraine", 49.0, 32.0, "country", "UA", None, 690791, 44622516)
# Capitalised word -> (place or None for "unresolved", role). Enough for the seed and fixtures.
FAKE_GAZETTEER: dict[str, tuple[Place | None, Role]] = {
    "Kursk": (Place("gn:538560", "Kursk", 51.7373, 36.1874, "city", "RU", "Kursk Oblast",
                    538560, 440052), "literal"),
    "Ukraine": (_UA, "literal"),
    "Ukrainian": (_UA, "adjectival"),
    "Moscow": (Place("gn:524901", "Moscow", 55.7522, 37.6156, "city", "RU", "Moscow",
                     524901, 10381222), "metonym"),
    "Kyiv": (Place("gn:703448", "Kyiv", 50.4547, 30.5238, "city", "UA", "Kyiv City",
                   703448, 2797553), "literal"),
    "Kharkiv": (Place("gn:706483", "Kharkiv", 49.9808, 36.2527, "city", "UA", "Kharkiv",
                      706483, 1430885), "literal"),
    "Sudzha": (None, "literal"),
}
_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def _fake_parse(article: Article) -> list[Mention]:
    """Mentions of `FAKE_GAZETTEER` words in title and text; the sentence is the whole line."""
    out = []
    for field, value in (("title", article.title), ("text", article.text)):
        for match in _WORD.finditer(value or ""):
            if match.group() not in FAKE_GAZETTEER:
                continue
            place, role = FAKE_GAZETTEER[match.group()]
            line_start = value.rfind("\n", 0, match.start()) + 1
            line_end = value.find("\n", match.end())
            sentence = value[line_start:line_end if line_end >= 0 else len(value)]
            out.append(Mention(field, match.group(), match.start(), match.end(), sentence,
                               line_start, role, place, 0.9, "test"))
    return out


# The interpreter's own `__main__` (pytest's), before any test replaced it.
_MAIN = sys.modules["__main__"]


@pytest.fixture(autouse=True)
def _pytest_stays_main() -> Iterator[None]:
    """Streamlit's AppTest leaves the app's module as `__main__`; a process spawned later in
    the same run (a Dask LocalCluster's workers) then runs the whole app again before its own
    work, and failed when that run raced another's file cleanup. Put pytest's back after
    each test."""
    yield
    sys.modules["__main__"] = _MAIN


@pytest.fixture
def parse() -> Callable[[Article], list[Mention]]:
    """A deterministic stand-in for `geo.geoparse.parse.parse_article` (see `FAKE_GAZETTEER`)."""
    return _fake_parse


@pytest.fixture
def seed() -> Path:
    return SEED


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "conflict_map.sqlite"


# Test modules whose store tests run on both backends.
BOTH_BACKENDS = frozenset({"test_store", "test_claims_store", "test_ingest",
                           "test_ingest_hostile", "test_store_postgres", "test_ingest_concurrent",
                           "test_browser_postgres", "test_store_reads", "test_store_areas",
                           "test_ingest_dask", "test_editors", "test_reparse"})
BACKENDS = ("sqlite", "postgresql")
TEST_PG = "CONFLICT_MAP_TEST_PG"
_backend_outcomes: Counter[tuple[str, str]] = Counter()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    module = metafunc.module.__name__.rpartition(".")[2]
    asked = inspect.signature(metafunc.function).parameters
    if (module in BOTH_BACKENDS and "store_url" in metafunc.fixturenames
            and "db_path" not in asked and "backend" not in asked):
        metafunc.parametrize("store_url", BACKENDS, indirect=True)


# Whether a test's own call failed, for fixtures that describe what the browser showed.
CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    backend = getattr(getattr(item, "callspec", None), "params", {}).get("store_url")
    if backend is None and "pg_admin" in getattr(item, "fixturenames", ()):
        backend = "postgresql"  # a PostgreSQL-only test (test_store_postgres.py)
    if backend and (report.when == "call" or report.outcome != "passed"):
        _backend_outcomes[backend, report.outcome] += 1
    return report


def pytest_terminal_summary(terminalreporter) -> None:
    """One line per backend, so a run shows how many store tests ran on each."""
    for backend in BACKENDS:
        counts = {o: n for (b, o), n in _backend_outcomes.items() if b == backend}
        if counts:
            terminalreporter.write_line(f"store backend {backend}: " + ", ".join(
                f"{n} {outcome}" for outcome, n in sorted(counts.items())))


def require_postgres() -> str:
    """The test server's URL; skip without one, but fail under CI (as `require_built`)."""
    url = os.environ.get(TEST_PG)
    if url:
        return url
    reason = f"{TEST_PG} is not set (`make pg` starts a server and prints the URL to export)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_admin():
    """An engine on the test server, for creating and dropping the tests' schemas."""
    from sqlalchemy import create_engine

    from geo.store.engine import resolve

    url, _ = resolve(require_postgres())
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """Where the test's store lives: a new SQLite file, or (param "postgresql") a new schema on
    the test server. Unparametrised, SQLite."""
    if getattr(request, "param", "sqlite") == "sqlite":
        yield tmp_path / "db" / "conflict_map.sqlite"
        return
    yield from fresh_schema_url(request.getfixturevalue("pg_admin"))


@pytest.fixture
def store(store_url: str | Path) -> Iterator[Store]:
    with Store(store_url) as opened:
        yield opened


@pytest.fixture
def requires_gazetteer() -> None:
    require_built(GAZETTEER, "gazetteer")


@pytest.fixture
def requires_regions() -> None:
    from geo.control.regions import default_path

    require_built(default_path(), "regions")


@pytest.fixture(scope="session")
def regions():
    """The built admin-1 regions (`make regions`)."""
    from geo.control.regions import Regions, default_path

    require_built(default_path(), "regions")
    return Regions(default_path())


def require_built(path: Path, target: str) -> None:
    """Skip a test whose data file `make` has not built, with the reason; under CI (the `CI`
    variable set, as `.ci/run` is run) fail instead, so a run without it cannot pass green."""
    if path.exists():
        return
    reason = f"{path} is not built (run `make {target}`)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def seed_article(requires_gazetteer) -> Article:
    """The seed as the reader stores it (title, dateline, body)."""
    from geo.io.readers import read_articles

    return read_articles(SEED)[0]
