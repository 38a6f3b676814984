"""Villages the gazetteer proper lacks (`geo.geoparse.villages`), on sentences written for
these tests: found where the words around them write a place and the article leaves one
village of the name; left out otherwise."""

from __future__ import annotations

import pytest

from geo.models import Article, article_id

pytestmark = pytest.mark.usefixtures("requires_gazetteer")


def _parse(text: str):
    from geo.geoparse.parse import parse_article

    return parse_article(Article(id=article_id(text), text=text))


def _found(mentions, surface):
    return [m for m in mentions if m.surface == surface]


@pytest.mark.parametrize(("text", "surface", "box"), [
    # Not in cities500 at all: the village of the named oblast.
    ("Russian forces retook Robotyne, a village in Ukraine's Zaporizhzhia region.",
     "Robotyne", (47.40, 35.78, 47.50, 35.88)),
    ("Ukraine's army said Russian troops shelled Klishchiivka near Bakhmut overnight.",
     "Klishchiivka", (48.45, 37.85, 48.60, 38.05)),
    # The gazetteer's "Plekhovo" is another spelling of a Ukrainian Plekhiv, far from the
    # Kursk region the article names: the Russian village of that name is meant.
    ("Ukrainian troops captured Plekhovo in Russia's Kursk region, the governor said.",
     "Plekhovo", (51.0, 35.2, 51.2, 35.45)),
    # Listed with a village of one choice: the Krasne beside it.
    ("Ukraine said Russian forces had seized Borysivka and Krasne in the Kharkiv region.",
     "Krasne", (50.2, 36.35, 50.4, 36.6)),
    # The model reads "Kharkiv – Lyptsi and Hlyboke" as one organisation: a spaced dash
    # parts the names (`geo.geoparse.spans`), and the villages lie near the city named.
    ("The governor said that two villages in Kharkiv – Lyptsi and Hlyboke – were shelled "
     "overnight.", "Hlyboke", (50.15, 36.2, 50.4, 36.6)),
    # Myanmar's towns that cities500 lacks (`geo.build.myanmar`), not a town of another
    # spelling 300 km away (Monywa) or in India (Phalodi).
    ("The army lost Mongyai in Myanmar's Shan State, the rebels said.", "Mongyai",
     (22.3, 97.9, 22.5, 98.2)),
    ("The Arakan Army captured Paletwa in Myanmar's Chin State in January.", "Paletwa",
     (21.3, 93.0, 21.6, 93.3)),
])
def test_a_village_written_as_a_place_is_found(text, surface, box):
    found = _found(_parse(text), surface)
    assert len(found) == 1, [m.surface for m in _parse(text)]
    m = found[0]
    south, west, north, east = box
    assert m.role == "literal" and m.place is not None and m.place.geonameid is None
    assert south <= m.place.lat <= north and west <= m.place.lon <= east, m.place
    assert text[m.start:m.end] == m.surface
    assert text[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence


@pytest.mark.parametrize(("text", "surface"), [
    # No country of the villages named: nothing is looked up.
    ("Floods reached Robotyne, a village, on Monday.", "Robotyne"),
    # Nothing around the word writes it as a place.
    ("Ukraine's Zaporizhzhia governor said Robotyne residents were safe.", "Robotyne"),
    # The Kharkiv region has several villages called Krasne and nothing settles which.
    ("Ukraine said Russian forces had seized Krasne in the Kharkiv region.", "Krasne"),
])
def test_no_village_where_the_article_leaves_a_doubt(text, surface):
    assert not [m for m in _found(_parse(text), surface)
                if m.place is not None and m.place.key.startswith("gnpc:")]


def test_a_village_key_reads_back_from_the_gazetteer():
    from geo.gazetteer.index import open_gazetteer

    m = _found(_parse("Russian forces retook Robotyne, a village in Ukraine's Zaporizhzhia "
                      "region."), "Robotyne")[0]
    back = open_gazetteer().place(m.place.key)
    assert back is not None and (back.lat, back.lon) == (m.place.lat, m.place.lon)


def test_a_city_the_gazetteer_has_is_no_far_village_of_its_name():
    # The tagger misses "Bakhmut" here and the article names only Russia; Bashkortostan has
    # a village of the name with a post office, but an article means the city of 70,000.
    mentions = _parse("Russia claims to have captured Bakhmut.")
    assert all(m.place is None or m.place.country != "RU" or m.surface != "Bakhmut"
               for m in mentions)
    assert not any(m.reason == "village with a post office" for m in mentions)


def test_a_smaller_towns_post_office_is_no_reason_to_leave_the_larger_city():
    # Rostov Oblast has a town of 48,000 called Donetsk with a post office of the name; an
    # article that lists Ukrainian regions means the city of 900,000, not that village.
    mentions = _parse("Moscow annexed four Ukrainian regions: Donetsk, Luhansk, Zaporizhzhia "
                      "and Kherson.")
    assert not any(m.surface == "Donetsk" and m.place is not None and m.place.country == "RU"
                   for m in mentions)


@pytest.mark.parametrize(("text", "surface", "box"), [
    # The ranker took a town that once had the name (Sukhanivka, alternate name Andriyivka),
    # 41 km from the town the sentence places the village by; the village of the written
    # name lies 11 km from it.
    ("Troops were pushed out of Andriivka, a village near the frontline town of Bakhmut.",
     "Andriivka", (48.45, 37.90, 48.55, 38.05)),
])
def test_a_village_much_nearer_the_named_town_beats_a_town_of_another_spelling(
        text, surface, box):
    (m,) = _found(_parse(text), surface)
    south, west, north, east = box
    assert m.place is not None and south <= m.place.lat <= north and west <= m.place.lon <= east
