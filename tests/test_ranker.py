"""The learned classifier and ranker: folds, deterministic training, shipped model, decisions."""

from __future__ import annotations

import json
import re

import pytest

from geo.errors import ModelError
from geo.evaluate.cross_validation import fold_of
from geo.evaluate.train_ranker import fit, train
from geo.geoparse.features import CAND_FEATURES, SPAN_FEATURES, CandItem, SpanItem
from geo.geoparse.ranker import (
    HIT_FEATURES,
    MODEL_PATH,
    Linear,
    Model,
    decide,
    load_model,
    model_from_dict,
)
from geo.models import Place


def _records(n_urls: int = 7, per_url: int = 3) -> list[dict]:
    """Paragraph records grouped by story, as in GeoVirus (one `source_url` per story)."""
    return [{"id": f"p{u}-{i}", "source_url": f"https://news.example/{u}", "text": "",
             "toponyms": []} for u in range(n_urls) for i in range(per_url)]


def test_folds_keep_each_story_in_one_fold_and_are_balanced():
    recs = _records()
    folds = fold_of(recs, 3)
    by_url: dict[str, set[int]] = {}
    for rec, f in zip(recs, folds, strict=True):
        by_url.setdefault(rec["source_url"], set()).add(f)
    assert all(len(fs) == 1 for fs in by_url.values())
    sizes = [sum(1 for u in by_url.values() if f in u) for f in range(3)]
    assert sorted(sizes) == [2, 2, 3]
    assert fold_of(list(reversed(recs)), 3) == list(reversed(folds))  # order-independent
    # Without a source_url the article id is the group.
    plain = [{"id": f"a{i}", "text": "", "toponyms": []} for i in range(10)]
    assert sorted(fold_of(plain, 5)) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_folds_refuse_too_few_groups():
    with pytest.raises(ValueError, match="at least 2 folds"):
        fold_of(_records(), 1)
    with pytest.raises(ValueError, match="at least 9 articles"):
        fold_of(_records(n_urls=4), 9)


def test_fit_is_deterministic_and_learns_the_sign():
    x = [[i / 10, (i * 7 % 5) / 5] for i in range(40)]
    y = [int(v[0] > 2.0) for v in x]
    y[3], y[30] = 1, 0  # not separable, so the weights stay finite
    a, b = fit(x, y, ("signal", "noise")), fit(x, y, ("signal", "noise"))
    assert a == b
    assert a.coef[0] > 1.0 and abs(a.coef[1]) < a.coef[0]
    assert a.logit([3.5, 0.4]) > 0 > a.logit([0.5, 0.4])


def _item(start: int, surface: str, cands: list[tuple[str, float]], *, rule_ok: bool = True,
          signal: float = 1.0) -> SpanItem:
    """A span item whose first span feature and first candidate feature carry `signal`."""
    x = [0.0] * len(SPAN_FEATURES)
    x[0] = signal
    items = []
    for i, (country, cand_signal) in enumerate(cands):
        cx = [0.0] * len(CAND_FEATURES)
        cx[0] = cand_signal
        place = Place(f"t:{surface}{i}", surface, 10.0 * i, 0.0, "city", country, None)
        items.append(CandItem(place=place, rule=5.0 - i, role="literal", x=cx))
    return SpanItem(start=start, end=start + len(surface), tok_start=0, surface=surface,
                    plaus=0.8, reason="gazetteer", rule_ok=rule_ok, rule_conf=0.9,
                    rule_reason="population", x=x, cands=items)


def _linear(names, first: float, intercept: float = 0.0) -> Linear:
    n = len(names)
    return Linear(tuple(names), (0.0,) * n, (1.0,) * n, (first,) + (0.0,) * (n - 1), intercept)


def test_decide_without_a_model_follows_the_rules():
    items = [_item(0, "Alpha", [("FR", 0.0), ("US", 1.0)]),
             _item(10, "Beta", [("DE", 0.0)], rule_ok=False)]
    (only,) = decide(items, None)
    item, cand, score, reason = only
    assert item.surface == "Alpha" and cand.place.country == "FR"
    assert score == round(0.8 * 0.9, 3) and reason == "population"
    assert len(decide(items, None, accept_all=True)) == 2


def test_decide_with_a_model_uses_classifier_and_ranker():
    model = Model(accept=_linear(SPAN_FEATURES, 4.0, -2.0), rank=_linear(CAND_FEATURES, 3.0),
                  hit=_linear(HIT_FEATURES, 0.0, 5.0))
    items = [_item(0, "Alpha", [("FR", 0.0), ("US", 1.0)], signal=1.0),
             _item(10, "Beta", [("DE", 0.0)], rule_ok=False, signal=1.0),
             _item(20, "Gamma", [("IT", 0.0)], signal=0.0)]
    out = decide(items, model)
    assert [d[0].surface for d in out] == ["Alpha", "Beta"]  # Gamma: p = sigmoid(-2)
    assert out[0][1].place.country == "US" and out[0][3] == "learned ranker"
    # A point judged unlikely to be right is not kept.
    doubtful = Model(model.accept, model.rank, _linear(HIT_FEATURES, 0.0, -5.0))
    assert decide(items, doubtful) == []


def test_training_on_items_is_deterministic():
    recs = [{"id": "a", "corpus": "c", "text": "", "toponyms": [
        {"start": 0, "end": 5, "name": "Alpha", "lat": 10.0, "lon": 0.0, "geonameid": None}]},
            {"id": "b", "corpus": "c", "text": "", "toponyms": []}]
    items = [[_item(0, "Alpha", [("FR", 0.0), ("US", 1.0)])],
             [_item(0, "Alpha", [("FR", 0.0)], signal=0.0)]]
    a, b = train(recs, items), train(recs, items)
    assert a == b
    assert json.dumps(a.as_dict()) == json.dumps(model_from_dict(a.as_dict()).as_dict())


def test_the_shipped_model_loads_and_matches_the_features():
    assert MODEL_PATH.exists(), "assets/ranker.json: run `python -m geo.evaluate.train_ranker`"
    model = load_model(str(MODEL_PATH))
    assert model is not None
    assert model.accept.features == SPAN_FEATURES and model.rank.features == CAND_FEATURES
    assert model.hit.features == HIT_FEATURES
    assert MODEL_PATH.stat().st_size < 100_000
    assert len(model.trained_on) == 6


def test_a_stale_model_file_is_an_error_naming_it(tmp_path):
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["rank"]["features"] = data["rank"]["features"][:-1]
    stale = tmp_path / "ranker.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    expected = re.escape(f"{stale}: 'rank' was trained on other features")
    with pytest.raises(ModelError, match=expected):
        load_model(str(stale))
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(ModelError, match=r"bad\.json: cannot read"):
        load_model(str(tmp_path / "bad.json"))


def test_switching_the_model_off(monkeypatch):
    monkeypatch.setenv("CONFLICT_MAP_RANKER", "off")
    assert load_model.__wrapped__() is None


@pytest.mark.usefixtures("requires_gazetteer")
def test_lower_case_country_names_only_with_the_model(monkeypatch):
    from geo.geoparse.parse import parse

    text = "so sad about the floods in japan tonight, praying for everyone"
    with_model = [m for m in parse(text) if m.surface == "japan"]
    assert [m.place.country for m in with_model] == ["JP"]
    monkeypatch.setenv("CONFLICT_MAP_RANKER", "off")
    load_model.cache_clear()
    try:
        assert not [m for m in parse(text) if m.surface == "japan"]
    finally:
        monkeypatch.delenv("CONFLICT_MAP_RANKER")
        load_model.cache_clear()
