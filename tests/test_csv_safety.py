"""CSV formula injection (OWASP "CSV Injection"): every CSV the project writes is safe to open
in a spreadsheet. A text cell beginning with = + - @, tab, CR or LF gets a leading ', numbers
stay numbers, and the dashboard's downloads, the CLI and `evaluate --errors` share one writer."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from geo.access import local_editor
from geo.cli import evaluate as cli_evaluate
from geo.cli.main import main
from geo.control.export import claims_csv
from geo.io.export import FORMULA_TRIGGERS, csv_safe, mentions_csv, write_csv
from geo.models import Article, Claim, Mention, Place, article_id
from geo.store.database import CLAIM_COLUMNS, MENTION_COLUMNS, Store

ROOT = Path(__file__).resolve().parent.parent
LINK = '=HYPERLINK("https://example.org","click")'
DANGEROUS = ["=", "+", "-", "@", "\t", "\r", "\n"]

# An article whose stored text, title, source, place name, claim fields and quote all begin
# with a formula trigger; the place lies west of Greenwich (a negative longitude).
TEXT = f"-Sudzha was shelled. {LINK} said +Kursk forces. Later more."
ARTICLE = Article(id=article_id(TEXT), text=TEXT, title=LINK, source="@reporter",
                  url="https://example.org/a", published="2025-03-12")
PLACE = Place("gn:5128581", "@New York", 40.71, -73.9, "city", "US", "+NY", 5128581, 8804190)
_SENTENCE = "-Sudzha was shelled."
MENTION = Mention("text", "-Sudzha", 0, 7, _SENTENCE, 0, "literal", PLACE, 0.9, "=test")
_QUOTE_AT = TEXT.index(LINK)
_QUOTE = TEXT[_QUOTE_AT:TEXT.index("Later")].rstrip()
CLAIM = Claim(article_id=ARTICLE.id, action="regained", quote=_QUOTE, start=_QUOTE_AT,
              end=_QUOTE_AT + len(_QUOTE), actor="+Russian forces", value=-5.0, unit="percent",
              bound="over", region="RU-KRS", region_name="-Kursk Oblast", denominator="\tland",
              claimant="@MoD", published="2025-03-12")


def _parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def dangerous_db(tmp_path) -> Path:
    db = tmp_path / "dangerous.sqlite"
    with Store(db) as store:
        assert store.add_article(ARTICLE, [MENTION], [CLAIM], editor=local_editor())
    return db


def _check_mentions(rows: list[dict[str, str]]) -> None:
    (row,) = rows
    assert row["title"] == "'" + LINK
    assert row["surface"] == "'-Sudzha" and row["sentence"] == "'" + _SENTENCE
    assert (row["name"], row["admin1"], row["source"], row["reason"]) == (
        "'@New York", "'+NY", "'@reporter", "'=test")
    assert row["lon"] == "-73.9" and row["lat"] == "40.71"  # numbers are left alone
    assert row["url"] == "https://example.org/a" and row["role"] == "literal"


def _check_claims(rows: list[dict[str, str]]) -> None:
    (row,) = rows
    assert row["quote"] == "'" + _QUOTE and row["title"] == "'" + LINK
    assert (row["actor"], row["region_name"], row["claimant"], row["denominator"]) == (
        "'+Russian forces", "'-Kursk Oblast", "'@MoD", "'\tland")
    assert row["value"] == "-5.0" and row["region"] == "RU-KRS"


@pytest.mark.parametrize("char", DANGEROUS, ids=repr)
@pytest.mark.parametrize("column", ["title", "surface", "sentence", "name", "source"])
def test_mentions_csv_prefixes_formula_cells(char, column):
    value = f"{char}cmd|' /C calc'!A0"
    (row,) = _parse(mentions_csv([{column: value, "lon": -73.9, "score": -0.5}]))
    assert row[column] == "'" + value
    assert (row["lon"], row["score"]) == ("-73.9", "-0.5")


@pytest.mark.parametrize("char", DANGEROUS, ids=repr)
@pytest.mark.parametrize("column", ["quote", "region_name", "actor", "claimant", "title"])
def test_claims_csv_prefixes_formula_cells(char, column):
    value = f"{char}1+1"
    (row,) = _parse(claims_csv([{column: value, "value": -86.0}]))
    assert row[column] == "'" + value
    assert row["value"] == "-86.0"


def test_hyperlink_formula_is_quoted_and_neutralised():
    text = mentions_csv([{"title": LINK}], columns=("title",))
    assert text == 'title\n"\'=HYPERLINK(""https://example.org"",""click"")"\n'


@pytest.mark.parametrize("value", ["x\r=1+1", "x\n=1+1", "x\r\n=1+1", 'say "hi", then'])
def test_line_breaks_and_quotes_stay_inside_their_cell(value):
    """A CR after text must not start a new row whose first cell is an unprefixed formula."""
    text = mentions_csv([{"title": value, "lon": -73.9}], columns=("title", "lon"))
    assert text.startswith('title,lon\n"') and text.endswith('",-73.9\n')
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["title", "lon"],
                                                                [value, "-73.9"]]


@pytest.mark.parametrize("value", ["Kursk", "a=b", "x-1", " =1", "", "'=1", "Ünïcode"])
def test_harmless_text_is_unchanged(value):
    assert csv_safe(value) == value


@pytest.mark.parametrize("value", [-73.9, -1, 0, 2.5, None, True])
def test_non_text_values_are_unchanged(value):
    assert csv_safe(value) is value


def test_the_triggers_are_owasps():
    assert set(FORMULA_TRIGGERS) == set(DANGEROUS)


def test_mentions_and_claims_csv_from_a_store(dangerous_db):
    with Store(dangerous_db) as store:
        _check_mentions(_parse(mentions_csv(store.mention_rows())))
        _check_claims(_parse(claims_csv(store.claims())))


@pytest.mark.parametrize("command", ["mentions", "claims"])
def test_cli_csv_is_neutralised(dangerous_db, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONFLICT_MAP_DB", raising=False)
    result = CliRunner().invoke(main, [command, "--db", str(dangerous_db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = _parse(result.stdout)
    assert tuple(rows[0]) == (MENTION_COLUMNS if command == "mentions"
                              else (*CLAIM_COLUMNS, "side", "claimant_side"))
    (_check_mentions if command == "mentions" else _check_claims)(rows)


def test_evaluate_errors_csv_is_neutralised(tmp_path):
    out = tmp_path / "errors.csv"
    cli_evaluate._write_csv(out, [{"corpus": "news", "surface": "=1+1", "km": -3.5,
                                   "context": "@SUM(A1)"}], ("corpus", "surface", "km", "context"))
    assert _parse(out.read_text(encoding="utf-8")) == [
        {"corpus": "news", "surface": "'=1+1", "km": "-3.5", "context": "'@SUM(A1)"}]


def test_write_csv_keeps_missing_cells_empty_and_ignores_extra_keys():
    buffer = io.StringIO()
    write_csv(buffer, [{"a": "-x", "z": "ignored"}, {"b": -1}], ("a", "b"))
    assert buffer.getvalue() == "a,b\n'-x,\n,-1\n"


def test_dashboard_downloads_use_the_safe_serialisers(dangerous_db, monkeypatch):
    """The download buttons' deferred data, as the browser would fetch it on a click."""
    files: dict[str, object] = {}
    original = DeltaGenerator.download_button

    def capture(self, label, data, *args, **kwargs):
        files[label] = data
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", capture)
    monkeypatch.setenv("CONFLICT_MAP_DB", str(dangerous_db))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.run()
    at.run()  # the second run draws the claims panel (see tests/test_app.py)
    assert not at.exception
    _check_mentions(_parse(files["Mentions (CSV)"]()))
    _check_claims(_parse(files["Claims (CSV)"]()))
