"""Claims as HTML for popups: side by side in a small table (claimant, side and actor as
written, value, denominator, date, the quote with its link) and a place's or region's history;
shared by the control layer's popups (`dashboard.control`) and the claims panel's links."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from dashboard.markup import esc

__all__ = ["NO_SIDE_COLOR", "POPUP_HISTORY", "claims_table_html", "history_html", "safe_href",
           "side_text"]

NO_SIDE_COLOR = "#999999"
# A popup lists the newest claims of a history; the older ones are counted and left to the
# claims panel (a popup of hundreds of rows is read by no one, and every popup is in the file
# the map fetches).
POPUP_HISTORY = 20


def safe_href(url: object) -> str | None:
    """`url` if it is an http(s) address (escaping alone does not stop `javascript:` links)."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def side_text(entry: Mapping[str, Any]) -> str:
    """"Side (actor as written)", or the actor alone when it has no resolved side (escaped).

    >>> side_text({"side": "Russia", "side_resolved": True, "actor": "Moscow's <b>"})
    'Russia (Moscow&#x27;s &lt;b&gt;)'
    >>> side_text({"side": "the brigade", "side_resolved": False, "actor": "the brigade"})
    'the brigade (unresolved side)'
    """
    actor = entry.get("actor")
    if entry.get("side_resolved"):
        side = esc(entry.get("side") or "")
        return f"{side} ({esc(actor)})" if actor and actor != entry.get("side") else side
    return f"{esc(actor)} (unresolved side)" if actor else "no actor named"


def claims_table_html(entries: Sequence[Mapping[str, Any]],
                      region_key: str | None = None) -> str:
    """Claims side by side as a small table: claimant, side and actor as written, value with
    its bound, denominator, date, and the quote with a link (to the reader, or a manual
    claim's source, http(s) only)."""
    head = ("<tr><th>Claimant</th><th>Side (actor)</th><th>Value</th><th>Of</th><th>Date</th>"
            "<th>Quote and source</th></tr>")
    rows = []
    for e in entries:
        swatch = e.get("side_colour") or NO_SIDE_COLOR
        actor = (f'<span class="cm-swatch" style="background:{esc(swatch)}"></span>'
                 f"{side_text(e)}")
        rows.append(
            f"<tr><td>{esc(e.get('claimant') or 'reports')}</td><td>{actor}</td>"
            f"<td><b>{esc(e.get('label') or '')}</b></td>"
            f"<td>{esc(e.get('denominator') or '')}</td><td>{esc(e.get('date') or 'undated')}"
            f"</td><td class=\"cm-quote\">“{esc(e.get('quote') or '')}”<br>"
            f"{_claim_link(e, region_key)}{_also_reported(e, region_key)}</td></tr>")
    return f'<table class="cm-claims">{head}{"".join(rows)}</table>'


def _also_reported(entry: Mapping[str, Any], region_key: str | None) -> str:
    # The same statement carried by other articles (`geo.control.restatements`).
    others = list(entry.get("sources") or ())[1:]
    if not others:
        return ""
    items = "; ".join(f"{esc(s.get('claimant') or 'reports')}, {esc(s.get('date') or 'undated')}"
                      f" {_claim_link(s, region_key)}" for s in others)
    return f'<div class="cm-also">Also reported: {items}</div>'


def _claim_link(entry: Mapping[str, Any], region_key: str | None) -> str:
    if entry.get("article_id"):
        return (f'<a href="#" class="cm-open" data-cm-article="{esc(entry["article_id"])}" '
                f'data-cm-place="">Read article</a>')
    href = safe_href(entry.get("url"))
    if href:
        return (f'<a href="{esc(href)}" target="_blank" rel="noopener noreferrer">'
                f"Source ({esc(entry.get('origin') or 'manual')})</a>")
    return esc(entry.get("origin") or "")


def history_html(history: Sequence[Mapping[str, Any]]) -> str:
    # Every claim, newest first, with what it is a share of and who else reported it.
    if len(history) < 2:
        return ""
    items = []
    for e in history[:POPUP_HISTORY]:
        of = f" of {esc(e['denominator'])}" if e.get("denominator") and e.get("value") else ""
        n = len(e.get("sources") or ())
        also = f" ({n} reports)" if n > 1 else ""
        items.append(f"<li>{esc(e.get('date') or 'undated')}: {side_text(e)} "
                     f"<b>{esc(e.get('label') or '')}</b>{of} — "
                     f"{esc(e.get('claimant') or 'reports')}{also}</li>")
    if len(history) > POPUP_HISTORY:
        items.append(f"<li>and {len(history) - POPUP_HISTORY} earlier claims (see the claims "
                     "panel)</li>")
    return f'<div class="cm-sub">History</div><ul class="cm-history">{"".join(items)}</ul>'
