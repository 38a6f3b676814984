"""The offline base layer: country outlines from a same-origin GeoJSON file.

Its scripts are `js/country_outlines.js` and `js/base_labels.js` (its place names).
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
    only once the place markers are drawn, if the map has any. With `labels_url` (the folder
    `dashboard.static_assets.write_labels` fills), place, province and river names go with it
    (`js/base_labels.js`); with `rivers_url`, the rivers' lines.
    """

    _script = read_script("country_outlines.js") + read_script("base_labels.js")
    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>
                .cm-labels span { position: absolute; left: 0; top: 0; white-space: nowrap;
                    font: 11px/14px sans-serif; color: #333; pointer-events: none;
                    text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
                .cm-labels .cm-label-0::before, .cm-labels .cm-label-1::before {
                    content: ""; display: inline-block; width: 4px; height: 4px;
                    margin: 0 3px 1px 0; border-radius: 50%; background: #555;
                    vertical-align: middle; }
                .cm-labels .cm-label-1 { font-weight: 700; font-size: 12px; color: #222; }
                .cm-labels .cm-label-1::before { border-radius: 0; background: #222; }
                .cm-labels .cm-label-big { font-weight: 600; font-size: 12px; }
                .cm-labels .cm-label-2 { font-style: italic; color: #6d5e86;
                    letter-spacing: .04em; }
                .cm-labels .cm-label-3 { font-style: italic; color: #2f6fa8; }
                .cm-labels .cm-label-4 { font-style: italic; color: #2f6fa8;
                    letter-spacing: .04em; }
            </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this._script }}
        var {{ this.get_name() }} = cmCountryOutlines({{ this.config }});
        {% if this.labels_url %}
        cmBaseLabels({{ this.get_name() }}, {{ this.labels_config }});
        {% endif %}
        {% endmacro %}
    """)

    def __init__(self, url: str, name: str = "Country outlines", show: bool = True,
                 labels_url: str | None = None, rivers_url: str | None = None) -> None:
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "CountryOutlines"
        self.url = url
        self.labels_url = labels_url
        self.rivers_url = rivers_url

    @property
    def config(self) -> str:
        """The argument of `cmCountryOutlines`, as JSON."""
        return safe_json({"url": self.url, "rivers": self.rivers_url})

    @property
    def labels_config(self) -> str:
        """The argument of `cmBaseLabels`: the folder of the label files."""
        return safe_json({"url": self.labels_url})
