"""A claim about a place the gazetteer lacks, drawn in the one admin-1 unit its sentence names
(`geo.control.within_units`): dashed, named as such, never shading the unit, and never given
a point of its own in the store or the exports."""

from __future__ import annotations

from geo.access import local_editor
from geo.control.layer import control_layer
from geo.control.rules import drawable
from geo.control.within_units import SIDE_BY_SIDE, with_unit_points
from geo.models import Article, Claim, Mention, Place, article_id
from geo.sides.resolve import Sides

DONETSK = Place("iso:UA-14", "Donetsk Oblast", 48.0, 37.8, "admin1", "UA", "UA-14", 709716,
                4100000)
KURSK = Place("iso:RU-KRS", "Kursk Oblast", 51.6, 36.1, "admin1", "RU", "RU-KRS", 538555,
              1100000)


def _store(store, text: str, units: list[tuple[str, Place]], villages: list[str],
           day: str = "2025-06-05", quoted: int | None = None) -> Article:
    """An article whose text names `units` (literal mentions) and claims each village, with
    no point for any (as for a village the gazetteer lacks), quoting the first `quoted`
    characters (default: all)."""
    article = Article(id=article_id(text), text=text, published=day)
    mentions = []
    for surface, place in units:
        start = text.index(surface)
        mentions.append(Mention(field="text", surface=surface, start=start,
                                end=start + len(surface), sentence=text, sentence_start=0,
                                role="literal", place=place, score=0.9, reason="test"))
    end = len(text) if quoted is None else quoted
    claims = [Claim(article.id, "captured", text[:end], 0, end, actor="Russian forces",
                    region=None, region_name=v, published=day) for v in villages]
    store.add_article(article, mentions, claims, editor=local_editor())
    return article


def test_a_village_not_found_is_drawn_dashed_in_the_unit_its_sentence_names(store, regions):
    _store(store, "Russian forces captured Verkhnokamyanske in the Donetsk region, the "
                  "ministry said.", [("Donetsk", DONETSK)], ["Verkhnokamyanske"])
    (row,) = store.claims()
    assert not drawable(row) and row["lat"] is None  # stored as read: no point of its own
    (placed,) = with_unit_points(store, store.claims())
    assert (placed["within"], placed["within_region"]) == ("Donetsk Oblast", "UA-14")
    layer = control_layer(store, regions, sides=Sides())
    (feature,) = layer["features"]  # a place; Donetsk Oblast itself is not shaded
    props = feature["properties"]
    assert (props["kind"], props["name"], props["within"]) == (
        "place", "Verkhnokamyanske", "Donetsk Oblast")
    assert feature["geometry"]["coordinates"] == [37.8, 48.0]


def test_two_places_in_one_unit_stand_side_by_side(store, regions):
    _store(store, "Russia's army said it had taken Kruglenkoye and Russkoye Porechnoye in the "
                  "Kursk region.", [("Kursk", KURSK)], ["Kruglenkoye", "Russkoye Porechnoye"])
    layer = control_layer(store, regions, sides=Sides())
    points = {f["properties"]["name"]: f["geometry"]["coordinates"] for f in layer["features"]}
    assert points == {"Kruglenkoye": [36.1, 51.6],
                      "Russkoye Porechnoye": [36.1 + SIDE_BY_SIDE, 51.6]}
    assert len({f["id"] for f in layer["features"]}) == 2


def test_no_unit_or_two_units_in_the_sentence_leave_the_claim_unplaced(store):
    first = "Russian forces captured Verkhnokamyanske, the ministry said."
    _store(store, first + " Fighting went on in the Donetsk region.", [("Donetsk", DONETSK)],
           ["Verkhnokamyanske"], day="2025-06-01", quoted=len(first))  # the unit comes later
    _store(store, "Russian forces captured Pylna between the Donetsk and Kursk regions.",
           [("Donetsk", DONETSK), ("Kursk", KURSK)], ["Pylna"])
    rows = with_unit_points(store, store.claims())
    assert len(rows) == 2 and not any(c.get("within") for c in rows)


def test_the_dashboard_marks_it_dashed_and_says_why(store, regions):
    from dashboard.control import control_features, control_legend_html

    _store(store, "Russian forces captured Verkhnokamyanske in the Donetsk region.",
           [("Donetsk", DONETSK)], ["Verkhnokamyanske"])
    data, legend = control_features(control_layer(store, regions, sides=Sides()))
    (props,) = [f["properties"] for f in data["features"]]
    assert props["approximate"] is True
    assert "Verkhnokamyanske (somewhere in Donetsk Oblast: not in the gazetteer)" in \
        props["tooltip"]
    assert "a place not found, in its region" in control_legend_html(legend)
