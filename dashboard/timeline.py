"""The timeline: mentions per day as stacked bars, with a brush that picks a date range.

Pure: builds a Vega-Lite spec from `geo.views.columns.MentionColumns.per_day` rows. The dashboard
shows it with `st.vega_lite_chart(on_select=...)` and turns the brush into the date filter
(`dashboard.state.brush_days`), so dragging across days filters the map, the table and the
exports. The spec is written out rather than built with Altair: importing Altair costs the
server about 25 MB, a tenth of its memory budget, for one chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from geo.control.rules import claim_label
from geo.models import ROLES
from geo.views.filters import REPORTER

__all__ = ["BRUSH", "VEGA_LITE_SCHEMA", "claims_chart", "timeline_chart"]

BRUSH = "brush"
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
_DAY = {"field": "day", "timeUnit": "utcyearmonthdate", "type": "temporal"}


def timeline_chart(per_day: Iterable[Mapping], *, colors: Mapping[str, str],
                   selected: tuple[date, date] | None = None,
                   claim_days: Mapping[str, int] | None = None,
                   height: int = 120) -> dict[str, Any]:
    """The Vega-Lite spec of stacked bars of mentions per day and role, days outside
    `selected` faded, the selected range (the frame playback shows) marked behind them, and
    the claims of control per day as marks along the top: one time axis for both.

    Parameters
    ----------
    per_day
        ``{"day": "YYYY-MM-DD", "role", "mentions"}`` rows.
    colors
        Bar colour per role.
    selected
        The current date filter (inclusive), or None for all days.
    claim_days
        Claims of control per day (``{"YYYY-MM-DD": n}``): their as-of day.
    height
        Plot height in pixels.
    """
    values = []
    for row in per_day:
        inside = selected is None or selected[0].isoformat() <= row["day"] \
            <= selected[1].isoformat()
        rank = ROLES.index(row["role"]) if row["role"] in ROLES else len(ROLES)
        values.append({**row, "shown": inside, "rank": rank})
    roles = [role for role in ROLES if role in colors]
    bars = {
        "data": {"values": values},
        "mark": {"type": "bar"},
        "params": [{"name": BRUSH, "select": {"type": "interval", "encodings": ["x"]}}],
        "encoding": {
            "x": {**_DAY, "title": None,
                  "axis": {"format": "%d %b %Y", "labelOverlap": True,
                           "tickCount": {"interval": "day", "step": 1}}},
            "y": {"field": "mentions", "type": "quantitative", "stack": "zero",
                  "title": "mentions", "axis": {"tickMinStep": 1}},
            "color": {"field": "role", "type": "nominal", "title": None,
                      "scale": {"domain": roles, "range": [colors[r] for r in roles]},
                      "legend": {"orient": "right"}},
            "order": {"field": "rank", "type": "quantitative"},
            "opacity": {"condition": {"test": "datum.shown", "value": 1.0}, "value": 0.25},
            "tooltip": [{**_DAY, "title": "day", "format": "%d %b %Y"},
                        {"field": "role", "type": "nominal"},
                        {"field": "mentions", "type": "quantitative"}],
        },
    }
    layers: list[dict[str, Any]] = []
    if selected is not None:
        # The frame: from the first selected day's start to the last one's end (UTC, as the
        # bars' days), behind the bars; its end is the control layer's as-of day.
        end = date.fromordinal(selected[1].toordinal() + 1)
        layers.append({
            "data": {"values": [{"from": f"{selected[0].isoformat()}T00:00:00Z",
                                 "to": f"{end.isoformat()}T00:00:00Z",
                                 "label": f"{selected[0].isoformat()} – "
                                          f"{selected[1].isoformat()}"}]},
            "mark": {"type": "rect", "color": "#4c6ef5", "opacity": 0.12},
            "encoding": {"x": {"field": "from", "type": "temporal"},
                         "x2": {"field": "to"},
                         "tooltip": [{"field": "label", "type": "nominal",
                                      "title": "shown"}]}})
    layers.append(bars)
    if selected is not None:
        # Its end on top of the bars: the day the map (and the control layer) shows.
        layers.append({
            "data": {"values": [{"at": layers[0]["data"]["values"][0]["to"],
                                 "label": f"map as of {selected[1].isoformat()}"}]},
            "mark": {"type": "rule", "color": "#3b5bdb", "strokeDash": [4, 3], "size": 2},
            "encoding": {"x": {"field": "at", "type": "temporal"},
                         "tooltip": [{"field": "label", "type": "nominal", "title": "end"}]}})
    span = (min(v["day"] for v in values), max(v["day"] for v in values)) if values else None
    marks = [{"day": day, "claims": n} for day, n in sorted((claim_days or {}).items())
             if span and span[0] <= day <= span[1]]  # the axis stays the articles' days
    if marks:
        layers.append({
            "data": {"values": marks},
            "mark": {"type": "point", "shape": "triangle-down", "filled": True,
                     "color": "#222", "size": 45},
            "encoding": {"x": {**_DAY, "bandPosition": 0.5}, "y": {"value": 6},
                         "tooltip": [{**_DAY, "title": "day", "format": "%d %b %Y"},
                                     {"field": "claims", "type": "quantitative",
                                      "title": "claims of control"}]}})
    return {"$schema": VEGA_LITE_SCHEMA, "height": height, "layer": layers}


def claims_chart(rows: Iterable[Mapping], *, colors: Mapping[str, str],
                 title: str | None = None) -> dict[str, Any] | None:
    """The Vega-Lite spec of one region's claims over time: value by date, a line with points
    per side (colour, the map's), claimant (dash), action (point shape) and what a share is
    of; None when no claim has both a value and a date. Values of different units get their
    own panel (a share and an area do not share an axis). A line joins only like measures:
    "occupied 0.04 % over the month, bringing the total to 19.04 %" is a gain and a total,
    and "86 % of the land once held" is not a share of the region.

    Parameters
    ----------
    rows
        `Store.claims()` rows of one region, with their `side` (`geo.sides.resolve`).
    colors
        Colour per side (the map's); the actor as written is in the tooltip.

    No `height`: with one, Streamlit 1.67 drew the chart before its data arrived (scales
    from an empty set, "Infinite extent" warnings, a squashed plot, half a legend).
    """
    values = [{"date": row["published"][:10], "value": row["value"],
               "unit": row.get("unit") or "", "actor": row.get("actor") or "—",
               "side": row.get("side") or row.get("actor") or "—",
               "claimant": row.get("claimant") or REPORTER, "label": claim_label(row),
               "action": row.get("action") or "", "series": _measure(row),
               "quote": (row.get("quote") or "")[:160]}
              for row in rows if row.get("value") is not None and row.get("published")]
    if not values:
        return None
    _apart_on_one_day(values)
    sides = sorted({v["side"] for v in values})
    encoding = {
        "x": {"field": "date", "type": "temporal", "title": None,
              "axis": {"format": "%d %b %Y", "labelOverlap": True}},
        "y": {"field": "value", "type": "quantitative", "title": None},
        "color": {"field": "side", "type": "nominal", "title": "side",
                  "scale": {"domain": sides,
                            "range": [colors.get(a, "#999999") for a in sides]}},
        "strokeDash": {"field": "claimant", "type": "nominal", "title": "claimant",
                       "legend": {"symbolType": "stroke", "symbolSize": 300, "encode": {
                           "symbols": {"update": {"stroke": {"value": "#333"},
                                                  "strokeWidth": {"value": 1.5}}}}}},
        "shape": {"field": "action", "type": "nominal", "title": "action"},
        "detail": {"field": "series", "type": "nominal"},
        "tooltip": [{"field": "date", "type": "temporal", "format": "%d %b %Y"},
                    {"field": "label", "type": "nominal", "title": "claim"},
                    {"field": "side", "type": "nominal"},
                    {"field": "actor", "type": "nominal"},
                    {"field": "action", "type": "nominal"},
                    {"field": "claimant", "type": "nominal"},
                    {"field": "quote", "type": "nominal"}],
    }
    view = {"mark": {"type": "line", "strokeWidth": 1.5,
                     "point": {"filled": True, "size": 60}},
            "encoding": encoding}
    spec: dict[str, Any] = {"$schema": VEGA_LITE_SCHEMA, "data": {"values": values}}
    if title:
        spec["title"] = title
    if len({v["unit"] for v in values}) > 1:
        return {**spec, "facet": {"row": {"field": "unit", "type": "nominal", "title": None}},
                "spec": view, "resolve": {"scale": {"y": "independent"}}}
    return {**spec, **view}


def _measure(row: Mapping) -> str:
    """What a claim's value measures, for joining like with like: its action and, for a
    share of something other than the region, that denominator.

    >>> _measure({"action": "controls", "denominator_kind": "region", "denominator": "Ukraine"})
    'controls'
    >>> _measure({"action": "regained", "denominator_kind": "part",
    ...           "denominator": "the land once held by Ukrainian troops"})
    'regained of the land once held by Ukrainian troops'
    """
    action = str(row.get("action") or "")
    if row.get("denominator_kind") in (None, "region") or not row.get("denominator"):
        return action
    return f"{action} of {row['denominator']}"


def _apart_on_one_day(values: list[dict[str, Any]]) -> None:
    """Give points of one series that share a day series of their own, so no line joins
    them: a vertical stroke between two values of one day reads as a jump that nothing said
    happened (a month's gain and the total it brings, both "occupied")."""
    by_day: dict[tuple, list[dict[str, Any]]] = {}
    for v in values:
        by_day.setdefault((v["side"], v["claimant"], v["series"], v["date"]), []).append(v)
    for same_day in by_day.values():
        if len(same_day) > 1:
            for k, v in enumerate(sorted(same_day, key=lambda v: v["value"])):
                v["series"] = f"{v['series']} #{k + 1} of {v['date']}"
