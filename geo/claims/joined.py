"""Claims about several admin-1 units at once: "the Donetsk, Zaporizhzhia and Kharkiv regions",
"the regions of Amhara and Afar".

Read from the text rather than the parse: the small English model often splits such a list
(the first name an object of "in", the rest a second object of the verb) and tags the names
as persons, so the geoparser resolves none or only the first. A list counts when every name
in it is an admin-1 unit in the gazetteer. It is named the way the claims README joins
regions: "Donetsk, Zaporizhzhia and Kharkiv Oblasts" where the units are oblasts, otherwise
as written ("Amhara and Afar regions"). Its `codes` are the units' ISO 3166-2 codes in the
order written, which a claim keeps comma-joined (see `geo.claims.placing`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.errors import GazetteerError
from geo.gazetteer.index import Gazetteer

__all__ = ["JoinedRegions", "joined_regions"]

_WORD = r"[A-Z][\w'’-]*"
_NAME = rf"{_WORD}(?: {_WORD})?"
_JOINED = re.compile(rf"(?<![\w'’-])({_NAME}(?:, {_NAME})*,? and {_NAME}) "
                     r"(regions|oblasts|provinces|governorates|states)\b")
# "the neighbouring regions of Amhara and Afar": the noun first.
_OF_JOINED = re.compile(rf"\b(regions|oblasts|provinces|governorates|states) of "
                        rf"({_NAME}(?:, {_NAME})*,? and {_NAME})(?![\w'’-])")
_PLURAL_NOUN = re.compile(r"\b(?:regions|oblasts|provinces|governorates|states)\b")
_ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_COMPASS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern",
                      "Western", "Central", "Upper", "Lower"})


@dataclass(frozen=True, slots=True)
class JoinedRegions:
    """One list of admin-1 units named together; `start`/`end` are character offsets of the
    list in the text, `country` the ISO 3166-1 code of its first unit, `codes` the units'
    ISO 3166-2 codes in text order (empty when one of them has none)."""

    name: str
    start: int
    end: int
    country: str | None
    codes: tuple[str, ...] = ()


def joined_regions(text: str, gazetteer: Gazetteer | None) -> list[JoinedRegions]:
    """Every list of two or more admin-1 units followed by a plural region noun in `text`.

    Examples
    --------
    >>> joined_regions("in the Donetsk and Luhansk regions", None)
    []
    """
    if gazetteer is None or not _PLURAL_NOUN.search(text):
        return []  # most texts: no plural region noun, so no list (both patterns need one)
    out = []
    matches = [(m.group(1), m.start(), m.end(), m.group(2)) for m in _JOINED.finditer(text)]
    matches += [(m.group(2), m.start(2), m.end(), m.group(1)) for m in _OF_JOINED.finditer(text)]
    for listed_text, start, end, noun in matches:
        names = _shared_word(_SPLIT.split(listed_text))
        first = _admin1(gazetteer, names[0])
        if first is None and " " in names[0]:
            # "The Donetsk", "Russia's Belgorod": the list starts at the second word.
            start += names[0].index(" ") + 1
            names[0] = names[0].split(" ", 1)[1]
            first = _admin1(gazetteer, names[0])
        units = [first, *(_admin1(gazetteer, n) for n in names[1:])]
        if any(u is None for u in units) or len({u.country for u in units}) > 1:
            continue
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        if all(u.name.split()[-1].lower() == "oblast" for u in units):
            name = f"{listed} Oblasts"
        else:
            name = f"{listed} {noun}"
        codes = tuple(u.admin1 or "" for u in units)
        coded = all(_ISO_3166_2.match(c) for c in codes)
        out.append(JoinedRegions(name, start, end, units[0].country, codes if coded else ()))
    return sorted(out, key=lambda j: j.start)


def _shared_word(names: list[str]) -> list[str]:
    """"North and South Kivu": the last name's last word completes the compass words before it.

    >>> _shared_word(["North", "South Kivu"])
    ['North Kivu', 'South Kivu']
    >>> _shared_word(["Donetsk", "Luhansk"])
    ['Donetsk', 'Luhansk']
    """
    last = names[-1].split()
    if len(last) != 2 or last[0] not in _COMPASS:
        return names
    return [f"{n} {last[1]}" if n in _COMPASS else n for n in names[:-1]] + [names[-1]]


def _admin1(gazetteer: Gazetteer, name: str):
    """The admin-1 unit `name` stands for, or None."""
    try:
        found = gazetteer.candidates(name)
    except GazetteerError:
        return None
    units = [c.place for c in found if c.place.feature == "admin1" and c.kind != "demonym"]
    return max(units, key=lambda p: p.population) if units else None
