"""The editor's tools in the sidebar: add articles (upload or paste) and delete one.

Shown only to an editor (`dashboard.access.sign_in`); the library refuses a write without
one anyway. Adding goes through `geo.io.uploads` (the CLI's readers and errors) with a
progress bar; deleting asks for a confirmation and is logged with who and when.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from dashboard import keys
from dashboard.data import recent_actions
from dashboard.markup import md_escape
from geo.io.readers import SUFFIXES
from geo.io.uploads import MAX_UPLOAD_BYTES, Upload, ingest_text, ingest_uploads
from geo.models import Article, Editor, headline
from geo.store.database import Store
from geo.views.filters import plural

# Lines of a report shown at most (the rest are counted).
SHOWN_PROBLEMS = 20
# Entries of the store's log of writes shown to an editor, newest first.
RECENT_CHANGES = 20


def editor_tools(editor: Editor, db_path: str, version: tuple[float, ...],
                 open_article: Article | None) -> None:
    """Upload, paste and delete, in the sidebar, for `editor`; the log of writes of the
    store at `db_path` (`version`: `dashboard.data.store_version`)."""
    sidebar = st.sidebar
    _last_result(sidebar)
    with sidebar.expander("Add articles", expanded=False):
        # A new key after each run of "Add": the uploader empties instead of offering the
        # same files again.
        files = st.file_uploader(
            "Files the CLI reads", type=[s.lstrip(".") for s in SUFFIXES],
            accept_multiple_files=True,
            key=f"{keys.UPLOADS}{st.session_state.get(keys.UPLOAD_ROUND, 0)}",
            help=f"Text, Markdown, JSON, JSON Lines or HTML; at most "
                 f"{MAX_UPLOAD_BYTES // 1_000_000} MB a file. An article already stored "
                 "(the same text) is counted, not stored twice.")
        if files and st.button("Add these files", key="add_files"):
            uploads = [Upload(f.name, f.getvalue()) for f in files]
            _run(db_path, "Adding files", lambda store, progress: ingest_uploads(
                uploads, store, editor=editor, progress=progress))
        with st.form(keys.PASTE_FORM, clear_on_submit=False, border=False):
            st.caption("Or paste an article")
            title = st.text_input("Title")
            source = st.text_input("Source", placeholder="Reuters")
            url = st.text_input("Address", placeholder="https://")
            published = st.date_input("Published", value=None, max_value=date.today())
            text = st.text_area("Text", height=160)
            if st.form_submit_button("Add the text"):
                _run(db_path, "Adding the text", lambda store, progress: ingest_text(
                    text, store, editor=editor, title=title, source=source, url=url,
                    published=published.isoformat() if published else None))
    with sidebar.expander("Recent changes"):
        log = recent_actions(db_path, version, RECENT_CHANGES)
        if log:
            st.dataframe([{"when": a["at"][:19].replace("T", " "), "who": a["editor"],
                           "how": a["how"], "what": a["action"], "article": a["detail"]}
                          for a in log], hide_index=True, key=keys.RECENT_CHANGES)
        else:
            st.caption("Nothing added or deleted since the log began.")
    with sidebar.expander("Delete an article"):
        if open_article is None:
            st.caption("Open an article in the reader to delete it.")
            return
        named = headline(open_article.title, open_article.text)  # an untitled one: “its opening”
        quoted = f"“{open_article.title}”" if open_article.title else named
        st.markdown(f"**{md_escape(named or 'Untitled')}**  \n"
                    f"{md_escape(open_article.source or '')}")
        sure = st.checkbox("Delete it with its mentions and claims", key=keys.DELETE_CONFIRM)
        if st.button("Delete", key=keys.DELETE, disabled=not sure, type="primary"):
            with Store(db_path) as store:
                gone = store.delete_article(open_article.id, editor=editor)
            st.session_state[keys.EDIT_RESULT] = (
                "success" if gone else "warning",
                [f"Deleted {quoted or open_article.id[:12]}." if gone
                 else "That article was already deleted."])
            st.session_state.pop(keys.ARTICLE, None)
            st.session_state.pop(keys.DELETE_CONFIRM, None)
            st.rerun()


def _run(db_path: str, label: str, work: Callable) -> None:
    """Run an ingestion with a progress bar; its report is shown after the page reloads."""
    bar = st.progress(0.0, text=label + "…")

    def progress(done: int, total: int, name: str) -> None:
        bar.progress(done / max(total, 1), text=f"{label}: {done} of {total} ({name})")

    with Store(db_path) as store:
        report = work(store, progress)
    st.session_state[keys.UPLOAD_ROUND] = st.session_state.get(keys.UPLOAD_ROUND, 0) + 1
    lines = [report.summary()]
    lines += [f"{where}: {problem}" for where, problem in report.failed[:SHOWN_PROBLEMS]]
    if len(report.failed) > SHOWN_PROBLEMS:
        lines.append(f"… and {plural(len(report.failed) - SHOWN_PROBLEMS, 'more problem')}")
    kind = "error" if report.failed and not report.new else \
        "warning" if report.failed else "success"
    st.session_state[keys.EDIT_RESULT] = (kind, lines)
    st.rerun()


def _last_result(sidebar) -> None:
    found = st.session_state.pop(keys.EDIT_RESULT, None)
    if found is None:
        return
    kind, lines = found
    show = {"success": sidebar.success, "warning": sidebar.warning, "error": sidebar.error}[kind]
    show("  \n".join(md_escape(line) for line in lines))
