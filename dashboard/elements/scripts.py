"""The elements' JavaScript: one file per element in `js/`, read once, at import.

A template inlines its element's file and then calls the function the file defines with the
element's data as one JSON object (`config`), so no Jinja reaches the `.js` files and
`node --check` can read each of them (tests/test_javascript.py). The text goes into the
element's `script` macro, not a `<script>` in the page header or a URL: streamlit-folium builds
the map's script from each element's `script` macro and drops header scripts, and inline text
keeps the map offline without a static route for it.
"""

from __future__ import annotations

from importlib import resources

__all__ = ["read_script"]


def read_script(name: str) -> str:
    """The text of `js/<name>` in this package."""
    return (resources.files(__package__) / "js" / name).read_text(encoding="utf-8")
