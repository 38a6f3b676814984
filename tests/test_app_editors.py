"""Modes and editors in dashboard/app.py through AppTest, on real stores: a hosted link shows
no writing tools to a viewer; the editor password signs in and locks after repeated
failures; an editor pastes an article and deletes one, each logged with who."""

from __future__ import annotations

import pytest
from browser_support import ROOT, fill_sample_store, sample_articles
from streamlit.testing.v1 import AppTest

from geo.access import local_editor
from geo.store.database import Store

APP = str(ROOT / "dashboard" / "app.py")
KYIV = sample_articles()[0][0]


@pytest.fixture
def filled_db(tmp_path):
    db = tmp_path / "filled.sqlite"
    fill_sample_store(db)
    return db


def _app(monkeypatch, db, *, mode: str | None = None, secrets: dict | None = None,
         params: dict | None = None, runs: int = 2) -> AppTest:
    monkeypatch.setenv("CONFLICT_MAP_DB", str(db))
    for name in ("CONFLICT_MAP_MODE", "CONFLICT_MAP_EDITOR_PASSWORD", "CONFLICT_MAP_EDITORS"):
        monkeypatch.delenv(name, raising=False)
    if mode:
        monkeypatch.setenv("CONFLICT_MAP_MODE", mode)
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    for key, value in (params or {}).items():
        at.query_params[key] = value
    # A session's first run leaves the rest of the page (the editor's tools among it) for a
    # second run, which the browser makes once the map is drawn; AppTest has to ask for it.
    for _ in range(runs):
        at.run()
    return at


def _sidebar_labels(at: AppTest) -> list[str]:
    return [e.label for e in at.sidebar.get("expander")]


def _writing_tools(at: AppTest) -> bool:
    labels = _sidebar_labels(at)
    return "Add articles" in labels or "Delete an article" in labels


def test_a_hosted_link_without_sign_in_is_read_only(monkeypatch, filled_db):
    at = _app(monkeypatch, filled_db, mode="hosted", params={"article": KYIV.id[:12]})
    assert not at.exception
    assert not _writing_tools(at) and not at.get("file_uploader")
    assert any("Read-only link" in c.value for c in at.sidebar.caption)
    assert not [b for b in at.button if b.label in ("Delete", "Add the text")]
    # The rest of the page is there for viewers: map caption, reader, downloads.
    assert at.caption[0].value == "6 mentions of 4 places in 2 articles"
    assert len(at.get("download_button")) == 3


def test_an_unknown_mode_is_refused(monkeypatch, filled_db):
    at = _app(monkeypatch, filled_db, mode="public")
    assert "must be one of local, hosted" in at.error[0].value
    assert not _writing_tools(at)


def test_the_editor_password_signs_in_and_locks_after_failures(monkeypatch, filled_db):
    secrets = {"editor_password": "lock-test correct horse"}
    at = _app(monkeypatch, filled_db, mode="hosted", secrets=secrets)
    assert "Editor sign-in" in _sidebar_labels(at) and not _writing_tools(at)
    for n in range(5):
        at.text_input(key="sign_in_name").input("eve")
        at.text_input(key="sign_in_password").input(f"guess {n}")
        at = at.button(key="FormSubmitter:sign_in_form-Sign in").click().run()
        assert not _writing_tools(at)
    errors = [e.value for e in at.sidebar.error]
    assert any("locked for" in e for e in errors), errors
    # Locked for everyone, the right password included, and in a new session too.
    again = _app(monkeypatch, filled_db, mode="hosted", secrets=secrets)
    again.text_input(key="sign_in_name").input("ana")
    again.text_input(key="sign_in_password").input("lock-test correct horse")
    again = again.button(key="FormSubmitter:sign_in_form-Sign in").click().run()
    assert not _writing_tools(again)
    assert any("locked for" in e.value for e in again.sidebar.error)


def test_an_editor_signed_in_by_password_gets_the_tools(monkeypatch, filled_db):
    secrets = {"editor_password": "open-test correct horse"}
    at = _app(monkeypatch, filled_db, mode="hosted", secrets=secrets)
    at.text_input(key="sign_in_name").input("ana")
    at.text_input(key="sign_in_password").input("wrong")
    at = at.button(key="FormSubmitter:sign_in_form-Sign in").click().run()
    assert [e.value for e in at.sidebar.error] == ["Wrong password."]
    at.text_input(key="sign_in_name").input("ana")
    at.text_input(key="sign_in_password").input("open-test correct horse")
    at = at.button(key="FormSubmitter:sign_in_form-Sign in").click().run()
    assert not at.exception
    assert _writing_tools(at)
    assert any("Editing as ana" in c.value for c in at.sidebar.caption)
    at = at.button(key="sign_out").click().run()
    assert not _writing_tools(at)


def test_an_editor_pastes_an_article_and_it_is_logged(monkeypatch, filled_db,
                                                      requires_gazetteer):
    at = _app(monkeypatch, filled_db)  # local mode: the local user edits
    assert _writing_tools(at)
    text = "Ukrainian troops said they had pushed back Russian forces near Vovchansk."
    form = [t for t in at.sidebar.text_input if t.label in ("Title", "Source")]
    form[0].input("Vovchansk report")
    form[1].input("Ukrinform")
    next(t for t in at.sidebar.text_area if t.label == "Text").input(text)
    at = at.button(key="FormSubmitter:paste_form-Add the text").click().run()
    assert not at.exception
    assert any("1 new article" in s.value for s in at.sidebar.success), at.sidebar.success
    with Store(filled_db) as store:
        added = [a for a in store.articles() if a.title == "Vovchansk report"]
        assert len(added) == 1 and added[0].source == "Ukrinform"
        assert store.actions()[0]["editor"] == local_editor().name
    assert at.caption[0].value.endswith("in 3 articles")
    recent = at.sidebar.dataframe[0].value  # the log of writes, newest first, in the page
    assert (recent["who"][0], recent["what"][0], recent["article"][0]) == (
        local_editor().name, "add", "Vovchansk report")
    # The same text again: counted as a duplicate, stored once.
    next(t for t in at.sidebar.text_area if t.label == "Text").input(text)
    at = at.button(key="FormSubmitter:paste_form-Add the text").click().run()
    assert any("1 duplicate" in s.value for s in at.sidebar.success)


def test_an_editor_deletes_the_open_article_after_confirming(monkeypatch, filled_db):
    at = _app(monkeypatch, filled_db, params={"article": KYIV.id[:12]})
    delete = at.button(key="delete")
    assert delete.disabled  # not before the confirmation
    at = at.checkbox(key="delete_confirm").check().run()
    at = at.button(key="delete").click().run()
    assert not at.exception
    assert any("Deleted" in s.value for s in at.sidebar.success)
    with Store(filled_db) as store:
        assert store.article(KYIV.id) is None
        log = store.actions()[0]
        assert (log["action"], log["article_id"], log["editor"]) == (
            "delete", KYIV.id, local_editor().name)
    assert at.caption[0].value.endswith("in 1 article")


def test_a_first_start_builds_what_is_missing_when_asked(monkeypatch, tmp_path,
                                                         requires_gazetteer):
    # As on Streamlit Community Cloud: no `make` ran, the store does not exist yet. The
    # gazetteer, regions and map files are there (built by `make test`), so the seed step runs.
    from dashboard.first_start import _server_state

    _server_state.clear()
    monkeypatch.setenv("CONFLICT_MAP_BUILD_ON_START", "1")
    db = tmp_path / "fresh" / "conflict_map.sqlite"
    db.parent.mkdir()
    at = _app(monkeypatch, db, mode="hosted", runs=1)
    assert not at.exception
    (status,) = at.get("status")
    assert status.label == "Set-up done"
    steps = [m.value for m in status.children.values()]
    # The npm and PyPI steps always run (no-ops once fetched); what exists is not built again.
    assert [x for x in steps if x.startswith("Building")] == [
        "Building the front-end packages from npm…",
        "Building the data files from PyPI (rivers, villages, Myanmar's places)…",
        "Building the seed articles…"]
    with Store(db) as store:
        (seed,) = store.articles()
        assert "Kursk" in seed.text and store.actions()[0]["how"] == "local"
    assert at.caption[0].value.endswith("in 1 article")
    # Another session of the same server finds it done and builds nothing again.
    again = _app(monkeypatch, db, mode="hosted")
    assert not again.exception and not again.get("status")


def test_a_first_start_with_nothing_built_builds_gazetteer_regions_and_seeds(
        monkeypatch, tmp_path, requires_gazetteer):
    # Community Cloud end to end, as far as this machine allows: no gazetteer, no regions and
    # no store where the app looks (here a temporary folder); the npm packages and the map
    # files are there (`make test` built them). The first run builds the rest, each step timed.
    from dashboard.first_start import _server_state

    _server_state.clear()
    monkeypatch.setenv("CONFLICT_MAP_BUILD_ON_START", "1")
    monkeypatch.setenv("CONFLICT_MAP_GAZETTEER", str(tmp_path / "gazetteer.sqlite"))
    monkeypatch.setenv("CONFLICT_MAP_REGIONS", str(tmp_path / "regions.sqlite"))
    db = tmp_path / "conflict_map.sqlite"
    monkeypatch.setenv("CONFLICT_MAP_DB", str(db))
    monkeypatch.setenv("CONFLICT_MAP_MODE", "hosted")
    at = AppTest.from_file(APP, default_timeout=600).run()
    assert not at.exception
    (status,) = at.get("status")
    steps = [m.value for m in status.children.values()]
    assert status.label == "Set-up done", steps
    # npm and PyPI files (no-ops once fetched), gazetteer, regions, seeds: "Building …" and
    # "The …: N s".
    assert len(steps) == 10, steps
    for what in ("gazetteer", "admin-1 regions", "seed articles"):
        assert any(x.startswith(f"The {what}: ") and x.endswith(" s") for x in steps), steps
    assert (tmp_path / "gazetteer.sqlite").exists() and (tmp_path / "regions.sqlite").exists()
    with Store(db) as store:
        assert store.counts()["articles"] == 1
    assert at.caption[0].value.endswith("in 1 article")
