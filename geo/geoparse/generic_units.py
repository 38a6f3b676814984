"""Admin-1 units named by a common word ("Central", "Eastern", "Centre", "Bay"): kept only in
an article that places something else in their country.

Uganda's regions are Central, Eastern, Northern and Western, Burkina Faso's has a Centre, Somalia
a Bay, Zambia an Eastern province; in most texts those words mean something else ("the Centre"
is India's central government, "the Bay" San Francisco's, "Western and Asian buyers"). A
mention resolved to such a unit with no other place of that country in its article is dropped
rather than drawn on the other side of the world.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from geo.gazetteer.names import fold
from geo.models import Mention

__all__ = ["GENERIC_UNIT_WORDS", "with_supported_units"]

GENERIC_UNIT_WORDS = frozenset("""
centre center central north south east west northern southern eastern western coast coastal
lakes bay islands capital upper lower littoral plateau mountains highlands interior
""".split())
_TRAILING = frozenset("region province state district governorate department".split())


def _generic(m: Mention) -> bool:
    """Whether `m` names an admin-1 unit by one common word ("the Centre", "Eastern province")."""
    if m.place is None or m.place.feature != "admin1":
        return False
    words = fold(m.surface).removeprefix("the ").split()
    while len(words) > 1 and words[-1] in _TRAILING:
        words.pop()
    return len(words) == 1 and words[0] in GENERIC_UNIT_WORDS


def with_supported_units(mentions: Sequence[Mention], also: Collection[str] = ()
                         ) -> list[Mention]:
    """`mentions` without those that name an admin-1 unit by a common word when no other
    mention lies in that unit's country, nor is it among `also` (the countries another field
    of the article places things in).

    >>> from geo.models import Place
    >>> ug = Place("iso:UG-C", "Central", 0.5, 32.3, "admin1", "UG", "UG-C")
    >>> kampala = Place("gn:232422", "Kampala", 0.3, 32.6, "city", "UG", "UG-C")
    >>> def at(surface, place, start):
    ...     return Mention("text", surface, start, start + len(surface), "", 0, "literal",
    ...                    place, 0.9, "test")
    >>> [m.surface for m in with_supported_units([at("Central", ug, 0)])]
    []
    >>> both = [at("Central", ug, 0), at("Kampala", kampala, 20)]
    >>> [m.surface for m in with_supported_units(both)]
    ['Central', 'Kampala']
    """
    generic = [_generic(m) for m in mentions]
    if not any(generic):
        return list(mentions)
    countries = {m.place.country for m, g in zip(mentions, generic, strict=True)
                 if m.place is not None and not g and m.place.country} | set(also)
    return [m for m, g in zip(mentions, generic, strict=True)
            if not g or m.place.country in countries]
