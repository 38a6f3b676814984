"""Turn article files (.txt, .md, .json, .jsonl, .html/.htm) into `Article`s.

The stored `text` is exactly what mention offsets refer to, so readers change nothing in it but
line endings (to ``\\n``), a leading byte-order mark and outer whitespace.
"""

from __future__ import annotations

import codecs
import errno
import json
import re
import stat
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from geo.errors import IngestError
from geo.models import Article, article_id

__all__ = ["MAX_TEXT_CHARS", "SUFFIXES", "Located", "detect_dateline", "iter_located",
           "iter_records", "read_articles", "split_headline"]

SUFFIXES: tuple[str, ...] = (".txt", ".md", ".json", ".jsonl", ".html", ".htm")
EXPECTED = "/".join(SUFFIXES)  # ".txt/.md/.json/.jsonl/.html/.htm", for messages
_MAX_HEADLINE = 200
# spaCy's default `nlp.max_length`: a longer text makes the parser fail with E088 advice about
# memory, which means nothing to whoever ingests a file. Checked in the reader instead.
MAX_TEXT_CHARS = 1_000_000
# Byte limits checked before a file is read (a text file of a million characters is at most
# four bytes a character). A page is refused above MAX_HTML_BYTES: main-text extraction costs
# time and memory by the tag, and news pages are well under it. A JSON file is parsed whole;
# JSON Lines is read a line at a time, so only each line has a limit.
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS + 65_536
MAX_HTML_BYTES = 10_000_000
MAX_JSON_BYTES = 64_000_000
_LIMITS = {".txt": MAX_TEXT_BYTES, ".md": MAX_TEXT_BYTES, ".html": MAX_HTML_BYTES,
           ".htm": MAX_HTML_BYTES, ".json": MAX_JSON_BYTES}
# Digits a JSON number may have: Python refuses to convert more than 4,300 with a message
# about `sys.set_int_max_str_digits`; no article field is a number that long.
_MAX_JSON_DIGITS = 100

# Datelines: "KYIV, Ukraine —", "KYIV (Reuters) -", "BEIRUT/JERUSALEM, Oct 5 (Reuters) -",
# "WASHINGTON, D.C. —", "Kyiv (AP) —". Only all-caps places stand alone; a title-case place
# needs the news agency after it, or ordinary sentences would match.
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_WORD = r"[A-Z][\w.'’\-]*"
_MONTH_DAY = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
_AGENCY = r"\([A-Z][\w .&'’\-]{0,30}\)"
_DASH = r"(?:—|–|--?)"
_QUALIFIER = rf", (?!{_MONTH_DAY}){_WORD}(?: {_WORD}){{0,2}}"  # ", Ukraine", ", D.C."
_DATELINES = (
    re.compile(
        rf"(?P<place>{_CAPS_WORD}(?:[ /]{_CAPS_WORD})*(?:{_QUALIFIER})?)"
        rf"(?:,? {_MONTH_DAY})?(?: ?{_AGENCY})? {_DASH} "
    ),
    re.compile(rf"(?P<place>{_WORD}(?: {_WORD}){{0,2}}) {_AGENCY} {_DASH} "),
)
# A section label above the headline: one or two words, no final punctuation ("World",
# "Middle East", "U.S.").
_SECTION = re.compile(r"(?:[A-Z][\w&'’\-]*|(?:[A-Z]\.){2,})(?: (?:[\w&'’\-]+|(?:[A-Z]\.){2,}))?")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def read_articles(path: str | Path) -> list[Article]:
    """Every article in one file; raises `IngestError` on the first bad file or record.

    Examples
    --------
    >>> [a.title for a in read_articles("seeds/000_ca0727ac56120b1f.txt")]  # doctest: +SKIP
    ['Putin Visits Kursk as Troops Target Remaining Ukrainian Forces Amid Ceasefire Talks']
    """
    out = []
    for record in iter_records(path):
        if isinstance(record, IngestError):
            raise record
        out.append(record)
    return out


class Located(NamedTuple):
    """One record of a file and where it is: `line` for JSON Lines, `number` for a JSON list."""

    line: int | None
    number: int | None
    record: Article | IngestError


def iter_records(path: str | Path) -> Iterator[Article | IngestError]:
    """Articles of one file, with an `IngestError` in place of each bad record.

    A problem with the file as a whole (missing, unreadable, binary, not UTF-8, empty,
    unsupported type, malformed JSON) is raised, not yielded, before the first record.
    """
    for located in iter_located(path):
        yield located.record


def iter_located(path: str | Path) -> Iterator[Located]:
    """Like `iter_records`, with each record's line (JSON Lines) or number (JSON list).

    Lets a later failure on a good record (parser, store) name its line too.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    size = _check_file(path)  # before the type: "nosuch" is missing, not of an unknown type
    if suffix not in SUFFIXES:
        raise IngestError(str(path), f"unsupported file type {suffix or '(no extension)'} "
                                     f"(expected {', '.join(SUFFIXES)})")
    if suffix == ".jsonl":
        yield from _jsonl_records(path)
        return
    data = _read_bytes(path, size, _LIMITS[suffix])
    if suffix in (".html", ".htm"):
        yield Located(None, None, _html_article(path, data))
        return
    text = _decode(path, data)
    if suffix == ".txt":
        yield Located(None, None, _txt_article(path, text))
    elif suffix == ".md":
        yield Located(None, None, _md_article(path, text))
    else:
        yield from _json_records(path, text)


def _check_file(path: Path) -> int:
    """The size of `path` if it is a regular file (after symbolic links); else IngestError.

    Checked before opening: a FIFO would block the read, and /dev/zero never ends.
    """
    try:
        info = path.stat()
    except FileNotFoundError as err:
        problem = "no such file or directory"
        if path.is_symlink():
            problem += " (broken symbolic link)"
        raise IngestError(str(path), problem) from err
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise IngestError(str(path), "symbolic link loop") from err
        raise IngestError(str(path), f"cannot read file ({err.strerror or err})") from err
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(str(path), "is a directory")
    if not stat.S_ISREG(info.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(info.st_mode)
                else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                else "a socket" if stat.S_ISSOCK(info.st_mode) else "a special file")
        raise IngestError(str(path), f"not a regular file ({kind})")
    return info.st_size


def split_headline(text: str) -> tuple[str | None, str | None, str]:
    """Split plain text into (section label, headline, body); label and headline may be None.

    Conservative: the headline is the first line only if it is short, does not end in a
    period and more text follows; a one- or two-word line above such a headline is a label.

    Examples
    --------
    >>> split_headline("World\\nTalks Stall\\n\\nKYIV, Ukraine — Talks stalled.")
    ('World', 'Talks Stall', 'KYIV, Ukraine — Talks stalled.')
    >>> split_headline("Talks stalled in Kyiv on Monday.")
    (None, None, 'Talks stalled in Kyiv on Monday.')
    """
    text = text.strip()
    first, _, rest = text.partition("\n")
    first, rest = first.strip(), rest.strip()
    if _SECTION.fullmatch(first) and rest:
        second, _, body = rest.partition("\n")
        second, body = second.strip(), body.strip()
        if _is_headline(second) and body:
            return first, second, body
    if _is_headline(first) and rest:
        return None, first, rest
    return None, None, text


def detect_dateline(text: str) -> str | None:
    """The dateline place at the very start of `text` ("KYIV, Ukraine"), or None.

    Examples
    --------
    >>> detect_dateline("KYIV, Ukraine — Russian forces advanced.")
    'KYIV, Ukraine'
    >>> detect_dateline("MOSCOW (Reuters) - The Kremlin said.")
    'MOSCOW'
    >>> detect_dateline("Russia said on Monday - again - that it would not.") is None
    True
    """
    for pattern in _DATELINES:
        match = pattern.match(text)
        if match:
            return match.group("place")
    return None


def _is_headline(line: str) -> bool:
    # Look through closing quotes: a body paragraph often ends in `.”`.
    bare = line.rstrip("\"'”’)]")
    return 0 < len(line) < _MAX_HEADLINE and not bare.endswith((".", ",", ";", ":"))


def _read_bytes(path: Path, size: int, limit: int) -> bytes:
    """The file's bytes, refused above `limit` before reading (and if it grew past it since)."""
    if size > limit:
        raise IngestError(str(path), f"file too large ({_megabytes(size)}; limit "
                                     f"{_megabytes(limit)} for {path.suffix.lower()} files)")
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except FileNotFoundError as err:
        raise IngestError(str(path), "no such file or directory") from err
    except IsADirectoryError as err:
        raise IngestError(str(path), "is a directory") from err
    except OSError as err:
        raise IngestError(str(path), f"cannot read file ({err.strerror or err})") from err
    if len(data) > limit:
        raise IngestError(str(path), f"file too large (over {_megabytes(limit)})")
    _check_bytes(path, data)
    return data


def _check_bytes(path: Path, data: bytes) -> None:
    if not data.strip():
        raise IngestError(str(path), "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(str(path), "not UTF-8 text (UTF-16 byte order mark)")
    if b"\x00" in data:  # anywhere: a text file has no NUL bytes
        raise IngestError(str(path), "binary file, not text")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        problem = f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})"
        raise IngestError(str(path), problem) from err
    return _newlines(text.removeprefix("\ufeff"))


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _article(path: Path, text: str, meta: Mapping[str, Any]) -> Article:
    """Check metadata types and build the article; raises ValueError naming the problem."""
    text = text.strip()
    if not text:
        raise ValueError("no text")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"article too long ({len(text):,} characters; "
                         f"limit {MAX_TEXT_CHARS:,})")
    if "\x00" in text:  # a JSON "\u0000": binary data, as a NUL byte in a file is
        raise ValueError("text contains NUL characters (binary data, not text)")
    fields: dict[str, str | None] = {}
    for key in ("title", "source", "url", "dateline"):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key!r} must be a string, not {_json_type(value)}")
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(f"{key!r} contains NUL characters")
        fields[key] = (value.strip() or None) if isinstance(value, str) else None
    if fields["dateline"] is None:
        fields["dateline"] = detect_dateline(text)
    return Article(id=article_id(text), text=text, published=_published(meta.get("published")),
                   path=str(path), **fields)


def _published(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):  # YAML front matter gives date and datetime objects
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"'published' must be an ISO date string, not {_json_type(value)}")
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(value.strip()).isoformat()
        except ValueError:
            continue
    raise ValueError(f"published date {value!r} is not an ISO date "
                     "(expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)")


def _txt_article(path: Path, text: str) -> Article:
    _section, title, body = split_headline(text)
    try:
        return _article(path, body, {"title": title})
    except ValueError as err:
        raise IngestError(str(path), str(err)) from err


def _md_article(path: Path, text: str) -> Article:
    text = text.strip()
    meta: Any = {}
    if text.startswith("---\n"):
        end = _FRONT_MATTER_END.search(text, 4)
        if end is None:
            raise IngestError(str(path), "front matter is not closed by a '---' line", line=1)
        try:
            meta = yaml.safe_load(text[4:end.start()]) or {}
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            problem = getattr(err, "problem", None) or str(err)
            line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for '---'
            raise IngestError(str(path), f"malformed YAML front matter: {problem}", line) from err
        except ValueError as err:
            # PyYAML builds dates itself: 2025-02-30 or month 13 raise ValueError, not YAMLError.
            raise IngestError(str(path), f"bad date in front matter: {err}",
                              _date_line(text, end.start())) from err
        if not isinstance(meta, dict):
            raise IngestError(str(path), "front matter is not a YAML mapping", line=2)
        text = text[end.end():].strip()
    if "title" not in meta and text.startswith("# "):
        heading, _, text = text.partition("\n")
        meta = {**meta, "title": heading[2:].strip()}
    try:
        return _article(path, text, meta)
    except ValueError as err:
        raise IngestError(str(path), str(err)) from err


def _date_line(text: str, end: int) -> int | None:
    """The line of the first front-matter value that looks like a date but is not one."""
    for number, line in enumerate(text[:end].split("\n"), 1):
        match = re.search(r":\s*[\"']?(\d{4}-\d{1,2}-\d{1,2})\b", line)
        if match and number > 1:
            try:
                date(*map(int, match.group(1).split("-")))
            except ValueError:
                return number
    return None


def _json_records(path: Path, text: str) -> Iterator[Located]:
    try:
        value = _load_json(text)
    except ValueError as err:
        raise IngestError(str(path), str(err)) from err
    if isinstance(value, dict):
        yield Located(None, None, _record(path, value, None, ""))
        return
    if not isinstance(value, list):
        raise IngestError(str(path), "expected a JSON object or a list of objects, "
                                     f"not {_json_type(value)}")
    if not value:
        raise IngestError(str(path), "no articles (empty JSON list)")
    for number, item in enumerate(value, 1):
        yield Located(None, number, _record(path, item, None, f"record {number}: "))


def _jsonl_records(path: Path) -> Iterator[Located]:
    """One record per line, read a line at a time (a feed may be large)."""
    try:
        file = path.open("rb")
    except OSError as err:
        raise IngestError(str(path), f"cannot read file ({err.strerror or err})") from err
    with file:
        head = file.read(4)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise IngestError(str(path), "not UTF-8 text (UTF-16 byte order mark)")
        file.seek(0)
        seen = False
        for number, raw in enumerate(_lines(file), 1):
            if raw is None:
                yield Located(number, None, IngestError(
                    str(path), f"line too long (over {_megabytes(MAX_TEXT_BYTES)})", number))
                seen = True
                continue
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            seen = True
            yield Located(number, None, _jsonl_record(path, raw, number))
        if not seen:
            raise IngestError(str(path), "empty file")


def _lines(file: Any) -> Iterator[bytes | None]:
    """The file's lines without line ends ("\\n", "\\r\\n" or "\\r"); None for a line over
    MAX_TEXT_BYTES, which is skipped without being held in memory."""
    while raw := file.readline(MAX_TEXT_BYTES + 1):
        if len(raw) > MAX_TEXT_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # the rest of the line
                raw = file.readline(MAX_TEXT_BYTES)
            yield None
            continue
        raw = raw.removesuffix(b"\n").removesuffix(b"\r")
        yield from raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")


def _jsonl_record(path: Path, raw: bytes, number: int) -> Article | IngestError:
    if b"\x00" in raw:
        return IngestError(str(path), "binary data (NUL bytes), not text", number)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return IngestError(str(path), f"not UTF-8 text (byte 0x{raw[err.start]:02x} at "
                                      f"column {err.start + 1})", number)
    try:
        value = _load_json(text, line=True)
    except ValueError as err:
        return IngestError(str(path), str(err), number)
    return _record(path, value, number, "")


def _load_json(text: str, *, line: bool = False) -> Any:
    """`json.loads`, with every way it can fail as a ValueError worth showing: malformed,
    nested too deeply (RecursionError) or a number too long to convert."""
    try:
        return json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as err:
        where = f"column {err.colno}" if line else f"line {err.lineno} column {err.colno}"
        raise ValueError(f"malformed JSON: {err.msg} ({where})") from err
    except RecursionError as err:
        raise ValueError("malformed JSON: nested too deeply") from err


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_JSON_DIGITS:
        raise ValueError(f"malformed JSON: a number of {len(digits.lstrip('-')):,} digits "
                         f"(at most {_MAX_JSON_DIGITS})")
    return int(digits)


def _record(path: Path, value: Any, line: int | None, prefix: str) -> Article | IngestError:
    if not isinstance(value, dict):
        return IngestError(str(path), f"{prefix}expected a JSON object, not {_json_type(value)}",
                           line)
    text = value.get("text")
    if text is not None and not isinstance(text, str):
        problem = f"'text' must be a string, not {_json_type(text)}"
        return IngestError(str(path), prefix + problem, line)
    try:
        return _article(path, _newlines(text or ""), value)
    except ValueError as err:
        return IngestError(str(path), f"{prefix}{err}", line)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _html_article(path: Path, data: bytes) -> Article:
    import trafilatura  # slow to import; only HTML needs it

    # Decode once and hand trafilatura the string, so the title and the body come from the
    # same, correctly decoded document.
    html = _decode_html(data)
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
    text = _newlines(document.text).strip()
    title = document.title or _html_title(tree)
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        text = rest  # trafilatura repeats the <h1> as the first line
    try:
        published = _published(document.date)
    except ValueError:
        published = None  # a bad date in page metadata is not worth rejecting the article
    meta = {"title": title, "url": document.url, "source": document.sitename,
            "published": published}
    try:
        return _article(path, text, meta)
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


def _decode_html(data: bytes) -> str:
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
