"""The territorial-control layer as a folium element (`js/control_layer.js`).

What it draws (colours, tooltips, popups per region) is decided in `dashboard.control`; the
browser only fetches the result and draws it under the place markers.
"""

from __future__ import annotations

from typing import Any

from folium.elements import MacroElement
from folium.template import Template

from dashboard.control import CONTROL_LAYER_NAME
from dashboard.elements.scripts import read_script
from dashboard.markup import safe_json

__all__ = ["ControlLayer"]


class ControlLayer(MacroElement):
    """The control layer, fetched from `url` (None: from each URL the view command gives,
    `window.cmControlShow`) and drawn under the place markers.

    Drawn on the markers' canvas renderer (`map.cmRenderer`, set by the place layer) and
    sent to the back, so markers stay clickable on top of a shaded region. An overlay in the
    layer control, on when `show`. "Show in the claims panel" links report a `region` event,
    and switching the overlay in the layer control a `control` event (for the URL).
    """

    _script = read_script("control_layer.js")
    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>
                .cm-control-popup table.cm-claims { border-collapse: collapse; margin: 2px 0 6px;
                    font-size: 11px; }
                .cm-claims th, .cm-claims td { border: 1px solid #ddd; padding: 2px 4px;
                    vertical-align: top; text-align: left; }
                .cm-claims th { background: #f3f3f3; }
                .cm-claims td.cm-quote { min-width: 150px; font-style: italic; }
                .cm-claims td.cm-quote a { font-style: normal; font-weight: 600; }
                .cm-swatch { display: inline-block; width: 8px; height: 8px; margin-right: 3px;
                    border-radius: 2px; }
                .cm-sub { font-weight: 600; margin-top: 4px; }
                .cm-legend .cm-wrap { display: block; max-width: 260px; }
                .cm-legend .cm-sides { max-height: 8.2em; overflow-y: auto;
                    pointer-events: auto; }
                .cm-legend .cm-key { white-space: nowrap; }
                .cm-claim-icon { display: inline-block; width: 16px; height: 16px;
                    line-height: 16px; text-align: center; font-size: 11px; font-weight: 700;
                    background: #fff; border: 2px solid #333; border-radius: 50%;
                    box-shadow: 0 0 2px rgba(0,0,0,.5); }
                .cm-claim-icons .cm-claim-icon { position: absolute; left: 0; top: 0;
                    cursor: pointer; }
                .cm-claim-disputed { outline: 2px dashed #111; outline-offset: 1px; }
                .cm-claim-approx { border-style: dashed; opacity: .85; }
                .cm-key-icon { width: 12px; height: 12px; line-height: 12px; font-size: 9px;
                    border-width: 1px; margin-right: 2px; }
                .cm-claim-label { position: absolute; transform: translate(-50%, -50%);
                    width: 210px; white-space: normal; font-size: 11px; opacity: .92;
                    background: #fff; border-radius: 3px; padding: 4px 6px; color: #222;
                    box-shadow: 0 1px 3px rgba(0,0,0,.4); pointer-events: none; }
                .cm-history { margin: 2px 0; padding-left: 16px; font-size: 11px; }
                .cm-disputed { background: #111; color: #fff; font-size: 10px; padding: 0 4px;
                    border-radius: 3px; text-transform: uppercase; letter-spacing: .04em; }
            </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this._script }}
        cmControlLayer({{ this._parent.get_name() }}, {{ this.config }},
            {{ this.control.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, control: Any, url: str | None, *, name: str = CONTROL_LAYER_NAME,
                 show: bool = True) -> None:
        super().__init__()
        self._name = "ControlLayer"
        self.control = control
        self.url = url
        self.name = name
        self.show = show

    @property
    def config(self) -> str:
        """The `config` argument of `cmControlLayer`, as JSON."""
        return safe_json({"url": self.url, "name": self.name, "show": bool(self.show)})
