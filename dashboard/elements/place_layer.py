"""The place markers, built in the browser from one compact payload (`js/place_layer.js`).

The markers are not one folium object each: `PlaceLayer` ships one JSON payload (or its URL)
and the browser builds canvas circle markers in Leaflet.markercluster groups, one group per
role, which keeps the page small and fast with many places.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import folium
from folium.elements import MacroElement
from folium.map import Layer
from folium.template import Template

from dashboard.elements.scripts import read_script
from dashboard.markup import safe_json

__all__ = ["CLUSTER_UNTIL_ZOOM", "PlaceLayer"]

# The highest zoom at which markers are clustered; from the next one on (a city's view, see
# `dashboard.map.FLY_ZOOM`) each place is its own circle.
CLUSTER_UNTIL_ZOOM = 9


class PlaceLayer(MacroElement):
    """Place markers built in the browser from a JSON payload (see `dashboard.map`).

    The payload is either inline (`payload`, markers and popups, as `MapPayload.data()`) or
    fetched from `data_url` with popups fetched per chunk from `popup_url` (``{chunk}`` in it)
    when first opened, which keeps the map's script, and every Streamlit message carrying it,
    small; or, when `live`, fetched from each URL the view command gives (`cmApply`), the
    map staying as it is while new markers replace the old.

    On load the map takes its view from the page URL (`lat`, `lon`, `z`) if there is one, else
    fits the places of the roles in the URL (`role`, default `default_roles`) once they arrive.
    It reports "Read article" clicks and layer switches to Python through streamlit-folium's
    component value (`cm_event`), and defines `window.cmApply`, which `ViewCommand` calls.
    """

    _script = read_script("place_layer.js")
    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._script }}
        cmPlaceLayer({{ this._parent.get_name() }}, {{ this.config }},
            {{ this.control.get_name() }}, { {%- for id, layer in this.bases.items() %}
                {{ id|tojson }}: {{ layer.get_name() }},{% endfor %} });
        {% endmacro %}
    """)

    def __init__(self, control: folium.LayerControl, bases: Mapping[str, Layer], *,
                 roles: Sequence[str], names: Sequence[str], default_roles: Sequence[str],
                 payload: Mapping[str, Any] | None = None,
                 data_url: str | None = None, live: bool = False) -> None:
        super().__init__()
        if live and (payload is not None or data_url is not None):
            raise ValueError("a live layer takes its data from the view command")
        if not live and (payload is None) == (data_url is None):
            raise ValueError("give either an inline payload or a data_url")
        self._name = "PlaceLayer"
        self.control = control
        self.bases = dict(bases)
        self.roles = list(roles)
        self.names = list(names)
        self.default_roles = list(default_roles)
        self.payload = payload
        self.data_url = data_url
        self.live = live
        self.cluster_until = CLUSTER_UNTIL_ZOOM

    @property
    def config(self) -> str:
        """The `config` argument of `cmPlaceLayer`, as JSON."""
        return safe_json({"roles": self.roles, "names": self.names,
                          "defaultRoles": self.default_roles,
                          "clusterUntil": self.cluster_until, "dataUrl": self.data_url,
                          "payload": self.payload, "live": self.live})
