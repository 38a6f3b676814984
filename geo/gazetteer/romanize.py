"""Ukrainian place names in Latin letters, as the press writes them.

The villages table (`geo.build.villages`) has GeoNames' Ukrainian postal places in Cyrillic;
news in English names them in the national romanization of 2010 (Cabinet of Ministers
resolution 55, also the UN's and BGN/PCGN's for Ukrainian since 2012): "Роботине" is
Robotyne, "Кліщіївка" Klishchiivka. Many reports still write є, ю, я after a consonant or an
apostrophe the older way ("Pyatykhatky" for П'ятихатки), so `spellings` gives that form too.
"""

from __future__ import annotations

__all__ = ["romanize", "spellings"]

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}
# At the start of a word; "ye", "yu", "ya" also the older form inside one.
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_OLDER = {"є": "ye", "ю": "yu", "я": "ya"}


def romanize(name: str, *, older: bool = False) -> str:
    """The name in the national romanization (with `older`, є, ю, я as ye, yu, ya throughout).

    >>> romanize("Роботине"), romanize("Кліщіївка"), romanize("Старомайорське")
    ('Robotyne', 'Klishchiivka', 'Staromaiorske')
    >>> romanize("П'ятихатки"), romanize("П'ятихатки", older=True), romanize("Згурівка")
    ('Piatykhatky', 'Pyatykhatky', 'Zghurivka')
    >>> romanize("Нова Яворівка"), romanize("Верхньокам'янське", older=True)
    ('Nova Yavorivka', 'Verkhnokamyanske')
    """
    out = []
    for i, char in enumerate(name):
        lower = char.lower()
        initial = i == 0 or (not name[i - 1].isalpha() and name[i - 1] not in "'’ʼ")
        if lower == "г" and i > 0 and name[i - 1].lower() == "з":
            latin = "gh"  # зг is "zgh", not "zh"
        elif initial and lower in _INITIAL:
            latin = _INITIAL[lower]
        elif older and lower in _OLDER:
            latin = _OLDER[lower]
        else:
            latin = _LETTERS.get(lower, char)
        out.append(latin.capitalize() if char != lower and latin else latin)
    return "".join(out)


def spellings(name: str) -> list[str]:
    """The name's romanizations, the national one first, each once.

    >>> spellings("Новеньке"), spellings("П'ятихатки")
    (['Novenke'], ['Piatykhatky', 'Pyatykhatky'])
    """
    return list(dict.fromkeys([romanize(name), romanize(name, older=True)]))
