"""The territorial-control layer as the map draws it: colours, tooltips and popups per region.

Pure: takes the FeatureCollection of `geo.control.layer.control_layer` (which decides what "latest"
and "disagree" mean) and adds what the browser needs to draw it without logic of its own:
`color` (per actor), `opacity` (by `share_pct`), `tooltip` and `popup` (escaped HTML). Claims
that disagree are listed side by side in the popup, never averaged.
`dashboard.elements.ControlLayer` fetches the result from a same-origin URL and draws it under
the place markers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from dashboard.markup import esc
from geo.gazetteer.names import fold

__all__ = ["ACTOR_COLORS", "CONTROL_LAYER_NAME", "actor_colors", "claims_table_html",
           "control_features", "control_legend_html", "safe_href", "share_opacity"]

CONTROL_LAYER_NAME = "Territorial control (claimed)"
# Colour-blind-safe (Okabe–Ito) hues, handed to actors in order of first appearance.
ACTOR_COLORS: tuple[str, ...] = ("#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00",
                                 "#56b4e9", "#8c564b")
NO_ACTOR_COLOR = "#777777"
# Fill opacity for a share of 0 and of 100 %; a region with no share gets the lowest.
_OPACITY = (0.12, 0.7)


def safe_href(url: object) -> str | None:
    """`url` if it is an http(s) address (escaping alone does not stop `javascript:` links)."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def share_opacity(share_pct: float | None) -> float:
    """Fill opacity for a share of the region (0–100): the more claimed, the darker."""
    lo, hi = _OPACITY
    if share_pct is None:
        return lo
    return round(lo + (hi - lo) * min(100.0, max(0.0, float(share_pct))) / 100.0, 3)


def actor_colors(features: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """A colour per actor (folded name → colour), stable for one layer: actors in the order
    they first lead a region, then the other actors with a latest claim."""
    order: list[str] = []
    for feature in features:
        props = feature.get("properties") or {}
        names = [props.get("actor")] + [e.get("actor") for e in props.get("latest") or ()]
        for name in names:
            key = fold(name or "")
            if key and key not in order:
                order.append(key)
    return {key: ACTOR_COLORS[i % len(ACTOR_COLORS)] for i, key in enumerate(order)}


def control_features(collection: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The control layer ready to draw, and the actor legend (actor as written → colour).

    Each feature keeps its geometry and `key`, `name`, `share_pct`, `disputed`, and gains
    `color`, `opacity`, `tooltip` and `popup`; the claim lists stay out (they are in the
    popup), which keeps the file small.
    """
    features = list(collection.get("features") or ())
    colors = actor_colors(features)
    legend: dict[str, str] = {}
    out = []
    for feature in features:
        props = feature.get("properties") or {}
        actor = props.get("actor")
        color = colors.get(fold(actor or ""), NO_ACTOR_COLOR)
        for entry in props.get("latest") or ():
            if entry.get("actor"):
                legend.setdefault(entry["actor"], colors.get(fold(entry["actor"]),
                                                             NO_ACTOR_COLOR))
        out.append({"type": "Feature", "id": feature.get("id"), "geometry": feature["geometry"],
                    "properties": {
                        "key": props.get("key"), "name": props.get("name"),
                        "share_pct": props.get("share_pct"),
                        "disputed": bool(props.get("disputed")), "color": color,
                        "opacity": share_opacity(props.get("share_pct")),
                        "tooltip": _tooltip(props), "popup": _popup(props, colors)}})
    return {"type": "FeatureCollection", "features": out}, legend


def control_legend_html(legend: Mapping[str, str]) -> str:
    """Legend rows for the control layer (escaped), kept to two lines so the legend hides
    little of the map: a swatch per actor, and the dashed outline of a disputed region."""
    if not legend:
        return ""
    swatches = " ".join(
        f'<span class="cm-key"><span class="cm-swatch" style="background:{esc(color)};'
        f'opacity:.7"></span>{esc(actor)}</span>' for actor, color in legend.items())
    return (f'<div class="cm-row cm-wrap">Claimed control: {swatches}</div>'
            '<div class="cm-row"><svg width="16" height="12"><rect x="1" y="1" width="14" '
            'height="10" fill="none" stroke="#111" stroke-width="2" stroke-dasharray="3 2"/>'
            '</svg><span>disputed · darker: larger share</span></div>')


def claims_table_html(entries: Sequence[Mapping[str, Any]], colors: Mapping[str, str],
                      region_key: str | None = None) -> str:
    """Claims side by side as a small table: claimant, actor, value with its bound,
    denominator, date, and the quote with a link (to the reader, or a manual claim's
    source, http(s) only)."""
    head = ("<tr><th>Claimant</th><th>Actor</th><th>Value</th><th>Of</th><th>Date</th>"
            "<th>Quote and source</th></tr>")
    rows = []
    for e in entries:
        swatch = colors.get(fold(e.get("actor") or ""), NO_ACTOR_COLOR)
        actor = (f'<span class="cm-swatch" style="background:{esc(swatch)}"></span>'
                 f"{esc(e.get('actor') or '—')}")
        rows.append(
            f"<tr><td>{esc(e.get('claimant') or 'reports')}</td><td>{actor}</td>"
            f"<td><b>{esc(e.get('label') or '')}</b></td>"
            f"<td>{esc(e.get('denominator') or '')}</td><td>{esc(e.get('date') or 'undated')}"
            f"</td><td class=\"cm-quote\">“{esc(e.get('quote') or '')}”<br>"
            f"{_claim_link(e, region_key)}</td></tr>")
    return f'<table class="cm-claims">{head}{"".join(rows)}</table>'


def _claim_link(entry: Mapping[str, Any], region_key: str | None) -> str:
    if entry.get("article_id"):
        return (f'<a href="#" class="cm-open" data-cm-article="{esc(entry["article_id"])}" '
                f'data-cm-place="">Read article</a>')
    href = safe_href(entry.get("url"))
    if href:
        return (f'<a href="{esc(href)}" target="_blank" rel="noopener noreferrer">'
                f"Source ({esc(entry.get('origin') or 'manual')})</a>")
    return esc(entry.get("origin") or "")


def _tooltip(props: Mapping[str, Any]) -> str:
    parts = [esc(props.get("name") or props.get("key") or "")]
    claim = " · ".join(esc(p) for p in (props.get("label"), props.get("date")) if p)
    if claim:
        parts.append(claim)
    elif props.get("share_pct") is not None:
        parts.append(f"{props['share_pct']:.0f} % (imported area)")
    badge = ' <span class="cm-disputed">disputed</span>' if props.get("disputed") else ""
    return "<br>".join(parts) + badge


def _popup(props: Mapping[str, Any], colors: Mapping[str, str]) -> str:
    key = props.get("key")
    n = int(props.get("n_claims") or 0)
    badge = ' <span class="cm-disputed">disputed</span>' if props.get("disputed") else ""
    html = [f"<h4>{esc(props.get('name') or key or '')}{badge}</h4>",
            f'<div class="cm-meta">{n} claim{"s" if n != 1 else ""} · {esc(key or "")}</div>']
    for i, group in enumerate(props.get("disagreements") or ()):
        html.append(f"<div class=\"cm-sub\">Claims that disagree{f' ({i + 1})' if i else ''}"
                    " — side by side, not averaged</div>")
        html.append(claims_table_html(group, colors, key))
    if props.get("latest"):
        html.append('<div class="cm-sub">Latest claim per actor</div>')
        html.append(claims_table_html(props["latest"], colors, key))
    areas = props.get("areas") or ()
    if areas:
        items = "".join(
            f"<li>{esc(a.get('status') or '')}: {esc(a.get('actor') or '—')}, "
            f"{float(a.get('share_pct') or 0):.1f} % of the region, {esc(a.get('date') or '')}"
            f"{', ' + esc(a['source']) if a.get('source') else ''}</li>" for a in areas)
        html.append(f'<div class="cm-sub">Imported areas</div><ul>{items}</ul>')
    if key:
        html.append(f'<a href="#" class="cm-region" data-cm-region="{esc(key)}">'
                    "Show in the claims panel</a>")
    return '<div class="cm-popup cm-control-popup">' + "".join(html) + "</div>"

