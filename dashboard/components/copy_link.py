"""The "copy link" button, a Streamlit components v2 component (`js/copy_link.mjs`).

It copies the page URL, which carries the whole view (filters, centre, zoom, selection).
"""

from __future__ import annotations

from importlib import resources

import streamlit as st

from dashboard import keys

__all__ = ["copy_link_button"]

# Inline text, read once: a file path would need the component's asset_dir in pyproject.toml.
_JS = (resources.files(__package__) / "js" / "copy_link.mjs").read_text(encoding="utf-8")
_CSS = """
button { font: inherit; font-size: 0.9rem; padding: 0.3rem 0.75rem; cursor: pointer;
    border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
    background: var(--st-background-color, #fff); color: var(--st-text-color, #31333f); }
button:hover { border-color: var(--st-primary-color, #ff4b4b);
    color: var(--st-primary-color, #ff4b4b); }
.cm-note { margin-left: 0.6rem; font-size: 0.85rem; color: #6b6f7b; overflow-wrap: anywhere; }
"""

_copy = st.components.v2.component("conflict_map_copy_link", js=_JS, css=_CSS)


def copy_link_button(*, key: str = keys.COPY_LINK) -> None:
    """A button that copies the page's URL (the shareable view) to the clipboard."""
    _copy(key=key)
