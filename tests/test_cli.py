"""The `conflict-map` command through click's CliRunner: exit codes, stdout and stderr."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.access import local_editor
from geo.cli.main import main
from geo.io.readers import read_articles
from geo.store.database import MENTION_COLUMNS, Store

DATA = Path(__file__).parent / "data"


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)  # the default database lands here, not in the project
    monkeypatch.delenv("CONFLICT_MAP_DB", raising=False)
    return CliRunner()


@pytest.fixture
def filled_db(db_path, seed, parse) -> Path:
    """A database holding the seed and one fixture, with the fake parser's mentions."""
    with Store(db_path) as store:
        for path in (seed, DATA / "reuters.txt"):
            article = read_articles(path)[0]
            store.add_article(article, parse(article), editor=local_editor())
    return db_path


def _mentions(runner, db, *args):
    result = runner.invoke(main, ["mentions", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_command_has_help_with_an_example(runner):
    assert main.commands
    for name in main.commands:
        result = runner.invoke(main, [name, "-h"])
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, name
        assert main.commands[name].get_short_help_str().strip(), name
    assert runner.invoke(main, ["--help"]).exit_code == 0
    assert runner.invoke(main, ["--version"]).exit_code == 0


def test_ingest(runner, db_path, seed, parse):
    args = ["ingest", "--db", str(db_path), str(seed), str(DATA / "article.md")]
    result = runner.invoke(main, args, obj={"parse": parse})
    assert result.exit_code == 0, result.output
    # The summary is the result: on stdout, counting articles, mentions and claims.
    assert re.fullmatch(r"2 new articles \(\d+ mentions?, \d+ claims?\), 0 duplicate, "
                        r"0 failed", result.stdout.strip())
    assert result.stderr == ""
    with Store(db_path) as store:
        mentions, claims = len(store.mention_rows()), len(store.claims())
    assert f"({mentions} mentions, {claims} claim" in result.stdout
    again = runner.invoke(main, args, obj={"parse": parse})
    assert again.exit_code == 0
    assert again.stdout.strip() == "0 new articles (0 mentions, 0 claims), 2 duplicate, 0 failed"
    with Store(db_path) as store:
        assert store.counts()["articles"] == 2


def test_ingest_failures_exit_1_with_one_line_each(runner, tmp_path, db_path, seed, parse):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(main, ["ingest", "--db", str(db_path), str(seed), "empty.txt",
                                  str(DATA / "articles.jsonl"), "missing.txt"],
                           obj={"parse": parse})
    assert result.exit_code == 1
    jsonl = DATA / "articles.jsonl"
    lines = [line for line in result.stderr.splitlines() if not line.startswith("Ingesting")]
    assert lines[0] == "empty.txt: empty file"
    assert lines[1].startswith(f"{jsonl}:3: malformed JSON: ")
    assert lines[2] == f"{jsonl}:4: no text"
    assert lines[3].startswith(f"{jsonl}:6: published date '13/01/2025' is not an ISO date")
    assert lines[4] == "missing.txt: no such file or directory"
    assert result.stdout.startswith("3 new articles (") and "5 failed" in result.stdout
    assert "Traceback" not in result.output


def test_ingest_progress_bar_and_quiet(runner, tmp_path, db_path, seed, parse):
    folder = tmp_path / "many"
    folder.mkdir()
    shutil.copy(seed, folder)
    for name in ("reuters.txt", "plain.txt", "article.md"):
        shutil.copy(DATA / name, folder)
    loud = runner.invoke(main, ["ingest", "--db", str(db_path), str(folder)],
                         obj={"parse": parse})
    assert "Ingesting" in loud.stderr
    assert loud.stdout.startswith("4 new articles (")
    quiet = runner.invoke(main, ["ingest", "-q", "--db", str(db_path), str(folder)],
                          obj={"parse": parse})
    assert (quiet.exit_code, quiet.output) == (0, "")


def test_ingest_envvar_and_default_database(runner, tmp_path, seed, parse, monkeypatch):
    assert runner.invoke(main, ["ingest", str(seed)], obj={"parse": parse}).exit_code == 0
    assert (tmp_path / "data" / "conflict_map.sqlite").exists()
    monkeypatch.setenv("CONFLICT_MAP_DB", str(tmp_path / "env.sqlite"))
    assert runner.invoke(main, ["ingest", str(seed)], obj={"parse": parse}).exit_code == 0
    assert (tmp_path / "env.sqlite").exists()


def test_broken_database_is_one_line_error(runner, tmp_path, seed, parse):
    (tmp_path / "broken.sqlite").write_bytes(b"not a database at all " * 200)
    result = runner.invoke(main, ["ingest", "--db", "broken.sqlite", str(seed)],
                           obj={"parse": parse})
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: broken.sqlite: not a Conflict Map database (file is not a database)\n")
    mentions = runner.invoke(main, ["mentions", "--db", "broken.sqlite"])
    assert (mentions.exit_code, mentions.stderr.count("\n")) == (1, 1)


def test_mentions_json_lists_every_row(runner, filled_db):
    rows = json.loads(_mentions(runner, filled_db, "--format", "json"))
    with Store(filled_db) as store:
        assert rows == store.mention_rows()
    assert len(rows) > 20
    assert "’" in _mentions(runner, filled_db, "--format", "json")  # ensure_ascii=False


def test_mentions_role_filter(runner, filled_db):
    rows = json.loads(_mentions(runner, filled_db, "--format", "json", "--role", "metonym"))
    assert rows and {r["role"] for r in rows} == {"metonym"}
    both = json.loads(_mentions(runner, filled_db, "--format", "json",
                                "--role", "metonym", "--role", "adjectival"))
    assert {r["role"] for r in both} == {"metonym", "adjectival"}


def test_mentions_csv(runner, filled_db):
    reader = csv.DictReader(io.StringIO(_mentions(runner, filled_db, "--format", "csv")))
    assert tuple(reader.fieldnames) == MENTION_COLUMNS
    rows = list(reader)
    with Store(filled_db) as store:
        assert len(rows) == len(store.mention_rows())


def test_mentions_geojson_is_lon_lat(runner, filled_db):
    collection = json.loads(_mentions(runner, filled_db, "--format", "geojson"))
    assert collection["type"] == "FeatureCollection"
    with Store(filled_db) as store:
        placed = [r for r in store.mention_rows() if r["lat"] is not None]
    assert len(collection["features"]) == len(placed) > 0
    for feature, row in zip(collection["features"], placed, strict=True):
        assert feature["type"] == "Feature"
        assert feature["geometry"] == {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        assert feature["properties"]["surface"] == row["surface"]
        assert "lat" not in feature["properties"] and "lon" not in feature["properties"]


def test_mentions_table(runner, filled_db):
    lines = _mentions(runner, filled_db).splitlines()
    # Each mention with its article's title and an excerpt of its sentence.
    assert lines[0].split() == ["surface", "role", "name", "country", "lat", "lon", "score",
                                "title", "sentence"]
    with Store(filled_db) as store:
        rows = store.mention_rows()
    assert len(lines) == 2 + len(rows)
    kursk = next(line for line in lines if line.startswith("Kursk "))
    assert "51.7373" in kursk and "36.1874" in kursk and "0.90" in kursk
    row = next(r for r in rows if r["surface"] == "Kursk")
    assert row["title"][:20] in kursk and " ".join(row["sentence"].split())[:20] in kursk


def test_mentions_without_database(runner):
    result = runner.invoke(main, ["mentions", "--db", "nowhere.sqlite"])
    assert result.exit_code == 1
    assert "nowhere.sqlite: no such database" in result.stderr
    assert not Path("nowhere.sqlite").exists()


@pytest.mark.parametrize("command", [["mentions"], ["claims"], ["areas"]])
def test_reading_commands_never_create_a_store_named_by_url(runner, tmp_path, command):
    missing = tmp_path / "nowhere.sqlite"
    result = runner.invoke(main, [*command, "--db", f"sqlite:///{missing}"])
    assert result.exit_code == 1
    assert "no such database" in result.stderr
    assert not missing.exists()


def test_geocode(runner, requires_gazetteer):
    result = runner.invoke(main, ["geocode", "Kursk", "--country", "RU", "--feature", "city",
                                  "--format", "json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    places = json.loads(result.stdout)
    assert 1 <= len(places) <= 2
    assert (places[0]["name"], places[0]["country"], places[0]["feature"]) == (
        "Kursk", "RU", "city")
    assert {"key", "lat", "lon", "admin1", "geonameid", "population"} <= set(places[0])
    table = runner.invoke(main, ["geocode", "Kursk"])
    assert table.exit_code == 0 and table.stdout.splitlines()[0].split()[0] == "name"
    missing = runner.invoke(main, ["geocode", "Qwxzvbnmland"])
    assert missing.exit_code == 1 and "no place found" in missing.stderr


def test_ingest_with_real_parser(runner, db_path, seed, requires_gazetteer):
    result = runner.invoke(main, ["ingest", "--db", str(db_path), str(seed)])
    assert result.exit_code == 0, result.output
    rows = json.loads(_mentions(runner, db_path, "--format", "json"))
    assert any(row["name"].startswith("Kursk") for row in rows if row["name"])


def test_ingest_missing_path_and_bad_date_are_one_line_each(runner, tmp_path, db_path, seed,
                                                             parse):
    (tmp_path / "bad.md").write_text("---\npublished: 2025-13-01\n---\nKyiv said.\n",
                                     encoding="utf-8")
    result = runner.invoke(main, ["ingest", "--db", str(db_path), "nosuch", "bad.md",
                                  str(seed)], obj={"parse": parse})
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "nosuch: no such file or directory"
    assert lines[1].startswith("bad.md:2: bad date in front matter: ")
    assert result.stdout.startswith("1 new article (") and "2 failed" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("files", [[], ["table.csv"]], ids=["empty", "csv-only"])
def test_ingest_directory_with_nothing_to_ingest_exits_1(runner, tmp_path, db_path, parse,
                                                         files):
    (tmp_path / "inbox").mkdir()
    for name in files:
        (tmp_path / "inbox" / name).write_text("a,b\n", encoding="utf-8")
    result = runner.invoke(main, ["ingest", "--db", str(db_path), "inbox"], obj={"parse": parse})
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "inbox: nothing to ingest (no .txt/.md/.json/.jsonl/.html/.htm files under it)"]
    assert result.stdout.strip() == "0 new articles (0 mentions, 0 claims), 0 duplicate, 1 failed"


def test_geocode_error_does_not_echo_a_long_query(runner, requires_gazetteer):
    query = "Qwxzvbnm " * 1_334  # 12,006 characters
    result = runner.invoke(main, ["geocode", query])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: no place found for {query[:80] + '…'!r}"


def test_one_json_lines_file_shows_progress_record_by_record(runner, tmp_path, db_path, parse):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"title": f"t{i}", "text": f"Shelling near Kursk, {i}."})
                            + "\n" for i in range(6)), encoding="utf-8")
    result = runner.invoke(main, ["ingest", "--db", str(db_path), str(feed)],
                           obj={"parse": parse})
    assert result.exit_code == 0, result.output
    assert "Ingesting" in result.stderr  # one file, six records: a bar by record
    assert result.stdout.startswith("6 new articles (")
    quiet = runner.invoke(main, ["ingest", "-q", "--db", str(db_path), str(feed)],
                          obj={"parse": parse})
    assert (quiet.exit_code, quiet.output) == (0, "")


def test_claims_table_prints_words_and_json_keeps_raw_values(runner, tmp_path):
    db = tmp_path / "claims.sqlite"
    added = runner.invoke(main, ["claims", "add", "--db", str(db), "--region", "RU-KRS",
                                 "--action", "regained", "--actor", "Russian forces",
                                 "--value", "40", "--unit", "percent", "--bound", "at_least",
                                 "--quote", "at least 40%", "--source", "https://example.org"])
    assert added.exit_code == 0, added.output
    table = runner.invoke(main, ["claims", "--db", str(db)]).stdout.splitlines()
    assert "at least" in table[2] and "at_least" not in table[2]
    assert table[2].split()[-1] == "no" and "None" not in table[2] and "False" not in table[2]
    assert "Russia" in table[2] and "reports" in table[2]
    (raw,) = json.loads(runner.invoke(main, ["claims", "--db", str(db), "--format",
                                             "json"]).stdout)
    assert (raw["bound"], raw["negated"], raw["claimant"]) == ("at_least", False, None)
