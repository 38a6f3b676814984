"""Every claim gets something the map can draw (issue 13): a code or a point.

The sentences were written for these tests. A town gets its GeoNames id and point, a front
sector its town's, a share of a country the country's ISO 3166-1 code, admin-1 units listed
together every unit's ISO 3166-2 code; a village the gazetteer lacks gets no point (a wrong
one would be worse), and the control layer, the GeoJSON export and the store's region filter
take the new codes.
"""

from __future__ import annotations

import json

import pytest
import shapely
import shapely.geometry
from claims_support import claims_of

from geo.access import local_editor
from geo.claims.places import Places
from geo.claims.placing import placement, town_of_sector
from geo.claims.region_names import Region
from geo.control.export import claims_feature_collection
from geo.control.layer import control_layer
from geo.control.regions import admin1_codes
from geo.models import Article, Claim, article_id


def _one(text: str) -> Claim:
    found = claims_of(text)
    assert len(found) == 1, found
    return found[0]


# -- without the gazetteer ------------------------------------------------------------------

def test_country_share_gets_the_country_code_without_a_gazetteer():
    places = Places([], None)
    found = placement(Region("southern Ukraine", feature="country", country="UA"), places)
    assert found == {"region": "UA", "region_name": "southern Ukraine", "place_id": None,
                     "lat": None, "lon": None}


def test_admin1_code_kept_and_no_region_gives_nothing():
    places = Places([], None)
    assert placement(Region("Kursk Oblast", code="RU-KRS", feature="admin1"), places)[
        "region"] == "RU-KRS"
    assert set(placement(None, places).values()) == {None}


def test_unknown_name_without_a_gazetteer_stays_unplaced():
    found = placement(Region("Zorivske", start=10), Places([], None))
    assert (found["region"], found["place_id"], found["lat"]) == (None, None, None)


@pytest.mark.parametrize(("sector", "town"), [
    ("Lyman direction", "Lyman"), ("Velyka Novosilka axis", "Velyka Novosilka"),
    ("Siversk, Toretsk and Kostiantynivka directions", "Siversk"),
])
def test_town_of_sector(sector, town):
    assert town_of_sector(sector) == town


def test_admin1_codes_of_a_claim_region():
    assert admin1_codes("UA-14") == ("UA-14",)
    assert admin1_codes("ua-14, ua-23") == ("UA-14", "UA-23")
    assert admin1_codes("MM") == ()


# -- through the geoparser and the gazetteer ------------------------------------------------

@pytest.mark.usefixtures("requires_gazetteer")
def test_town_claim_gets_geonames_id_and_point():
    claim = _one("Russian troops took full control of the town of Vuhledar last week, the "
                 "ministry said.")
    assert claim.region is None and claim.region_name == "Vuhledar"
    assert claim.place_id == 690823
    assert claim.lat == pytest.approx(47.78, abs=0.05)
    assert claim.lon == pytest.approx(37.25, abs=0.05)


@pytest.mark.usefixtures("requires_gazetteer")
def test_direction_gets_its_towns_point():
    claim = _one("Russian forces advanced 120 square kilometres in the Kupiansk direction over "
                 "the month, analysts said.")
    assert claim.region_name == "Kupiansk direction"
    assert claim.place_id == 703656  # Kupiansk, Kharkiv Oblast
    assert (round(claim.lat, 1), round(claim.lon, 1)) == (49.7, 37.6)


@pytest.mark.usefixtures("requires_gazetteer")
def test_joined_directions_take_the_first_town_in_the_country_of_the_others():
    # The geoparser alone may read "Pokrovsk" as the town in Yakutia; next to Kurakhove the
    # claim is placed at the Donetsk Oblast town.
    claim = _one("Russian forces gained 300 square kilometres in the Pokrovsk and Kurakhove "
                 "directions in November.")
    assert claim.place_id == 704422
    assert claim.lat == pytest.approx(48.28, abs=0.05)


@pytest.mark.usefixtures("requires_gazetteer")
def test_two_fronts_in_one_article_keep_their_points():
    # Far apart and no admin-1 unit named: neither town has a namesake near the other, so
    # this is a roundup of two fronts, not a choice between namesakes.
    from geo.claims.extract import extract_claims
    from geo.geoparse.parse import parse_article

    article = Article(id="x", text=(
        "Ukrainian troops pulled out of the Kursk town of Sudzha in March, Moscow said. "
        "Kyiv's troops retook the village of Piatykhatky, Ukraine's southern command "
        "reported on Monday."))
    found = extract_claims(article, parse_article(article))
    assert [c.region_name for c in found] == ["Sudzha", "Pyatykhatky"]
    assert found[0].place_id == 486816  # Sudzha, Kursk Oblast
    assert all(c.lat is not None for c in found)


@pytest.mark.usefixtures("requires_gazetteer")
def test_a_city_by_its_own_name_outweighs_an_old_name_elsewhere():
    # "Homs" is also an alternate name of Libya's Al Khums; with no country named, Syria's
    # Homs (its own name, three times the people) is the place, as "Goma" is.
    claim = _one("Homs is under government control.")
    assert (claim.region_name, claim.place_id) == ("Homs", 169577)


@pytest.mark.usefixtures("requires_gazetteer")
def test_a_city_outside_the_province_the_article_names_keeps_its_point():
    # Marib province is named for another front; Hodeidah, a city of 700,000 with no
    # namesake there, is not a village the article locates in Marib (as "Pylna in the
    # Kharkiv region" is: that one stays unplaced, below).
    from geo.claims.extract import extract_claims
    from geo.geoparse.parse import parse_article

    article = Article(id="x", text=(
        "Airstrikes hit the Majzar district in the central province of Marib. The rebels "
        "have held the port city of Hodeidah since 2014, officials said."))
    found = extract_claims(article, parse_article(article))
    assert [(c.region_name, c.place_id) for c in found] == [("Hodeidah", 79415)]


@pytest.mark.usefixtures("requires_gazetteer")
def test_share_of_a_country_gets_its_code():
    claim = _one("Moscow's troops occupy nearly a fifth of Ukraine, officials in Kyiv said.")
    assert (claim.value, claim.region, claim.region_name) == (20.0, "UA", "Ukraine")
    assert claim.lat is None and claim.place_id is None


@pytest.mark.usefixtures("requires_gazetteer")
def test_compass_part_of_a_country_gets_the_country_code():
    claim = _one("The army said it had recaptured 70 percent of southern and eastern Ukraine.")
    assert claim.region == "UA" and claim.region_name.endswith("eastern Ukraine")


@pytest.mark.usefixtures("requires_gazetteer")
def test_joined_admin1_list_keeps_every_code():
    claim = _one("Government forces regained 60% of the Daraa and Quneitra provinces in the "
                 "summer offensive.")
    assert claim.region == "SY-DR,SY-QU"
    assert claim.region_name == "Daraa and Quneitra provinces"


@pytest.mark.usefixtures("requires_gazetteer")
def test_unknown_village_gets_no_point():
    claim = _one("Russian forces captured the village of Zorivske-Nyzhnie, the ministry "
                 "claimed.")
    assert claim.region_name == "Zorivske-Nyzhnie"
    assert (claim.region, claim.place_id, claim.lat, claim.lon) == (None, None, None, None)


@pytest.mark.usefixtures("requires_gazetteer")
@pytest.mark.parametrize(("text", "name", "place_id"), [
    ("In the Kharkiv region, Ukrainian troops pushed back the attackers and regained "
     "Striliche on Thursday.", "Strilecha", 692451),
    ("Ukrainian troops regained Lyptsy in the Kharkiv region on Thursday.", "Lyptsi", 702989),
])
def test_other_spelling_of_a_town_in_the_named_oblast(text, name, place_id):
    claim = _one(text)
    assert (claim.region_name, claim.place_id) == (name, place_id)


@pytest.mark.usefixtures("requires_gazetteer")
@pytest.mark.parametrize("text", [
    "Ukrainian troops regained Striliche on Thursday.",  # no oblast named: no guess
    # The gazetteer's Krasnes are nowhere near Kharkiv; the oblast has several with a post
    # office.
    "Kyiv said its soldiers had retaken Krasne in the Kharkiv region.",
    # Villages with a post office called so lie on either side of Bakhmut.
    "Russian troops took Andriivka, south of Bakhmut.",
])
def test_no_point_rather_than_a_wrong_one(text):
    claim = _one(text)
    assert (claim.place_id, claim.lat, claim.lon) == (None, None, None)


@pytest.mark.usefixtures("requires_gazetteer")
@pytest.mark.parametrize(("text", "south", "west", "north", "east"), [
    # Villages cities500 lacks, from the villages with a post office (geo.build.villages).
    ("Ukrainian troops have liberated Robotyne in the Zaporizhzhia region.",
     47.40, 35.78, 47.50, 35.88),
    # The gazetteer's only Pylna is east of Moscow: the Kharkiv region's is meant.
    ("Russian units took the village of Pylna in the Kharkiv region, the military said.",
     49.5, 35.5, 50.5, 38.5),
    # The gazetteer's only Novenke is in Crimea; the post's lie near Sumy and near Chernihiv.
    ("Russian forces captured Novenke, a village north of Sumy.", 51.1, 34.9, 51.4, 35.3),
    # A Russian village, in the Russian romanization.
    ("Ukrainian troops captured Plekhovo in the Kursk region, the governor said.",
     51.0, 35.2, 51.2, 35.45),
    # Myanmar's towns cities500 lacks, from MIMU's place codes (geo.build.myanmar): the
    # town's wards' median point, and the town standing for its township.
    ("Rebels of the alliance seized Mongyai in Myanmar's Shan State, the group said.",
     22.3, 97.9, 22.5, 98.2),
    ("The Arakan Army said it had captured Paletwa Township in Myanmar's Chin State.",
     21.3, 93.0, 21.6, 93.3),
])
def test_a_village_the_gazetteer_lacks_where_the_article_leaves_one(text, south, west, north,
                                                                    east):
    claim = _one(text)
    assert claim.place_id is None and claim.lat is not None, claim
    assert south <= claim.lat <= north and west <= claim.lon <= east, claim


@pytest.mark.usefixtures("requires_gazetteer")
@pytest.mark.parametrize(("text", "lat", "lon"), [
    # The gazetteer's only Sudzha, and no village of that name elsewhere in Ukraine or
    # Russia: placed though the article names no country.
    ("Our units have fully liberated Sudzha, the commander said.", 51.19, 35.27),
    # "Amhara forces" names fighters, not a region the town must lie in.
    ("The rebels retook Alamata from Amhara militias on Sunday, the rebels said.",
     12.42, 39.56),
])
def test_a_town_without_namesakes_is_placed(text, lat, lon):
    claim = _one(text)
    assert claim.lat == pytest.approx(lat, abs=0.05) and claim.lon == pytest.approx(lon, abs=0.05)


@pytest.mark.usefixtures("requires_gazetteer")
@pytest.mark.parametrize(("text", "name", "box"), [
    # Of the Kharkiv region's Krasnes, the one beside the village listed with it.
    ("Russian forces said they had seized Borysivka and Krasne in the Kharkiv region.",
     "Krasne", (50.2, 36.35, 50.4, 36.6)),
    # Of the Andriivkas within reach of Bakhmut, the one beside Klishchiivka.
    ("Ukrainian troops retook Klishchiivka and Andriivka, south of Bakhmut.", "Andriivka",
     (48.4, 37.9, 48.6, 38.05)),
    # Listed with a town none of the region's Krasnes lies near: no choice made.
    ("Kyiv said its soldiers had retaken Krasne and Izium in the Kharkiv region.", "Krasne",
     None),
])
def test_villages_listed_together_lie_together(text, name, box):
    from geo.claims.extract import extract_claims
    from geo.geoparse.parse import parse_article

    article = Article("listed", text)
    claims = extract_claims(article, parse_article(article))
    claim = next(c for c in claims if c.region_name == name)
    if box is None:
        assert (claim.lat, claim.lon) == (None, None), claim
    else:
        south, west, north, east = box
        assert claim.lat is not None and south <= claim.lat <= north, claim
        assert west <= claim.lon <= east, claim


@pytest.mark.usefixtures("requires_gazetteer")
def test_seed_claim_stays_on_its_oblast(seed_article):
    from geo.claims.extract import extract_claims
    from geo.geoparse.parse import parse_article

    found = extract_claims(seed_article, parse_article(seed_article))
    assert [(c.region, c.place_id, c.lat) for c in found] == [("RU-KRS", None, None)]


# -- the map and the store ------------------------------------------------------------------

def _stored(store, **fields) -> None:
    text = f"A sentence about {fields.get('region_name')}."
    article = Article(id=article_id(text), text=text, published="2024-10-01")
    store.add_article(article, [], [Claim(article.id, action="controls", quote=text, start=0,
                                          end=len(text), published="2024-10-01", **fields)],
                                              editor=local_editor())


def test_layer_export_and_filter_take_country_and_joined_codes(store, regions):
    _stored(store, region="RU-KRS", region_name="Kursk Oblast", value=50.0, unit="percent")
    _stored(store, region="UA", region_name="Ukraine", value=18.0, unit="percent")
    _stored(store, region="SY-DR,SY-QU", region_name="Daraa and Quneitra provinces",
            value=60.0, unit="percent")
    _stored(store, region_name="Vuhledar", place_id=690823, lat=47.78, lon=37.25)
    layer = control_layer(store, regions)
    # Only the one-unit claim shades its unit; the others are kept but shade nothing, and
    # the country's is drawn at the country's point.
    assert [(f["properties"]["kind"], f["properties"].get("iso") or f["properties"]["name"])
            for f in layer["features"]] == [("region", "RU-KRS"), ("place", "Ukraine"),
                                            ("place", "Vuhledar")]
    rows = store.claims()
    geometry = {r["region_name"]: f["geometry"]
                for r, f in zip(rows, claims_feature_collection(rows, regions)["features"],
                                strict=True)}
    assert geometry["Kursk Oblast"]["type"] in ("Polygon", "MultiPolygon")
    # A country's claim: its outline, simplified (as an admin-1 claim has its unit's).
    assert geometry["Ukraine"]["type"] in ("Polygon", "MultiPolygon")
    outline = shapely.geometry.shape(geometry["Ukraine"])
    assert outline.contains(shapely.Point(30.52, 50.45))  # Kyiv
    assert len(json.dumps(geometry["Ukraine"])) < 200_000
    assert geometry["Vuhledar"] == {"type": "Point", "coordinates": [37.25, 47.78]}
    if regions.get("SY-DR") is not None:
        assert geometry["Daraa and Quneitra provinces"]["type"] in ("Polygon", "MultiPolygon")
    assert [r["region_name"] for r in store.claims(region="sy-qu")] == [
        "Daraa and Quneitra provinces"]
    assert [r["region_name"] for r in store.claims(region="UA")] == ["Ukraine"]
    assert store.claims(region="SY") == []


@pytest.mark.usefixtures("requires_gazetteer")
def test_most_of_the_city_is_the_city_not_the_province_named_after_it():
    claim = _one("Rebel groups have advanced deep into Aleppo and now control most of the "
                 "northern city, a war monitor said on Saturday.")
    assert (claim.value, claim.region, claim.region_name) == (50.0, None, "Aleppo")
    assert claim.place_id is not None and claim.lat == pytest.approx(36.2, abs=0.1)
    province = _one("Rebel groups now control most of Aleppo province, a war monitor said.")
    assert province.region == "SY-HL" and province.lat is None


@pytest.mark.usefixtures("requires_gazetteer")
@pytest.mark.parametrize(("text", "region"), [
    # A quantity with no place: the country of the actor's war (assets/sides.csv).
    ("Russian troops have taken 2,100 square kilometres since January, analysts said.", "UA"),
    ("Ukraine has lost 600 square kilometres this year, analysts said.", "UA"),
    ("The Houthis seized 12 districts last year.", "YE"),
    # "The army" fights in many wars: no country without one named.
    ("The army captured 300 square kilometres last month.", None),
])
def test_a_quantity_without_a_place_is_of_the_actors_war(text, region):
    claim = _one(text)
    assert claim.region == region, claim


def test_another_transliteration_in_a_named_country_is_placed():
    # "Tarhouna" is GeoNames' Tarhuna; the article names Libya and the Jufra district, and
    # no other place is called so: its point is the one.
    found = claims_of("The Libyan Army forces seized control of Tarhouna city after attacking "
                      "it from four axes. The militias fled to Bani Walid and Jufra.")
    assert [(c.region_name, c.lat is not None) for c in found][:1] == [("Tarhuna", True)]


def test_a_name_written_without_its_arabic_article_is_placed():
    found = claims_of("ISIS militants still control the towns of Qaim and Tal Afar in Iraq.")
    assert [c.region_name for c in found] == ["Qaim", "Tal Afar"]
    assert all(c.lat is not None for c in found)
    assert abs(found[0].lon - 41.0) < 0.5  # Al Qa'im, on the Syrian border


@pytest.mark.usefixtures("requires_gazetteer")
def test_a_village_in_the_war_of_its_actor():
    """An article naming only the actor's country by its adjective: the one village of the
    name in the war the actor fights (Ukraine and Russia for the Russian army)."""
    claim = _one("The Russian army said its troops had taken Prechystivka after weeks of "
                 "fighting.")
    assert claim.lat == pytest.approx(47.78, abs=0.05) and claim.lon == pytest.approx(37.07,
                                                                                      abs=0.05)
    # Namesakes all over Ukraine: no choice made.
    assert _one("The Russian army said its troops had taken Vodyane.").lat is None
    # The only Leonidovo with a post office is on Sakhalin, not in the region named.
    assert _one("The Russian army said it had regained Leonidovo in the Kursk region.").lat \
        is None
