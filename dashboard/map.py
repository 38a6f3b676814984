"""Turn mention rows from `geo.store.database` into a folium map that renders with no network.

Pure functions: no `st.*` calls, no SQL. Every script and stylesheet the map needs is served by
Streamlit from `dashboard/static/` (built by `python -m dashboard.static_assets`), and the default
base layer is the country-outline GeoJSON from the same folder; the online tile layers are offered
in the layer control but never loaded unless the reader picks one.

The markers travel as one compact payload (`map_payload`): one entry per place and role, with its
popup, which the browser turns into canvas circle markers in one cluster group per role
(`dashboard.elements.PlaceLayer`). All roles are in the payload, so switching roles on and off
(sidebar or layer control) never reloads the map; `view_command` carries that switch.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import numpy as np

from dashboard.control import control_legend_html
from dashboard.elements import (
    ControlLayer,
    CountryOutlines,
    Feed,
    Legend,
    MapSetup,
    PlaceLayer,
    ViewCommand,
)
from dashboard.feed import column_feed
from dashboard.markup import MAX_MENTIONS_IN_POPUP, esc, popup_html, safe_json
from dashboard.static_assets import LABELS, RIVERS
from geo.models import ROLES
from geo.views.columns import MentionColumns
from geo.views.filters import DEFAULT_ROLES, group_places

__all__ = [
    "ATTRIBUTIONS",
    "BASE_LAYERS",
    "FLY_ZOOM",
    "POPUP_BUDGET",
    "ROLE_STYLES",
    "MapPayload",
    "RoleStyle",
    "build_map",
    "column_markers",
    "map_payload",
    "marker_radius",
    "offline_assets",
    "view_command",
]

ATTRIBUTIONS: tuple[str, ...] = ("Places: GeoNames (CC BY 4.0)",
                                 "Myanmar's towns and villages: MIMU",
                                 "Boundaries and rivers: Natural Earth")

MAX_ZOOM = 18
# Base layers by the id used in the URL (`?base=osm`); the first is the default.
BASE_LAYERS: dict[str, str] = {
    "outlines": "Country outlines (offline)",
    "osm": "OpenStreetMap (needs network)",
    "carto": "CARTO light (needs network)",
}
# Zoom level to fly to for a place of each feature kind.
FLY_ZOOM: dict[str, int] = {"country": 5, "admin1": 7, "region": 6, "water": 6, "admin2": 9,
                            "city": 10, "other": 10, "landmark": 13}
# Spelled out: folium's "CartoDB positron" name goes through xyzservices, which now warns.
_CARTO_LIGHT = "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png"
_CARTO_ATTRIBUTION = ('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
                      'contributors &copy; <a href="https://carto.com/attributions">CARTO</a>')
# Above this many markers, popups list fewer mentions so the payload stays small.
POPUP_BUDGET = 20_000


@dataclass(frozen=True, slots=True)
class RoleStyle:
    """How one role is drawn: the layer name, the legend text and Leaflet path options."""

    layer: str
    legend: str
    color: str
    fill_color: str
    fill_opacity: float
    weight: float
    dash_array: str | None


ROLE_STYLES: dict[str, RoleStyle] = {
    "literal": RoleStyle("Literal places", "Literal (“strikes on Kursk”)",
                         "#a61b1b", "#e0442f", 0.8, 1.5, None),
    "metonym": RoleStyle("Metonyms", "Metonym (“Moscow said”)",
                         "#1d4f91", "#1d4f91", 0.08, 2.5, "4 3"),
    "adjectival": RoleStyle("Adjectival", "Adjectival (“Russian forces”)",
                            "#6b3fa0", "#b48ad6", 0.55, 2.0, "2 3"),
}


# Leaflet path options per role, in `ROLES` order, as the place layer reads them.
_STYLES = [{"color": s.color, "fill": s.fill_color, "opacity": s.fill_opacity,
            "weight": s.weight, "dash": s.dash_array} for s in ROLE_STYLES.values()]


@dataclass(frozen=True, slots=True)
class MapPayload:
    """The markers of a map as the browser receives them.

    `places` holds one ``[lat, lon, role index, mentions, name, place key]`` per marker and
    `popups` the popup HTML (escaped) at the same index; `markers` counts markers per role and
    `key` is a short hash of the whole, so two payloads with the same key draw the same map.
    `feed` lists the articles newest first (`column_feed`), for the map's feed panel.
    """

    places: tuple[tuple, ...]
    popups: tuple[str, ...]
    markers: Mapping[str, int]
    key: str
    feed: tuple[tuple, ...] = ()

    def data(self, *, popups: bool = True, feed: bool = True) -> dict[str, Any]:
        """The JSON-ready payload, with or without the popups and the feed's articles."""
        out: dict[str, Any] = {"styles": _STYLES, "places": [list(p) for p in self.places]}
        if feed:
            out["feed"] = [list(f) for f in self.feed]
        if popups:
            out["popups"] = list(self.popups)
        return out

    @property
    def size(self) -> int:
        """Bytes of the marker JSON (popups not counted; they load when opened)."""
        return len(safe_json(self.data(popups=False, feed=False)).encode("utf-8"))


def marker_radius(mentions: int) -> float:
    """Circle radius in pixels for a place with this many mentions (5–18, by square root)."""
    return min(18.0, 5.0 + 2.5 * math.sqrt(mentions))


def offline_assets(static_url: str = "/app/static") -> dict[str, list[tuple[str, str]]]:
    """The (name, url) script and stylesheet lists for `folium.Map` and the cluster plugin.

    They replace folium's CDN defaults. Bootstrap, Font Awesome, awesome-markers and jQuery
    are left out: the place layer draws circle markers and Leaflet popups itself, and nothing
    on this map uses folium's jQuery-built popups. Each script is one more sequential request
    before the map starts, so the list stays short.
    """
    base = static_url.rstrip("/")
    return {
        "map_js": [("leaflet", f"{base}/leaflet/leaflet.js"),
                   ("markerclusterjs", f"{base}/leaflet.markercluster/leaflet.markercluster.js")],
        "map_css": [
            ("leaflet_css", f"{base}/leaflet/leaflet.css"),
            ("markerclustercss", f"{base}/leaflet.markercluster/MarkerCluster.css"),
            ("markerclusterdefaultcss",
             f"{base}/leaflet.markercluster/MarkerCluster.Default.css"),
        ],
    }


def map_payload(rows: Iterable[Mapping], *, popup_limit: int | None = None) -> MapPayload:
    """The compact marker payload for `build_map`: one entry per (place, role).

    `popup_limit` caps the mentions listed per popup; by default 5, fewer when there are many
    markers.
    """
    places, popups = [], []
    markers = dict.fromkeys(ROLES, 0)
    pairs = [(place, role) for place in group_places(rows) for role in ROLES
             if place.counts.get(role)]
    if popup_limit is None:
        popup_limit = MAX_MENTIONS_IN_POPUP if len(pairs) <= POPUP_BUDGET else 1
    digest = hashlib.sha256()
    for place, role in pairs:
        entry = (round(place.lat, 5), round(place.lon, 5), ROLES.index(role),
                 place.counts[role], place.name, place.key)
        html = popup_html(place, role, limit=popup_limit)
        places.append(entry)
        popups.append(html)
        digest.update(repr(entry).encode("utf-8"))
        digest.update(html.encode("utf-8"))
        markers[role] += 1
    return MapPayload(tuple(places), tuple(popups), markers, digest.hexdigest()[:16])


def column_markers(columns: MentionColumns, keep: np.ndarray, *, salt: str = "") -> MapPayload:
    """The markers of `map_payload` from compact columns, popups left out (`popup_picks`).

    Markers come in place order, then role order; `salt` (e.g. the store version) goes into
    the key, since the popups may change while the markers do not.
    """
    counts = columns.role_counts(keep & columns.mapped)
    places, markers = [], dict.fromkeys(ROLES, 0)
    for i, r in zip(*np.nonzero(counts), strict=True):
        p = columns.places[i]
        places.append((round(p["lat"], 5), round(p["lon"], 5), int(r), int(counts[i, r]),
                       p["name"], p["key"]))
        markers[ROLES[r]] += 1
    feed = column_feed(columns, keep, counts)
    digest = hashlib.sha256(f"{salt}|{places!r}|{feed!r}".encode())
    return MapPayload(tuple(places), (), markers, digest.hexdigest()[:16], feed)


def build_map(rows: Sequence[Mapping] | MapPayload, *,
              default_roles: Iterable[str] = DEFAULT_ROLES,
              static_url: str = "/app/static", data_url: str | None = None,
              control_url: str | None = None,
              control_legend: Mapping[str, str] | None = None,
              control_shown: bool = True, live: bool = False) -> folium.Map:
    """Build the place map: clustered circles per role over offline country outlines.

    Parameters
    ----------
    rows
        Mention rows as returned by `geo.store.database.Store.mention_rows()`, or their
        `map_payload`.
    default_roles
        Roles shown when the page URL names none (`?role=...`); `view_command` changes them
        later without reloading the map.
    static_url
        Where Streamlit serves `dashboard/static/`; every script, stylesheet and the country
        outlines are loaded from there.
    data_url
        Where the browser fetches the payload (as written by `dashboard.data`); by default it
        is inline in the map's script.
    control_url
        Where the browser fetches the territorial-control layer (`dashboard.control`), shown
        by default; None: no such layer.
    control_legend
        Its actors and their colours, for the legend.
    control_shown
        Whether that layer starts switched on (the reader can switch it in the layer control).
    live
        The markers' and the control layer's URLs and the control legend come with each
        `view_command` instead (`data_url`, `control_url`, `control_legend`), so a new filter
        or as-of day loads new data into the same map, which is not rebuilt; `control_url`
        then only says whether the map has a control layer at all (any string: it has).
    """
    default_roles = tuple(default_roles)
    unknown = set(default_roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s) {sorted(unknown)}; expected some of {ROLES}")
    assets = offline_assets(static_url)

    m = folium.Map(location=[30.0, 20.0], zoom_start=2, tiles=None, control_scale=False,
                   # Without a tile layer Leaflet has no maxZoom and MarkerCluster refuses
                   # to start, so the limit goes on the map itself.
                   maxZoom=MAX_ZOOM, minZoom=1, worldCopyJump=True)
    m.default_js = assets["map_js"]
    m.default_css = assets["map_css"]
    MapSetup(static_url, ROLE_STYLES, ATTRIBUTIONS).add_to(m)

    bases = {
        "outlines": CountryOutlines(f"{static_url.rstrip('/')}/basemap/countries.geojson",
                                    name=BASE_LAYERS["outlines"],
                                    labels_url=f"{static_url.rstrip('/')}/{LABELS.as_posix()}/",
                                    rivers_url=f"{static_url.rstrip('/')}/{RIVERS.as_posix()}"),
        "osm": folium.TileLayer("OpenStreetMap", name=BASE_LAYERS["osm"], overlay=False,
                                show=False, max_zoom=19),
        "carto": folium.TileLayer(_CARTO_LIGHT, attr=_CARTO_ATTRIBUTION,
                                  name=BASE_LAYERS["carto"], overlay=False, show=False,
                                  max_zoom=19, subdomains="abcd"),
    }
    for layer in bases.values():
        layer.add_to(m)
    control_part = "" if live else control_legend_html(control_legend or {})
    Legend(_legend_html() + f'<div class="cm-legend-control">{control_part}</div>').add_to(m)
    # Collapsed: open, it would cover the markers in the top-right corner of the fitted view.
    control = folium.LayerControl(collapsed=True).add_to(m)
    Feed(ROLES).add_to(m)
    inline = None
    if data_url is None and not live:
        payload = rows if isinstance(rows, MapPayload) else map_payload(rows)
        inline = payload.data()
    PlaceLayer(control, bases, roles=ROLES, names=[ROLE_STYLES[r].layer for r in ROLES],
               default_roles=default_roles, payload=inline,
               data_url=None if live else data_url, live=live).add_to(m)
    if control_url is not None:
        ControlLayer(control, None if live else control_url, show=control_shown).add_to(m)
    return m


def view_command(*, roles: Iterable[str], base: str = "outlines",
                 selected: Mapping[str, Any] | None = None,
                 view: Mapping[str, Any] | None = None, data_url: str | None = None,
                 control_url: str | None = None,
                 control_legend: Mapping[str, str] | None = None,
                 control_shown: bool = True) -> ViewCommand:
    """What the map shows without reloading: roles, base layer, selected place, fly target,
    and for a `live` map (`build_map`) the data: markers, control layer and its legend.

    Parameters
    ----------
    roles
        Role layers to show.
    base
        A key of `BASE_LAYERS`.
    selected
        ``{"lat", "lon", "label"}`` of the place to ring, or None.
    view
        ``{"nonce", "lat", "lon", "zoom"}``: fly there once per distinct nonce; or None.
    data_url, control_url, control_legend
        Where the markers and the control layer (None: nothing to draw that day) are
        fetched from, and the control layer's legend (`control_map`); all None: the map's
        own (a map that is not live).
    control_shown
        Whether a live map shows the control layer (switching it needs no rebuild).
    """
    roles = [role for role in ROLES if role in set(roles)]
    if base not in BASE_LAYERS:
        raise ValueError(f"unknown base layer {base!r}; expected one of {list(BASE_LAYERS)}")
    command: dict[str, Any] = {"roles": roles, "base": base, "selected": None, "view": None}
    if selected is not None:
        command["selected"] = {"lat": float(selected["lat"]), "lon": float(selected["lon"]),
                               "label": str(selected.get("label") or "")}
    if view is not None and "bounds" in view:  # an article's places (`fly_to_bounds`)
        (south, west), (north, east) = view["bounds"]
        command["view"] = {"nonce": str(view["nonce"]),
                           "bounds": [[float(south), float(west)], [float(north), float(east)]],
                           "maxZoom": int(view["maxZoom"])}
    elif view is not None:
        command["view"] = {"nonce": str(view["nonce"]), "lat": float(view["lat"]),
                           "lon": float(view["lon"]), "zoom": int(view["zoom"])}
    if data_url is not None:
        command["data"] = data_url
        command["control"] = control_url
        command["controlLegend"] = control_legend_html(control_legend or {})
        command["controlShown"] = bool(control_shown)
    return ViewCommand(command)


def _legend_html() -> str:
    items = []
    for style in ROLE_STYLES.values():
        dash = f' stroke-dasharray="{style.dash_array}"' if style.dash_array else ""
        swatch = (f'<svg width="16" height="16"><circle cx="8" cy="8" r="6" '
                  f'stroke="{style.color}" stroke-width="{style.weight}"{dash} '
                  f'fill="{style.fill_color}" fill-opacity="{style.fill_opacity}"/></svg>')
        items.append(f'<div class="cm-row">{swatch}<span>{esc(style.legend)}</span></div>')
    return ('<div class="cm-legend-body">' + "".join(items)
            + '<div class="cm-meta">Size, badge: number of mentions</div></div>')
