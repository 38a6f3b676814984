"""`geo.evaluate.geoparse*` and `conflict-map evaluate`: the same numbers as the corpora's
reference scorer.

The reference scorer lives beside the shared corpora (`../shared/corpora/reference_score.py`);
tests that need it or a dev file skip with the reason when the folder is absent. The product
never reads it.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli.main import main
from geo.evaluate.corpus import read_corpus, split_by_corpus
from geo.evaluate.geoparse import drop_roles
from geo.evaluate.metrics import EARTH_HALF_KM, Prediction, geoparse_scores, km, match

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = SHARED / "corpora"
REFERENCE = CORPORA / "reference_score.py"
TRNEWS = CORPORA / "trnews.dev.jsonl"
SLICE = 8  # articles of TR-News parsed for the end-to-end comparison (about 1 s)


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE.exists():
        pytest.skip(f"reference scorer not found at {REFERENCE} (the shared corpora folder "
                    "is not next to this checkout)")
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _p(start, end, lat=None, lon=None, gid=None, role="literal") -> Prediction:
    return Prediction(start, end, lat, lon, gid, role=role)


def _both(reference, records, preds):
    mine = geoparse_scores(records, preds)
    theirs = reference.geoparse_scores(records, [[p.as_dict() for p in ps] for ps in preds])
    return mine, theirs


# The reference's worked example: an exact 0 km hit, a 222 km miss and a non-toponym.
WORKED = {"text": "Fighting near Sudzha and Kyiv.", "toponyms": [
    {"start": 14, "end": 20, "name": "Sudzha", "lat": 51.19, "lon": 35.27, "geonameid": 485660},
    {"start": 25, "end": 29, "name": "Kyiv", "lat": 50.45, "lon": 30.52, "geonameid": 703448}]}
WORKED_PREDS = [_p(14, 20, 51.19, 35.27), _p(25, 29, 48.45, 30.52), _p(0, 8, 0.0, 0.0)]


def test_worked_example_gives_the_documented_numbers(reference):
    mine, theirs = _both(reference, [WORKED], [WORKED_PREDS])
    assert mine == theirs
    assert (mine["n_pred"], mine["n_gold"]) == (3, 2)
    assert mine["precision"] == pytest.approx(2 / 3) and mine["recall"] == 1.0
    assert mine["f1"] == pytest.approx(0.8)
    assert mine["acc161"] == 0.5 and mine["recall161"] == 0.5
    off = km(50.45, 30.52, 48.45, 30.52)
    assert mine["mean_km"] == pytest.approx(off / 2)
    assert mine["auc"] == pytest.approx(math.log1p(off) / math.log1p(EARTH_HALF_KM) / 2)


EDGE_CASES = {
    "nothing predicted": ([WORKED], [[]]),
    "nothing at all": ([{"text": "", "toponyms": []}], [[]]),
    "same id without a point is a hit at 0 km": (
        [WORKED], [[_p(14, 20, None, None, 485660), _p(25, 29, None, None, 1)]]),
    "no point and no id counts half the Earth": ([WORKED], [[_p(25, 29)]]),
    "gold without a point is matched but not resolved": (
        [{"text": "Robotyne and Kyiv", "toponyms": [
            {"start": 0, "end": 8, "name": "Robotyne", "lat": None, "lon": None,
             "geonameid": None},
            {"start": 13, "end": 17, "name": "Kyiv", "lat": 50.45, "lon": 30.52,
             "geonameid": 703448}]}],
        [[_p(0, 8, 47.4, 35.8), _p(13, 17, 50.4, 30.5)]]),
    "one prediction overlapping two gold spans takes the first": (
        [WORKED], [[_p(10, 29, 51.19, 35.27)]]),
    "unsorted predictions are taken in text order": (
        [WORKED], [[_p(25, 29, 50.45, 30.52), _p(14, 20, 40.0, 35.27), _p(14, 17, 51.19, 35.27)]]),
    "partial overlap is a match, not an exact one": ([WORKED], [[_p(13, 22, 51.2, 35.3)]]),
    "an even number of errors (median of two middles)": (
        [WORKED, WORKED], [[_p(14, 20, 52.0, 35.0), _p(25, 29, 10.0, 10.0)],
                           [_p(14, 20, 51.19, 35.27), _p(25, 29, 50.0, 30.0)]]),
}


@pytest.mark.parametrize("case", EDGE_CASES)
def test_edge_cases_agree_with_the_reference(reference, case):
    records, preds = EDGE_CASES[case]
    mine, theirs = _both(reference, records, preds)
    assert mine == theirs


def test_match_pairs_are_one_to_one_and_in_text_order():
    pairs = match(WORKED["toponyms"], [_p(25, 29), _p(0, 30), _p(14, 20)])
    assert [(p.pred, p.gold) for p in pairs] == [(1, 0), (0, 1)]
    assert [p.exact for p in pairs] == [False, True]  # (14, 20) came too late: unmatched


def test_drop_roles_removes_gold_rows_and_predictions_of_that_role():
    rec = {"text": "Russian forces hit Kyiv", "toponyms": [
        {"start": 0, "end": 7, "lat": 60.0, "lon": 100.0, "geonameid": 2017370,
         "type": "adjectival"},
        {"start": 19, "end": 23, "lat": 50.45, "lon": 30.52, "geonameid": 703448,
         "type": "literal"}]}
    preds = [[_p(0, 7, 60.0, 100.0, 2017370, "adjectival"), _p(19, 23, 50.45, 30.52)]]
    kept, kept_preds = drop_roles([rec], preds, ["adjectival"])
    assert [g["start"] for g in kept[0]["toponyms"]] == [19]
    assert [p.start for p in kept_preds[0]] == [19]
    assert rec["toponyms"][0]["type"] == "adjectival"  # the input is left alone
    # On gold spans a prediction goes with its gold row, whatever role the parser gave it.
    wrong_role = [[_p(0, 7, role="literal"), _p(19, 23, role="adjectival")]]
    _, by_gold = drop_roles([rec], wrong_role, ["adjectival"], by_gold=True)
    assert [p.start for p in by_gold[0]] == [19]


def test_read_corpus_checks_lines_and_groups_by_corpus(tmp_path):
    good = tmp_path / "mini.dev.jsonl"
    # U+2028 inside a text is legal unescaped JSON and must not split the line.
    lines = [{"id": str(i), "corpus": c, "text": "In Kyiv.\u2028", "toponyms": [
        {"start": 3, "end": 7, "name": "Kyiv", "lat": 50.45, "lon": 30.52,
         "geonameid": 703448}]} for i, c in enumerate("aab")]
    good.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                    encoding="utf-8")
    groups = split_by_corpus(read_corpus(good), limit=1)
    assert {k: len(v) for k, v in groups.items()} == {"a": 1, "b": 1}
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(lines[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2"):
        read_corpus(bad)


# From here on the real parser and gazetteer are used.


@pytest.fixture(scope="module")
def trnews_slice():
    if not TRNEWS.exists():
        pytest.skip(f"dev corpus not found at {TRNEWS}")
    return read_corpus(TRNEWS)[:SLICE]


@pytest.mark.usefixtures("requires_gazetteer")
@pytest.mark.parametrize("system", ["conflict-map", "population-baseline"])
def test_real_dev_slice_scores_equal_the_reference(reference, trnews_slice, system):
    from geo.evaluate.geoparse import predict

    preds = predict(trnews_slice, system=system)
    assert sum(map(len, preds)) > 20
    mine, theirs = _both(reference, trnews_slice, preds)
    assert mine == theirs
    assert mine["n_gold"] == sum(len(r["toponyms"]) for r in trnews_slice)


@pytest.mark.usefixtures("requires_gazetteer")
def test_gold_spans_resolve_in_context_and_score_like_the_reference(reference, trnews_slice):
    from geo.evaluate.geoparse import predict, resolve_gold_spans

    preds = predict(trnews_slice, system="conflict-map", gold_spans=True)
    mine, theirs = _both(reference, trnews_slice, preds)
    assert mine == theirs
    assert mine["precision"] == 1.0 and mine["f1_exact"] == 1.0
    # Context decides: the same surface goes to different places in different articles.
    text = "Residents of Paris, Texas, said the storm hit Lamar County hardest."
    paris, texas = resolve_gold_spans(text, _spans(text, "Paris", "Texas"))
    assert (paris.country, texas.country) == ("US", "US")
    (paris,) = resolve_gold_spans("Tourists left Paris after the strike.", [(14, 19)])
    assert paris.country == "FR"
    text = "KYIV, Ukraine — Shelling hit Kharkiv and Kupiansk."
    resolved = resolve_gold_spans(text, _spans(text, "KYIV", "Kharkiv", "Kupiansk"))
    assert {p.country for p in resolved} == {"UA"}


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


@pytest.fixture
def mini_corpus(tmp_path) -> Path:
    """Two tiny corpora written for this test (not copied from the shared ones)."""
    texts = {
        "news": ("Ukrainian forces left Vuhledar, near Donetsk, officials in Kyiv said.",
                 ["Ukrainian", "Vuhledar", "Donetsk", "Kyiv"]),
        "tweets": ("Flooding in Lagos again, friends in Abuja are fine", ["Lagos", "Abuja"]),
    }
    points = {"Ukrainian": (49.0, 32.0, "adjectival"), "Vuhledar": (47.78, 37.25, "literal"),
              "Donetsk": (48.02, 37.80, "literal"), "Kyiv": (50.45, 30.52, "literal"),
              "Lagos": (6.45, 3.39, "literal"), "Abuja": (9.06, 7.49, "literal")}
    path = tmp_path / "mini.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for corpus, (text, names) in texts.items():
            gold = []
            for name in names:
                lat, lon, kind = points[name]
                start = text.index(name)
                gold.append({"start": start, "end": start + len(name), "name": name,
                             "lat": lat, "lon": lon, "geonameid": None, "type": kind})
            f.write(json.dumps({"id": corpus, "corpus": corpus, "text": text,
                                "toponyms": gold}) + "\n")
    return path


@pytest.mark.usefixtures("requires_gazetteer")
def test_cli_json_has_one_object_per_corpus(mini_corpus):
    result = CliRunner().invoke(main, ["evaluate", str(mini_corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["corpus"] for r in rows] == ["news", "tweets"]
    keys = ["corpus", "n_gold", "n_pred", "precision", "recall", "f1", "f1_exact", "acc161",
            "recall161", "mean_km", "median_km", "auc", "articles_per_s"]
    assert all(list(r) == keys for r in rows)
    assert rows[0]["n_gold"] == 4 and rows[0]["recall161"] > 0.7
    assert "news: conflict-map" in result.stderr  # the progress bar's label


@pytest.mark.usefixtures("requires_gazetteer")
def test_cli_table_baseline_drop_roles_and_errors(mini_corpus, tmp_path):
    out = tmp_path / "errors.csv"
    args = ["evaluate", str(mini_corpus), "--system", "population-baseline", "--drop-roles",
            "adjectival", "--errors", str(out), "--limit", "1", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    header, _rule, *lines = result.stdout.splitlines()
    assert header.split()[:3] == ["corpus", "n_gold", "n_pred"]
    assert [line.split()[:2] for line in lines] == [["news", "3"], ["tweets", "2"]]
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["error"] for r in rows} <= {"missed", "wrong", "false_positive"}
    assert all(r["why"] for r in rows)
    assert result.stderr.strip() == f"{len(rows)} errors written to {out}"


def test_cli_reports_a_bad_corpus_in_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(bad), "-q"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {bad}:1: expected an object with 'text' and "
                                     "'toponyms'")


@pytest.fixture
def cv_corpus(tmp_path) -> Path:
    """Six short articles written for this test, enough for three folds of two."""
    texts = [
        ("Shelling hit Kharkiv overnight, officials in Kyiv said.", ["Kharkiv", "Kyiv"]),
        ("Floods closed roads around Lagos and Ibadan on Monday.", ["Lagos", "Ibadan"]),
        ("Protesters marched in Paris and Lyon against the reform.", ["Paris", "Lyon"]),
        ("Police in Denver said the storm moved toward Kansas.", ["Denver", "Kansas"]),
        ("Aid reached Khartoum while fighting went on near El Fasher.", ["Khartoum"]),
        ("Rescuers in Manila searched for survivors after the typhoon.", ["Manila"]),
    ]
    points = {"Kharkiv": (49.98, 36.25), "Kyiv": (50.45, 30.52), "Lagos": (6.45, 3.39),
              "Ibadan": (7.38, 3.90), "Paris": (48.85, 2.35), "Lyon": (45.76, 4.84),
              "Denver": (39.74, -104.98), "Kansas": (38.5, -98.0), "Khartoum": (15.55, 32.53),
              "Manila": (14.60, 120.98)}
    path = tmp_path / "cv.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i, (text, names) in enumerate(texts):
            gold = [{"start": text.index(n), "end": text.index(n) + len(n), "name": n,
                     "lat": points[n][0], "lon": points[n][1], "geonameid": None}
                    for n in names]
            f.write(json.dumps({"id": f"cv{i}", "corpus": "small", "text": text,
                                "toponyms": gold}) + "\n")
    return path


@pytest.mark.usefixtures("requires_gazetteer")
def test_cli_cv_scores_each_fold_with_a_model_trained_on_the_others(cv_corpus, tmp_path,
                                                                     monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("CONFLICT_MAP_RANKER_CACHE", str(cache))
    args = ["evaluate", str(cv_corpus), "--cv", "3", "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["corpus"] == "small" and row["n_gold"] == 10
    assert 0.0 <= row["f1"] <= 1.0 and row["articles_per_s"] > 0
    assert "3-fold cross-validation" in result.stderr
    assert len(list(cache.glob("*.pkl"))) == 1
    again = CliRunner().invoke(main, [*args, "-q"])  # from the cache, same numbers
    assert json.loads(again.stdout)[0]["f1"] == row["f1"]


def test_cli_cv_needs_the_parser_end_to_end(cv_corpus):
    result = CliRunner().invoke(main, ["evaluate", str(cv_corpus), "--cv", "3", "--gold-spans"])
    assert result.exit_code == 2
    assert "--cv applies to the conflict-map system end to end only" in result.output
