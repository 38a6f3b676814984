"""Articles from `.json` (an object or a list of them) and `.jsonl` (one object a line, read a
line at a time). Every way `json` can fail (malformed, nested too deeply, a number too long to
convert) is a failure of that file or line, never a crash of the batch."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geo.errors import IngestError
from geo.io.article import Located, build_article, json_type, normalise_newlines
from geo.io.files import MAX_TEXT_BYTES, megabytes
from geo.models import Article

__all__ = ["count_jsonl_records", "json_records", "jsonl_records"]


# Digits a JSON number may have: Python refuses to convert more than 4,300 with a message
# about `sys.set_int_max_str_digits`; no article field is a number that long.
_MAX_JSON_DIGITS = 100
# How deep arrays and objects may nest: an article is two or three levels deep. Checked before
# `json.loads`, whose recursion would otherwise reach Python's limit, where a finaliser that
# happens to run (the garbage collector) fails too and prints its own error.
_MAX_JSON_DEPTH = 200
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def json_records(path: Path, text: str) -> Iterator[Located]:
    try:
        value = _load_json(text)
    except ValueError as err:
        raise IngestError(str(path), str(err)) from err
    if isinstance(value, dict):
        yield Located(None, None, _record(path, value, None, ""))
        return
    if not isinstance(value, list):
        raise IngestError(str(path), "expected a JSON object or a list of objects, "
                                     f"not {json_type(value)}")
    if not value:
        raise IngestError(str(path), "no articles (empty JSON list)")
    for number, item in enumerate(value, 1):
        yield Located(None, number, _record(path, item, None, f"record {number}: "))


def jsonl_records(path: Path) -> Iterator[Located]:
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
                    str(path), f"line too long (over {megabytes(MAX_TEXT_BYTES)})", number))
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


def count_jsonl_records(path: Path, limit: int = 64_000_000) -> int:
    """About how many records a JSON Lines file holds (its non-blank lines, split as the
    reader splits them), for a progress bar; 1 for anything but a readable regular file of at
    most `limit` bytes (a FIFO or a huge file is not read twice)."""
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return 1
        with open(path, "rb") as handle:
            return max(1, sum(1 for line in _lines(handle) if line is None or line.strip()))
    except OSError:
        return 1


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
    if _depth(text) > _MAX_JSON_DEPTH:
        raise ValueError("malformed JSON: nested too deeply")
    try:
        return json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as err:
        where = f"column {err.colno}" if line else f"line {err.lineno} column {err.colno}"
        raise ValueError(f"malformed JSON: {err.msg} ({where})") from err
    except RecursionError as err:
        raise ValueError("malformed JSON: nested too deeply") from err


def _depth(text: str) -> int:
    """How deep the brackets outside strings nest, counted without recursion; 0 for a text
    with too few brackets to nest deeper than `_MAX_JSON_DEPTH`.

    >>> _depth("[" * 250 + "]" * 250)
    250
    >>> _depth('{"text": "' + "[" * 250 + '", "x": [[1]]}')  # those in a string do not count
    3
    """
    if text.count("[") + text.count("{") <= _MAX_JSON_DEPTH:
        return 0  # too few brackets to nest too deeply: most files
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_JSON_DIGITS:
        raise ValueError(f"malformed JSON: a number of {len(digits.lstrip('-')):,} digits "
                         f"(at most {_MAX_JSON_DIGITS})")
    return int(digits)


def _record(path: Path, value: Any, line: int | None, prefix: str) -> Article | IngestError:
    if not isinstance(value, dict):
        return IngestError(str(path), f"{prefix}expected a JSON object, not {json_type(value)}",
                           line)
    text = value.get("text")
    if text is not None and not isinstance(text, str):
        problem = f"'text' must be a string, not {json_type(text)}"
        return IngestError(str(path), prefix + problem, line)
    try:
        return build_article(path, normalise_newlines(text or ""), value)
    except ValueError as err:
        return IngestError(str(path), f"{prefix}{err}", line)
