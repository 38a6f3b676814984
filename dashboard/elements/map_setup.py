"""Page styles and the map-wide set-up: marker image path, scale, attributions, basemap pane.

The styles are CSS in the page header (one rule set per role); the set-up is `js/map_setup.js`.
"""

from __future__ import annotations

from collections.abc import Mapping

from folium.elements import MacroElement
from folium.template import Template

from dashboard.elements.scripts import read_script
from dashboard.markup import safe_json

__all__ = ["MapSetup"]


class MapSetup(MacroElement):
    """Page styles, the marker image path, the basemap pane and the map-wide attributions.

    Leaflet guesses `imagePath` from its stylesheet, which streamlit-folium adds after the
    scripts run, so the guess is wrong; set it outright. `styles` maps each role to its
    `dashboard.map.RoleStyle`.
    """

    _script = read_script("map_setup.js")
    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>
                .leaflet-container { background: #cfe0ec; }
                /* The map fills its frame, which the page sizes to the window. */
                html, body { height: 100%; margin: 0; }
                #map_div { height: 100vh !important; }
                /* folium sets 1rem on the container, too big for the scale bar's fixed box. */
                .leaflet-control-scale-line { font-size: 11px; }
                .cm-legend { background: rgba(255,255,255,0.92); padding: 4px 8px;
                    border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
                    font: 11px/1.35 system-ui, sans-serif; color: #222;
                    /* Nothing to click in it: clicks go to the map or popup beneath. */
                    pointer-events: none; }
                .cm-legend.cm-hidden { display: none; }
                .cm-legend summary { pointer-events: auto; cursor: pointer; font-weight: 600;
                    list-style-position: inside; }
                .cm-legend details:not([open]) { padding: 0; }
                .cm-legend .cm-row { display: flex; align-items: center; gap: 6px; }
                .cm-legend svg { flex: none; }
                .cm-legend .cm-meta { color: #555; margin-top: 1px; }
                .leaflet-container .leaflet-control-attribution { font-size: 11px; }
                .cm-popup { font: 12px/1.4 system-ui, sans-serif; }
                .cm-popup h4 { margin: 0 0 2px; font-size: 14px; }
                .cm-popup .cm-meta { color: #555; margin-bottom: 4px; }
                .cm-popup ul { margin: 4px 0 0; padding-left: 16px; }
                .cm-popup li { margin-bottom: 6px; }
                .cm-popup mark { background: #ffe36e; padding: 0 1px; }
                .cm-popup a.cm-open { font-weight: 600; }
                .cm-popup .cm-role { font-size: 10px; text-transform: uppercase;
                    letter-spacing: .04em; color: #fff; border-radius: 3px; padding: 0 3px; }
                .cm-selected-label { font: 600 12px system-ui, sans-serif; }
                {%- for role, style in this.styles.items() %}
                .cm-role-{{ role }} { background: {{ style.color }}; }
                .marker-cluster.cm-cluster-{{ role }} { background: {{ style.fill_color }}55; }
                .marker-cluster.cm-cluster-{{ role }} div {
                    background: {{ style.fill_color }}cc; color: #fff;
                    border: 2px {{ 'dashed' if style.dash_array else 'solid' }} {{ style.color }};
                    font: bold 12px system-ui, sans-serif; }
                {%- endfor %}
                .marker-cluster.cm-cluster-metonym div { color: {{ this.styles.metonym.color }};
                    background: #ffffffcc; }
            </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this._script }}
        cmMapSetup({{ this._parent.get_name() }}, {{ this.config }});
        {% endmacro %}
    """)

    def __init__(self, static_url: str, styles: Mapping, attributions: tuple[str, ...]) -> None:
        super().__init__()
        self._name = "MapSetup"
        self.image_path = f"{static_url.rstrip('/')}/leaflet/images/"
        self.attributions = attributions
        self.styles = styles

    @property
    def config(self) -> str:
        """The argument of `cmMapSetup`, as JSON."""
        return safe_json({"imagePath": self.image_path, "attributions": list(self.attributions)})
