"""Ground named by its people's adjective: "southern Lebanese villages", "Ukrainian towns" lie
in that country (and in the side of it named with them), wherever exactly they are."""

from __future__ import annotations

from dataclasses import replace

from geo.claims.places import Places
from geo.claims.region_names import COMPASS, Region

__all__ = ["demonym_region"]


def demonym_region(noun, places: Places) -> Region | None:
    """The country a plural place noun's demonym names, with its compass side ("southern
    Lebanon" for "southern Lebanese villages"); None for any other noun."""
    if noun.tag_ not in ("NNS", "NNPS"):
        return None
    adjectives = [c for c in noun.children if c.dep_ == "amod"]
    countries = [m.place for c in adjectives for m in places.mentions_over(c.idx, c.idx + len(c))
                 if m.role == "adjectival" and m.place.feature == "country"]
    if len(countries) != 1:
        return None  # none, or "Russian and Ukrainian villages": no one country
    region = places.region_of_place(countries[0], start=noun.idx)
    sides = [c.lower_ for c in adjectives if c.lower_ in COMPASS.values()]
    return replace(region, name=f"{' and '.join(sides)} {region.name}") if sides else region
