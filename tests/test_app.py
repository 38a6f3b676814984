"""dashboard/app.py through Streamlit's AppTest (no browser, no JavaScript) on real stores."""

from __future__ import annotations

import json
import re
import time
from datetime import date

import pytest
from browser_support import ROOT, fill_sample_store, sample_articles
from streamlit.testing.v1 import AppTest
from test_map import js_config

from dashboard.panels import PLAY_SECONDS
from geo.access import local_editor

APP = str(ROOT / "dashboard" / "app.py")
KYIV_ARTICLE = sample_articles()[0][0]


def run_app(monkeypatch, db, query_params: dict | None = None) -> AppTest:
    monkeypatch.setenv("CONFLICT_MAP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    # A session's first run leaves the timeline, the places table and the sidebar's filters
    # for a second run, which the browser makes once the map says it is drawn (or a timer
    # fires); AppTest has to ask for it.
    return at.run()


def url(at: AppTest) -> dict:
    """The query parameters the app left in the URL (lists for repeated ones)."""
    out = {}
    for key, value in at.query_params.items():
        values = list(value) if isinstance(value, list | tuple) else [value]
        out[key] = values if len(values) > 1 else values[0]
    return out


def count(at: AppTest) -> str:
    return at.caption[0].value


def map_command(at: AppTest) -> dict:
    """The `cmApply` command the map was given (roles, base, selected place, fly target)."""
    component = next(e for e in at.get("component_instance"))
    args = json.loads(component.proto.json_args)
    found = re.search(r"window\.cmApply\((\{.*?\})\);", args["feature_group"])
    assert found, "no view command"
    return json.loads(found.group(1))


def map_data(at: AppTest) -> str:
    """The URL the map fetches its markers from (one per distinct set of markers), given
    by the view command: the map is live, its own script names no data."""
    component = next(e for e in at.get("component_instance"))
    assert js_config(json.loads(component.proto.json_args)["script"], "cmPlaceLayer")["live"]
    url = map_command(at)["data"]
    assert url and re.fullmatch(r"/app/static/data/\w+\.json", url), "no marker data URL"
    return url


def places(at: AppTest) -> set[str]:
    return set(at.dataframe(key="places").value["place"])


def reader_html(at: AppTest) -> str:
    reader = [e for e in at.get("bidi_component") if e.key == "reader"]
    return json.loads(reader[0].proto.json) if reader else ""


@pytest.fixture
def filled_db(tmp_path):
    db = tmp_path / "filled.sqlite"
    fill_sample_store(db)
    return db


def test_empty_store_shows_the_ingest_command(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "empty.sqlite")
    assert not at.exception
    assert [code.value for code in at.code] == ["conflict-map ingest seeds/"]
    assert "empty" in at.info[0].value


def test_broken_store_shows_an_error_not_a_traceback(monkeypatch, tmp_path):
    db = tmp_path / "broken.sqlite"
    db.write_bytes(b"this is not a database " * 100)
    at = run_app(monkeypatch, db)
    assert not at.exception
    assert len(at.error) == 1
    assert "not a Conflict Map database" in at.error[0].value
    assert "Traceback" not in at.error[0].value


def test_filled_store_shows_literal_places_by_default(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db)
    assert not at.exception
    assert at.multiselect(key="role").value == ["literal"]
    assert count(at) == "6 mentions of 4 places in 2 articles"
    assert set(at.dataframe(key="places").value["place"]) == {"Kyiv", "Kharkiv", "Kursk",
                                                              "Sudzha"}
    assert any("GeoNames (CC BY 4.0)" in c.value for c in at.caption)
    assert [b.label for b in at.get("download_button")] == [
        "Mentions (CSV)", "Mentions (GeoJSON)", "Articles (JSON Lines)"]
    assert at.date_input(key="dates").value == (date(2025, 3, 12), date(2025, 3, 13))
    assert [e.key for e in at.get("vega_lite_chart")] == ["timeline"]
    assert url(at) == {}  # every default; the map reports its view from the browser
    command = map_command(at)
    assert {k: command[k] for k in ("roles", "base", "selected", "view")} == {
        "roles": ["literal"], "base": "outlines", "selected": None, "view": None}
    assert command["data"] == map_data(at) and command["control"] is None  # no claims


def test_first_run_sends_the_map_before_the_timeline_and_table(monkeypatch, filled_db):
    monkeypatch.setenv("CONFLICT_MAP_DB", str(filled_db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert map_data(at) and count(at) == "6 mentions of 4 places in 2 articles"
    assert not at.get("vega_lite_chart") and not at.get("arrow_data_frame")
    assert any("follow once the map is drawn" in c.value for c in at.caption)
    at.run()
    assert [e.key for e in at.get("vega_lite_chart")] == ["timeline"]
    assert places(at) == {"Kyiv", "Kharkiv", "Kursk", "Sudzha"}


def test_filter_widgets_are_mirrored_in_the_url(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db)
    at.multiselect(key="role").select("metonym").run()
    assert count(at) == "8 mentions of 5 places in 2 articles"
    assert url(at) == {"role": ["literal", "metonym"]}
    assert map_command(at)["roles"] == ["literal", "metonym"]

    at.multiselect(key="country").select("RU").run()
    at.slider(key="score").set_value(0.5).run()
    at.text_input(key="q").input("retaken").run()
    assert count(at) == "4 mentions of 3 places in 1 article"  # Sudzha, Kursk ×2, Moscow
    at.date_input(key="dates").set_value((date(2025, 3, 13), date(2025, 3, 13))).run()
    assert not at.exception
    assert url(at) == {"role": ["literal", "metonym"], "country": "RU", "score": "0.5",
                       "q": "retaken", "from": "2025-03-13", "to": "2025-03-13"}


def test_a_url_reproduces_filters_article_place_and_view(monkeypatch, filled_db):
    params = {"role": ["metonym", "adjectival"], "source": "Example Wire", "score": "0.5",
              "from": "2025-03-13", "to": "2025-03-13", "article": KYIV_ARTICLE.id[:12],
              "place": "gn:524901", "base": "osm", "lat": "55.7", "lon": "37.6", "z": "6"}
    at = run_app(monkeypatch, filled_db, params)
    assert not at.exception
    assert at.multiselect(key="role").value == ["metonym", "adjectival"]
    assert at.multiselect(key="source").value == ["Example Wire"]
    assert at.slider(key="score").value == 0.5
    assert at.date_input(key="dates").value == (date(2025, 3, 13), date(2025, 3, 13))
    assert count(at) == "2 mentions of 2 places in 1 article"
    assert at.selectbox(key="article").value == KYIV_ARTICLE.id[:12]
    assert "Drone strikes hit" in reader_html(at)  # shown though not in this view
    command = map_command(at)
    assert command["selected"]["label"] == "Moscow" and command["base"] == "osm"
    assert command["view"] is None  # the URL has a view: the map opens there, no flight
    # The app writes the same view back, role order and all.
    assert url(at) == {**params, "role": ["metonym", "adjectival"]}


def test_a_place_without_a_view_flies_there(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db, {"place": "gn:486816"})
    view = map_command(at)["view"]
    assert (view["lat"], view["lon"], view["zoom"]) == (51.191, 35.271, 10)
    assert url(at) == {"place": "gn:486816"}


def test_bad_url_values_are_dropped(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db, {
        "role": ["bogus"], "country": "XX", "score": "lots", "from": "yesterday",
        "article": "nope", "place": "gn:0", "base": "satellite", "lat": "999", "lon": "0",
        "z": "3"})
    assert not at.exception
    assert at.multiselect(key="role").value == []
    assert "at least one role" in at.info[0].value
    assert url(at) == {"role": ""}


def test_an_infinite_zoom_in_the_url_is_dropped(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db, {"lat": "50", "lon": "30", "z": "inf"})
    assert not at.exception
    assert not {"lat", "lon", "z"} & set(url(at))


def test_reader_marks_the_mentions_of_the_article(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db)
    at.selectbox(key="article").set_value(KYIV_ARTICLE.id[:12]).run()
    html = reader_html(at)
    assert html.count('<mark class="cm-m') == 4
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert url(at) == {"article": KYIV_ARTICLE.id[:12]}


def test_reset_filters(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db, {"role": "metonym", "q": "Moscow", "score": "0.2"})
    assert count(at) == "2 mentions of 1 place in 2 articles"
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert count(at) == "6 mentions of 4 places in 2 articles"
    assert url(at) == {}


def test_nothing_matches_says_so(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db, {"q": "Atlantis"})
    assert count(at) == "0 mentions of 0 places in 0 articles"
    assert "Nothing matches" in at.info[0].value


def test_place_search_selects_a_gazetteer_place(monkeypatch, filled_db, requires_gazetteer):
    at = run_app(monkeypatch, filled_db)
    at.text_input(key="find").input("Pokrovsk").run()
    assert not at.exception
    command = map_command(at)
    assert command["selected"]["label"] == "Pokrovsk"
    assert command["view"]["zoom"] == 10
    assert url(at)["place"].startswith("gn:")
    at.text_input(key="find").input("Qwxzvbnmland").run()
    assert any("No place called" in c.value for c in at.sidebar.caption)


def test_playback_steps_the_date_window_and_the_map_follows(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db)
    every_day = map_data(at)
    at.selectbox(key="play_window").set_value("1 day").run()
    at.button(key="play").click().run()
    assert not at.exception
    assert at.button(key="play").label == "Pause"
    assert at.date_input(key="dates").value == (date(2025, 3, 12), date(2025, 3, 12))
    assert url(at) == {"from": "2025-03-12", "to": "2025-03-12"}
    assert places(at) == {"Kyiv", "Kharkiv"}
    first_day = map_data(at)
    assert first_day != every_day

    at.run()  # a run before the next frame is due changes nothing
    assert at.date_input(key="dates").value == (date(2025, 3, 12), date(2025, 3, 12))
    time.sleep(PLAY_SECONDS)
    at.run()  # the frame is due (in the browser, the fragment's timer makes this run)
    assert not at.exception
    assert at.date_input(key="dates").value == (date(2025, 3, 13), date(2025, 3, 13))
    assert places(at) == {"Sudzha", "Kursk"}
    assert map_data(at) not in (first_day, every_day)

    time.sleep(PLAY_SECONDS)
    at.run()  # past the last day: playback stops on the last frame
    assert at.button(key="play").label == "Play"
    assert at.date_input(key="dates").value == (date(2025, 3, 13), date(2025, 3, 13))
    at.button(key="play_step").click().run()  # stepping on wraps round to the first day
    assert at.date_input(key="dates").value == (date(2025, 3, 12), date(2025, 3, 12))
    assert map_data(at) == first_day


def test_playback_with_a_window_longer_than_the_store_plays_one_frame(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db)
    assert at.selectbox(key="play_window").value == "1 week"
    at.button(key="play").click().run()
    assert at.button(key="play").label == "Pause"
    assert at.date_input(key="dates").value == (date(2025, 3, 12), date(2025, 3, 13))
    time.sleep(PLAY_SECONDS)
    at.run()
    assert at.button(key="play").label == "Play"  # one frame held every day: done
    assert count(at) == "6 mentions of 4 places in 2 articles"


def test_counts_read_as_english_for_one(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db, {"q": "Drone strikes"})
    assert count(at).endswith(" in 1 article")
    assert any(c.value.startswith("1 article in this view") for c in at.caption)
    assert any(c.value.endswith(" and 1 article, as filtered.") for c in at.sidebar.caption)


def test_undated_articles_are_counted_under_the_timeline(monkeypatch, filled_db):
    from geo.models import Article, Mention, Place, article_id
    from geo.store.database import Store

    text = "Shelling was reported near Kharkiv."
    kharkiv = Place("gn:706483", "Kharkiv", 49.98, 36.25, "city", "UA", "UA-63")
    with Store(filled_db) as store:  # an article without a published date
        store.add_article(Article(id=article_id(text), text=text, title="No date"),
                          [Mention(field="text", surface="Kharkiv", start=27, end=34,
                                   sentence=text, sentence_start=0, role="literal",
                                   place=kharkiv, score=0.9, reason="test")], editor=local_editor())
    at = run_app(monkeypatch, filled_db)
    assert not at.exception
    assert any("1 undated article (no published date) is on the map but not on the timeline"
               in c.value for c in at.caption)
    assert count(at).endswith("in 3 articles")
    dated = run_app(monkeypatch, filled_db, {"from": "2025-03-13", "to": "2025-03-13"})
    assert any("1 undated article (no published date) is hidden while a date range is set"
               in c.value for c in dated.caption)


def _add_dated_article(db, day: str) -> None:
    from geo.models import Article, Mention, Place, article_id
    from geo.store.database import Store

    text = f"Shelling was reported near Kharkiv on {day}."
    kharkiv = Place("gn:706483", "Kharkiv", 49.98, 36.25, "city", "UA", "UA-63")
    with Store(db) as store:
        store.add_article(Article(id=article_id(text), text=text, title=day, published=day),
                          [Mention(field="text", surface="Kharkiv", start=27, end=34,
                                   sentence=text, sentence_start=0, role="literal",
                                   place=kharkiv, score=0.9, reason="test")], editor=local_editor())


def test_playback_skips_empty_windows_and_stays_within_a_picked_range(monkeypatch, filled_db):
    _add_dated_article(filled_db, "2025-06-01")  # 80 empty days after the sample's two
    at = run_app(monkeypatch, filled_db)
    at.selectbox(key="play_window").set_value("1 day").run()
    for expected in ("2025-03-12", "2025-03-13", "2025-06-01"):
        at.button(key="play_step").click().run()
        day = date.fromisoformat(expected)
        assert at.date_input(key="dates").value == (day, day)  # no empty day shown
    # A range picked by hand: Play stays within it and stops at its end.
    ranged = run_app(monkeypatch, filled_db, {"from": "2025-03-12", "to": "2025-03-13"})
    ranged.selectbox(key="play_window").set_value("1 day").run()
    ranged.button(key="play").click().run()
    assert ranged.date_input(key="dates").value == (date(2025, 3, 12), date(2025, 3, 12))
    time.sleep(PLAY_SECONDS)
    ranged.run()
    assert ranged.date_input(key="dates").value == (date(2025, 3, 13), date(2025, 3, 13))
    time.sleep(PLAY_SECONDS)
    ranged.run()
    assert ranged.button(key="play").label == "Play"  # the end of the range: stopped
    assert ranged.date_input(key="dates").value == (date(2025, 3, 13), date(2025, 3, 13))
    ranged.button(key="play").click().run()  # Play again: the range from its start
    assert ranged.date_input(key="dates").value == (date(2025, 3, 12), date(2025, 3, 12))
    ranged.button(key="play").click().run()  # pause
    # Dates set by hand forget the range: stepping runs on to June.
    ranged.date_input(key="dates").set_value((date(2025, 3, 12), date(2025, 6, 1))).run()
    for expected in ("2025-03-12", "2025-03-13", "2025-06-01"):
        ranged.button(key="play_step").click().run()
        day = date.fromisoformat(expected)
        assert ranged.date_input(key="dates").value == (day, day)


def test_opening_an_article_fits_the_map_to_its_places_and_lists_its_claims(monkeypatch,
                                                                             filled_db):
    from geo.models import Claim
    from geo.store.database import Store

    quote = KYIV_ARTICLE.text.split(".")[0] + "."
    with Store(filled_db) as store:  # a claim read from the article, as ingest stores it
        stored = store.article(KYIV_ARTICLE.id)
        start = stored.text.index(quote)
        assert store.add_claims(stored, [Claim(stored.id, "captured", quote, start,
                                               start + len(quote), actor="Russian forces",
                                               region="UA-63", region_name="Kharkiv Oblast")],
                                                   editor=local_editor())
    at = run_app(monkeypatch, filled_db)
    at.selectbox(key="article").set_value(KYIV_ARTICLE.id[:12]).run()
    assert not at.exception
    view = map_command(at)["view"]
    lats = [m.place.lat for m in sample_articles()[0][1] if m.place is not None]
    assert view["bounds"][0][0] == pytest.approx(min(lats))
    assert view["bounds"][1][0] == pytest.approx(max(lats))
    assert "**1 claim of territorial control in this article**" in [m.value for m in at.markdown]
    claims = next(e for e in at.dataframe if "claimant" in e.value and "of" not in e.value)
    assert list(claims.value["side"]) == ["Russia"] and list(claims.value["actor"]) == [
        "Russian forces"]


def test_a_broken_sides_file_is_one_warning_not_a_traceback(monkeypatch, filled_db, tmp_path):
    bad = tmp_path / "sides.csv"
    bad.write_text("conflict,side,pattern\nsudan,X,(unclosed\n", encoding="utf-8")
    monkeypatch.setenv("CONFLICT_MAP_SIDES", str(bad))
    at = run_app(monkeypatch, filled_db)
    assert not at.exception
    (warning,) = at.warning
    assert "Your sides file is not used" in warning.value and "not a regular expression" in (
        warning.value)
    assert count(at) == "6 mentions of 4 places in 2 articles"  # the page works
