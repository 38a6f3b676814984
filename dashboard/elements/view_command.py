"""The part of the map's view that changes without reloading the map: one `cmApply` call.

`window.cmApply` is defined by the place layer (`js/place_layer.js`); this element only passes
it the command, so it holds no script of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium
from folium.elements import MacroElement
from folium.template import Template

__all__ = ["ViewCommand"]


class ViewCommand(folium.FeatureGroup):
    """The part of the view that changes without reloading the map, as one `cmApply` call.

    Passed to `st_folium(feature_group_to_add=...)`; streamlit-folium re-runs it only when its
    script changes. `command` keys: `roles` (list), `base` (base layer id), `selected`
    (``{"lat", "lon", "label"}`` or None) and `view` (``{"nonce", "lat", "lon", "zoom"}`` or
    None; a view is applied once per nonce, so re-sending it does not move the map again).
    """

    def __init__(self, command: Mapping[str, Any]) -> None:
        super().__init__(name="view", control=False)
        _Call(command).add_to(self)


class _Call(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
            if (window.cmApply) { window.cmApply({{ this.command|tojson }}); }
        {% endmacro %}
    """)

    def __init__(self, command: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "ViewCommandCall"
        self.command = dict(command)
