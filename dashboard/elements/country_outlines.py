"""The offline base layer: country outlines from a same-origin GeoJSON file.

Its script is `js/country_outlines.js`.
"""

from __future__ import annotations

from folium.map import Layer
from folium.template import Template

from dashboard.elements.scripts import read_script
from dashboard.markup import safe_json

__all__ = ["CountryOutlines"]


class CountryOutlines(Layer):
    """Country polygons fetched from a same-origin GeoJSON URL, drawn on a canvas pane.

    A base layer (radio button) that needs no network. Fetched asynchronously, unlike folium's
    `GeoJson(embed=False)` (a synchronous `$.ajax`), so the markers do not wait for it; and
    only once the place markers are drawn, if the map has any.
    """

    _script = read_script("country_outlines.js")
    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._script }}
        var {{ this.get_name() }} = cmCountryOutlines({{ this.config }});
        {% endmacro %}
    """)

    def __init__(self, url: str, name: str = "Country outlines", show: bool = True) -> None:
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "CountryOutlines"
        self.url = url

    @property
    def config(self) -> str:
        """The argument of `cmCountryOutlines`, as JSON."""
        return safe_json({"url": self.url})
