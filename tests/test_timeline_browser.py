"""The timeline and playback (issue 17) in Debian's chromium, offline: undated articles are
counted under the timeline, Play and Step skip the days with no article, and Play within a
picked range stays in it; the map follows each frame."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import fill_sample_store, streamlit_server
from test_browser import (  # noqa: F401
    IDLE,
    MARKERS_SHOWN,
    TIMEOUT_MS,
    OfflinePage,
    browser,
    chromium,
)

from geo.access import local_editor
from geo.models import Article, Mention, Place, article_id
from geo.store.database import Store

pytestmark = pytest.mark.browser

KHARKIV = Place("gn:706483", "Kharkiv", 49.98177, 36.25475, "city", "UA", "UA-63", 706483)
# The sample's articles are of 2025-03-12 and -13; one more in June leaves 80 empty days.
DAYS = ("2025-03-12", "2025-03-13", "2025-06-01")


def _add(store: Store, text: str, published: str | None) -> None:
    start = text.index("Kharkiv")
    store.add_article(Article(id=article_id(text), text=text, title=text[:30],
                              published=published),
                      [Mention(field="text", surface="Kharkiv", start=start, end=start + 7,
                               sentence=text, sentence_start=0, role="literal", place=KHARKIV,
                               score=0.9, reason="test")], editor=local_editor())


@pytest.fixture(scope="module")
def gap_server(chromium, tmp_path_factory):  # noqa: F811
    db = tmp_path_factory.mktemp("timeline") / "conflict_map.sqlite"
    fill_sample_store(db)
    with Store(db) as store:
        _add(store, "Shelling was reported near Kharkiv in June.", DAYS[2])
        _add(store, "Sirens sounded in Kharkiv, a report without a date said.", None)
    with streamlit_server(db, tmp_path_factory.mktemp("streamlit") / "log") as base:
        yield base


@pytest.fixture
def offline(browser, gap_server):  # noqa: F811
    page = OfflinePage(browser, gap_server)
    yield page
    page.context.close()


def _range(offline: OfflinePage) -> tuple[str, str]:
    """The date range in the URL, once the app is idle."""
    offline.page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    query = parse_qs(urlsplit(offline.page.url).query)
    return query.get("from", [""])[0], query.get("to", [""])[0]


def test_undated_counted_and_steps_skip_empty_weeks(gap_server, offline):
    frame = offline.open(gap_server)
    page = offline.page
    page.get_by_text("1 undated article (no published date) is on the map but not on "
                     "the timeline.", exact=False).wait_for(timeout=TIMEOUT_MS)
    every_day = frame.evaluate(MARKERS_SHOWN)
    step = page.get_by_role("button", name="Step")
    step.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    # A week at a time (the default window): first the week of the March articles...
    step.click()
    offline.wait_for_url("q.has('from')")
    first = _range(offline)
    assert first[0] == DAYS[0] and DAYS[1] <= first[1] < DAYS[2]
    # ...then, past the eleven empty weeks, the one of June's article.
    step.click()
    offline.wait_for_url(f"q.get('from') !== '{first[0]}'")
    second = _range(offline)
    assert first[1] < second[0] <= DAYS[2] <= second[1]
    page.get_by_text("1 undated article (no published date) is hidden while a date "
                     "range is set.", exact=False).wait_for(timeout=TIMEOUT_MS)
    frame = offline.map_frame()
    # June's one article, at Kharkiv: one marker, where every day had more.
    frame.wait_for_function(f"({MARKERS_SHOWN})() === 1", timeout=TIMEOUT_MS)
    assert every_day > 1
    offline.assert_clean()


def test_play_within_a_picked_range(gap_server, offline):
    offline.open(f"{gap_server}/?from={DAYS[0]}&to={DAYS[1]}")
    page = offline.page
    page.get_by_role("button", name="Play").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Play").click()
    page.get_by_role("button", name="Pause").wait_for(timeout=TIMEOUT_MS)
    # A week's window over a two-day range: one frame, the range itself; then playback
    # stops there instead of running on to June.
    page.get_by_role("button", name="Play").wait_for(timeout=TIMEOUT_MS)
    assert _range(offline) == (DAYS[0], DAYS[1])
    page.wait_for_timeout(2500)  # longer than a frame: nothing more is shown
    assert _range(offline) == (DAYS[0], DAYS[1])
    offline.assert_clean()
