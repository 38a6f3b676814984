"""HTML fragments shown on the page: map popups and the article reader's text; the escaping of
text that Streamlit reads as Markdown; and JSON that can sit inside a `<script>`. Pure functions.

Every piece of stored text passes through `esc` before it reaches HTML; mention offsets from the
store decide where `<mark>` tags go, never a search over escaped text. Typed, stored or
configured text in a caption, error or note passes through `md_escape` (or `md_code`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from geo.models import ROLES, Article, headline
from geo.views.filters import PlaceSummary, day_of, is_mapped

__all__ = [
    "MAX_MENTIONS_IN_POPUP",
    "WORD_JOINER",
    "esc",
    "file_json",
    "highlight_sentence",
    "marked_text",
    "md_code",
    "md_escape",
    "popup_html",
    "reader_html",
    "safe_json",
]

MAX_MENTIONS_IN_POPUP = 5
# Characters of context kept either side of a mention when its sentence is long.
_CONTEXT = 160
# Invisible, and no line break: splits what Streamlit would rewrite after Markdown parsing.
WORD_JOINER = "\u2060"
# ASCII punctuation, every character of which a backslash escapes in CommonMark.
_MD_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
# The first character of Streamlit's arrows and signs: -> <- <-> -- >= <= ~=.
_ARROW_PAIR = re.compile(r"[-<>~](?=[->=])")


def esc(text: object) -> str:
    """HTML-escape, and also neutralise what folium's JS template literal would interpret.

    folium puts popup HTML inside a backtick string, where `${...}`, backslashes and backticks
    are live; numeric entities render the same characters without that risk.

    Examples
    --------
    >>> esc("<b>`${x}`</b>")
    '&lt;b&gt;&#96;&#36;{x}&#96;&lt;/b&gt;'
    """
    return (html.escape(str(text), quote=True)
            .replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;"))


def safe_json(value: Any) -> str:
    """JSON that can sit inside a `<script>` element: no `</script>`, no line separators.

    Compact: the map's configs and payloads, inline or in the files the browser fetches.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def file_json(value: Any) -> str:
    """Compact JSON for a file the browser fetches and parses with `JSON.parse` (never put in
    a `<script>` element: that needs `safe_json`), so `<`, `>` and `&` stay one character."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def md_escape(text: object) -> str:
    r"""`text` for Streamlit's Markdown (captions, errors, notes, labels): shown as typed.

    Typed queries, titles, names and paths must never become images (which the browser would
    fetch), links, emphasis, maths or Streamlit's coloured text. CommonMark lets a backslash
    escape any ASCII punctuation character, so every one is escaped. Streamlit also rewrites
    some text after parsing, where escapes no longer count: shortcodes (`:material/home:`,
    `:smile:`, `:streamlit:`) and arrows (`->`, `--`, `<=` ...); an invisible word joiner
    (U+2060) after each colon and inside each such pair keeps them as typed. For inline text:
    line breaks are left to Markdown.

    Examples
    --------
    >>> md_escape("![i](/x)")
    '\\!\\[i\\]\\(\\/x\\)'
    >>> md_escape("Pokrovsk, Donetsk 2025")
    'Pokrovsk\\, Donetsk 2025'
    >>> md_escape(":red[x] a->b") == "\\:\u2060red\\[x\\] a\\-\u2060\\>b"
    True
    """
    text = _ARROW_PAIR.sub("\\g<0>" + WORD_JOINER, str(text).replace(":", ":" + WORD_JOINER))
    return _MD_PUNCTUATION.sub(r"\\\g<0>", text)


def md_code(text: object) -> str:
    r"""`text` as a Markdown code span (a path, a command), shown verbatim.

    Backslashes do not escape inside code, so the fence is one backtick longer than any run
    of them in the text, with a space either side (which Markdown drops) when the text starts
    or ends with one. Streamlit turns `:material/` into an icon even in code; a word joiner
    (invisible) after its colon stops that.

    Examples
    --------
    >>> md_code("data/conflict_map.sqlite")
    '`data/conflict_map.sqlite`'
    >>> md_code("odd `name`.sqlite")
    '``odd `name`.sqlite``'
    >>> md_code("`x")
    '`` `x ``'
    """
    text = str(text).replace(":material/", ":" + WORD_JOINER + "material/")
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    edge = text[0] == "`" or text[-1] == "`" or (
        text[0] == " " and text[-1] == " " and bool(text.strip(" ")))
    pad = " " if edge else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def highlight_sentence(row: Mapping) -> str:
    """The mention's sentence, HTML-escaped, with the mention wrapped in `<mark>`.

    `start`/`end` are offsets into the field and `sentence_start` is where the sentence begins
    in it, so the mention sits at `start - sentence_start` in the sentence; if that does not hold
    (older rows, edited text), the occurrence of `surface` nearest that spot is used instead.
    Long sentences are cut to `_CONTEXT` characters either side of the mention.
    """
    sentence = row.get("sentence") or ""
    surface = row.get("surface") or ""
    if not sentence:
        return esc(surface)
    at = _locate(sentence, surface, (row.get("start") or 0) - (row.get("sentence_start") or 0))
    if at is None:
        cut = sentence[:2 * _CONTEXT]
        return esc(cut + ("…" if len(sentence) > len(cut) else ""))
    before, after = sentence[:at], sentence[at + len(surface):]
    if len(before) > _CONTEXT:
        before = "…" + before[-_CONTEXT:].split(" ", 1)[-1]
    if len(after) > _CONTEXT:
        after = after[:_CONTEXT].rsplit(" ", 1)[0] + "…"
    return f"{esc(before)}<mark>{esc(surface)}</mark>{esc(after)}"


def popup_html(place: PlaceSummary, role: str, *, limit: int = MAX_MENTIONS_IN_POPUP,
               total: int | None = None) -> str:
    """The popup of one place's mentions in one role: newest first, at most `limit` of them.

    `total` is the number of mentions in that role when `place.mentions` holds only some.

    Each mention shows the headline, source and date, the sentence with the mention marked and
    a "Read article" link that the map turns into an "open in the reader" event.
    """
    where = ", ".join(esc(part) for part in (place.feature, place.admin1, place.country) if part)
    mentions = [m for m in place.mentions if (m.get("role") or "literal") == role]
    shown = sorted(mentions, key=lambda r: r.get("published") or "", reverse=True)
    items = "".join(_mention_item(row, place.key) for row in shown[:limit])
    n = len(mentions) if total is None else total
    more = n - len(shown[:limit])
    tail = (f'<div class="cm-meta">and {more} more mention{"s" if more > 1 else ""}: '
            f'see the places table</div>' if more > 0 else "")
    return (f'<div class="cm-popup"><h4>{esc(place.name)}</h4>'
            f'<div class="cm-meta">{where}</div>'
            f'<div><span class="cm-role cm-role-{_role(role)}">{n} {esc(role)}</span></div>'
            f"<ul>{items}</ul>{tail}</div>")


def reader_html(article: Article, mentions: Sequence[Mapping]) -> str:
    """The article for the reader: headline, source, date, link and text, mentions marked.

    Each mention becomes ``<mark class="cm-m cm-literal" data-i="N">`` where N is its index in
    `mentions`; only mapped mentions get `data-i` (the reader flies the map to those). Paragraphs
    follow the line breaks of the stored text.
    """
    indexed = list(enumerate(mentions))
    title = marked_text(article.title, [(i, m) for i, m in indexed
                                        if m.get("field") == "title"]) if article.title else \
        esc(headline(None, article.text) or "(untitled article)")  # the opening words, unmarked
    meta = [esc(article.source) if article.source else None,
            esc(day_of({"published": article.published}) or article.published or "") or None]
    url = article.url or ""
    if url.startswith(("https://", "http://")):
        meta.append(f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
                    f"{esc(url)}</a>")
    body = marked_text(article.text, [(i, m) for i, m in indexed if m.get("field") == "text"])
    paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n") if line.strip())
    return (f'<article class="cm-reader"><h3>{title}</h3>'
            f'<div class="cm-meta">{" · ".join(part for part in meta if part)}</div>'
            f"{paragraphs}</article>")


def marked_text(text: str, mentions: Sequence[tuple[int, Mapping]]) -> str:
    """`text` escaped, with each (index, mention) span wrapped in a `<mark>`.

    Spans come from the mention's `start`/`end`; a span that overlaps an earlier (or, at the
    same start, longer) one or does not match its `surface` is left unmarked rather than
    guessed.

    Examples
    --------
    >>> row = {"start": 4, "end": 8, "surface": "Kyiv", "role": "literal",
    ...        "name": "Kyiv", "place_key": "gn:1", "lat": 50.4, "lon": 30.5}
    >>> marked_text("<b> Kyiv", [(0, row)])
    '&lt;b&gt; <mark class="cm-m cm-literal" data-i="0" title="Kyiv · literal">Kyiv</mark>'
    """
    out, cursor = [], 0
    # At one start, the longer span wins ("the Kursk region" over "Kursk").
    for index, m in sorted(mentions, key=lambda im: (im[1].get("start") or 0,
                                                     -(im[1].get("end") or 0), im[0])):
        start, end = m.get("start"), m.get("end")
        if start is None or end is None or start < cursor or text[start:end] != m.get("surface"):
            continue
        out.append(esc(text[cursor:start]))
        role = _role(m.get("role"))
        label = f"{m.get('name') or m.get('surface')} · {role}"
        target = f' data-i="{index}"' if is_mapped(m) else ""
        cls = "cm-m" if is_mapped(m) else "cm-m cm-unmapped"
        out.append(f'<mark class="{cls} cm-{role}"{target} title="{esc(label)}">'
                   f"{esc(text[start:end])}</mark>")
        cursor = end
    out.append(esc(text[cursor:]))
    return "".join(out)


def _mention_item(row: Mapping, place_key: str) -> str:
    title = esc(row.get("title") or "(untitled article)")
    meta = " · ".join(esc(part) for part in (row.get("source"), day_of(row)) if part)
    link = (f'<a href="#" class="cm-open" data-cm-article="{esc(row.get("article_id") or "")}" '
            f'data-cm-place="{esc(place_key)}">Read article</a>')
    return (f"<li><b>{title}</b>" + (f' <span class="cm-meta">{meta}</span>' if meta else "")
            + f"<br>{highlight_sentence(row)}<br>{link}</li>")


def _role(role: object) -> str:
    return role if role in ROLES else "literal"


def _locate(sentence: str, surface: str, guess: int) -> int | None:
    if not surface:
        return None
    if guess >= 0 and sentence[guess:guess + len(surface)] == surface:
        return guess
    hits, at = [], sentence.find(surface)
    while at != -1:
        hits.append(at)
        at = sentence.find(surface, at + 1)
    return min(hits, key=lambda hit: abs(hit - guess)) if hits else None
