"""Claims in the store, through ingest and through the CLI (`claims`, `evaluate-claims`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.access import local_editor
from geo.cli.main import main
from geo.errors import StoreError
from geo.io.ingest import ingest_paths
from geo.models import CLAIM_FIELDS, Article, Claim, article_id
from geo.store.database import CLAIM_COLUMNS, Store

TEXT = ("Ukrainian forces have recaptured about 40 square kilometres near Bakhmut, Deputy "
        "Defence Minister Hanna Maliar said. Russia denied it.")
QUOTE = TEXT[:TEXT.index(" Russia")]


def _article(text: str = TEXT, **fields) -> Article:
    return Article(id=article_id(text), text=text, **fields)


def _claims(article: Article) -> list[Claim]:
    full = Claim(article.id, "regained", QUOTE, 0, len(QUOTE), actor="Ukrainian forces",
                 value=40, unit="km2", bound="about", region=None, region_name="Bakhmut",
                 denominator="land near Bakhmut", claimant="Hanna Maliar", negated=False,
                 published="2023-08-14")
    bare = Claim(article.id, "denied", QUOTE, 0, len(QUOTE), negated=True)
    shares = Claim(article.id, "controls", QUOTE, 0, len(QUOTE), actor="Russia", value=33.3,
                   unit="percent", bound="under", region="UA-14", region_name="Donetsk Oblast",
                   denominator="the region")
    return [full, bare, shares]


def _from_row(row: dict) -> Claim:
    return Claim(**{name: row[name] for name in CLAIM_FIELDS})


def test_claim_round_trip(store):
    article = _article(published="2023-08-14", title="Gains near Bakhmut", url="https://x.y/1")
    written = _claims(article)
    assert store.add_article(article, [], written, editor=local_editor()) is True
    rows = store.claims()
    assert all(tuple(row) == CLAIM_COLUMNS for row in rows)
    assert sorted(map(_from_row, rows), key=repr) == sorted(written, key=repr)
    assert {row["title"] for row in rows} == {"Gains near Bakhmut"}
    assert all(isinstance(row["negated"], bool) for row in rows)


def test_claims_filter_by_region_code_or_name(store):
    article = _article()
    store.add_article(article, [], _claims(article), editor=local_editor())
    assert [r["region_name"] for r in store.claims("ua-14")] == ["Donetsk Oblast"]
    assert [r["region_name"] for r in store.claims("bakhmut")] == ["Bakhmut"]
    assert store.claims("RU-KRS") == []
    assert len(store.claims(article_id=article.id)) == 3
    assert store.claims(article_id="0" * 64) == []


def test_claims_filter_finds_units_listed_together_and_countries(store):
    text = "Rebels hold 60% of two provinces and a fifth of the country."
    article = _article(text)
    joined = Claim(article.id, "controls", text, 0, len(text), value=60.0, unit="percent",
                   region="SY-DR,SY-QU", region_name="Daraa and Quneitra provinces")
    country = Claim(article.id, "controls", text, 0, len(text), value=20.0, unit="percent",
                    region="SY", region_name="Syria")
    store.add_article(article, [], [joined, country], editor=local_editor())
    assert [r["region"] for r in store.claims("sy-qu")] == ["SY-DR,SY-QU"]
    assert [r["region"] for r in store.claims("SY-DR")] == ["SY-DR,SY-QU"]
    assert [r["region"] for r in store.claims("SY")] == ["SY"]
    assert store.claims("SY-D") == [] and store.claims("DR") == []


def test_a_claim_whose_quote_is_not_the_text_is_refused_and_nothing_is_written(store):
    article = _article()
    wrong = Claim(article.id, "captured", "Russian forces", 0, 14)
    with pytest.raises(StoreError, match="does not match the text"):
        store.add_article(article, [], [wrong], editor=local_editor())
    assert store.counts()["articles"] == 0 and store.claims() == []
    other = Claim("0" * 64, "captured", QUOTE, 0, len(QUOTE))
    with pytest.raises(StoreError, match="belongs to article"):
        store.add_article(article, [], [other], editor=local_editor())


def test_adding_an_article_again_adds_no_claims(store):
    article = _article()
    assert store.add_article(article, [], _claims(article), editor=local_editor()) is True
    assert store.add_article(article, [], _claims(article), editor=local_editor()) is False
    assert len(store.claims()) == 3


def test_add_article_without_claims_still_works(store):
    assert store.add_article(_article(), [], editor=local_editor()) is True
    assert store.claims() == []


def test_claim_checks_its_values():
    with pytest.raises(ValueError, match="unit"):
        Claim("a", "captured", "x", 0, 1, unit="acres")
    with pytest.raises(ValueError, match="bound"):
        Claim("a", "captured", "x", 0, 1, bound="more")
    with pytest.raises(ValueError, match="action"):
        Claim("a", "took", "x", 0, 1)
    with pytest.raises(ValueError, match="span"):
        Claim("a", "captured", "xy", 0, 1)


@pytest.mark.usefixtures("requires_gazetteer")
def test_ingesting_the_seed_stores_its_claim_once(seed, store):
    first = ingest_paths([seed], store, editor=local_editor())
    second = ingest_paths([seed], store, editor=local_editor())
    assert (len(first.new), len(second.duplicate), first.failed) == (1, 1, [])
    rows = store.claims()
    assert len(rows) == 1
    row = rows[0]
    assert (row["actor"], row["action"], row["value"], row["unit"], row["bound"],
            row["region"], row["region_name"], row["claimant"], row["negated"]) == (
        "Russian forces", "regained", 86.0, "percent", "over", "RU-KRS", "Kursk Oblast",
        "reports", False)
    article = store.article(row["article_id"])
    assert article.text[row["start"]:row["end"]] == row["quote"]


def test_ingest_uses_the_given_extractor(seed, store, parse):
    calls = []

    def extract(article, mentions):
        calls.append(len(mentions))
        return []

    report = ingest_paths([seed], store, parse=parse, extract=extract, editor=local_editor())
    assert (len(report.new), report.failed) == (1, [])
    assert calls and calls[0] > 0 and store.claims() == []


# -- command line ------------------------------------------------------------------------------


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONFLICT_MAP_DB", raising=False)
    return CliRunner()


@pytest.fixture
def claims_db(db_path) -> Path:
    with Store(db_path) as store:
        article = _article(title="Gains near Bakhmut")
        store.add_article(article, [], _claims(article), editor=local_editor())
    return db_path


def test_claims_json(runner, claims_db):
    result = runner.invoke(main, ["claims", "--db", str(claims_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 3
    assert all(set(CLAIM_FIELDS) <= set(row) for row in rows)
    only = runner.invoke(main, ["claims", "--db", str(claims_db), "--region", "UA-14",
                                "--format", "json"])
    assert [r["region"] for r in json.loads(only.stdout)] == ["UA-14"]


def test_claims_csv_and_table(runner, claims_db):
    result = runner.invoke(main, ["claims", "--db", str(claims_db), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == (*CLAIM_COLUMNS, "side", "claimant_side") and len(rows) == 3
    table = runner.invoke(main, ["claims", "--db", str(claims_db)])
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split()[:3] == ["published", "region", "region_name"]
    assert "Donetsk Oblast" in table.stdout
    empty = runner.invoke(main, ["claims", "--db", str(claims_db), "--region", "XX-1"])
    assert (empty.exit_code, empty.stdout, empty.stderr.strip()) == (0, "", "no claims")


def test_claims_without_a_database_fails_in_one_line(runner):
    result = runner.invoke(main, ["claims", "--db", "missing.sqlite"])
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Error: missing.sqlite: no such database; run "
                                     "'conflict-map ingest' first")


@pytest.mark.usefixtures("requires_gazetteer")
def test_evaluate_claims_json_equals_the_evaluator(runner, tmp_path):
    from geo.claims.extract import extract_claims
    from geo.evaluate.claims import action_share, score_claims
    from geo.geoparse.parse import parse_article
    from geo.io.readers import iter_records

    records = [
        {"id": "t1", "text": "Russian forces have regained over 86% of the land once held by "
                             "Ukrainian troops in the Kursk region, reports said.",
         "published": None, "claims": [
             {"actor": "Russian forces", "action": "regained", "value": 86, "unit": "percent",
              "bound": "over", "region": "Kursk Oblast", "denominator": "the land",
              "claimant": None, "negated": False}]},
        {"id": "t2", "text": "Approximately 430 Ukrainian soldiers have been taken captive.",
         "published": "2025-03-12", "claims": []},
        {"id": "t3", "text": "Ukraine said its troops had liberated the town of Kupiansk.",
         "published": None, "claims": [
             {"actor": "Ukrainian troops", "action": "liberated", "value": None, "unit": None,
              "bound": None, "region": "Kupiansk", "denominator": None, "claimant": "Ukraine",
              "negated": False}]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = runner.invoke(main, ["evaluate-claims", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert {"n_gold", "n_pred", "precision", "recall", "f1", "region_acc", "bound_acc",
            "claimant_acc"} <= set(printed)
    predictions = [[c.as_dict() for c in extract_claims(a, parse_article(a))]
                   for a in iter_records(path)]
    placeable = printed.pop("region_placeable")
    actions = printed.pop("action_acc")
    assert printed == score_claims(records, predictions)
    assert (printed["n_gold"], printed["n_pred"], printed["f1"]) == (2, 2, 1.0)
    assert placeable == 1.0  # Kursk Oblast has a code, Kupiansk a gazetteer point
    assert actions == action_share(records, predictions) == 1.0  # regained, liberated
    table = runner.invoke(main, ["evaluate-claims", str(path)])
    assert table.exit_code == 0 and "claimant_acc" in table.stdout and "action_acc" in table.stdout


@pytest.mark.usefixtures("requires_gazetteer")
def test_evaluate_claims_selects_records_by_split_and_id(runner, tmp_path):
    from geo.evaluate.claims import in_split

    claim = {"actor": "Ukraine", "action": "liberated", "value": None, "unit": None,
             "bound": None, "region": "Kupiansk", "denominator": None, "claimant": None,
             "negated": False}
    text = "Ukrainian troops liberated the town of Kupiansk."
    ids = ["c001", "u001", "u003", "v006", "v010"]
    records = [{"id": i, "text": text, "published": None, "claims": [claim]} for i in ids]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert [i for i in ids if in_split(i, "test")] == ["u003", "v006"]
    assert [i for i in ids if in_split(i, "train")] == ["u001", "v010"]
    assert [i for i in ids if in_split(i, "first")] == ["c001"]
    for options, n in ((["--split", "test"], 2), (["--split", "train"], 2),
                       (["--split", "first"], 1), (["--ids", "^v"], 2),
                       (["--split", "train", "--ids", "^u"], 1), ([], 5)):
        result = runner.invoke(main, ["evaluate-claims", str(path), "--format", "json",
                                      *options])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["n_gold"] == n, options
    none = runner.invoke(main, ["evaluate-claims", str(path), "--ids", "^x"])
    assert none.exit_code != 0 and "no record is selected" in none.output
    bad = runner.invoke(main, ["evaluate-claims", str(path), "--ids", "("])
    assert bad.exit_code != 0
    # --errors lists mistakes of train records, never of test records.
    gold = tmp_path / "wrong.jsonl"
    gold.write_text("".join(json.dumps({**r, "claims": [{**claim, "value": 5}]}) + "\n"
                            for r in records), encoding="utf-8")
    listed = runner.invoke(main, ["evaluate-claims", str(gold), "--errors"])
    assert listed.exit_code == 0, listed.output
    shown = {json.loads(line)["id"] for line in listed.stderr.splitlines()
             if line.startswith("{")}
    assert shown == {"c001", "u001", "v010"}
    assert "2 test-split records scored but not listed" in listed.stderr


def test_evaluate_claims_rejects_a_file_without_claims(runner, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x"}\n', encoding="utf-8")
    result = runner.invoke(main, ["evaluate-claims", str(path)])
    assert result.exit_code == 1
    assert "expected an object with a 'claims' list" in result.stderr
