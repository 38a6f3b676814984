"""dashboard/app.py through Streamlit's AppTest (no browser, no JavaScript) on real stores."""

from __future__ import annotations

import pytest
from browser_support import ROOT, fill_sample_store
from streamlit.testing.v1 import AppTest

APP = str(ROOT / "dashboard" / "app.py")


def run_app(monkeypatch, db, query_params: dict | None = None) -> AppTest:
    monkeypatch.setenv("CONFLICT_MAP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    return at.run()


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


def test_filled_store_shows_counts_for_literal_places(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db)
    assert not at.exception
    assert at.multiselect[0].value == ["literal"]
    assert at.caption[0].value == "6 mentions of 4 places in 2 articles"
    assert set(at.dataframe[0].value["place"]) == {"Kyiv", "Kharkiv", "Kursk", "Sudzha"}
    assert any("GeoNames (CC BY 4.0)" in c.value for c in at.caption)


def test_role_choice_is_mirrored_in_the_url(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db)
    at.multiselect[0].select("metonym").run()
    assert not at.exception
    assert at.caption[0].value == "8 mentions of 5 places in 2 articles"
    assert at.query_params["role"] == ["literal", "metonym"]


def test_url_chooses_the_roles(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db, {"role": ["adjectival", "metonym", "bogus"]})
    assert not at.exception
    assert at.multiselect[0].value == ["metonym", "adjectival"]
    assert at.caption[0].value == "3 mentions of 2 places in 2 articles"


def test_no_role_selected_says_so(monkeypatch, filled_db):
    at = run_app(monkeypatch, filled_db)
    at.multiselect[0].unselect("literal").run()
    assert not at.exception
    assert "at least one role" in at.info[0].value
