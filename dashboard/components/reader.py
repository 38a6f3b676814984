"""The article reader, a Streamlit components v2 component (`js/reader.mjs`).

It shows HTML built by `dashboard.markup.reader_html` (every stored string escaped there) and
reports a click on a mention as the trigger value `mention` (its index).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

import streamlit as st

__all__ = ["reader_view"]

# Inline text, read once: a file path would need the component's asset_dir in pyproject.toml.
_JS = (resources.files(__package__) / "js" / "reader.mjs").read_text(encoding="utf-8")
_CSS = """
.cm-reader { font-size: 0.95rem; line-height: 1.55; color: var(--st-text-color, #31333f); }
.cm-reader h3 { font-size: 1.2rem; line-height: 1.3; margin: 0 0 0.3rem; }
.cm-reader .cm-meta { color: #6b6f7b; font-size: 0.85rem; margin-bottom: 0.6rem;
    overflow-wrap: anywhere; }
.cm-reader p { margin: 0 0 0.7rem; }
.cm-reader a { color: var(--st-link-color, #0068c9); }
.cm-m { border-radius: 3px; padding: 0 2px; }
.cm-m[data-i] { cursor: pointer; }
.cm-m[data-i]:hover, .cm-m[data-i]:focus { outline: 2px solid #111; outline-offset: 1px; }
.cm-literal { background: #f8d0c8; border-bottom: 2px solid #a61b1b; }
.cm-metonym { background: #dbe5f4; border-bottom: 2px dashed #1d4f91; }
.cm-adjectival { background: #ecdff7; border-bottom: 2px dotted #6b3fa0; }
.cm-unmapped { background: #ececec; border-bottom-color: #999; }
"""

_reader = st.components.v2.component("conflict_map_reader", js=_JS, css=_CSS)


def reader_view(html: str, *, key: str, on_mention: Callable[[], None]) -> int | None:
    """Show the reader HTML; return the index of the mention clicked in this run, if any."""
    result = _reader(data=html, key=key, on_mention_change=on_mention)
    mention = getattr(result, "mention", None) if result is not None else None
    return int(mention) if isinstance(mention, int | float) else None
