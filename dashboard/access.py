"""Who is looking: the mode the dashboard runs in and, on a shared link, who has signed in.

* `local` (the default, `make run`): the person at the machine is the editor.
* `hosted`: everyone with the link reads; only editors write. With an identity provider in
  `.streamlit/secrets.toml` (Streamlit's `[auth]` section) people sign in with `st.login` and
  are editors when their e-mail is in the allowlist (`editors`); a stranger who signs in
  stays a viewer. With no provider, a shared `editor_password` is the fallback; it locks for
  a while after repeated failures (`geo.access.PasswordGate`, one per server).

Settings come from the environment first, then `st.secrets` (README, "Hosting").
"""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

from dashboard import keys
from dashboard.markup import md_code, md_escape
from geo.access import PasswordGate, editor_allowlist, local_editor, signed_in_editor
from geo.models import Editor

MODES = ("local", "hosted")
# Setting name in secrets -> its environment variable.
_ENV = {"mode": "CONFLICT_MAP_MODE", "db": "CONFLICT_MAP_DB", "editors": "CONFLICT_MAP_EDITORS",
        "editor_password": "CONFLICT_MAP_EDITOR_PASSWORD",
        "build_on_start": "CONFLICT_MAP_BUILD_ON_START"}


def setting(name: str) -> Any:
    """A setting from the environment, else from `st.secrets` (None when neither has it)."""
    value = os.environ.get(_ENV.get(name, ""), "")
    if value:
        return value
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets file at all: Streamlit raises rather than answer None
        return None


def app_mode() -> str:
    """`local` or `hosted`; an unknown value is refused rather than guessed."""
    mode = str(setting("mode") or "local").strip().lower()
    if mode not in MODES:
        st.error(f"CONFLICT_MAP_MODE must be one of {', '.join(MODES)}, not {mode!r}.")
        st.stop()
    return mode


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


@st.cache_resource(show_spinner=False)
def _gate(password: str) -> PasswordGate:
    """One gate per server and password, so a new browser session does not reset the lock."""
    return PasswordGate(password)


def sign_in(mode: str) -> Editor | None:
    """The editor of this session (None: a viewer), with the sign-in controls of a shared
    link in the sidebar."""
    if mode == "local":
        return local_editor()
    sidebar = st.sidebar
    if _oidc_configured():
        return _oidc(sidebar)
    password = setting("editor_password")
    if password:
        return _password(sidebar, str(password))
    sidebar.caption("Read-only link: no editor sign-in is configured on this server.")
    return None


def _oidc(sidebar: Any) -> Editor | None:
    user = st.user
    if not user.is_logged_in:
        sidebar.button("Sign in to edit", key=keys.SIGN_IN, on_click=st.login,
                       help="Editors sign in to add or delete articles; everyone else reads.")
        return None
    allow = editor_allowlist(setting("editors"))
    editor = signed_in_editor(user.get("email"), allow, verified=user.get("email_verified"))
    # The identity provider's text, shown verbatim as code (escaped, and not made a link).
    who = md_code(str(user.get("email") or user.get("name") or "you"))
    sidebar.caption(f"Signed in as {who}: {'editor' if editor else 'viewer (not an editor)'}")
    sidebar.button("Sign out", key=keys.SIGN_OUT, on_click=st.logout)
    return editor


def _password(sidebar: Any, password: str) -> Editor | None:
    state = st.session_state
    editor = state.get(keys.EDITOR)
    if isinstance(editor, Editor):
        sidebar.caption(f"Editing as {md_escape(editor.name)}")
        if sidebar.button("Sign out", key=keys.SIGN_OUT):
            del state[keys.EDITOR]
            st.rerun()
        return editor
    gate = _gate(password)
    with sidebar.expander("Editor sign-in"):
        with st.form(keys.SIGN_IN_FORM, clear_on_submit=True, border=False):
            name = st.text_input("Your name", key=keys.SIGN_IN_NAME)
            attempt = st.text_input("Editor password", type="password",
                                    key=keys.SIGN_IN_PASSWORD)
            sent = st.form_submit_button("Sign in")
        wait = gate.locked_for()
        if sent and not wait:
            editor = gate.check(attempt, name)
            if editor is not None:
                state[keys.EDITOR] = editor
                st.rerun()
            wait = gate.locked_for()
            if not wait:
                st.error("Wrong password.")
        if wait:
            st.error(f"Too many failed tries: sign-in is locked for {wait:.0f} s.")
    return None
