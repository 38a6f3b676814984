"""The article of an HTML page: decoded by its declared charset, refused when it is only page
furniture, declares XML entities or has more text than an article may, and otherwise extracted
with trafilatura (main text, title, date and site name)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from geo.errors import IngestError
from geo.io.article import MAX_TEXT_CHARS, build_article, normalise_newlines, parse_published
from geo.models import Article

__all__ = ["html_article"]


def html_article(path: Path, data: bytes) -> Article:
    import trafilatura  # slow to import; only HTML needs it

    # Decode once and hand trafilatura the string, so the title and the body come from the
    # same, correctly decoded document.
    html = decode_html(data)
    if _ENTITY_DECLARATION.search(html):
        # An HTML page never declares entities; an XML "billion laughs" page does, and its
        # declarations would be stored as text.
        raise IngestError(str(path), "entity declarations (<!ENTITY>) in the page: not an "
                                     "HTML article")
    tree = _html_tree(html)
    problem = "no text" if tree is None else _no_article(tree)
    if problem:
        raise IngestError(str(path), problem)
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False,
        # Dates from <meta> and markup only: guessing from the body would invent dates.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise IngestError(str(path), "no text")
    text = normalise_newlines(document.text).strip()
    title = document.title or _html_title(tree)
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        text = rest  # trafilatura repeats the <h1> as the first line
    try:
        published = parse_published(document.date)
    except ValueError:
        published = None  # a bad date in page metadata is not worth rejecting the article
    meta = {"title": title, "url": document.url, "source": document.sitename,
            "published": published}
    try:
        return build_article(path, text, meta)
    except ValueError as err:
        raise IngestError(str(path), str(err)) from err


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:\-]+)""", re.IGNORECASE)


# Page furniture that is never the article: trafilatura falls back to any text on the page
# (a "menu" link, a cookie notice), so a page made only of these has no article. Not <form>:
# ASP.NET pages wrap the whole body in one.
_BOILERPLATE_TAGS = ("nav", "header", "footer", "aside", "script", "style", "noscript",
                     "template", "button", "select", "iframe", "svg")


_BOILERPLATE_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "dialog"}


_BOILERPLATE_ATTR = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)


_ENTITY_DECLARATION = re.compile(r"<!ENTITY\b", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """UTF-8 if it is, else the charset the page declares, else trafilatura's guess."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:8192])
    if match:
        try:
            return data.decode(codecs.lookup(match.group(1).decode("ascii")).name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: guess instead
    from trafilatura.utils import decode_file

    return decode_file(data)


def _html_tree(html: str) -> Any:
    """The page as an lxml tree, or None if lxml finds no document in it."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        # Bytes, because lxml refuses a str that carries an XML encoding declaration.
        parser = lxml.html.HTMLParser(encoding="utf-8")
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (ParserError, ValueError):
        return None


def _no_article(tree: Any) -> str | None:
    """Why the page has no article to extract, or None if its body holds words outside
    navigation, header, footer and banners. Drops those parts from `tree`."""
    body = tree.find(".//body")
    if body is None or not _has_words(body.text_content()):
        return "no text"
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element is body:
            continue
        attrs = " ".join((element.get("class") or "", element.get("id") or ""))
        if (element.tag in _BOILERPLATE_TAGS or element.get("role") in _BOILERPLATE_ROLES
                or _BOILERPLATE_ATTR.search(attrs)):
            element.drop_tree()
    text = body.text_content()
    if not _has_words(text):
        return "no text (only navigation, header, footer or banners)"
    # Before main-text extraction, which costs far more than this: the article is part of
    # the page's text, so a page whose text is over the limit has too long an article.
    chars = sum(len(word) + 1 for word in text.split()) - 1
    if chars > MAX_TEXT_CHARS:
        return f"article too long (page text of {chars:,} characters; limit {MAX_TEXT_CHARS:,})"
    return None


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _html_title(tree: Any) -> str | None:
    title = tree.findtext(".//title")
    return " ".join(title.split()) or None if title else None
