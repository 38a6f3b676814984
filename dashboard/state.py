"""The page's view state as it appears in the URL, and the events the map sends. Pure functions.

The URL holds the whole view, and only the server writes it (one complete query per run), so it
never drifts from what the page shows:

| parameter | meaning | absent means |
|---|---|---|
| `role` (repeated) | mention roles shown; `role=` for none | literal only |
| `source`, `country`, `feature` (repeated) | keep only these | all |
| `score` | minimum score, 0–1 | 0 |
| `q` | free-text search in the articles | no search |
| `from`, `to` | ISO days, inclusive | every day (and undated articles) |
| `article` | the reader's article, first 12 hex digits of its id | none |
| `place` | the selected place's key (`gn:704422`) | none |
| `base` | base layer: `osm` or `carto` | the offline country outlines |
| `control` | `off`: the claimed-control layer is switched off | on (where there are claims) |
| `lat`, `lon`, `z` | map centre (degrees) and zoom | fit to the places shown |
| `region`, `actor`, `claimant` (repeated) | claims panel: keep only these | all |
| `cfrom`, `cto` | claims panel: ISO days of the claims, inclusive | every claim (undated too) |
"""

from __future__ import annotations

import math
import uuid
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from geo.models import ROLES
from geo.views.filters import DEFAULT_ROLES, Facets, MentionFilter

__all__ = [
    "FilterState",
    "MapEvent",
    "View",
    "brush_days",
    "filter_params",
    "fly_to",
    "map_event",
    "parse_filters",
    "parse_view",
    "play_window",
    "view_params",
    "view_report",
]

_MIN_ZOOM, _MAX_ZOOM = 1, 18


@dataclass(frozen=True, slots=True)
class FilterState:
    """The filter widgets' values; `dates` is None for "every day"."""

    roles: tuple[str, ...] = DEFAULT_ROLES
    sources: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    score: float = 0.0
    text: str = ""
    dates: tuple[date, date] | None = None

    def to_filter(self) -> MentionFilter:
        """The `geo.views.filters.MentionFilter` these values describe."""
        start, end = self.dates or (None, None)
        return MentionFilter(date_from=start.isoformat() if start else None,
                             date_to=end.isoformat() if end else None, sources=self.sources,
                             countries=self.countries, features=self.features,
                             roles=self.roles, min_score=self.score, text=self.text)


def parse_filters(params: Mapping[str, Any], facets: Facets) -> FilterState:
    """Filter values from query parameters; values the store does not have are dropped.

    `params` maps a name to a string or a list of strings (repeated parameters).

    Examples
    --------
    >>> facets = Facets(("TASS",), ("RU", "UA"), ("city",), "2025-03-01", "2025-03-31")
    >>> parse_filters({"role": ["metonym", "bogus"], "country": "UA", "score": "0.5",
    ...                "from": "2025-03-10"}, facets)  # doctest: +NORMALIZE_WHITESPACE
    FilterState(roles=('metonym',), sources=(), countries=('UA',), features=(), score=0.5,
                text='', dates=(datetime.date(2025, 3, 10), datetime.date(2025, 3, 31)))
    """
    roles = _values(params, "role")
    return FilterState(
        roles=tuple(r for r in ROLES if r in roles) if "role" in params else DEFAULT_ROLES,
        sources=tuple(v for v in _values(params, "source") if v in facets.sources),
        countries=tuple(v for v in _values(params, "country") if v in facets.countries),
        features=tuple(v for v in _values(params, "feature") if v in facets.features),
        score=_score(_first(params, "score")),
        text=" ".join((_first(params, "q") or "").split()),
        dates=_dates(_first(params, "from"), _first(params, "to"), facets),
    )


def filter_params(state: FilterState) -> dict[str, str | list[str]]:
    """Query parameters for filter values; defaults are left out to keep links short.

    Examples
    --------
    >>> filter_params(FilterState(roles=("literal", "metonym"), score=0.25))
    {'role': ['literal', 'metonym'], 'score': '0.25'}
    >>> filter_params(FilterState(roles=()))
    {'role': ''}
    """
    out: dict[str, str | list[str]] = {}
    if state.roles != DEFAULT_ROLES:
        out["role"] = list(state.roles) if state.roles else ""
    for name, values in (("source", state.sources), ("country", state.countries),
                         ("feature", state.features)):
        if values:
            out[name] = list(values)
    if state.score:
        out["score"] = _num(state.score)
    if state.text:
        out["q"] = state.text
    if state.dates:
        out["from"], out["to"] = state.dates[0].isoformat(), state.dates[1].isoformat()
    return out


@dataclass(frozen=True, slots=True)
class View:
    """A map centre in degrees (WGS 84) and a Leaflet zoom level (1–18)."""

    lat: float
    lon: float
    zoom: int


@dataclass(frozen=True, slots=True)
class MapEvent:
    """Something the reader did on the map that Python must act on.

    `kind` is "article" (a popup's "Read article": `article`, `place`), "roles" (overlays
    switched in the layer control: `roles`), "base" (base layer switched: `base`),
    "control" (the control layer switched on or off: `shown`), "region" (a region's "Show in
    the claims panel": `place`) or "drawn" (the map's first markers and its outlines are
    drawn). `id` is unique per event, so the same event is handled once.
    """

    id: str
    kind: str
    article: str | None = None
    place: str | None = None
    roles: tuple[str, ...] = ()
    base: str | None = None
    shown: bool | None = None


def parse_view(params: Mapping[str, Any]) -> View | None:
    """The view in query parameters `lat`, `lon`, `z`, or None if missing or out of range.

    Examples
    --------
    >>> parse_view({"lat": "51.19", "lon": "35.27", "z": "9"})
    View(lat=51.19, lon=35.27, zoom=9)
    >>> parse_view({"lat": "91", "lon": "0", "z": "3"}) is None
    True
    >>> parse_view({"lat": "50", "lon": "30", "z": "inf"}) is None
    True
    """
    try:
        lat, lon = float(params["lat"]), float(params["lon"])
        zoom = round(float(params["z"]))
    except (KeyError, TypeError, ValueError, OverflowError):  # OverflowError: z=inf
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90):
        return None
    if not _MIN_ZOOM <= zoom <= _MAX_ZOOM:
        return None
    return View(lat, _wrap(lon), zoom)


def view_params(view: View) -> dict[str, str]:
    """Query parameters for a view: 4 decimals of a degree (about 10 m) and a whole zoom.

    Examples
    --------
    >>> view_params(View(51.191234, 35.270987, 9))
    {'lat': '51.1912', 'lon': '35.271', 'z': '9'}
    """
    return {"lat": _num(view.lat), "lon": _num(view.lon), "z": str(int(view.zoom))}


def view_report(value: Mapping[str, Any] | None) -> View | None:
    """The view streamlit-folium reports (``{"center": {"lat", "lng"}, "zoom"}``), or None.

    The component's first value carries a zoom but no centre: that is its default, not a report.
    """
    if not value or not isinstance(value.get("center"), Mapping):
        return None
    center = value["center"]
    return parse_view({"lat": center.get("lat"), "lon": center.get("lng"),
                       "z": value.get("zoom")})


def map_event(value: Mapping[str, Any] | None) -> MapEvent | None:
    """The event in a streamlit-folium value (`cm_event`, set by the place layer), or None."""
    raw = (value or {}).get("cm_event")
    if not isinstance(raw, Mapping) or not raw.get("id") or not raw.get("type"):
        return None
    roles = raw.get("roles") if isinstance(raw.get("roles"), list) else []
    shown = raw.get("shown")
    return MapEvent(id=str(raw["id"]), kind=str(raw["type"]),
                    article=_str_or_none(raw.get("article")), place=_str_or_none(raw.get("place")),
                    roles=tuple(str(r) for r in roles), base=_str_or_none(raw.get("base")),
                    shown=shown if isinstance(shown, bool) else None)


def fly_to(lat: float, lon: float, zoom: int) -> dict[str, Any]:
    """A one-off fly target for `dashboard.map.view_command`, with a fresh nonce."""
    return {"nonce": uuid.uuid4().hex[:12], "lat": lat, "lon": lon,
            "zoom": max(_MIN_ZOOM, min(_MAX_ZOOM, int(zoom)))}


def fly_to_bounds(points: Sequence[tuple[float, float]], *, max_zoom: int = 10
                  ) -> dict[str, Any] | None:
    """A one-off target that fits the map to `points` (lat, lon), with a fresh nonce; None
    with no point. One point is flown to at `max_zoom`.

    >>> t = fly_to_bounds([(50.0, 36.0), (51.7, 36.2)])
    >>> t["bounds"], t["maxZoom"]
    ([[50.0, 36.0], [51.7, 36.2]], 10)
    """
    if not points:
        return None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return {"nonce": uuid.uuid4().hex[:12], "bounds": [[min(lats), min(lons)],
                                                        [max(lats), max(lons)]],
            "maxZoom": max(_MIN_ZOOM, min(_MAX_ZOOM, int(max_zoom)))}


def brush_days(selection: Mapping[str, Any] | None) -> tuple[date, date] | None:
    """The days covered by a Vega-Lite interval selection on the timeline, or None if cleared.

    Streamlit reports the brush as ``{param: {field: [start_ms, end_ms]}}`` in UTC epoch
    milliseconds; each day's bar spans that day, so the range is from the day of the start to
    the day of the end.

    Examples
    --------
    >>> brush_days({"brush": {"utcyearmonthdate_day": [1741693802760, 1741843111536]}})
    (datetime.date(2025, 3, 11), datetime.date(2025, 3, 13))
    >>> brush_days({"brush": {}}) is None
    True
    """
    for fields in (selection or {}).values():
        for bounds in (fields or {}).values():
            if isinstance(bounds, list | tuple) and len(bounds) == 2:
                start, end = sorted(_utc_day(ms) for ms in bounds)
                return start, end
    return None


def play_window(first: date, last: date, current: tuple[date, date] | None,
                days: int, busy: Sequence[date] | None = None) -> tuple[date, date] | None:
    """The next frame of timeline playback: `days` days after `current` (from `first` when
    None), cut at `last`; None once past `last`. With `busy` (the sorted days that have
    articles), a frame starts on the next busy day, so empty stretches are skipped.

    Examples
    --------
    >>> d = date.fromisoformat
    >>> play_window(d("2025-03-01"), d("2025-03-10"), None, 7)
    (datetime.date(2025, 3, 1), datetime.date(2025, 3, 7))
    >>> play_window(d("2025-03-01"), d("2025-03-10"), (d("2025-03-01"), d("2025-03-07")), 7)
    (datetime.date(2025, 3, 8), datetime.date(2025, 3, 10))
    >>> play_window(d("2025-03-01"), d("2025-03-10"), (d("2025-03-08"), d("2025-03-10")), 7)
    >>> play_window(d("2024-01-01"), d("2025-12-31"), None, 7, [d("2025-03-04")])
    (datetime.date(2025, 3, 4), datetime.date(2025, 3, 10))
    """
    if days < 1:
        raise ValueError(f"a playback window is at least one day, got {days}")
    start = first if current is None else max(first, current[1] + timedelta(days=1))
    if busy is not None:
        k = bisect_left(busy, start)
        if k == len(busy):
            return None
        start = max(start, busy[k])
    if start > last:
        return None
    return start, min(last, start + timedelta(days=days - 1))


def _values(params: Mapping[str, Any], name: str) -> list[str]:
    value = params.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _first(params: Mapping[str, Any], name: str) -> str | None:
    values = _values(params, name)
    return values[-1] if values else None


def _score(text: str | None) -> float:
    try:
        value = float(text) if text is not None else 0.0
    except ValueError:
        return 0.0
    return min(1.0, max(0.0, value)) if math.isfinite(value) else 0.0


def _dates(start: str | None, end: str | None, facets: Facets) -> tuple[date, date] | None:
    if not (facets.first_day and facets.last_day) or not (start or end):
        return None
    first, last = date.fromisoformat(facets.first_day), date.fromisoformat(facets.last_day)
    try:
        lo = date.fromisoformat(start) if start else first
        hi = date.fromisoformat(end) if end else last
    except ValueError:
        return None
    lo, hi = sorted((min(max(lo, first), last), min(max(hi, first), last)))
    return None if (lo, hi) == (first, last) else (lo, hi)


def _utc_day(ms: float) -> date:
    return datetime.fromtimestamp(float(ms) / 1000, tz=UTC).date()


def _wrap(lon: float) -> float:
    # Leaflet lets the world repeat; keep the URL within one copy of it.
    return ((lon + 180.0) % 360.0) - 180.0 if not -180.0 <= lon <= 180.0 else lon


def _num(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
