"""The map's town markers where the article's claims put the town.

Claim placing reads more than the geoparser's ranker does: the side that takes a town and the
war it fights (`geo.claims.conflict_country.across_the_front`), the towns listed with it, the
admin-1 units the article names. Where it put a claim's town at a namesake of the place the
geoparser chose ("Pokrovsk ... is now about 85% under Russian control": the ranker read
"Russian" as the article's country and chose Yakutia's Pokrovsk; the claim is Donetsk
region's), a marker of the same name would say otherwise than the claim beside it. Ingest
gives such a mention the claim's town; `conflict-map evaluate` scores the geoparser alone.
Where claim placing dropped the geoparser's town as lying outside the actor's war ("Boni" in
a Malian army claim had been Bonn), the mention of that name is left without a place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from geo.claims.conflict_country import far_from_war
from geo.errors import GazetteerError
from geo.gazetteer.index import Gazetteer, open_gazetteer
from geo.gazetteer.names import fold
from geo.models import Claim, Mention

__all__ = ["FAR", "REASON", "mentions_as_claimed"]

REASON = "the town its claim names"
FAR = "a namesake outside its claim's war"


def mentions_as_claimed(mentions: Sequence[Mention], claims: Sequence[Claim],
                        gazetteer: Gazetteer | None = None) -> list[Mention]:
    """`mentions`, each literal town mention named as a claim's town but resolved to a
    namesake of it given that town (the first claim of the name decides), and one named as a
    town its claim left unplaced for lying outside the war (`far_from_war`) left unresolved.

    >>> mentions_as_claimed([], [])
    []
    """
    wanted: dict[str, int] = {}
    unplaced: dict[str, str] = {}  # a town's name → the actor of a claim that left it unplaced
    for claim in claims:
        if claim.place_id is not None and not claim.region and claim.region_name:
            wanted.setdefault(fold(claim.region_name), claim.place_id)
        elif claim.place_id is None and not claim.region and claim.region_name and claim.actor:
            unplaced.setdefault(fold(claim.region_name), claim.actor)
    out = list(mentions)
    for k, m in enumerate(out):
        actor = unplaced.get(fold(m.surface))
        if actor is not None and m.place is not None and m.role == "literal" and \
                m.place.feature == "city" and far_from_war(actor, m.place, mentions):
            out[k] = replace(m, place=None, reason=FAR)  # "Boni" of a Malian claim: not Bonn
    if not wanted:
        return out
    try:
        gaz = gazetteer or open_gazetteer()
        for k, m in enumerate(out):
            place = m.place
            want = wanted.get(fold(m.surface))
            if place is None or want is None or m.role != "literal" or \
                    place.feature != "city" or place.geonameid in (None, want):
                continue
            town = gaz.place(f"gn:{want}")
            if town is not None and town.feature == "city" and fold(town.name) == fold(place.name):
                out[k] = replace(m, place=town, reason=REASON)
    except GazetteerError:
        return list(mentions)
    return out
