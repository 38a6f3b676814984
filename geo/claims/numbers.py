"""Quantities of territory in text: "over 86%", "two-thirds of", "1,000 square kilometres".

Pure text (regular expressions), no parser: `find_quantities` returns every number that carries a
territorial unit, with its bound ("over", "nearly" ...) and character span. Whether a quantity is
a *claim* (a share of territory that someone holds or took) is decided by `geo.claims.extract` with
the parse; here a quantity only knows its own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.claims.lexicon import COUNTED_UNITS, SETTLEMENT_NOUNS
from geo.models import Bound, Unit

__all__ = ["MAX_DIGITS", "OPENING_BOUND", "Quantity", "elided_counts", "find_quantities",
           "parse_number"]

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Shares written as words, in percent of the denominator.
_FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "tenth": 10}
_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}

_WORD = "|".join(sorted([*_ONES, *_TENS, "hundred", "thousand", "dozen"], key=len, reverse=True))
# "55,7%": a decimal comma (one or two digits, then the percent sign), not thousands.
_DIGITS = r"\d{1,2},\d{1,2}(?=\s?%)|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = (rf"(?:(?:{_DIGITS})(?:\s+(?:million|thousand))?"
           rf"|(?:a\s+(?=hundred|thousand|dozen))?(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*)")
_FRACTION = (r"(?:(?:a|one|two|three|four)[\s-]+(?:half|thirds?|quarters?|fifths?|sixths?|tenths?)"
             r"|half|(?:the\s+|a\s+)?majority|most)")

# Bound words before the number; the longest alternatives come first.
_BOUNDS: tuple[tuple[str, Bound], ...] = (
    (r"more\s+than|greater\s+than|in\s+excess\s+of|upwards\s+of|well\s+over|just\s+over"
     r"|slightly\s+more\s+than|over|above|exceeding", "over"),
    (r"at\s+least|no\s+less\s+than|no\s+fewer\s+than|a\s+minimum\s+of", "at_least"),
    (r"approximately|approx\.|about|around|roughly|some|an\s+estimated|an\s+approximate"
     r"|estimated|circa|an\s+area\s+of\s+about", "about"),
    (r"nearly|almost|less\s+than|fewer\s+than|just\s+under|just\s+below|under|below"
     r"|close\s+to|just\s+shy\s+of|short\s+of|not\s+quite", "under"),
    (r"up\s+to|as\s+much\s+as|as\s+many\s+as", "up_to"),
    (r"exactly|precisely", "exactly"),
)
_BOUND_RE = "|".join(f"(?P<b{i}>{alt})" for i, (alt, _b) in enumerate(_BOUNDS))
# Words that may sit between the bound and the number ("just over", "only", a quote mark).
_FILLER = r"(?:only|just|still|a\s+total\s+of|a\s+further|another|an\s+additional|[\"“‘'])"

# A quantity's bound or filler word opening a text ("about a third", "nearly 40%", "only two").
OPENING_BOUND = re.compile(rf"(?:{_BOUND_RE}|{_FILLER})\s", re.IGNORECASE)
# What "km of ..." must be of to be an area: ground, with up to two words before it.
_GROUND = (r"(?:(?:the|its|their|[\w’'-]+)\s+){0,2}"
           r"(?:territory|territories|land|lands|ground|terrain|area)\b")
_UNITS: tuple[tuple[str, Unit], ...] = (
    (r"%|per\s?cent\b|percent\b|pct\b|(?-i:pc)\b", "percent"),  # "10pc" (British)
    (r"sq\.?[\s-]*km\b|sq\.?\s*kilomet(?:er|re)s?\b|square\s+kilomet(?:er|re)s?\b|square\s+km\b"
     r"|km2\b|km²|kilomet(?:er|re)s?\s+squared\b|sqkm\b"
     # "200 km of territory": a length unit written for an area (a distance has no "of land")
     rf"|(?:km|kilomet(?:er|re)s?)(?=\s+of\s+{_GROUND})", "km2"),
    (r"sq\.?\s*mi(?:les?)?\b|square\s+miles?\b|mi2\b|mi²", "mi2"),
    (r"hectares?\b|(?-i:ha)\b", "hectares"),
    (r"d[uo]n[ua]ms?\b", "dunams"),
)
# Up to two modifiers between a count and its settlement noun ("11 key trade towns").
_MODIFIER = r"(?!(?:of|in|on|at|the|and|or|from|near|per|by|to|for)\b)[a-z][\w-]*"
_SETTLEMENT_RE = re.compile(
    rf"\s+(?:{_MODIFIER}\s+){{0,2}}(?:{SETTLEMENT_NOUNS})(?:\s+and\s+(?:{SETTLEMENT_NOUNS}))?\b",
    re.IGNORECASE)
_COUNTED_RE = re.compile(rf"\s+(?:{_MODIFIER}\s+){{0,2}}(?:{COUNTED_UNITS})\b", re.IGNORECASE)
# A count of some of them: "five of Darfur's state capitals", "three of the districts".
_PARTITIVE = re.compile(r"\s+of\s+(?:the|its|their|all|[\w-]+['’]s)(?=\s)", re.IGNORECASE)
_SUPERLATIVE = re.compile(r"\s+(?:biggest|largest|greatest|oldest|richest|busiest|main|"
                          r"most\s+\w+)\s", re.IGNORECASE)
# "Jalalabad, one of", "Jalalabad, the capital ... and one of"; not "two villages and one of"
_AFTER_A_NAME = re.compile(r",(?:[^,.;:]*\band)?\s+$")
# "107 of the 330 townships, or 32 percent": a count restated as a share is that share.
_RESTATED_AS_SHARE = re.compile(r"[\w\s’'-]{0,60}?,?\s+or\s+(?:about\s+|some\s+|nearly\s+)?"
                                r"[\d.,]+\s*(?:%|per\s?cent|percent)", re.IGNORECASE)

# Every number `_QUANTITY_RE` or `_FRACTION_RE` reads holds one of these (as a substring).
_MAY_COUNT = re.compile("|".join([r"\d", _WORD, *_FRACTIONS, "majority", "most"]), re.IGNORECASE)
# Every share in words (`_FRACTION_RE`) holds one of these.
_FRACTION_WORDS = (*_FRACTIONS, "majority", "most")
# `_MAY_COUNT` as substrings (digits, words), less the words that contain another.
_ALL_COUNT_WORDS = {*_ONES, *_TENS, "hundred", "thousand", "dozen", *_FRACTION_WORDS}
_COUNT_WORDS = (*"0123456789", *sorted(w for w in _ALL_COUNT_WORDS
                                       if not any(o != w and o in w for o in _ALL_COUNT_WORDS)))
_QUANTITY_RE = re.compile(
    rf"(?<![\w.,])(?:(?:{_BOUND_RE})\s+)?(?:{_FILLER}\s*)?"
    rf"(?P<num>{_NUMBER})(?![\d,]*\d)", re.IGNORECASE)
_UNIT_RE = re.compile(
    "|".join(f"(?P<u{i}>{alt})" for i, (alt, _u) in enumerate(_UNITS)), re.IGNORECASE)
# "in the second half", "the first half of the year": a part of a time, not a share.
_TIME_HALF = r"(?<!first\s)(?<!second\s)(?<!latter\s)(?<!former\s)(?<!final\s)"
_FRACTION_RE = re.compile(
    rf"(?<![\w-]){_TIME_HALF}(?:(?:{_BOUND_RE})\s+)?(?P<num>{_FRACTION})"
    rf"(?=\s+of\b|\s*[.,;:)\"”]|\s*$|\s+(?:and|but|or|in|on|by|since)\b"
    r"|(?<=half)\s+(?:the|its|their)\b)", re.IGNORECASE)
_TRAILING_BOUND = re.compile(r"\s+or\s+(?:more|so)\b", re.IGNORECASE)
_OPEN_BRACKET = re.compile(r"[(\[]\s*(?:about|approx\.|around|roughly|some|or|nearly|almost)?\s*$",
                           re.IGNORECASE)
_OF_DENOMINATOR = re.compile(
    rf"(?P<q>(?:(?:{_BOUND_RE})\s+)?(?:{_FILLER}\s*)?(?P<num>{_DIGITS}|{_WORD}))\s+(?:out\s+)?of\s+"
    r"(?:the\s+|its\s+|their\s+|(?:the\s+|(?-i:[A-Z])[\w-]*\s+){0,2}[\w’'-]+[’']s\s+)?$",
    re.IGNORECASE)
# A count right after a share's "of" is the whole the share is of, not a count of its own.
_SHARE_OF = re.compile(r"(?:%|\bper\s?cent|\bpercent|\bhalf|\bthirds?|\bquarters?|\bfifths?|"
                       r"\btenths?|\bmajority|\bmost)\s+of\s+(?:(?:the|its|their|all)\s+"
                       r"|[\w-]+['’]s\s+)*$", re.IGNORECASE)
_OUT_OF = re.compile(r"\bout\s+of\s+(?:the\s+|a\s+total\s+of\s+)?$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_CHANGE_AFTER = re.compile(r"\s*(?:percentage\s+)?points?\b", re.IGNORECASE)
# "control over 28 settlements": here "over" is the preposition, not a bound.
_PREPOSITION_OVER = re.compile(
    r"\b(?:control|jurisdiction|authority|sovereignty|hold|grip|power)\s+$", re.IGNORECASE)
# "taken over three districts": a particle before a word number ("took over 40%": a bound).
_PARTICLE_OVER = re.compile(
    r"\b(?:take|takes|taking|took|taken|hand|hands|handing|handed)\s+$", re.IGNORECASE)
_AREA = frozenset({"km2", "mi2", "hectares", "dunams"})
_THOUSANDS_DOT = re.compile(r"[1-9]\d{0,2}\.\d{3}")  # "8.000 sq km" (`_quantity`)
# Integer digits beyond which a number is read as none (10^15 km² is two million Earths).
MAX_DIGITS = 15
# How far before a quantity the patterns that end at it ("(about", "86 of the", "control")
# look: searching the whole text before every quantity made long sentences quadratic.
_LOOK_BACK = 200


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with a territorial unit, as written.

    `start`/`end` span the bound word, the number and the unit ("over 86%"); `num_start`/`num_end`
    the number alone. `role` is "claim" for a candidate claim, "conversion" for a bracketed
    restatement in another unit ("(193 square miles)"), "denominator" for the whole that another
    quantity is part of ("100 of the 350 towns"), "change" for a rate ("declining by 50%").
    `denominator` is set on a part whose whole is a quantity ("the 350 towns").
    """

    value: float
    unit: Unit | None  # None: a count of townships, districts or positions
    bound: Bound | None
    start: int
    end: int
    num_start: int
    num_end: int
    role: str = "claim"
    fraction: bool = False
    denominator: str | None = None


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words, or None.

    Examples
    --------
    >>> parse_number("1,268"), parse_number("31.75"), parse_number("1.5 million")
    (1268.0, 31.75, 1500000.0)
    >>> parse_number("twenty-five"), parse_number("two hundred and forty"), parse_number("a dozen")
    (25.0, 240.0, 12.0)
    >>> parse_number("two-thirds"), parse_number("a fifth"), parse_number("most")
    (66.7, 20.0, 50.0)
    >>> parse_number("9" * 16) is None  # over `MAX_DIGITS` digits: not a quantity
    True
    """
    if re.fullmatch(r"\d{1,2},\d{1,2}", text.strip()):
        return float(text.strip().replace(",", "."))  # a decimal comma ("55,7%")
    words = text.lower().replace(",", "").split()
    if not words:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        if len(words[0].partition(".")[0].lstrip("0")) > MAX_DIGITS:
            return None  # no territory is counted in such numbers; float() would be inf
        value = float(words[0])
        return value * _SCALES[words[1]] if len(words) > 1 and words[1] in _SCALES else value
    joined = " ".join(words)
    if joined in ("most", "majority", "the majority", "a majority"):
        return 50.0
    parts = re.split(r"[\s-]+", joined)
    if parts[-1].rstrip("s") in _FRACTIONS and len(parts) <= 2:
        numerator = _NUMERATORS.get(parts[0], 0) if len(parts) == 2 else 1
        return round(100 * numerator / _FRACTIONS[parts[-1].rstrip("s")], 1) if numerator else None
    return _words_value([p for p in parts if p != "and"])


def find_quantities(text: str) -> list[Quantity]:
    """Every territorial quantity in `text`, in text order.

    Examples
    --------
    >>> [(q.value, q.unit, q.bound) for q in find_quantities("regained over 86% of the land")]
    [(86.0, 'percent', 'over')]
    >>> [(q.value, q.unit, q.role) for q in find_quantities(
    ...     "about 500 square kilometers (193 square miles) and 13.5sq km")]
    [(500.0, 'km2', 'claim'), (193.0, 'mi2', 'conversion'), (13.5, 'km2', 'claim')]
    >>> [(q.value, q.unit, q.bound) for q in find_quantities("less than a third of the region")]
    [(33.3, 'percent', 'under')]
    >>> [(q.value, q.unit, q.role) for q in find_quantities("fewer than 100 of the 350 towns")]
    [(100.0, 'settlements', 'claim'), (350.0, 'settlements', 'denominator')]
    >>> [(q.value, q.unit) for q in find_quantities("held 55,7% and 1,000sq-km and 2,000 dunums")]
    [(55.7, 'percent'), (1000.0, 'km2'), (2000.0, 'dunams')]
    >>> find_quantities("approximately 430 Ukrainian soldiers, 12 km deep, in 2024")
    []
    >>> [(q.value, q.unit) for q in find_quantities("took 200 km of Ukrainian territory")]
    [(200.0, 'km2')]
    """
    return list(_quantities(text))


def _holds_any(text: str, words: tuple[str, ...], pattern: re.Pattern | None) -> bool:
    """Whether ASCII `text` holds one of `words` (lowercase), as a substring: a pre-test for
    the regexes whose alternations under IGNORECASE every sentence of an article went
    through. Beyond ASCII case folding differs ("ſ" matches "s"): `pattern` decides (None:
    the regex must run).

    >>> _holds_any("Troops held the line", _COUNT_WORDS, _MAY_COUNT)
    False
    >>> _holds_any("a Third of it", _COUNT_WORDS, _MAY_COUNT), _holds_any("ſix", (), _MAY_COUNT)
    (True, True)
    >>> _holds_any("took 12 villages", _FRACTION_WORDS, None)
    False
    """
    if not text.isascii():
        return pattern is None or pattern.search(text) is not None
    lower = text.lower()
    return any(word in lower for word in words)


@lru_cache(maxsize=256)
def _quantities(text: str) -> tuple[Quantity, ...]:
    """`find_quantities`, kept for the last sentences read: the parse step asks it of each
    sentence to pick those to parse, and the claim reader asks again."""
    if not _holds_any(text, _COUNT_WORDS, _MAY_COUNT):
        return ()  # most sentences: no digit and no number or fraction word, not even inside one
    found: list[Quantity] = []
    for match in _QUANTITY_RE.finditer(text):
        value = parse_number(match.group("num"))
        if value is None:
            continue
        rest = text[match.end():]
        unit_match = _UNIT_RE.match(rest.lstrip(" \u00a0-")) if rest[:1] in " \u00a0-%" or \
            rest[:1].isalpha() else None
        if unit_match is not None:
            offset = match.end() + len(rest) - len(rest.lstrip(" \u00a0-"))
            unit = _UNITS[int(unit_match.lastgroup[1:])][1]  # type: ignore[index]
            end = offset + unit_match.end()
        else:
            part = _PARTITIVE.match(rest)  # "five of Darfur's state capitals"
            at = part.end() if part and not _MAY_COUNT.search(rest[part.end():][:30]) else 0
            if value == 1 and at and _SUPERLATIVE.match(rest, at) and \
                    _AFTER_A_NAME.search(text, 0, match.start()):
                continue  # "Jalalabad, one of the biggest cities": describes a named place
            settle = _SETTLEMENT_RE.match(rest, at)
            counted = None if settle is not None else _COUNTED_RE.match(rest, at)
            if settle is not None:
                unit, end = "settlements", match.end() + settle.end()
            elif counted is not None:
                unit, end = None, match.end() + counted.end()
            else:
                continue
        found.append(_quantity(text, match, value, unit, end))
    for match in _FRACTION_RE.finditer(text) if _holds_any(text, _FRACTION_WORDS, None) else ():
        value = parse_number(match.group("num"))
        if value is not None and not any(q.start <= match.start("num") < q.end for q in found):
            quantity = _quantity(text, match, value, "percent", match.end())
            if match.group("num").lower().endswith(("most", "majority")):
                quantity = _replace(quantity, bound="over")
            found.append(_replace(quantity, fraction=True))
    found.sort(key=lambda q: q.start)
    return tuple(_roles(text, found))


# A number whose noun is left out because it was just named ("there are 14 districts ...; only
# two are controlled by ...", "captured 125 more, ... also eight others").
_ELIDED_RE = re.compile(
    rf"(?<![\w.,])(?:(?:{_BOUND_RE})\s+)?(?:{_FILLER}\s*)?(?P<num>{_NUMBER})(?![\d,]*\d)"
    r"(?P<rest>\s+(?:more|others?|of\s+them)\b|(?=\s+(?:are|were|is|was|remain(?:ed)?|have|had)"
    r"\s))", re.IGNORECASE)


def elided_counts(text: str, counts: list[Quantity]) -> list[Quantity]:
    """Numbers in `text` that count the things of the last count before them, without naming
    them again; `counts` are the counts (settlements, or units of None) in or before `text`,
    with offsets into it (negative: in an earlier sentence).

    Examples
    --------
    >>> text = "Of its 14 districts, only two are held by the army; rebels took 3 more."
    >>> [(q.value, q.unit) for q in elided_counts(text, find_quantities(text))]
    [(2.0, None), (3.0, None)]
    >>> elided_counts("Two are dead.", [])
    []
    """
    out: list[Quantity] = []
    counts = [c for c in counts if c.unit in ("settlements", None)]
    for match in _ELIDED_RE.finditer(text):
        before = [c for c in counts if c.end <= match.start()]
        value = parse_number(match.group("num"))
        if not before or value is None or any(c.start <= match.start("num") < c.end
                                              for c in counts):
            continue
        out.append(_quantity(text, match, value, before[-1].unit, match.end()))
    return out


def _quantity(text: str, match: re.Match, value: float, unit: Unit | None, end: int) -> Quantity:
    bound = next((_BOUNDS[int(name[1:])][1] for name, got in match.groupdict().items()
                  if name.startswith("b") and got), None)
    start = match.start()
    if bound == "over" and text[start:start + 4].lower() == "over" and (
            _PREPOSITION_OVER.search(text, max(0, start - _LOOK_BACK), start) or (
                match.group("num").isalpha() and
                _PARTICLE_OVER.search(text, max(0, start - _LOOK_BACK), start))):
        bound, start = None, match.start("num")
    trailing = _TRAILING_BOUND.match(text, end)
    if trailing and bound is None:
        bound = "at_least" if "more" in trailing.group().lower() else "about"
        end = trailing.end()
    if unit in _AREA and _THOUSANDS_DOT.fullmatch(match.group("num")):
        value *= 1000  # "8.000 sq km": a thousands dot, no area is given to the square metre
    return Quantity(value=value, unit=unit, bound=bound, start=start, end=end,
                    num_start=match.start("num"), num_end=match.end("num"))


def _roles(text: str, found: list[Quantity]) -> list[Quantity]:
    """Mark conversions, wholes and rates, and give parts their whole."""
    out: list[Quantity] = []
    for q in found:
        back = max(0, q.start - _LOOK_BACK)
        before = text[max(0, q.start - 30):q.start]
        prev = out[-1] if out else None
        bracket = _OPEN_BRACKET.search(text, back, q.start)
        if (bracket and prev is not None and prev.unit in _AREA and q.unit in _AREA
                and bracket.start() - prev.end <= 2):
            out.append(_replace(q, role="conversion"))
            continue
        last = next((o for o in reversed(out) if o.role == "claim"), None)
        if last is not None and last.unit == q.unit and _OUT_OF.search(before[-30:]):
            out.append(_replace(q, role="denominator"))  # "500 km² out of 1,268 km²"
            continue
        if (last is not None and last.unit == "percent" and q.unit in ("settlements", None)
                and _SHARE_OF.search(before[-60:])):
            out.append(_replace(q, role="denominator"))  # "40% of the state's 25 townships"
            continue
        if q.unit == "percent" and (_CHANGE_BEFORE.search(before[-12:])
                                    or _CHANGE_AFTER.match(text, q.end)):
            out.append(_replace(q, role="change"))
            continue
        part = _OF_DENOMINATOR.search(text, back, q.start)
        if part is not None and not (prev is not None and prev.start == part.start()):
            value = parse_number(part.group("num"))
            if value is not None:
                whole = text[part.end() - len(part.group()) + len(part.group("q")):q.end]
                whole = re.sub(r"^\s+(?:out\s+)?of\s+", "", whole)  # "10 out of 14 districts"
                bound = next((_BOUNDS[int(name[1:])][1] for name, got in
                              part.groupdict().items() if name.startswith("b") and got), None)
                out.append(Quantity(value=value, unit=q.unit, bound=bound, start=part.start(),
                                    end=part.end("q"), num_start=part.start("num"),
                                    num_end=part.end("num"), denominator=whole))
                out.append(_replace(q, role="denominator"))
                continue
        out.append(q)
    return [_replace(q, role="conversion") if q.unit is None and q.role == "claim" and
            _RESTATED_AS_SHARE.match(text, q.end) else q for q in out]


def _replace(q: Quantity, **changes: object) -> Quantity:
    fields = {name: getattr(q, name) for name in Quantity.__slots__}  # type: ignore[attr-defined]
    fields.update(changes)
    return Quantity(**fields)  # type: ignore[arg-type]


def _words_value(parts: list[str]) -> float | None:
    total = current = 0
    seen = False
    for i, word in enumerate(parts):
        if word == "a" and i == 0:
            current = 1
        elif word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if word != "hundred":
                total, current = total + current, 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None
