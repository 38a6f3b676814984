"""Opening an article file safely: a regular file (not a FIFO or a device), under the size limit
of its type, read whole, with binary and UTF-16 files refused before decoding."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from geo.errors import IngestError
from geo.io.article import MAX_TEXT_CHARS, normalise_newlines

__all__ = ["LIMITS", "MAX_HTML_BYTES", "MAX_JSON_BYTES", "MAX_TEXT_BYTES", "check_file",
           "decode", "megabytes", "read_bytes"]


# Byte limits checked before a file is read (a text file of a million characters is at most
# four bytes a character). A page is refused above MAX_HTML_BYTES: main-text extraction costs
# time and memory by the tag, and news pages are well under it. A JSON file is parsed whole;
# JSON Lines is read a line at a time, so only each line has a limit.
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS + 65_536


MAX_HTML_BYTES = 10_000_000


MAX_JSON_BYTES = 64_000_000


LIMITS = {".txt": MAX_TEXT_BYTES, ".md": MAX_TEXT_BYTES, ".html": MAX_HTML_BYTES,
           ".htm": MAX_HTML_BYTES, ".json": MAX_JSON_BYTES}


def check_file(path: Path) -> int:
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


def read_bytes(path: Path, size: int, limit: int) -> bytes:
    """The file's bytes, refused above `limit` before reading (and if it grew past it since)."""
    if size > limit:
        raise IngestError(str(path), f"file too large ({megabytes(size)}; limit "
                                     f"{megabytes(limit)} for {path.suffix.lower()} files)")
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
        raise IngestError(str(path), f"file too large (over {megabytes(limit)})")
    check_bytes(path, data)
    return data


def check_bytes(path: Path, data: bytes) -> None:
    if not data.strip():
        raise IngestError(str(path), "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(str(path), "not UTF-8 text (UTF-16 byte order mark)")
    if b"\x00" in data:  # anywhere: a text file has no NUL bytes
        raise IngestError(str(path), "binary file, not text")


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        problem = f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})"
        raise IngestError(str(path), problem) from err
    return normalise_newlines(text.removeprefix("\ufeff"))
