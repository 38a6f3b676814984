"""The territorial-control layer as the map draws it: colours, tooltips and popups per region.

Pure: takes the FeatureCollection of `geo.control.layer.control_layer` (which decides what "latest"
and "disagree" mean, and each actor's side) and adds what the browser needs to draw it without
logic of its own: `color` (the side's fixed colour, `assets/sides.csv`), `opacity` (by
`share_pct`), `tooltip` and `popup` (escaped HTML, naming the side and the actor as written).
Claims that disagree are listed side by side in the popup, never averaged.
`dashboard.elements.ControlLayer` fetches the result from a same-origin URL and draws it under
the place markers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from dashboard.claim_tables import (
    NO_SIDE_COLOR,
    POPUP_HISTORY,
    claims_table_html,
    history_html,
    safe_href,
    side_text,
)
from dashboard.markup import esc

__all__ = [
    "ACTION_ICONS",
    "AREA_KEY",
    "AREA_STYLES",
    "CONTROL_LAYER_NAME",
    "NO_SIDE_COLOR",
    "PLACE_KEY",
    "POPUP_DISAGREEMENTS",
    "POPUP_HISTORY",
    "UNRESOLVED_LABEL",
    "claims_table_html",
    "control_features",
    "control_legend_html",
    "control_popups",
    "in_table_order",
    "safe_href",
    "share_opacity",
    "side_text",
]

CONTROL_LAYER_NAME = "Territorial control (claimed)"
# A region whose claim is a share of something else is outlined and labelled, barely filled.
LABELLED_OPACITY = 0.04
# The legend's one entry for every actor the sides table does not know (each is drawn grey).
UNRESOLVED_LABEL = "Unresolved actor"
# The icon of a claim drawn at its place, by action (what the claim says happened there).
ACTION_ICONS: dict[str, tuple[str, str]] = {
    "captured": ("▲", "captured"), "liberated": ("▲", "captured"), "advanced": ("▲", "captured"),
    "regained": ("↺", "regained"), "lost": ("▼", "lost"), "controls": ("■", "holds"),
    "holds": ("■", "holds"), "denied": ("✕", "denied"),
}
# Legend keys for the imported-area statuses drawn (not sides): AREA_KEY + status.
AREA_KEY = "\x00area:"
PLACE_KEY = "\x00places"  # a legend key present when claims are drawn at places
# How an imported area is drawn by status (the distinctions ISW's maps make): outline dash
# pattern (None: solid), outline weight and fill opacity.
AREA_STYLES: dict[str, tuple[str | None, float, float, str]] = {
    "assessed_control": (None, 2.0, 0.35, "assessed control"),
    "assessed_advance": ("2 4", 2.0, 0.2, "assessed advance"),
    "claimed": ("8 5", 2.0, 0.1, "claimed"),
}
# A popup lists its newest groups of claims that disagree (and its newest claims,
# `dashboard.claim_tables.POPUP_HISTORY`); the older ones are left to the claims panel.
POPUP_DISAGREEMENTS = 3
# Fill opacity for a share of 0 and of 100 %; a region with no share gets the lowest.
_OPACITY = (0.12, 0.7)


def share_opacity(share_pct: float | None) -> float:
    """Fill opacity for a share of the region (0–100): the more claimed, the darker."""
    lo, hi = _OPACITY
    if share_pct is None:
        return lo
    return round(lo + (hi - lo) * min(100.0, max(0.0, float(share_pct))) / 100.0, 3)


def control_features(collection: Mapping[str, Any], *,
                     popups: bool = True) -> tuple[dict[str, Any], dict[str, str]]:
    """The control layer ready to draw, and the legend (side → colour; every actor without a
    known side shares one grey entry, `UNRESOLVED_LABEL`; each imported-area status drawn is
    a key `AREA_KEY + status`).

    Each feature keeps its geometry and `key`, `name`, `share_pct`, `disputed`, and gains
    `color`, `opacity`, `tooltip` and, unless `popups` is False, `popup`; the claim lists
    stay out (they are in the popup), which keeps the file small. Without popups the map
    draws sooner and takes them from `control_popups` when one is opened.
    """
    features = list(collection.get("features") or ())
    legend: dict[str, str] = {}
    unresolved = False
    out = []
    statuses: set[str] = set()
    for feature in features:
        props = feature.get("properties") or {}
        color = props.get("side_colour") or NO_SIDE_COLOR
        if props.get("kind") == "place":
            out.append(_place_feature(feature, color, popups))
            if props.get("side_resolved") and props.get("side"):
                legend.setdefault(props["side"], color)
            elif props.get("actor"):
                unresolved = True
            continue
        if props.get("kind") == "area":
            statuses.add(str(props.get("status")))
            out.append(_area_feature(feature, color, popups))
            if props.get("side_resolved") and props.get("side"):
                legend.setdefault(props["side"], color)
            else:
                unresolved = True
            continue
        for entry in [*(props.get("latest") or ()), *(props.get("areas") or ())]:
            if entry.get("side_resolved", True) and entry.get("side"):
                legend.setdefault(entry["side"], entry.get("side_colour") or NO_SIDE_COLOR)
            else:
                unresolved = True
        drawn = {"kind": "region", "key": props.get("key"), "name": props.get("name"),
                 "date": props.get("date"), "share_pct": props.get("share_pct"),
                 "disputed": bool(props.get("disputed")), "color": color,
                 "opacity": (LABELLED_OPACITY if props.get("labelled")
                             else share_opacity(props.get("share_pct"))),
                 "labelled": bool(props.get("labelled")), "tooltip": _tooltip(props)}
        if popups:
            drawn["popup"] = _popup(props)
        out.append({"type": "Feature", "id": feature.get("id"), "geometry": feature["geometry"],
                    "properties": drawn})
    if unresolved:
        legend[UNRESOLVED_LABEL] = NO_SIDE_COLOR
    legend.update({AREA_KEY + status: "" for status in sorted(statuses) if status in AREA_STYLES})
    # Regions, then areas, then places: drawn in order, so areas lie over the regions they
    # cover and the places' icons over both.
    order = {"region": 0, "area": 1, "place": 2}
    out.sort(key=lambda f: order.get(f["properties"].get("kind"), 0))
    if any(f["properties"].get("kind") == "place" for f in out):
        legend[PLACE_KEY] = ""
    return {"type": "FeatureCollection", "features": out}, legend


def in_table_order(legend: Mapping[str, str], table: Iterable[str]) -> dict[str, str]:
    """The legend with its sides in the order of the sides table (`table`: its side names),
    which lists each war's sides together, then its other keys as they were.

    >>> in_table_order({"Ukraine": "b", "Taliban": "o", "Russia": "r"}, ["Russia", "Ukraine"])
    {'Russia': 'r', 'Ukraine': 'b', 'Taliban': 'o'}
    """
    return {k: legend[k] for k in dict.fromkeys([*table, *legend]) if k in legend}


def control_popups(collection: Mapping[str, Any]) -> dict[str, str]:
    """Each feature's popup (escaped HTML) by feature id, for a layer drawn without them
    (`control_features(..., popups=False)`); `collection` must have its details
    (`control_layer(..., details=True)`)."""
    out = {}
    for feature in collection.get("features") or ():
        props = feature.get("properties") or {}
        kind = props.get("kind")
        out[str(feature.get("id"))] = (_place_popup(props) if kind == "place"
                                       else _area_popup(props) if kind == "area"
                                       else _popup(props))
    return out


def _action_icon(props: Mapping[str, Any]) -> tuple[str, str]:
    action = "denied" if props.get("negated") else str(props.get("action") or "")
    return ACTION_ICONS.get(action, ("●", action or "claim"))


def _place_feature(feature: Mapping[str, Any], color: str, popups: bool) -> dict[str, Any]:
    props = feature.get("properties") or {}
    symbol, word = _action_icon(props)
    head = esc(_place_name(props))
    claim = " · ".join(esc(p) for p in (props.get("label"), props.get("date") or "undated"))
    tooltip = f"{head}<br>{side_text(props)}: {claim}"
    if props.get("disputed"):
        tooltip += ' <span class="cm-disputed">disputed</span>'
    drawn = {"kind": "place", "name": props.get("name"), "color": color, "symbol": symbol,
             "action": word, "date": props.get("date"),
             "disputed": bool(props.get("disputed")), "tooltip": tooltip,
             "approximate": bool(props.get("within"))}
    if popups:
        drawn["popup"] = _place_popup(props)
    return {"type": "Feature", "id": feature.get("id"), "geometry": feature["geometry"],
            "properties": drawn}


def _place_name(props: Mapping[str, Any]) -> str:
    # A place the gazetteer lacks, drawn in the unit its sentence names, says so.
    name, within = props.get("name") or "", props.get("within")
    return f"{name} (somewhere in {within}: not in the gazetteer)" if within else name


def _place_popup(props: Mapping[str, Any]) -> str:
    word = _action_icon(props)[1]
    head = esc(_place_name(props))
    n = int(props.get("n_claims") or 0)
    html = [f"<h4>{head} <small>({esc(word)})</small></h4>",
            f'<div class="cm-meta">{n} claim{"s" if n != 1 else ""} about this place</div>']
    groups = list(props.get("disagreements") or ())
    for group in groups[-POPUP_DISAGREEMENTS:]:
        html.append('<div class="cm-sub">Claims that disagree — side by side</div>')
        html.append(claims_table_html(group))
    if len(groups) > POPUP_DISAGREEMENTS:
        html.append(f'<div class="cm-meta">and {len(groups) - POPUP_DISAGREEMENTS} earlier '
                    "groups of claims that disagree (see the claims panel)</div>")
    if props.get("latest"):
        html.append('<div class="cm-sub">Latest claim per side</div>')
        html.append(claims_table_html(props["latest"]))
    if props.get("denials"):
        html.append('<div class="cm-sub">Denied</div>')
        html.append(claims_table_html(props["denials"]))
    html.append(history_html(props.get("history") or ()))
    return '<div class="cm-popup cm-control-popup">' + "".join(html) + "</div>"


_UNKNOWN_STATUS = ("4 4", 1.5, 0.15, "area")


def _area_line(props: Mapping[str, Any]) -> tuple[str, str]:
    # The area's name and "status · side (actor) · date", escaped.
    status = AREA_STYLES.get(str(props.get("status")), _UNKNOWN_STATUS)[3]
    head = esc(props.get("name") or "Imported area")
    return head, f"{esc(status)} · {side_text(props)} · {esc(props.get('date') or 'undated')}"


def _area_feature(feature: Mapping[str, Any], color: str, popups: bool) -> dict[str, Any]:
    props = feature.get("properties") or {}
    dash, weight, opacity, _status = AREA_STYLES.get(str(props.get("status")),
                                                     _UNKNOWN_STATUS)
    head, line = _area_line(props)
    drawn = {"kind": "area", "name": props.get("name"), "color": color, "opacity": opacity,
             "weight": weight, "dash": dash, "disputed": False, "tooltip": f"{head}<br>{line}"}
    if popups:
        drawn["popup"] = _area_popup(props)
    return {"type": "Feature", "id": feature.get("id"), "geometry": feature["geometry"],
            "properties": drawn}


def _area_popup(props: Mapping[str, Any]) -> str:
    head, line = _area_line(props)
    href = safe_href(props.get("source"))
    source = (f'<a href="{esc(href)}" target="_blank" rel="noopener noreferrer">Source</a>'
              if href else esc(props.get("source") or "no source given"))
    return (f'<div class="cm-popup cm-control-popup"><h4>{head}</h4>'
            f'<div class="cm-meta">Imported area: {line}</div>{source}</div>')


# Sides the legend's list shows before it scrolls (about six lines of swatches).
_SIDES_SHOWN = 12


def control_legend_html(legend: Mapping[str, str]) -> str:
    """Legend rows for the control layer (escaped), kept short so the legend hides little of
    the map: a swatch per side (a list that scrolls past a few lines: a store of many wars
    has dozens), the outline of each imported-area status drawn (keys starting
    `AREA_KEY`), and the dashed outline of a disputed region."""
    if not legend:
        return ""
    sides = {k: v for k, v in legend.items()
             if not k.startswith(AREA_KEY) and k != PLACE_KEY}
    swatches = " ".join(
        f'<span class="cm-key"><span class="cm-swatch" style="background:{esc(color)};'
        f'opacity:.7"></span>{esc(side)}</span>' for side, color in sides.items())
    areas = " ".join(
        f'<span class="cm-key"><svg width="16" height="12"><rect x="1" y="1" width="14" '
        f'height="10" fill="#777" fill-opacity="{AREA_STYLES[status][2]}" stroke="#333" '
        f'stroke-width="1.5" stroke-dasharray="{esc(AREA_STYLES[status][0] or "none")}"/>'
        f"</svg>{esc(AREA_STYLES[status][3])}</span>"
        for status in AREA_STYLES if AREA_KEY + status in legend)
    label = "Claimed control:" if len(sides) <= _SIDES_SHOWN else \
        f"Claimed control ({len(sides)} sides, scroll for all):"
    return (f'<div class="cm-row cm-wrap cm-sides">{label} {swatches}</div>'
            + (f'<div class="cm-row cm-wrap">Imported areas: {areas}</div>' if areas else "")
            + (f'<div class="cm-row cm-wrap">At a place: {_icon_keys()}</div>'
               if PLACE_KEY in legend else "")
            + '<div class="cm-row"><svg width="16" height="12"><rect x="1" y="1" width="14" '
            'height="10" fill="none" stroke="#111" stroke-width="2" stroke-dasharray="3 2"/>'
            '</svg><span>disputed · darker: larger share</span></div>')


def _icon_keys() -> str:
    shown = dict.fromkeys(ACTION_ICONS.values())
    return " ".join(f'<span class="cm-key"><span class="cm-claim-icon cm-key-icon">'
                    f"{esc(symbol)}</span>{esc(word)}</span>" for symbol, word in shown) + (
        ' <span class="cm-key"><span class="cm-claim-icon cm-key-icon cm-claim-approx">'
        "</span>a place not found, in its region</span>")


def _tooltip(props: Mapping[str, Any]) -> str:
    parts = [esc(props.get("name") or props.get("key") or "")]
    claim = " · ".join(esc(p) for p in (props.get("label"), props.get("date")) if p)
    if claim:
        groups = props.get("disagreements") or ()
        if props.get("disputed") and groups:
            who = " vs ".join(dict.fromkeys(side_text(e) for e in groups[-1]))
        else:
            # The side of the claim the label gives (not always the newest of the region's).
            lead = props.get("lead") or (props.get("latest") or [None])[0]
            who = side_text(lead) if lead else ""
        parts.append(f"{who}: {claim}" if who else claim)
    elif props.get("share_pct") is not None:
        parts.append(f"{props['share_pct']:.0f} % (imported area)")
    badge = ' <span class="cm-disputed">disputed</span>' if props.get("disputed") else ""
    return "<br>".join(parts) + badge


def _popup(props: Mapping[str, Any]) -> str:
    key = props.get("key")
    n = int(props.get("n_claims") or 0)
    badge = ' <span class="cm-disputed">disputed</span>' if props.get("disputed") else ""
    html = [f"<h4>{esc(props.get('name') or key or '')}{badge}</h4>",
            f'<div class="cm-meta">{n} claim{"s" if n != 1 else ""} · {esc(key or "")}</div>']
    groups = list(props.get("disagreements") or ())
    shown = groups[-POPUP_DISAGREEMENTS:]
    for i, group in enumerate(shown, start=len(groups) - len(shown)):
        html.append(f"<div class=\"cm-sub\">Claims that disagree{f' ({i + 1})' if i else ''}"
                    " — side by side, not averaged</div>")
        html.append(claims_table_html(group, key))
    if len(groups) > len(shown):
        html.append(f'<div class="cm-meta">and {len(groups) - len(shown)} earlier groups of '
                    "claims that disagree (see the claims panel)</div>")
    if props.get("latest"):
        html.append('<div class="cm-sub">Latest claim per side</div>')
        html.append(claims_table_html(props["latest"], key))
    areas = props.get("areas") or ()
    if areas:
        items = "".join(
            f"<li>{esc(a.get('status') or '')}: {esc(a.get('side') or '—')} "
            f"({esc(a.get('actor') or '—')}), "
            f"{float(a.get('share_pct') or 0):.1f} % of the region, {esc(a.get('date') or '')}"
            f"{', ' + esc(a['source']) if a.get('source') else ''}</li>" for a in areas)
        html.append(f'<div class="cm-sub">Imported areas</div><ul>{items}</ul>')
    html.append(history_html(props.get("history") or ()))
    if key:
        html.append(f'<a href="#" class="cm-region" data-cm-region="{esc(key)}">'
                    "Show in the claims panel</a>")
    return '<div class="cm-popup cm-control-popup">' + "".join(html) + "</div>"

