"""Ukrainian and Russian place names in Latin letters, as the press writes them.

The villages table (`geo.build.villages`) has GeoNames' Ukrainian postal places in Cyrillic;
news in English names them in the national romanization of 2010 (Cabinet of Ministers
resolution 55, also the UN's and BGN/PCGN's for Ukrainian since 2012): "Роботине" is
Robotyne, "Кліщіївка" Klishchiivka. Many reports still write є, ю, я after a consonant or an
apostrophe the older way ("Pyatykhatky" for П'ятихатки), so `spellings` gives that form too.
Russian names (`language="ru"`) follow BGN/PCGN as English-language news does (Свердликово is
Sverdlikovo, Гуево Guyevo), without its diacritics; an adjective's "-ый"/"-ий" also as the
press's "-y" ("Krasny").
"""

from __future__ import annotations

import re

__all__ = ["romanize", "romanize_ru", "spellings"]

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


_RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
_YE_AFTER = set("аеёиоуыэюяйъь")


def romanize_ru(name: str) -> str:
    """A Russian name in BGN/PCGN romanization without diacritics ("е" is "ye" at a word's
    start and after a vowel, "й", "ъ" or "ь").

    >>> romanize_ru("Свердликово"), romanize_ru("Гуево"), romanize_ru("Малая Локня")
    ('Sverdlikovo', 'Guyevo', 'Malaya Loknya')
    >>> romanize_ru("Красный Октябрь"), romanize_ru("Елизаветовка")
    ('Krasnyy Oktyabr', 'Yelizavetovka')
    """
    out = []
    for i, char in enumerate(name):
        lower = char.lower()
        before = name[i - 1].lower() if i else ""
        if lower == "е" and (not before.isalpha() or before in _YE_AFTER):
            latin = "ye"
        else:
            latin = _RUSSIAN.get(lower, char)
        out.append(latin.capitalize() if char != lower and latin else latin)
    return "".join(out)


def spellings(name: str, language: str = "uk") -> list[str]:
    """The name's romanizations, the standard one first, each once.

    >>> spellings("Новеньке"), spellings("П'ятихатки")
    (['Novenke'], ['Piatykhatky', 'Pyatykhatky'])
    >>> spellings("Красный Октябрь", "ru")
    ['Krasnyy Oktyabr', 'Krasny Oktyabr']
    """
    if language == "ru":
        standard = romanize_ru(name)
        press = re.sub(r"(?:yy|iy)\b", "y", standard)
        return list(dict.fromkeys([standard, press]))
    return list(dict.fromkeys([romanize(name), romanize(name, older=True)]))
