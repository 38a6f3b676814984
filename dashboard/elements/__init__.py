"""The folium elements of the place map, one per module, as folium's own plugins are.

Each element's browser code is a file in `js/` that its template inlines and calls with the
element's data as one JSON object (see `dashboard.elements.scripts`):

- `MapSetup` (`map_setup`): page styles, marker image path, scale bar, attributions, basemap pane.
- `CountryOutlines` (`country_outlines`): the offline base layer.
- `Legend` (`legend`): the legend control.
- `Feed` (`feed`): the articles and claims in view, newest first.
- `PlaceLayer` (`place_layer`): the clustered place markers, the URL view and the map's events.
- `ControlLayer` (`control_layer`): the territorial-control regions.
- `ViewCommand` (`view_command`): what changes without reloading the map, one `cmApply` call.
"""

from dashboard.elements.control_layer import ControlLayer
from dashboard.elements.country_outlines import CountryOutlines
from dashboard.elements.feed import Feed
from dashboard.elements.legend import Legend
from dashboard.elements.map_setup import MapSetup
from dashboard.elements.place_layer import CLUSTER_UNTIL_ZOOM, PlaceLayer
from dashboard.elements.view_command import ViewCommand

__all__ = ["CLUSTER_UNTIL_ZOOM", "ControlLayer", "CountryOutlines", "Feed", "Legend", "MapSetup",
           "PlaceLayer", "ViewCommand"]
