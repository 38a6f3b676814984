"""dashboard/state.py and dashboard/timeline.py: URL parameters, map events, the brush."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.state import (
    FilterState,
    View,
    brush_days,
    filter_params,
    fly_to,
    map_event,
    parse_filters,
    parse_view,
    view_params,
    view_report,
)
from dashboard.timeline import BRUSH, timeline_chart
from geo.views.filters import Facets, MentionFilter

FACETS = Facets(("Example Wire", "TASS"), ("RU", "UA"), ("admin1", "city"),
                "2025-03-01", "2025-03-31")


def test_filters_round_trip_through_the_url():
    state = FilterState(roles=("literal", "metonym"), sources=("TASS",), countries=("UA",),
                        features=("city",), score=0.35, text='ceasefire "buffer zone"',
                        dates=(date(2025, 3, 10), date(2025, 3, 12)))
    params = filter_params(state)
    assert params == {"role": ["literal", "metonym"], "source": ["TASS"], "country": ["UA"],
                      "feature": ["city"], "score": "0.35", "q": 'ceasefire "buffer zone"',
                      "from": "2025-03-10", "to": "2025-03-12"}
    assert parse_filters(params, FACETS) == state


def test_defaults_leave_the_url_empty_and_parse_back():
    assert filter_params(FilterState()) == {}
    assert parse_filters({}, FACETS) == FilterState()
    assert FilterState().to_filter() == MentionFilter()


@pytest.mark.parametrize(("params", "expected"), [
    ({"role": ""}, FilterState(roles=())),
    ({"role": ["adjectival", "nonsense", "literal"]},
     FilterState(roles=("literal", "adjectival"))),
    ({"source": ["Nobody"], "country": "XX", "feature": "moon"}, FilterState()),
    ({"score": "7"}, FilterState(score=1.0)),
    ({"score": "nan"}, FilterState()),
    ({"score": "x"}, FilterState()),
    ({"q": "  two   words "}, FilterState(text="two words")),
    ({"from": "2025-02-01", "to": "2025-03-31"}, FilterState()),  # the whole range
    ({"from": "2025-03-20", "to": "2025-03-05"},
     FilterState(dates=(date(2025, 3, 5), date(2025, 3, 20)))),
    ({"to": "2025-03-05"}, FilterState(dates=(date(2025, 3, 1), date(2025, 3, 5)))),
    ({"from": "March"}, FilterState()),
])
def test_bad_or_partial_filter_params(params, expected):
    assert parse_filters(params, FACETS) == expected


def test_dates_need_dated_articles():
    undated = Facets((), (), (), None, None)
    assert parse_filters({"from": "2025-03-01", "to": "2025-03-02"}, undated).dates is None


def test_to_filter():
    flt = FilterState(roles=("metonym",), dates=(date(2025, 3, 2), date(2025, 3, 3)),
                      score=0.5).to_filter()
    assert (flt.roles, flt.date_from, flt.date_to, flt.min_score) == (
        ("metonym",), "2025-03-02", "2025-03-03", 0.5)


def test_view_params_round_trip():
    view = View(51.1912, 35.271, 9)
    assert parse_view(view_params(view)) == view
    assert parse_view({"lat": "50", "lon": "390", "z": "4.4"}) == View(50.0, 30.0, 4)
    for bad in ({}, {"lat": "x", "lon": "1", "z": "2"}, {"lat": "1", "lon": "1", "z": "30"},
                {"lat": "-95", "lon": "1", "z": "3"}, {"lat": "inf", "lon": "1", "z": "3"}):
        assert parse_view(bad) is None


def test_view_report_ignores_the_component_default():
    assert view_report({"zoom": 2}) is None
    assert view_report(None) is None
    assert view_report({"center": {"lat": 51.0, "lng": 35.0}, "zoom": 8}) == View(51.0, 35.0, 8)


def test_map_events():
    assert map_event({"zoom": 3}) is None
    assert map_event({"cm_event": {"type": "article"}}) is None  # no id
    event = map_event({"center": {}, "cm_event": {"id": "1-a", "type": "article",
                                                  "article": "ab" * 32, "place": "gn:1"}})
    assert (event.kind, event.article, event.place) == ("article", "ab" * 32, "gn:1")
    roles = map_event({"cm_event": {"id": "2", "type": "roles", "roles": ["metonym"]}})
    assert roles.roles == ("metonym",)
    base = map_event({"cm_event": {"id": "3", "type": "base", "base": "osm"}})
    assert base.base == "osm"
    control = map_event({"cm_event": {"id": "4", "type": "control", "shown": False}})
    assert (control.kind, control.shown) == ("control", False)
    assert map_event({"cm_event": {"id": "5", "type": "control", "shown": "no"}}).shown is None


def test_fly_to_has_a_fresh_nonce_and_a_valid_zoom():
    a, b = fly_to(50.0, 30.0, 10), fly_to(50.0, 30.0, 40)
    assert a["nonce"] != b["nonce"]
    assert (a["zoom"], b["zoom"]) == (10, 18)


def test_brush_days():
    day = 86_400_000
    start = 1_741_737_600_000  # 2025-03-12 00:00 UTC
    assert brush_days({BRUSH: {"utcyearmonthdate_day": [start + day + 5, start + 100]}}) == (
        date(2025, 3, 12), date(2025, 3, 13))
    assert brush_days({BRUSH: {}}) is None
    assert brush_days(None) is None


def test_timeline_chart_spec():
    per_day = [{"day": "2025-03-11", "role": "literal", "mentions": 2},
               {"day": "2025-03-12", "role": "metonym", "mentions": 1}]
    spec = timeline_chart(per_day, colors={"literal": "#e0442f", "metonym": "#1d4f91"},
                          selected=(date(2025, 3, 12), date(2025, 3, 12)),
                          claim_days={"2025-03-11": 2})
    frame, bars, end, claims = spec["layer"]
    assert bars["params"][0]["name"] == BRUSH
    assert bars["params"][0]["select"]["type"] == "interval"
    values = bars["data"]["values"]
    assert [v["shown"] for v in values] == [False, True]
    assert bars["encoding"]["color"]["scale"]["range"] == ["#e0442f", "#1d4f91"]
    assert bars["encoding"]["x"]["timeUnit"] == "utcyearmonthdate"  # what `brush_days` reads
    # The frame shown (the selected day, start to end) and the claims on the same axis.
    assert frame["data"]["values"][0]["from"] == "2025-03-12T00:00:00Z"
    assert frame["data"]["values"][0]["to"] == "2025-03-13T00:00:00Z"
    assert end["mark"]["type"] == "rule" and end["data"]["values"][0]["at"] == \
        "2025-03-13T00:00:00Z"
    assert claims["data"]["values"] == [{"day": "2025-03-11", "claims": 2}]
    assert len(timeline_chart(per_day, colors={"literal": "#e0442f"})["layer"]) == 1
