"""Where a facility taken is: "captured Bhamo's airport", "Kavumu Airport", "the headquarters
of Ghormach district" (the town or district whose name it carries), never the country a
facility merely belongs to ("Sudan's main oil refinery")."""

from __future__ import annotations

from geo.claims.phrases import noun_phrase, phrase_text
from geo.claims.region_names import Region
from geo.claims.syntax import in_phrase_name, of_phrase_object

__all__ = ["facility_place"]


def facility_place(regions, facility) -> Region | None:
    """The town whose name the facility carries, found by `regions` (a
    `geo.claims.regions.RegionFinder`); None for one with no such name ("the refinery")."""
    owner = next((c for c in facility.children if c.dep_ in ("poss", "compound") and
                  c.pos_ == "PROPN"), None) or in_phrase_name(facility, plural=False) or \
        of_phrase_object(facility)  # "the headquarters of Ghormach district"
    region = regions.of_object(owner) if owner is not None else None
    if owner is not None and owner.dep_ == "compound" and (
            region is None or not (region.key or region.code)):
        # "Kavumu Airport", its town unknown: the facility by its name, not the province
        # an apposition locates it in.
        words = [t for t in noun_phrase(facility) if owner.left_edge.i <= t.i <= facility.i]
        return Region(phrase_text(words), start=words[0].idx)
    if region is None or region.feature == "country" or not (region.key or region.code):
        return None  # "Sudan's main oil refinery" says no more than the country
    return region
