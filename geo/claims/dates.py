"""The as-of date of a claim: the time expression of its own clause ("controlled 93% in June
but now owns 73%": June for the first claim, none for the second), resolved against the
article's date.

spaCy's NER has already marked the time expressions (DATE entities) of the Doc; this module
chooses the one that belongs to a claim by the parse (`claim_date`) and turns its words into an
ISO date, year or month (`resolve_date`). A date is only as precise as the text: "in 2016" is
"2016", "in June" is "2025-06", "on Jan. 1" is "2025-01-01". "now", "currently", durations
("over the past week") and anything that needs a year the text does not give and the article
has no date for are None: the claim is then as of the article.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from geo.claims.entities import entities_in

__all__ = ["claim_date", "resolve_date"]

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for name in names}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PRESENT = frozenset({"now", "currently", "today", "presently", "tonight", "still"})
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\b\.?")
_MONTH_DAY = re.compile(rf"\b(?P<m>{_MONTH})\b\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\d)")
_MONTH_ONLY = re.compile(rf"\b(?P<m>{_MONTH})\b")
_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\b(?!-)")
_DURATION = re.compile(r"\b(?:past|last|next|previous|coming|over|within|first)\s+(?:\d+|a|an|"
                       r"one|two|three|four|five|six|seven|eight|nine|ten|few|several)?\s*"
                       r"(?:days?|weeks?|months?|years?|hours?)\b|^\d+\s+(?:days?|weeks?|"
                       r"months?|years?)\b|\b(?:days|weeks|months|years|decades)\b")
# Words above a date that make it another's ("held it until 2016", "more than in 2023",
# "the largest apart from the first months of 2022").
NOT_AS_OF = frozenset({"until", "till", "before", "after", "pre", "ago", "than", "apart",
                       "except", "besides", "unlike"})
# Actions that describe a state: "controls X since 2014" holds in 2014; "has regained 3,800 km²
# since Sept. 6" is a sum measured at the time of writing.
STATES = frozenset({"controls", "holds"})


def resolve_date(text: str, published: str | None = None) -> str | None:
    """The ISO date, year-month or year a time expression names, read against the article's
    date `published` (YYYY-MM-DD...); None when it names no date or needs a year there is none.

    A month (or day) without a year is the latest one not after the article's date; "last
    August" is the August before it; "last year", "last month", "yesterday" and weekdays count
    back from it.

    Examples
    --------
    >>> resolve_date("Jan. 1", "2024-12-02"), resolve_date("June", "2023-02-21")
    ('2024-01-01', '2022-06')
    >>> resolve_date("last August", "2024-08-10"), resolve_date("March of 2012")
    ('2023-08', '2012-03')
    >>> resolve_date("the end of 2023"), resolve_date("late May", "2023-09-18")
    ('2023-12', '2023-05')
    >>> resolve_date("Nov. 13 last year", "2024-03-01"), resolve_date("13th November, 2022")
    ('2023-11-13', '2022-11-13')
    >>> resolve_date("Friday", "2025-02-08"), resolve_date("Friday"), resolve_date("June")
    ('2025-02-07', None, None)
    >>> resolve_date("the past 15 months", "2024-01-01"), resolve_date("now", "2024-01-01")
    (None, None)
    >>> resolve_date("the first two weeks of January", "2025-01-17")
    '2025-01'
    """
    words = text.lower().strip()
    today = _day(published)
    if not words or set(re.findall(r"[a-z]+", words)) & PRESENT or "pre-" in words:
        return None  # "pre-2014 Ukraine" is no date
    year_match = _YEAR.search(words)
    year = int(year_match.group("y")) if year_match else None
    if year is None and today is not None:
        if re.search(r"\b(?:last|previous|past) year\b", words):
            year = today.year - 1
        elif re.search(r"\bthis year\b", words):
            year = today.year
    month, day = _month_day(words)
    if month is None:
        return _without_month(words, year, today)
    if year is None:
        if today is None:
            return None
        later = (month, day or 1) > (today.month, today.day) or (
            words.startswith("last ") and month == today.month)
        year = today.year - 1 if later else today.year
    if day is not None:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return f"{year:04d}-{month:02d}"


def _month_day(words: str) -> tuple[int | None, int | None]:
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        found = pattern.search(words)
        if found and not (pattern is _MONTH_DAY and _YEAR.match(words, found.start("d"))):
            return MONTHS[found.group("m")], int(found.group("d"))
    found = _MONTH_ONLY.search(words)
    if found is None or (found.group("m") == "may" and not re.search(
            r"(?:^|\b(?:in|of|late|early|mid|last|since|by|until|the end of)\s+)may\b", words)):
        return None, None
    return MONTHS[found.group("m")], None


def _without_month(words: str, year: int | None, today: date | None) -> str | None:
    """A year ("in 2016", "the end of 2023"), a weekday, "yesterday" or "last month"."""
    if year is not None:
        if re.search(r"\bend of\b", words):
            return f"{year:04d}-12"
        if re.search(r"\b(?:beginning|start) of\b", words):
            return f"{year:04d}-01"
        if re.search(r"\bmid-?\s*(?:\d|year)", words):
            return f"{year:04d}-06"
        return f"{year:04d}"  # "in 2016", "spring 2022", "the first months of 2023"
    if today is None:
        return None
    if re.search(r"\byesterday\b", words):
        return (today - timedelta(days=1)).isoformat()
    if re.fullmatch(r"last month", words):
        first = today.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if re.fullmatch(r"(?:the )?this month", words):
        return f"{today.year:04d}-{today.month:02d}"
    if _DURATION.search(words):
        return None
    for number, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", words):
            return (today - timedelta(days=(today.weekday() - number) % 7)).isoformat()
    return None


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _clause(tok):
    """The verb whose clause `tok` is in: itself or its nearest verbal ancestor."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _fronted(ent) -> bool:
    """A date opening its sentence ("As of October 2017: ...", "On August 12, ...") is the
    date of every clause of it."""
    before = ent.doc[ent.sent.start:ent.start]
    return len(before) <= 2 and all(t.pos_ in ("ADP", "SCONJ", "PUNCT") for t in before)


def claim_date(trigger, qhead, action: str, published: str | None) -> str | None:
    """The as-of date of the claim whose verb is `trigger` (and quantity head `qhead`).

    The clauses looked at, nearest first: the clause of the quantity and those up to the
    trigger's ("compared to more than 40% on Jan. 1"), then the clauses that report it
    ("the ministry said on Friday that ..."); a conjoined clause only for a date that opens
    the sentence ("As of October 2017: ..." is the date of every claim of it that has none
    of its own). A "when" clause takes the date it hangs on ("in May, when troops captured
    the town"). A "now"/"currently" in the claim's own clause makes it as of the article;
    "since" with a claim of change ("has retaken 3,800 km² since Sept. 6") gives the start
    of the change, not its date.
    """
    sent = trigger.sent
    dates = entities_in(sent, "DATE")
    levels = []  # (clause, whether any date of it counts)
    tok = _clause(qhead if qhead is not None else trigger)
    top = _clause(trigger)
    while tok.i != top.i and tok.head.i != tok.i and tok in sent:
        levels.append((tok, True))
        tok = _clause(tok.head)
    levels.append((top, True))
    own = len(levels)  # the claim's own clauses; those above report it or are conjoined
    while top.dep_ in ("ccomp", "xcomp", "conj") and top.head.i != top.i:
        reported = top.dep_ != "conj" and all(ok for _c, ok in levels)
        top = _clause(top.head)
        levels.append((top, reported))
    for depth, (clause, any_date) in enumerate(levels):
        mine = [e for e in dates if _clause(e.root).i == clause.i and (any_date or _fronted(e))]
        branch = _branch(qhead, clause) if depth == 0 and qhead is not None else None
        beside = [e for e in mine if branch is not None and _branch(e.root, clause) == branch]
        for ent in beside:  # "up from 465 km² a year earlier": that quantity's own date
            if _allowed(ent, clause, action):
                return resolve_date(ent.text, published)
        for ent in sorted(mine, key=lambda e: not _as_of_phrase(e)):
            if _allowed(ent, clause, action) and resolve_date(ent.text, published):
                return resolve_date(ent.text, published)
        when = _when_of(clause, dates) if any_date else None
        if when is not None:
            return resolve_date(when.text, published)
        if depth < own and any(c.lower_ in PRESENT and c.dep_ == "advmod"
                               for c in clause.children):
            return None
    opening = [e for e in dates if _fronted(e)]  # "As of October 2017: ...; 13.7% held by X"
    if opening and _allowed(opening[0], None, action):
        return resolve_date(opening[0].text, published)
    return None


def _branch(tok, clause) -> int | None:
    """The index of the child of `clause` whose subtree holds `tok` (None: not below it)."""
    while tok.head.i != tok.i and tok.head.i != clause.i:
        tok = tok.head
    return tok.i if tok.head.i == clause.i and tok.i != clause.i else None


def _when_of(clause, dates):
    """The date a "when" clause hangs on ("since 2012, when insurgents seized ...", "In May,
    when troops captured the town"): the time of that clause's event."""
    if clause.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ == "when"
                                         for c in clause.children):
        return None
    return next((e for e in dates if e.start <= clause.head.i < e.end), None)


def _as_of_phrase(ent) -> bool:
    """ "as of March 3", "by June": the date a figure is given for, first among several."""
    before = ent.doc[max(ent.start - 2, 0):ent.start].text.lower()
    return before.endswith("as of") or before.endswith("by")


def _allowed(ent, clause, action: str) -> bool:
    """Whether `ent` may be the claim's date: not a date of an apposition or comparison ("the
    largest advance after that of November 2024", "than in 2023"), nor one a claim holds
    until or before, nor the start of a change ("has retaken 3,800 km² since Sept. 6")."""
    path, tok = [], ent.root
    while tok.i != tok.head.i and (clause is None or tok.i != clause.i):
        path.append(tok)
        tok = tok.head
    words = {t.lower_ for t in path} | {ent.doc[ent.start - 1].lower_ if ent.start else ""}
    if words & NOT_AS_OF or any(t.dep_ == "appos" for t in path) or \
            ent.text.lower().startswith("pre-"):
        return False
    return "since" not in words or action in STATES
