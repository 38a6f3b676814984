"""Signing in for real on a hosted link (issue 16): Streamlit's `st.login` against a local
OpenID Connect provider (`oidc-provider-mock`, started here on loopback), through its login
page in Debian's chromium. An allowlisted editor gets the writing tools; a stranger who
signs in stays a viewer; signing out drops the tools."""

from __future__ import annotations

import secrets

import pytest
from browser_support import fill_sample_store, free_port, streamlit_server
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_browser import TIMEOUT_MS, OfflinePage, browser, chromium  # noqa: F401

from geo.gazetteer.index import default_path as gazetteer_path

oidc_provider_mock = pytest.importorskip(
    "oidc_provider_mock", reason="oidc-provider-mock is a dev dependency (make setup)")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not gazetteer_path().exists(),
                       reason="the gazetteer is not built (make gazetteer): nothing to map"),
]
EDITOR, STRANGER = "ana@example.org", "eve@example.org"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc")
    db = folder / "sample.sqlite"
    fill_sample_store(db)
    users = [oidc_provider_mock.User(sub=who, claims={"email": who, "email_verified": True})
             for who in (EDITOR, STRANGER)]
    with oidc_provider_mock.run_server_in_thread(port=free_port(), user_claims=users) as idp:
        port = free_port()
        secrets_file = folder / "secrets.toml"
        secrets_file.write_text(
            "[auth]\n"
            f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(16)}"\n'
            'client_id = "conflict-map-test"\n'
            'client_secret = "not-a-secret"\n'
            f'server_metadata_url = "http://localhost:{idp.server_port}'
            '/.well-known/openid-configuration"\n', encoding="utf-8")
        env = {"CONFLICT_MAP_MODE": "hosted", "CONFLICT_MAP_EDITORS": EDITOR}
        with streamlit_server(db, folder / "streamlit.log", env=env, port=port,
                              args=("--secrets.files", str(secrets_file))):
            yield f"http://localhost:{port}"


def _sign_in(browser, base: str, who: str) -> OfflinePage:  # noqa: F811
    offline = OfflinePage(browser, base)
    page = offline.page
    page.goto(base)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name="Sign in to edit").click(timeout=TIMEOUT_MS)
    # The provider's own page: pick the user (a real form post, a real redirect back).
    page.get_by_role("button", name=who).click(timeout=TIMEOUT_MS)
    sidebar.get_by_text(f"Signed in as {who}").wait_for(timeout=TIMEOUT_MS)
    return offline


def test_an_allowlisted_editor_signs_in_and_gets_the_tools(hosted, browser):  # noqa: F811
    offline = _sign_in(browser, hosted, EDITOR)
    try:
        sidebar = offline.page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("Add articles").wait_for(timeout=TIMEOUT_MS)
        assert "editor" in sidebar.get_by_text(f"Signed in as {EDITOR}").inner_text()
        offline.screenshot("oidc-editor.png", offline.map_frame())
        sidebar.get_by_role("button", name="Sign out").click()
        # Streamlit forgets the identity and sends the browser to the provider's end-session
        # page; after it, the link opens signed out.
        page = offline.page
        page.wait_for_url(lambda url: not url.startswith(hosted) or "logout" not in url,
                          timeout=TIMEOUT_MS)
        end = page.get_by_role("button", name="End session")
        try:
            end.wait_for(timeout=10_000)
            end.click()
        except PlaywrightTimeout:
            pass  # no end-session page: already back on the app
        if not page.url.startswith(hosted):
            page.goto(hosted)
        sidebar.get_by_role("button", name="Sign in to edit").wait_for(timeout=TIMEOUT_MS)
        assert sidebar.get_by_text("Add articles").count() == 0
    finally:
        offline.context.close()


def test_a_stranger_who_signs_in_is_a_viewer(hosted, browser):  # noqa: F811
    offline = _sign_in(browser, hosted, STRANGER)
    try:
        sidebar = offline.page.locator('[data-testid="stSidebar"]')
        assert "viewer (not an editor)" in sidebar.get_by_text(
            f"Signed in as {STRANGER}").inner_text()
        offline.page.wait_for_timeout(500)
        assert sidebar.get_by_text("Add articles").count() == 0
        assert offline.page.locator('input[type="file"]').count() == 0
        assert sidebar.get_by_text("Delete an article").count() == 0
    finally:
        offline.context.close()
