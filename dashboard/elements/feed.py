"""The map's feed panel (`js/feed.js`): the articles and claims in the current view, newest
first, following the map as it moves."""

from __future__ import annotations

from collections.abc import Sequence

from folium.elements import MacroElement
from folium.template import Template

from dashboard.elements.scripts import read_script
from dashboard.markup import safe_json

__all__ = ["Feed"]

FEED_ITEMS = 60  # items listed at once; the count says how many are in view


class Feed(MacroElement):
    """A panel in the map's top-right corner, folded on a small map; its articles come with
    the markers (`dashboard.feed.column_feed`), its claims from the control layer."""

    _script = read_script("feed.js")
    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>
                .cm-feed { background: #fff; border-radius: 4px; padding: 4px 8px;
                    box-shadow: 0 1px 5px rgba(0,0,0,.4); font: 12px/1.35 sans-serif;
                    width: 290px; max-width: 40vw; }
                .cm-feed summary { cursor: pointer; font-weight: 600; }
                .cm-feed ol { list-style: none; margin: 4px 0 2px; padding: 0;
                    max-height: calc(100vh - 190px); overflow-y: auto; }
                .cm-feed li { padding: 4px 2px; border-top: 1px solid #eee; cursor: pointer; }
                .cm-feed li:hover, .cm-feed li:focus { background: #f3f6fa; outline: none; }
                .cm-feed li small { display: block; color: #666; }
                .cm-feed li.cm-feed-none { cursor: default; color: #666; }
                .cm-feed .cm-claim-icon { width: 12px; height: 12px; line-height: 12px;
                    font-size: 9px; border-width: 1px; }
                .cm-feed .cm-feed-swatch { display: inline-block; width: 11px; height: 11px;
                    border: 1px solid #555; vertical-align: -1px; opacity: .8; }
            </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this._script }}
        cmFeed({{ this._parent.get_name() }}, {{ this.config }});
        {% endmacro %}
    """)

    def __init__(self, roles: Sequence[str]) -> None:
        super().__init__()
        self._name = "Feed"
        self.roles = list(roles)

    @property
    def config(self) -> str:
        """The argument of `cmFeed`, as JSON."""
        return safe_json({"roles": self.roles, "max": FEED_ITEMS})
