"""The country of a quantity claim that names no place: the ground of the actor's war.

"Moscow's forces had seized 880 square kilometres of territory this year", "The Taliban
overran 10 provincial capitals in a week": the sentence and the article name no region, but
the claims README resolves one from context, and a reader knows it. The shipped table of
sides (`assets/sides.csv`, `assets/conflicts.csv`) says which war an actor fights, by name
alone for the rows that need no context ("Moscow's forces", "the Taliban"; not "the army");
a war fought in one country gives that country. In a war of two countries whose side is
named for one of them (Russia and Ukraine), ground taken, held or advanced over is the other
country's, ground lost or won back the side's own ("Ukraine lost about 1,500 square
kilometres"). Wars of more countries, and actors no row names alone, give nothing.

The same reading moves a town across the front (`across_the_front`): "Pokrovsk ... is now
about 85% under Russian control" is Ukraine's Pokrovsk, not the one in Yakutia the
geoparser chose from the demonym.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from geo.errors import ConflictMapError, GazetteerError
from geo.gazetteer.index import Gazetteer
from geo.gazetteer.village_points import VILLAGE_COUNTRIES, village_point
from geo.geoparse.villages import Around
from geo.models import Claim, Mention, Place

__all__ = ["across_the_front", "far_from_war", "named_party", "outside_the_war",
           "speakers_land", "village_in_the_war", "with_conflict_country"]

# What a speaker calls the ground of their own country: "2,434 square kilometres of our land".
_OWN_GROUND = frozenset({"land", "lands", "territory", "territories", "country", "soil"})

# Actions by which a side gains the other's ground, and by which it loses or regains its own.
_TAKES = frozenset({"captured", "controls", "holds", "advanced"})
_OWN = frozenset({"lost", "regained", "liberated"})


def with_conflict_country(claim: Claim, gaz: Gazetteer | None) -> Claim:
    """`claim` with its actor's country as region when it has a quantity and no place.

    >>> from geo.gazetteer.index import open_gazetteer
    >>> c = Claim("a", "captured", "q", 0, 1, actor="Moscow's forces", value=880.0, unit="km2")
    >>> (lambda r: (r.region, r.region_name))(with_conflict_country(c, open_gazetteer()))
    ('UA', 'Ukraine')
    """
    if claim.value is None or claim.region or claim.region_name or not claim.actor \
            or claim.negated:
        return claim
    code = _country_of(claim.actor, claim.action, gaz)
    if code is None:
        return claim
    name = code
    if gaz is not None:
        try:
            place = gaz.place(f"iso:{code}")
        except GazetteerError:
            place = None
        name = place.name if place is not None else code
    return replace(claim, region=code, region_name=name)


def across_the_front(claim: Claim, gaz: Gazetteer | None, named_units: set[str]) -> Claim:
    """`claim` with its town moved to the namesake in the country its actor's side fights in,
    where the town placed lies in the side's own country, the claim takes or holds it, no
    admin-1 unit the article names holds it, and the other country has one town so called
    at least as large ("under Russian control": Pokrovsk, Donetsk region, not Yakutia's)."""
    if claim.action not in _TAKES or claim.place_id is None or claim.region or not \
            claim.actor or not claim.region_name or gaz is None or claim.negated:
        return claim
    try:
        placed = gaz.place(f"gn:{claim.place_id}")
        other = _war_countries(claim.actor, gaz)
        if placed is None or other is None or placed.country != other[0] or \
                placed.admin1 in named_units:
            return claim
        across = {c.place.key: c.place for c in gaz.candidates(claim.region_name)
                  if c.place.country == other[1] and c.place.feature == "city"
                  and c.kind in ("name", "alt")}
    except GazetteerError:
        return claim
    if len(across) != 1:
        return claim
    town = next(iter(across.values()))
    if town.population < placed.population or town.lat is None:
        return claim
    return replace(claim, place_id=town.geonameid, lat=town.lat, lon=town.lon)


def outside_the_war(claim: Claim, gaz: Gazetteer | None, mentions: Sequence[Mention]) -> Claim:
    """`claim` without its town's point where the town lies in no country of its actor's war
    and in none the article names otherwise: the geoparser's namesake, not the town meant
    ("the central town of Boni" in a Malian army claim is not Bonn). The name is kept as
    written; the claim stays, unplaced."""
    if claim.place_id is None or claim.region or gaz is None or not claim.actor:
        return claim
    try:
        placed = gaz.place(f"gn:{claim.place_id}")
    except GazetteerError:
        return claim
    here = [m for m in mentions if m.place is not None and m.place.geonameid == claim.place_id]
    if placed is None or not far_from_war(claim.actor, placed, mentions):
        return claim
    written = here[0].surface if here else claim.region_name
    return replace(claim, place_id=None, lat=None, lon=None, region_name=written)


def village_in_the_war(claim: Claim, gaz: Gazetteer | None, around: Around) -> Claim:
    """`claim` with the point of the one village of its name in its actor's war (the
    villages table: Ukraine's, Russia's, Myanmar's), where nothing placed it and its actor's
    war is known by the actor's name alone: "Last month they seized the village of
    Prechystivka" after "the Russian army", in an article that names no country but Russia's
    adjective. As the geoparser's village pass, the village must lie in an admin-1 unit the
    article names, else near a town it names (`around`), and namesakes far apart leave the
    claim unplaced."""
    if claim.lat is not None or claim.region or not claim.region_name or not claim.actor \
            or gaz is None:
        return claim
    sides = _sides()
    side = sides.side_of(claim.actor) if sides is not None else None
    countries = sides.conflicts.get(side.conflict or "", frozenset()) if side else frozenset()
    if not side or not side.resolved or not countries & VILLAGE_COUNTRIES:
        return claim
    village = village_point(claim.region_name, gaz, countries,
                            around.in_unit if around.shapes else None, around.towns)
    if village is None:
        return claim
    return replace(claim, lat=village.lat, lon=village.lon)


def speakers_land(qhead, claimant: str | None, gaz: Gazetteer | None) -> str | None:
    """The country (ISO code) a quantity is a share of when it is "of our land" (territory,
    country, soil) and its claimant is a side the table names for one country of its war
    ("Zelensky said": Ukraine), else None."""
    if qhead is None or not claimant:
        return None
    for prep in (c for c in qhead.children if c.dep_ == "prep" and c.lower_ == "of"):
        for ground in (o for o in prep.children if o.lemma_.lower() in _OWN_GROUND):
            if any(c.dep_ == "poss" and c.lower_ == "our" for c in ground.children):
                return _country_of(claimant, "regained", gaz)  # a side's own country
    return None


def named_party(name: str) -> bool:
    """Whether the shipped table of sides names `name` as a party by itself ("the M23",
    "Myanmar National Democratic Alliance Army"; not "the army", which needs its war).

    >>> named_party("the M23"), named_party("the army")
    (True, False)
    """
    sides = _sides()
    return sides is not None and sides.side_of(name).resolved


def far_from_war(actor: str, place: Place, mentions: Sequence[Mention]) -> bool:
    """Whether `place` lies in no country of `actor`'s war (a side the shipped table names
    without context) and in none that the article's other mentions name."""
    sides = _sides()
    side = sides.side_of(actor) if sides is not None else None
    countries = sides.conflicts.get(side.conflict or "", frozenset()) if side else frozenset()
    if not side or not side.resolved or not countries:
        return False
    named = {m.place.country for m in mentions
             if m.place is not None and m.place.geonameid != place.geonameid}
    return place.country not in countries | named


def _country_of(actor: str, action: str, gaz: Gazetteer | None) -> str | None:
    sides = _sides()
    if sides is None:
        return None
    side = sides.side_of(actor)  # no countries: only the rows that need no context
    countries = sides.conflicts.get(side.conflict or "", frozenset())
    if not side.resolved or not countries:
        return None
    if len(countries) == 1:
        return next(iter(countries))
    pair = _pair(side, countries, gaz)
    if pair is None:
        return None
    if action in _OWN:
        return pair[0]
    return pair[1] if action in _TAKES else None


def _war_countries(actor: str, gaz: Gazetteer | None) -> tuple[str, str] | None:
    """(the side's own country, the other) for an actor of a war of two countries whose
    side is named for one of them ("Moscow's forces": RU, UA); None otherwise."""
    sides = _sides()
    if sides is None:
        return None
    side = sides.side_of(actor)
    if not side.resolved:
        return None
    return _pair(side, sides.conflicts.get(side.conflict or "", frozenset()), gaz)


def _pair(side, countries: frozenset[str], gaz: Gazetteer | None) -> tuple[str, str] | None:
    own = _country_named(side.name, gaz)
    if len(countries) != 2 or own not in countries:
        return None
    return own, next(iter(countries - {own}))


def _country_named(name: str, gaz: Gazetteer | None) -> str | None:
    """The country a side is named for ("Russia"), by the gazetteer's own name for it."""
    if gaz is None:
        return None
    try:
        found = gaz.candidates(name)
    except GazetteerError:
        return None
    return next((c.place.country for c in found if c.kind == "name"
                 and c.place.feature == "country"), None)


@lru_cache(maxsize=1)
def _sides():
    """The shipped table of sides (a user's file is for colouring their map), or None."""
    from geo.sides.resolve import Sides

    try:
        return Sides()
    except ConflictMapError:
        return None
