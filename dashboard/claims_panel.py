"""The claims panel: territorial-control claims as a filtered table, charts over time per
region and downloads of exactly what the table shows.

Its filters live in session state under `FILTER_KEYS` and `keys.CLAIM_DATES`, and in the URL
(`region`, `actor`, `claimant` repeated; `cfrom`, `cto` ISO days), like the sidebar's; a region's
"Show in the claims panel" link on the map sets `region`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import streamlit as st

from dashboard import keys
from dashboard.control import NO_SIDE_COLOR, safe_href
from dashboard.timeline import claims_chart
from geo.control.export import claims_csv, claims_geojson
from geo.control.rules import claim_label, drawable
from geo.views.filters import REPORTER, ClaimFilter, claim_facets, day_of

__all__ = ["FILTER_KEYS", "claim_filter", "claim_params", "claims_panel", "seed_claim_filters",
           "select_region"]

# Session-state key → URL parameter, for the three list filters.
FILTER_KEYS: dict[str, str] = {keys.CLAIM_REGION: "region", keys.CLAIM_ACTOR: "actor",
                               keys.CLAIM_CLAIMANT: "claimant"}
_FACET = {keys.CLAIM_REGION: "regions", keys.CLAIM_ACTOR: "actors",
          keys.CLAIM_CLAIMANT: "claimants"}
MAX_CHARTS = 4  # regions charted at once, those with the most claims first
# The region cell of a claim whose sentence names no place found ("recaptured the town").
NO_PLACE = "(no place found)"
ID_CHARS = 12  # as `dashboard.data.ID_PREFIX`: the reader takes an id prefix


def _days(rows: Sequence[Mapping]) -> tuple[date, date] | None:
    days = sorted(d for d in (day_of(r) for r in rows) if d)
    return (date.fromisoformat(days[0]), date.fromisoformat(days[-1])) if days else None


def seed_claim_filters(params: Mapping[str, Any], rows: Sequence[Mapping]) -> None:
    """Put the claim filters from URL parameters (name → list of strings) into session state;
    values no claim has are dropped."""
    facets = claim_facets(rows)
    state = st.session_state
    for key, name in FILTER_KEYS.items():
        values = params.get(name) or []
        values = [values] if isinstance(values, str) else list(values)
        state[key] = [v for v in values if v in facets[_FACET[key]]]
    full = _days(rows)
    start, end = (params.get("cfrom") or [None])[-1], (params.get("cto") or [None])[-1]
    if full is None or not (start or end):
        return
    try:
        lo = date.fromisoformat(start) if start else full[0]
        hi = date.fromisoformat(end) if end else full[1]
    except ValueError:
        return
    state[keys.CLAIM_DATES] = tuple(sorted((min(max(lo, full[0]), full[1]),
                                     min(max(hi, full[0]), full[1]))))


def claim_filter(rows: Sequence[Mapping]) -> ClaimFilter:
    """The claim filter in session state (a range covering every day counts as none)."""
    state = st.session_state
    picked = state.get(keys.CLAIM_DATES)
    dates = (tuple(picked) if isinstance(picked, Sequence) and len(picked) == 2
             and tuple(picked) != _days(rows) else None)
    return ClaimFilter(regions=tuple(state.get(keys.CLAIM_REGION) or ()),
                       actors=tuple(state.get(keys.CLAIM_ACTOR) or ()),
                       claimants=tuple(state.get(keys.CLAIM_CLAIMANT) or ()),
                       date_from=dates[0].isoformat() if dates else None,
                       date_to=dates[1].isoformat() if dates else None)


def claim_params(flt: ClaimFilter) -> dict[str, str | list[str]]:
    """URL parameters of a claim filter; empty filters are left out."""
    out: dict[str, str | list[str]] = {}
    for name, values in (("region", flt.regions), ("actor", flt.actors),
                         ("claimant", flt.claimants)):
        if values:
            out[name] = list(values)
    if flt.date_from:
        out["cfrom"] = flt.date_from
    if flt.date_to:
        out["cto"] = flt.date_to
    return out


def select_region(key: str, rows: Sequence[Mapping]) -> bool:
    """Filter the panel to one region (from the map); False if no claim is about it."""
    if key not in claim_facets(rows)["regions"]:
        return False
    st.session_state[keys.CLAIM_REGION] = [key]
    return True


def claims_panel(rows: Sequence[Mapping], *,
                 geojson: Callable[[Sequence[Mapping]], str] | None = None) -> None:
    """Filters, the table, a chart per region and the downloads of the filtered claims.

    `rows` carry their side (`geo.sides.resolve.with_sides`), whose colour the charts use as
    the map does; `geojson(rows)` writes the GeoJSON download (by default with null
    geometries).
    """
    if not rows:
        st.caption("No territorial-control claims yet: ingest articles that make them, or "
                   "add one by hand with `conflict-map claims add`.")
        return
    facets = claim_facets(rows)
    region, actor, claimant, when = st.columns([1.4, 1, 1, 1.2])
    for column, key, label in ((region, keys.CLAIM_REGION, "Region"),
                               (actor, keys.CLAIM_ACTOR, "Actor"),
                               (claimant, keys.CLAIM_CLAIMANT, "Claimant")):
        options = facets[_FACET[key]]
        if key in st.session_state:
            st.session_state[key] = [v for v in st.session_state[key] if v in options]
        column.multiselect(label, list(options), key=key, format_func=options.get,
                           placeholder="all")
    full = _days(rows)
    if full is not None:
        if keys.CLAIM_DATES not in st.session_state:
            st.session_state[keys.CLAIM_DATES] = full
        when.date_input("Claim dates", min_value=full[0], max_value=full[1], key=keys.CLAIM_DATES)
    flt = claim_filter(rows)
    shown = [r for r in rows if flt.keeps(r)]
    within = sum(bool(r.get("within")) for r in shown)
    unplaced = sum(not drawable(r) for r in shown) - within
    st.caption(f"{len(shown)} of {len(rows)} claims" + (
        " (undated claims are left out while a date range is set)"
        if flt.date_from or flt.date_to else "") + (
        f"; {within} about a place the gazetteer does not have, drawn dashed in the region "
        "their sentence names" if within else "") + (
        f"; {unplaced} not on the map (a place the gazetteer does not have, or none found: "
        "listed here only)" if unplaced else ""))
    if not shown:
        st.info("No claim matches these filters.")
        return
    table = [{"date": day_of(r), "region": (r.get("region_name") or r.get("region") or "") + (
                 f" (in {r['within']})" if r.get("within") else "") or NO_PLACE,
              "side": r.get("side") if r.get("side_resolved") else "unresolved",
              "actor": r.get("actor"), "action": r.get("action"), "claim": claim_label(r),
              "claimant": r.get("claimant") or REPORTER, "of": r.get("denominator"),
              "quote": r.get("quote"), "on map": drawable(r) or bool(r.get("within")),
              "origin": r.get("origin"),
              "source": safe_href(r.get("url")),  # no javascript: links in the grid
              "article": (r.get("article_id") or "")[:ID_CHARS] or None} for r in shown]
    st.session_state[keys.CLAIM_ROWS] = table
    st.dataframe(table, hide_index=True, width="stretch", key=keys.CLAIMS_TABLE,
                 height=min(360, 38 + 35 * len(table)), on_select=_row_picked,
                 selection_mode="single-row",
                 column_order=("date", "region", "on map", "side", "actor", "action", "claim",
                               "claimant", "of", "quote", "origin", "source"),
                 column_config={"source": st.column_config.LinkColumn("source"),
                                "on map": st.column_config.CheckboxColumn(
                                    "on map", help="Drawn on the map: the claim has a region "
                                    "code or a point, or names a place the gazetteer does not "
                                    "have in a region its sentence names (drawn dashed there). "
                                    "Any other is listed here only."),
                                "quote": st.column_config.TextColumn("quote", width="large")})
    st.caption("Select a row to read its article; claims that disagree are never averaged.")
    _charts(shown, _side_colors(shown))
    left, right, _ = st.columns([1, 1, 3])
    left.download_button("Claims (CSV)", lambda: claims_csv(shown),
                         file_name="conflict-map-claims.csv", mime="text/csv",
                         on_click="ignore", icon=":material/download:")
    right.download_button("Claims (GeoJSON)",
                          lambda: (geojson or claims_geojson)(shown),
                          file_name="conflict-map-claims.geojson",
                          mime="application/geo+json", on_click="ignore",
                          icon=":material/download:")


def _side_colors(rows: Sequence[Mapping]) -> dict[str, str]:
    # Each side's fixed colour (the map's); unresolved actors are grey.
    return {str(r.get("side") or "—"): (r.get("side_colour") or NO_SIDE_COLOR) for r in rows}


def _charts(rows: Sequence[Mapping], colors: Mapping[str, str]) -> None:
    by_region = Counter(r.get("region") or r.get("region_name") for r in rows)
    names = {r.get("region") or r.get("region_name"): r.get("region_name") or r.get("region")
             for r in rows}
    specs = []
    for key, _ in by_region.most_common():
        spec = None if key is None else claims_chart(
            [r for r in rows if (r.get("region") or r.get("region_name")) == key],
            colors=colors, title=f"{names[key]}: claims over time")
        if spec is not None:
            specs.append(spec)
    for i, spec in enumerate(specs[:MAX_CHARTS]):
        st.vega_lite_chart(spec, key=keys.CLAIMS_CHART.format(i), width="stretch")
    if not specs:
        st.caption("No dated claim with a value to chart.")
    elif len(specs) > MAX_CHARTS:
        st.caption(f"Charts for the {MAX_CHARTS} regions with the most claims of "
                   f"{len(specs)}; pick a region above for another.")


def _row_picked() -> None:
    picked = st.session_state.get(keys.CLAIMS_TABLE)
    selection = getattr(picked, "selection", None) or (picked or {}).get("selection") or {}
    rows = selection.get("rows") if isinstance(selection, Mapping) else \
        getattr(selection, "rows", None)
    table = st.session_state.get(keys.CLAIM_ROWS) or []
    if rows and 0 <= rows[0] < len(table) and table[rows[0]]["article"]:
        st.session_state[keys.ARTICLE] = table[rows[0]]["article"]
