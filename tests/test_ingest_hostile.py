"""Hostile and odd inputs named on the command line: each is one line on stderr, exit code 1,
and every other file still goes in (nothing hangs, crashes or reads without end)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli.main import main
from geo.io.files import MAX_HTML_BYTES
from geo.io.readers import iter_records
from geo.store.database import Store

GOOD = "Talks stalled\n\nShelling was reported in Kharkiv on Monday, officials said."


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _ingest(db: Path, parse, *paths: Path):
    result = CliRunner().invoke(main, ["ingest", *map(str, paths), "--db", str(db), "--quiet"],
                                obj={"parse": parse})
    return result, result.stderr.strip().splitlines()


def _stored(db: Path) -> list[str]:
    with Store(db) as store:
        return sorted(a.text for a in store.articles())


def _one_failure(result, lines: list[str], path: Path, problem: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert result.exit_code == 1
    assert lines == [f"{path}: {problem}"], lines


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("deep.json", "[" * 1100 + "]" * 1100, "malformed JSON: nested too deeply"),
    ("deep_object.json", '{"text": "Kyiv.", "x": ' + "[" * 1100 + "]" * 1100 + "}",
     "malformed JSON: nested too deeply"),
    ("digits.json", '{"text": "Kyiv.", "n": ' + "9" * 5000 + "}",
     "malformed JSON: a number of 5,000 digits (at most 100)"),
    ("nul.txt", "Kyiv " * 3000 + "\x00 Kharkiv.", "binary file, not text"),
    ("nul.json", json.dumps({"text": "Kyiv\u0000 was shelled."}),
     "text contains NUL characters (binary data, not text)"),
])
def test_bad_json_and_binary_text_are_one_line_and_the_next_file_goes_in(
        tmp_path, good, parse, name, content, problem):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    result, lines = _ingest(db, parse, bad, good)
    _one_failure(result, lines, bad, problem)
    assert _stored(db) == [GOOD.split("\n\n")[1]]


def test_json_lines_after_a_crashing_line_still_go_in(tmp_path, parse):
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": "Fighting near Kyiv."}), "[" * 1100 + "]" * 1100,
             '{"text": "x", "n": ' + "1" * 5000 + "}", json.dumps({"text": "Kyiv\u0000"}),
             json.dumps({"text": "Shelling in Kharkiv."})]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "x.sqlite"
    result, errors = _ingest(db, parse, feed)
    assert result.exit_code == 1
    assert errors == [f"{feed}:2: malformed JSON: nested too deeply",
                      f"{feed}:3: malformed JSON: a number of 5,000 digits (at most 100)",
                      f"{feed}:4: text contains NUL characters (binary data, not text)"]
    assert _stored(db) == ["Fighting near Kyiv.", "Shelling in Kharkiv."]


def test_a_json_lines_line_over_the_limit_is_skipped_without_losing_the_next(tmp_path, parse):
    feed = tmp_path / "big.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        out.write('{"text": "' + "a" * 4_200_000 + '"}\n')
        out.write(json.dumps({"text": "Shelling in Kharkiv."}) + "\n")
    db = tmp_path / "x.sqlite"
    result, errors = _ingest(db, parse, feed)
    assert result.exit_code == 1
    assert errors == [f"{feed}:1: line too long (over 4.1 MB)"]
    assert _stored(db) == ["Shelling in Kharkiv."]


def test_special_files_are_refused_before_reading(tmp_path, good, parse):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop.txt")
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    urandom = tmp_path / "random.json"
    urandom.symlink_to("/dev/urandom")
    fifo = tmp_path / "y.txt"
    os.mkfifo(fifo)
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "nowhere.txt")
    db = tmp_path / "x.sqlite"
    result, lines = _ingest(db, parse, loop, zero, urandom, fifo, broken, good)
    assert result.exit_code == 1
    assert lines == [f"{loop}: symbolic link loop",
                     f"{zero}: not a regular file (a device)",
                     f"{urandom}: not a regular file (a device)",
                     f"{fifo}: not a regular file (a FIFO)",
                     f"{broken}: no such file or directory (broken symbolic link)"]
    assert len(_stored(db)) == 1


def test_a_fifo_does_not_hang_the_real_command(tmp_path, good):
    """Through the installed entry point in a child process, with a deadline."""
    fifo = tmp_path / "y.txt"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-c", "from geo.cli.main import main; main()", "ingest", str(fifo),
         "--db", str(tmp_path / "x.sqlite"), "--quiet"],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert done.stderr.strip() == f"{fifo}: not a regular file (a FIFO)"


def test_an_unreadable_file_is_one_line_and_the_others_go_in(tmp_path, good):
    """Root reads anything: as root, the command runs without the capabilities that let it
    (util-linux `setpriv`), as an ordinary user would."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Kyiv was shelled overnight, officials said.", encoding="utf-8")
    secret.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and util-linux setpriv is missing")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    elif os.access(secret, os.R_OK):
        pytest.skip("this user can read a file with mode 000")
    db = tmp_path / "x.sqlite"
    done = subprocess.run(
        [*prefix, sys.executable, "-c", "from geo.cli.main import main; main()", "ingest",
         str(secret), str(good), "--db", str(db), "--quiet"],
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == f"{secret}: cannot read file (Permission denied)"
    assert _stored(db) == [GOOD.split("\n\n")[1]]


def test_html_limits_come_before_main_text_extraction(tmp_path, good, parse):
    huge = tmp_path / "huge.html"
    with huge.open("w", encoding="utf-8") as out:
        out.write("<html><body>")
        while out.tell() <= MAX_HTML_BYTES:
            out.write("<p>Kyiv</p>" * 10_000)
        out.write("</body></html>")
    wordy = tmp_path / "wordy.html"
    wordy.write_text("<html><body><article>" + "<p>Kyiv was shelled again.</p>\n" * 50_000
                     + "</article></body></html>", encoding="utf-8")
    bomb = tmp_path / "bomb.html"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
                    "<html><body><p>&lol2; in Kyiv.</p></body></html>", encoding="utf-8")
    db = tmp_path / "x.sqlite"
    result, lines = _ingest(db, parse, huge, wordy, bomb, good)
    assert result.exit_code == 1
    size = huge.stat().st_size / 1_000_000
    assert lines == [
        f"{huge}: file too large ({size:,.1f} MB; limit 10.0 MB for .html files)",
        f"{wordy}: article too long (page text of 1,199,999 characters; limit 1,000,000)",
        f"{bomb}: entity declarations (<!ENTITY>) in the page: not an HTML article"]
    assert len(_stored(db)) == 1


def test_a_text_file_too_large_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(5_000_000)  # sparse: nothing was written, nothing is read
    with pytest.raises(Exception) as info:
        list(iter_records(big))
    assert str(info.value) == f"{big}: file too large (5.0 MB; limit 4.1 MB for .txt files)"
