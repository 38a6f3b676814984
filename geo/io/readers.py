"""Turn article files (.txt, .md, .json, .jsonl, .html/.htm) into `Article`s: which reader a
file goes to, and the plain-text and Markdown readers themselves.

JSON and JSON Lines are read by `geo.io.json_records`, HTML by `geo.io.html_page`; every file is
first checked and read by `geo.io.files`, and every article built by `geo.io.article`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from geo.errors import IngestError
from geo.io.article import Located, build_article
from geo.io.files import LIMITS, check_file, decode, read_bytes
from geo.io.html_page import html_article
from geo.io.json_records import json_records, jsonl_records
from geo.models import Article

__all__ = ["EXPECTED", "SUFFIXES", "Located", "iter_located", "iter_records", "read_articles",
           "split_headline"]

SUFFIXES: tuple[str, ...] = (".txt", ".md", ".json", ".jsonl", ".html", ".htm")
EXPECTED = "/".join(SUFFIXES)  # ".txt/.md/.json/.jsonl/.html/.htm", for messages
_MAX_HEADLINE = 200

# A section label above the headline: one or two words, no final punctuation ("World",
# "Middle East", "U.S.").
_SECTION = re.compile(r"(?:[A-Z][\w&'’\-]*|(?:[A-Z]\.){2,})(?: (?:[\w&'’\-]+|(?:[A-Z]\.){2,}))?")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def read_articles(path: str | Path) -> list[Article]:
    """Every article in one file; raises `IngestError` on the first bad file or record.

    Examples
    --------
    >>> [a.title for a in read_articles("seeds/000_ca0727ac56120b1f.txt")]
    ['Putin Visits Kursk as Troops Target Remaining Ukrainian Forces Amid Ceasefire Talks']
    """
    out = []
    for record in iter_records(path):
        if isinstance(record, IngestError):
            raise record
        out.append(record)
    return out


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
    size = check_file(path)  # before the type: "nosuch" is missing, not of an unknown type
    if suffix not in SUFFIXES:
        raise IngestError(str(path), f"unsupported file type {suffix or '(no extension)'} "
                                     f"(expected {', '.join(SUFFIXES)})")
    if suffix == ".jsonl":
        yield from jsonl_records(path)
        return
    data = read_bytes(path, size, LIMITS[suffix])
    if suffix in (".html", ".htm"):
        yield Located(None, None, html_article(path, data))
        return
    text = decode(path, data)
    if suffix == ".txt":
        yield Located(None, None, _txt_article(path, text))
    elif suffix == ".md":
        yield Located(None, None, _md_article(path, text))
    else:
        yield from json_records(path, text)


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


def _is_headline(line: str) -> bool:
    # Look through closing quotes: a body paragraph often ends in `.”`.
    bare = line.rstrip("\"'”’)]")
    return 0 < len(line) < _MAX_HEADLINE and not bare.endswith((".", ",", ";", ":"))


def _txt_article(path: Path, text: str) -> Article:
    _section, title, body = split_headline(text)
    try:
        return build_article(path, body, {"title": title})
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
        return build_article(path, text, meta)
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


