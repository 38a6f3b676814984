"""The control layer: latest claim per actor, disagreements side by side, areas, exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
import shapely
from shapely.geometry import shape

from geo.access import local_editor
from geo.control.export import claims_csv, claims_feature_collection
from geo.control.layer import control_layer
from geo.control.rules import claim_label, disagreements, latest_by_side
from geo.models import Article, Claim, article_id
from geo.store.database import CLAIM_COLUMNS

MOD = ("Russian forces have regained over 86% of the land once held by Ukrainian troops in the "
       "Kursk region, the Russian defence ministry said.")
KYIV = ("Ukrainian forces still hold about 60% of the territory they took in the Kursk region, "
        "Ukraine's general staff said.")


def _claim(**fields) -> dict:
    base = {"actor": "Russian forces", "action": "regained", "value": 86.0, "unit": "percent",
            "bound": "over", "region": "RU-KRS", "claimant": "Russian defence ministry",
            "negated": False, "published": "2024-10-01", "quote": "q", "article_id": "a"}
    return {**base, **fields}


def _article_with(text: str, published: str, **claim) -> tuple[Article, list[Claim]]:
    article = Article(id=article_id(text), text=text, published=published, title=text[:20],
                      url=f"https://example.org/{published}")
    quote = text
    return article, [Claim(article.id, quote=quote, start=0, end=len(quote),
                           published=published, region="RU-KRS", region_name="Kursk Oblast",
                           **claim)]



@pytest.mark.parametrize(("claim", "label"), [
    ({"value": 86.0, "unit": "percent", "bound": "over"}, "> 86 %"),
    ({"value": 40.0, "unit": "km2", "bound": "about"}, "≈ 40 km²"),
    ({"value": 1250.0, "unit": "km2", "bound": None}, "1,250 km²"),
    ({"value": 33.3, "unit": "percent", "bound": "under"}, "< 33.3 %"),
    ({"value": 12.0, "unit": "settlements", "bound": "up_to"}, "≤ 12 settlements"),
    ({"value": None, "action": "captured"}, "captured"),
    ({"value": 80.0, "unit": "percent", "action": "denied", "negated": True}, "denied: 80 %"),
    ({"value": None, "action": "denied", "negated": True}, "denied"),
])
def test_claim_label(claim, label):
    assert claim_label(claim) == label


def test_latest_claim_per_actor_skips_denials():
    claims = [_claim(value=64.0, published="2024-09-01"), _claim(published="2024-10-01"),
              _claim(actor="Ukrainian forces", action="holds", value=60.0, bound="about",
                     claimant="General Staff", published="2024-09-15"),
              _claim(actor="russian forces", action="denied", negated=True,
                     published="2024-12-01")]
    latest = latest_by_side(claims)
    assert [(e["actor"], e["value"], e["date"]) for e in latest] == [
        ("Russian forces", 86.0, "2024-10-01"), ("Ukrainian forces", 60.0, "2024-09-15")]
    assert latest[0]["label"] == "> 86 %"


def test_disagreeing_claims_are_kept_side_by_side_never_averaged():
    a = _claim()
    b = _claim(actor="Ukrainian forces", action="holds", value=60.0, bound="about",
               claimant="Ukraine's general staff", published="2024-10-03")
    groups = disagreements([a, b])
    assert len(groups) == 1
    side = groups[0]
    assert [(e["claimant"], e["value"], e["bound"], e["date"]) for e in side] == [
        ("Russian defence ministry", 86.0, "over", "2024-10-01"),
        ("Ukraine's general staff", 60.0, "about", "2024-10-03")]
    assert all(set(e) >= {"claimant", "value", "bound", "denominator", "date", "quote",
                          "article_id"} for e in side)


@pytest.mark.parametrize("other", [
    _claim(published="2024-10-02", claimant="TASS"),                # same statement
    _claim(value=60.0),                                            # same claimant
    _claim(value=60.0, claimant="ISW", published="2024-12-01"),    # another time
    _claim(value=600.0, unit="km2", claimant="ISW"),               # another quantity
    _claim(value=60.0, claimant="ISW", published=None),            # undated vs dated
])
def test_claims_that_do_not_disagree(other):
    assert disagreements([_claim(), other]) == []


def test_a_denial_disagrees_with_the_claim_it_denies():
    claim = _claim(action="captured", value=80.0, bound=None, claimant="Russian MoD")
    denial = _claim(action="denied", value=80.0, bound=None, negated=True,
                    claimant="Ukraine's general staff", published="2024-10-02")
    assert len(disagreements([claim, denial])) == 1


def test_control_layer_from_a_real_store(store, regions):
    ru, ru_claims = _article_with(MOD, "2024-10-01", actor="Russian forces",
                                  action="regained", value=86, unit="percent", bound="over",
                                  claimant="the Russian defence ministry",
                                  denominator="the land once held by Ukrainian troops")
    ua, ua_claims = _article_with(KYIV, "2024-10-02", actor="Ukrainian forces", action="holds",
                                  value=60, unit="percent", bound="about",
                                  claimant="Ukraine's general staff")
    store.add_article(ru, [], ru_claims, editor=local_editor())
    store.add_article(ua, [], ua_claims, editor=local_editor())
    city = Claim("", "captured", "Russian troops took Sudzha.", 0, 27, region=None,
                 region_name="Sudzha", published="2024-10-03")
    store.add_manual_claim(city, "https://example.org/sudzha",
        editor=local_editor())  # no admin-1 code: no shading

    layer = control_layer(store, regions)
    json.dumps(layer)  # plain JSON all the way down
    assert layer["type"] == "FeatureCollection"
    assert [f["id"] for f in layer["features"]] == ["RU-KRS"]
    kursk = layer["features"][0]
    props = kursk["properties"]
    assert (props["name"], props["label"], props["date"], props["actor"]) == (
        "Kursk Oblast", "> 86 % vs ≈ 60 %", "2024-10-02", "Ukrainian forces")
    # Disputed: both values in the label, and no side picked for the shading.
    assert props["share_pct"] is None and props["n_claims"] == 2
    assert [e["label"] for e in props["latest"]] == ["≈ 60 %", "> 86 %"]
    assert props["disputed"] is True
    (side,) = props["disagreements"]
    assert [(e["claimant"], e["value"], e["article_id"], e["url"]) for e in side] == [
        ("the Russian defence ministry", 86.0, ru.id, "https://example.org/2024-10-01"),
        ("Ukraine's general staff", 60.0, ua.id, "https://example.org/2024-10-02")]
    assert side[0]["denominator"] == "the land once held by Ukrainian troops"
    assert side[0]["quote"] == MOD
    assert shape(kursk["geometry"]).is_valid

    earlier = control_layer(store, regions, as_of="2024-10-01")["features"][0]["properties"]
    assert (earlier["label"], earlier["disputed"], earlier["share_pct"]) == ("> 86 %", False, 86)


def test_control_layer_carries_imported_area_shares(store, regions):
    store.add_areas([{"name": "salient", "actor": "Ukrainian forces",
                      "status": "assessed_control", "date": "2024-08-20", "source": "ISW",
                      "file": "x.geojson", "area_km2": 900.0,
                      "wkb": shapely.box(34.9, 51.05, 35.6, 51.4).wkb,
                      "shares": [{"region": "RU-KRS", "region_name": "Kursk Oblast",
                                  "share_pct": 3.0, "area_km2": 900.0}]}], editor=local_editor())
    layer = control_layer(store, regions)
    props = layer["features"][0]["properties"]
    assert props["label"] is None and props["share_pct"] == 3.0
    assert [(a["actor"], a["status"], a["share_pct"]) for a in props["areas"]] == [
        ("Ukrainian forces", "assessed_control", 3.0)]
    # The area is drawn as a polygon of its own, with its side, status and date.
    region, area = layer["features"]
    assert (region["properties"]["kind"], area["properties"]["kind"]) == ("region", "area")
    assert shape(area["geometry"]).equals(shapely.box(34.9, 51.05, 35.6, 51.4))
    assert {k: area["properties"][k] for k in ("side", "status", "date")} == {
        "side": "Ukraine", "status": "assessed_control", "date": "2024-08-20"}
    assert control_layer(store, regions, as_of="2024-08-01")["features"] == []


def test_claim_exports(store, regions):
    article, claims = _article_with(MOD, "2024-10-01", actor="Russian forces",
                                    action="regained", value=86, unit="percent", bound="over")
    store.add_article(article, [], claims, editor=local_editor())
    rows = store.claims()
    parsed = list(csv.DictReader(io.StringIO(claims_csv(rows))))
    assert tuple(parsed[0]) == CLAIM_COLUMNS and parsed[0]["region"] == "RU-KRS"
    fc = claims_feature_collection([*rows, {**rows[0], "region": None}], regions)
    assert fc["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert fc["features"][0]["properties"]["quote"] == MOD
    assert fc["features"][1]["geometry"] is None


def test_one_statement_in_two_articles_is_one_claim_with_two_sources(store, regions):
    from geo.sides.resolve import Sides

    official = ("Russian forces have regained 64% of the territory Ukraine captured in the Kursk "
                "region, a senior Russian military official said.")
    general = ("Russian troops have liberated about 64% of the territory Ukraine seized in the "
               "Kursk region, Colonel General Sergei Rudskoi said.")
    kyiv = ("Ukrainian forces still hold about 40% of the territory they took in the Kursk "
            "region, Ukraine's general staff said.")
    for text, day, fields in (
            (official, "2025-02-20", {"actor": "Russian forces", "action": "regained",
                                      "claimant": "a senior Russian military official"}),
            (general, "2025-02-21", {"actor": "Russian troops", "action": "liberated",
                                     "bound": "about", "claimant": "Sergei Rudskoi"})):
        article, claims = _article_with(text, day, value=64, unit="percent", **fields)
        store.add_article(article, [], claims, editor=local_editor())
    props = control_layer(store, regions, sides=Sides())["features"][0]["properties"]
    assert props["disputed"] is False and props["n_claims"] == 1
    (lead,) = props["latest"]
    assert (lead["side"], lead["label"]) == ("Russia", "64 %")
    assert [s["claimant"] for s in lead["sources"]] == ["a senior Russian military official",
                                                        "Sergei Rudskoi"]
    # A claim of the other side about the same time is a dispute.
    article, claims = _article_with(kyiv, "2025-02-21", actor="Ukrainian forces",
                                    action="holds", value=40, unit="percent", bound="about",
                                    claimant="Ukraine's general staff")
    store.add_article(article, [], claims, editor=local_editor())
    props = control_layer(store, regions, sides=Sides())["features"][0]["properties"]
    assert props["disputed"] is True and props["n_claims"] == 2


def test_a_claim_about_a_town_is_drawn_at_the_town_not_on_its_province(store, regions):
    from geo.control.places import place_features
    from geo.sides.resolve import Sides, with_sides

    texts = ("Russian forces captured Avdiivka, the Russian defence ministry said.",
             "Ukraine's military denied that Avdiivka had fallen.",
             "Russian troops took Avdiivka in February, a Russian official said.")
    for text, day, fields in (
            (texts[0], "2024-02-17", {"actor": "Russian forces", "action": "captured",
                                      "claimant": "the Russian defence ministry"}),
            (texts[1], "2024-02-18", {"actor": "Russian forces", "action": "denied",
                                      "negated": True, "claimant": "Ukraine's military"}),
            (texts[2], "2024-03-01", {"actor": "Russian troops", "action": "captured",
                                      "claimant": "a Russian official"})):
        article = Article(id=article_id(text), text=text, published=day)
        store.add_article(article, [], [Claim(
            article.id, quote=text, start=0, end=len(text), published=day, region=None,
            region_name="Avdiivka", place_id=704508, lat=48.13989, lon=37.74255, **fields)],
                editor=local_editor())
    layer = control_layer(store, regions, sides=Sides())
    kinds = [f["properties"]["kind"] for f in layer["features"]]
    assert kinds == ["place"]  # Donetsk Oblast is not shaded by a claim about its town
    (place,) = layer["features"]
    props = place["properties"]
    assert place["geometry"] == {"type": "Point", "coordinates": [37.74255, 48.13989]}
    assert (props["name"], props["action"], props["side"], props["date"]) == (
        "Avdiivka", "captured", "Russia", "2024-03-01")
    assert [e["claimant"] for e in props["denials"]] == ["Ukraine's military"]
    assert [e["date"] for e in props["history"]] == ["2024-03-01", "2024-02-18", "2024-02-17"]
    # As of a day before the last claim, the place shows the claim of that time.
    earlier = place_features(with_sides(store.claims(), Sides()), as_of="2024-02-17")
    assert earlier[0]["properties"]["date"] == "2024-02-17"


def test_a_claim_about_a_whole_country_is_drawn_at_the_country(store, regions):
    from geo.gazetteer.index import open_gazetteer
    from geo.sides.resolve import Sides

    text = "Russia now occupies about 18% of Ukraine, officials said."
    article = Article(id=article_id(text), text=text, published="2024-06-01")
    store.add_article(article, [], [Claim(
        article.id, quote=text, start=0, end=len(text), published="2024-06-01",
        actor="Russia", action="controls", value=18.0, unit="percent", bound="about",
        region="UA", region_name="Ukraine", denominator="Ukraine", denominator_kind="region",
        claimant="officials")], editor=local_editor())
    gaz = open_gazetteer()
    ukraine = gaz.place("iso:UA")
    layer = control_layer(store, regions, sides=Sides())
    (place,) = layer["features"]  # no region is shaded: a share of a country has no outline
    props = place["properties"]
    assert place["geometry"]["coordinates"] == [ukraine.lon, ukraine.lat]
    assert regions.containing(ukraine.lat, ukraine.lon).country == "UA"
    assert (props["kind"], props["name"], props["label"], props["side"]) == (
        "place", "Ukraine", "≈ 18 %", "Russia")
    assert props["place_id"] == ukraine.geonameid


@pytest.mark.parametrize(("fields", "shaded", "label"), [
    ({"value": 86, "unit": "percent", "bound": "over", "denominator_kind": "part",
      "denominator": "the land once held by Ukrainian troops"}, False,
     "> 86 % of the land once held by Ukrainian troops"),
    ({"value": 40, "unit": "percent", "denominator_kind": "region",
      "denominator": "the Kursk region"}, True, "40 %"),
    ({"value": 900, "unit": "km2"}, True, "900 km² (≈ 3 % of Kursk Oblast)"),
])
def test_a_share_shades_its_region_only_when_it_is_a_share_of_the_region(
        store, regions, fields, shaded, label):
    article, claims = _article_with(MOD, "2024-10-01", actor="Russian forces",
                                    action="regained", **fields)
    store.add_article(article, [], claims, editor=local_editor())
    props = control_layer(store, regions)["features"][0]["properties"]
    assert props["label"] == label
    assert props["labelled"] is not shaded
    assert (props["share_pct"] is not None) is shaded
    if fields["unit"] == "km2":
        area = regions.get("RU-KRS").area_km2
        assert props["share_pct"] == pytest.approx(100 * 900 / area)


def _naive_disagreements(claims, within_days):
    # The reference: every pair compared (what `disagreements` did before it bucketed).
    from collections import defaultdict

    from geo.control.rules import _disagree, claim_entry
    parent = list(range(len(claims)))

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            if _disagree(claims[i], claims[j], within_days):
                parent[root(i)] = root(j)
    groups = defaultdict(list)
    for i in range(len(claims)):
        groups[root(i)].append(i)
    out = [sorted((claim_entry(claims[i]) for i in members), key=lambda e: e["date"] or "")
           for members in groups.values() if len(members) > 1]
    return sorted(out, key=lambda group: group[0]["date"] or "")


def _naive_merge(claims):
    from geo.control.restatements import _source, claim_day, same_statement
    kept = []
    for claim in sorted(claims, key=lambda c: claim_day(c) or "9999"):
        for other in kept:
            if same_statement(other, claim):
                other["sources"].append(_source(claim))
                break
        else:
            kept.append({**claim, "sources": [_source(claim)]})
    return kept


def _random_claims(rng, n):
    days = [None, "bad date", "2024-02-30", "2024-03-01T12:00:00"] + [
        f"2024-03-{d:02d}" for d in range(1, 29)]
    claims = []
    for i in range(n):
        resolved = rng.random() < 0.7
        claims.append(_claim(
            actor=rng.choice(("Russian forces", "Moscow", "Ukrainian troops", "the brigade")),
            side=rng.choice(("Russia", "Ukraine")), side_resolved=resolved,
            action=rng.choice(("captured", "regained", "holds", "controls", "lost", "denied",
                               "advanced", None)),
            value=rng.choice((None, 60.0, 60.3, 61.0, 64.0, 70.0)),
            unit=rng.choice(("percent", "km2", None)),
            bound=rng.choice((None, "about", "over")),
            denominator_kind=rng.choice((None, "region", "part")),
            region=rng.choice(("RU-KRS", "ru-krs", "UA-14")),
            claimant=rng.choice((None, "the ministry", "The Ministry", "ISW", "a general")),
            claimant_side=rng.choice((None, "Russia", "Ukraine")),
            negated=rng.random() < 0.2,
            published=rng.choice(days), as_of=rng.choice((None,) * 5 + ("2024-03-05",)),
            article_id=f"a{i}"))
    return claims


@pytest.mark.parametrize("seed", range(40))
def test_fast_grouping_matches_the_pairwise_reference(seed):
    import random

    from geo.control.restatements import merge_restatements
    rng = random.Random(seed)
    claims = _random_claims(rng, rng.randrange(1, 120))
    for within in (0, 1, 7):
        assert disagreements(claims, within_days=within) == _naive_disagreements(claims, within)
    assert merge_restatements(claims) == _naive_merge(claims)
    merged = merge_restatements(claims)
    assert disagreements(merged) == _naive_disagreements(merged, 7)


@pytest.mark.parametrize("seed", range(30))
def test_an_earlier_day_filters_the_merge_of_every_day(seed):
    # The map merges restatements once per store version and filters per as-of day: the
    # result must be what merging that day's claims alone gives.
    import random

    from geo.control.restatements import claim_day, merge_restatements, merged_as_of, not_after
    rng = random.Random(seed)
    claims = _random_claims(rng, rng.randrange(1, 120))
    merged = merge_restatements(claims)
    days = sorted({claim_day(c) for c in claims if claim_day(c)})
    for as_of in (None, *days, "2000-01-01", "2100-01-01"):
        alone = merge_restatements([c for c in claims if not_after(claim_day(c), as_of)])
        assert merged_as_of(merged, as_of) == alone


def test_a_claim_entry_has_the_entry_keys_in_order():
    from geo.control.rules import ENTRY_KEYS, claim_entry
    assert tuple(claim_entry(_claim())) == ENTRY_KEYS


def test_the_tooltip_names_the_side_of_the_claim_it_quotes(store, regions):
    from dashboard.control import control_features
    from geo.sides.resolve import Sides

    ru, ru_claims = _article_with(MOD, "2024-10-01", actor="Russian forces",
                                  action="regained", value=86, unit="percent", bound="over",
                                  denominator_kind="region")
    ua, ua_claims = _article_with(KYIV, "2024-10-05", actor="Ukrainian forces", action="holds",
                                  value=60, unit="percent", bound="about",
                                  denominator="the territory they took", denominator_kind="part",
                                  claimant="Ukraine's general staff")
    store.add_article(ru, [], ru_claims, editor=local_editor())
    store.add_article(ua, [], ua_claims, editor=local_editor())
    data, _ = control_features(control_layer(store, regions, sides=Sides()))
    tooltip = data["features"][0]["properties"]["tooltip"]
    # The newer Ukrainian claim is a share of something else: the label is Russia's.
    assert "Russia (Russian forces): &gt; 86 %" in tooltip and "Ukraine" not in tooltip


def test_claims_with_no_place_restate_nothing():
    # "recaptured the town" in two articles a day apart: two towns, perhaps; never one claim.
    from geo.control.restatements import merge_all
    claims = [{"actor": "Al-Shabaab", "action": "regained", "value": None, "unit": None,
               "region": None, "region_name": None, "place_id": None, "claimant": None,
               "published": day, "quote": f"Al-Shabaab recaptured the town ({day})."}
              for day in ("2024-05-01", "2024-05-02")]
    assert len(merge_all(claims)) == 2
    named = [{**c, "region_name": "Elbur"} for c in claims]
    assert len(merge_all(named)) == 1
