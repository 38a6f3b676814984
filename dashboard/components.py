"""Two small in-page components (Streamlit components v2): the article reader and "copy link".

The reader shows HTML built by `dashboard.markup.reader_html` (every stored string escaped there)
and reports a click on a mention as the trigger value `mention` (its index). The copy button
copies the page URL, which carries the whole view (filters, centre, zoom, selection).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

__all__ = ["copy_link_button", "reader_view"]

_READER_JS = """
export default function (component) {
    const { data, setTriggerValue, parentElement } = component;
    let root = parentElement.querySelector(".cm-reader-root");
    if (!root) {
        root = document.createElement("div");
        root.className = "cm-reader-root";
        parentElement.appendChild(root);
    }
    root.innerHTML = data || "";
    root.querySelectorAll("mark[data-i]").forEach((mark) => {
        mark.tabIndex = 0;
        mark.setAttribute("role", "button");
        const go = () => setTriggerValue("mention", Number(mark.dataset.i));
        mark.onclick = go;
        mark.onkeydown = (e) => {
            if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); }
        };
    });
}
"""

_READER_CSS = """
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

_COPY_JS = """
export default function (component) {
    const { parentElement } = component;
    let button = parentElement.querySelector("button");
    let note = parentElement.querySelector(".cm-note");
    if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.textContent = "Copy link to this view";
        note = document.createElement("span");
        note.className = "cm-note";
        note.setAttribute("aria-live", "polite");
        parentElement.append(button, note);
    }
    function fallback(text) {
        const area = document.createElement("textarea");
        area.value = text;
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        let ok = false;
        try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
        area.remove();
        return ok;
    }
    button.onclick = async () => {
        const url = window.location.href;
        let ok = false;
        try {
            await navigator.clipboard.writeText(url);
            ok = true;
        } catch (err) {
            ok = fallback(url);
        }
        button.dataset.url = url;
        note.textContent = ok ? "Link copied" : "Copy this link: " + url;
    };
}
"""

_COPY_CSS = """
button { font: inherit; font-size: 0.9rem; padding: 0.3rem 0.75rem; cursor: pointer;
    border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
    background: var(--st-background-color, #fff); color: var(--st-text-color, #31333f); }
button:hover { border-color: var(--st-primary-color, #ff4b4b);
    color: var(--st-primary-color, #ff4b4b); }
.cm-note { margin-left: 0.6rem; font-size: 0.85rem; color: #6b6f7b; overflow-wrap: anywhere; }
"""

_reader = st.components.v2.component("conflict_map_reader", js=_READER_JS, css=_READER_CSS)
_copy = st.components.v2.component("conflict_map_copy_link", js=_COPY_JS, css=_COPY_CSS)


def reader_view(html: str, *, key: str, on_mention: Callable[[], None]) -> int | None:
    """Show the reader HTML; return the index of the mention clicked in this run, if any."""
    result = _reader(data=html, key=key, on_mention_change=on_mention)
    mention = getattr(result, "mention", None) if result is not None else None
    return int(mention) if isinstance(mention, int | float) else None


def copy_link_button(*, key: str = "copy_link") -> None:
    """A button that copies the page's URL (the shareable view) to the clipboard."""
    _copy(key=key)
