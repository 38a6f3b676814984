"""The timeline: mentions per day as stacked bars, with a brush that picks a date range.

Pure: builds an Altair chart from `geo.views.mentions_per_day` rows. The dashboard shows it with
`st.altair_chart(on_select=...)` and turns the brush into the date filter
(`dashboard.state.brush_days`), so dragging across days filters the map, the table and the
exports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import altair as alt

from geo.models import ROLES

__all__ = ["BRUSH", "timeline_chart"]

BRUSH = "brush"


def timeline_chart(per_day: Iterable[Mapping], *, colors: Mapping[str, str],
                   selected: tuple[date, date] | None = None, height: int = 120) -> alt.Chart:
    """Stacked bars of mentions per day and role, days outside `selected` faded.

    Parameters
    ----------
    per_day
        ``{"day": "YYYY-MM-DD", "role", "mentions"}`` rows.
    colors
        Bar colour per role.
    selected
        The current date filter (inclusive), or None for all days.
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
    brush = alt.selection_interval(encodings=["x"], name=BRUSH)
    return (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X("utcyearmonthdate(day):T", title=None,
                    axis=alt.Axis(format="%d %b %Y", labelOverlap=True,
                                  tickCount={"interval": "day", "step": 1})),
            y=alt.Y("mentions:Q", stack="zero", title="mentions", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("role:N", title=None,
                            scale=alt.Scale(domain=roles, range=[colors[r] for r in roles]),
                            legend=alt.Legend(orient="right")),
            order=alt.Order("rank:Q"),
            opacity=alt.condition("datum.shown", alt.value(1.0), alt.value(0.25)),
            tooltip=[alt.Tooltip("utcyearmonthdate(day):T", title="day", format="%d %b %Y"),
                     alt.Tooltip("role:N"), alt.Tooltip("mentions:Q")],
        )
        .add_params(brush)
        .properties(height=height)
    )
