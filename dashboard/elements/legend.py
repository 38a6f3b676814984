"""The map's legend, a Leaflet control in the bottom-left corner (`js/legend.js`)."""

from __future__ import annotations

from folium.elements import MacroElement
from folium.template import Template

from dashboard.elements.scripts import read_script
from dashboard.markup import safe_json

__all__ = ["Legend"]


class Legend(MacroElement):
    """A Leaflet control in the bottom-left corner; `html` must already be escaped.

    Controls sit above Leaflet's popup pane, so the legend steps aside while a popup is open
    rather than covering its lower part.
    """

    _script = read_script("legend.js")
    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._script }}
        cmLegend({{ this._parent.get_name() }}, {{ this.config }});
        {% endmacro %}
    """)

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html

    @property
    def config(self) -> str:
        """The argument of `cmLegend`, as JSON."""
        return safe_json({"html": self.html})
