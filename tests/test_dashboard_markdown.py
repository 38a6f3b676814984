"""User and stored text shown through Streamlit's Markdown (captions, errors, notes) is escaped:
"![i](/x)" typed into "Find a place" is shown as typed, never fetched as an image or made a link.

The renderer here is markdown-it-py (CommonMark, as Streamlit's remark); the Streamlit-only
rewrites (":red[...]", ":material/icon:", emoji shortcodes, "->" arrows) are checked on the
source, as the browser tests would need a browser.
"""

from __future__ import annotations

import html
import re
import string

import pytest
from browser_support import ROOT, fill_sample_store
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from dashboard.markup import WORD_JOINER, md_code, md_escape

APP = str(ROOT / "dashboard" / "app.py")
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
NASTY = [
    "![i](/x)",
    "[a](https://example.org)",
    "<img src=x onerror=alert(1)>",
    "**bold** _it_ `code` ~~gone~~ # not a heading",
    "https://example.org www.example.org a@example.org",
    "&amp; &#60; &lt;",
    ":red[red] :blue-background[x] :material/home: :smile: :streamlit: :+1:",
    "$x^2$ and $$y$$",
    "a -> b <- c <-> d -- e >= f <= g ~= h",
    "| a | b |",
    "1. one",
    "- item",
    "> quote",
    "back\\slash \\* \\[",
    string.punctuation,
    "Pokrovsk, Donetsk (Ukraine)",
    "",
]


def visible(markdown: str) -> str:
    """The text a reader sees: backslash escapes resolved, word joiners dropped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


def visible_with_joiners(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def rendered(markdown: str) -> str:
    """Inline HTML of `markdown`, word joiners dropped."""
    return MD.renderInline(markdown).replace(WORD_JOINER, "")


def as_html(text: str) -> str:
    """`text` as markdown-it writes plain text (it leaves ' alone)."""
    return html.escape(text, quote=True).replace("&#x27;", "'")


@pytest.mark.parametrize("text", NASTY)
def test_md_escape_renders_the_text_as_typed(text):
    escaped = md_escape(text)
    # A whole document, so block syntax (lists, headings, quotes, tables) counts too.
    expected = f"<p>{as_html(text)}</p>\n" if text else ""
    assert MD.render(escaped).replace(WORD_JOINER, "") == expected
    assert visible(escaped) == text


@pytest.mark.parametrize("text", NASTY)
def test_md_escape_leaves_no_markdown_or_streamlit_syntax(text):
    escaped = md_escape(text)
    bare = [t for t in re.findall(r"\\.|.", escaped, flags=re.S)
            if len(t) == 1 and t in string.punctuation]
    assert not bare, f"unescaped {bare} in {escaped!r}"
    # Streamlit rewrites these after parsing, on the text itself: no escape stops them.
    shown = visible_with_joiners(escaped)
    assert ":material/" not in escaped and not re.search(r":[\w+-]", shown)
    for arrow in ("->", "<-", "--", ">=", "<=", "~="):
        assert arrow not in shown


def test_md_escape_keeps_letters_digits_and_spaces():
    assert md_escape("Sudzha 2025 Київ") == "Sudzha 2025 Київ"
    assert md_escape(None) == "None" and md_escape(42) == "42"


@pytest.mark.parametrize("text", ["data/conflict_map.sqlite", "a`b", "``x``", "`", " lead",
                                  "C:/x/:material/home:", "x $y$ *z*"])
def test_md_code_shows_the_text_verbatim_in_a_code_span(text):
    assert rendered(md_code(text)) == f"<code>{as_html(text)}</code>"
    assert ":material/" not in md_code(text)


def _caption(at: AppTest) -> str:
    (caption,) = [c.value for c in at.sidebar.caption if "No place called" in c.value]
    return caption


@pytest.mark.parametrize("query", ["![i](/x)", "[a](https://example.org)",
                                   ":red[boo] :material/home: -> **x**"])
def test_find_a_place_shows_the_query_as_typed(monkeypatch, tmp_path, requires_gazetteer,
                                               query):
    db = tmp_path / "filled.sqlite"
    fill_sample_store(db)
    monkeypatch.setenv("CONFLICT_MAP_DB", str(db))
    # The sidebar's place search comes in a session's second run (after the map is drawn).
    at = AppTest.from_file(APP, default_timeout=60).run().run()
    at.text_input(key="find").input(query).run()
    assert not at.exception
    caption = _caption(at)
    assert "](" not in caption and "![" not in caption and "**" not in caption
    assert ":material/" not in caption and "->" not in visible_with_joiners(caption)
    if query.startswith("!"):
        assert r"\!\[i\]\(\/x\)" in caption
    assert visible(caption) == f"No place called “{query}” in the gazetteer."
    assert "<a" not in rendered(caption) and "<img" not in rendered(caption)


def test_store_errors_show_the_path_as_typed(monkeypatch, tmp_path):
    db = tmp_path / "x`y [a](https:⁄⁄e.org) *z* :red[r].sqlite"
    db.write_bytes(b"this is not a database " * 100)
    monkeypatch.setenv("CONFLICT_MAP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "not a Conflict Map database" in visible(error) and str(db) in visible(error)
    assert "<a" not in rendered(error) and "<em>" not in rendered(error)
    (note,) = [m.value for m in at.markdown if "CONFLICT_MAP_DB" in m.value]
    assert f"<code>{as_html(str(db))}</code>" in rendered(note)


def test_empty_store_note_shows_the_path_in_code(monkeypatch, tmp_path):
    db = tmp_path / "odd `name` *here*.sqlite"
    monkeypatch.setenv("CONFLICT_MAP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert f"<code>{as_html(str(db))}</code>" in rendered(at.info[0].value)
