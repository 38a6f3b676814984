"""A town the gazetteer spells otherwise: "Striliche" in the Kharkiv region is Strilecha.

Claim placing asks when the gazetteer has no place of the name as written at all: the one
town of an admin-1 unit the article names whose folded name is nearly the same (difflib's
ratio), none of the others close to it.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from geo.claims.places import Places
from geo.errors import GazetteerError
from geo.gazetteer.names import fold
from geo.models import Place

__all__ = ["spelled_like"]

# How alike (difflib ratio of folded names) another spelling of a town in a named admin-1
# unit must be: "striliche"/"strilecha" 0.78, "maiorsk"/"mayorsk" 0.86.
_SPELLED_LIKE = 0.75


def spelled_like(name: str, places: Places) -> Place | None:
    """The one town of an admin-1 unit the article names whose name is spelled nearly as
    `name` (another transliteration: "Striliche" for "Strilecha"), when the gazetteer has
    no place called `name` at all; None if none or several are that close."""
    if places.gaz is None or " " in name.strip() or len(name) < 5:
        return None
    try:
        if places.gaz.candidates(name):
            return None  # a known name: `geo.claims.placing` has judged it
        units = {m.place.admin1 for m in places.body if m.place is not None
                 and m.place.feature == "admin1" and m.role == "literal" and m.place.admin1}
        wanted = fold(name)
        spellings = [t for unit in sorted(units)
                     for t in places.gaz.towns_starting(wanted[:3], unit)]
    except GazetteerError:
        return None
    best: dict[str, tuple[float, Place]] = {}
    for norm, town in spellings:
        ratio = SequenceMatcher(None, wanted, norm).ratio()
        if ratio > best.get(town.key, (0.0, town))[0]:
            best[town.key] = (ratio, town)
    scored = sorted(best.values(), key=lambda t: -t[0])
    if not scored or scored[0][0] < _SPELLED_LIKE:
        return None
    if len(scored) > 1 and scored[1][0] > scored[0][0] - 0.05:
        return None
    return scored[0][1]
