"""Markup and other noise in article text, kept out of claims.

Text pasted from web pages or feeds may keep HTML or XML tags ("<b>Kursk region</b>"), whole
scripts ("<script>alert(1)</script>"), pieces of a tag ("onload=alert('X')>"), character
references ("&nbsp;"), addresses ("https://...") and runs of symbols ("#####"). None of it is
prose: the tagger and parser read it as words, so an actor, region or claimant phrase would
run across it ("Russian forces <body onload") and a piece of it could become a claim region.

`clean_text` finds that noise and returns the text without it, with the offset of every kept
character in the original, so claims read from the clean text quote the original verbatim.
`without_noise` is the last guard on a claim's fields: a phrase may not contain or cross
noise, a name made of it is no name, and a claim left with neither a quantity nor a place is
none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from geo.models import Claim

__all__ = ["Cleaned", "clean_phrase", "clean_text", "noise_spans", "noisy_name", "noisy_phrase",
           "without_noise"]

# Noise found on the original text, longest constructs first (elements whose content is code
# are found apart, see `_code_elements`): a comment or declaration, a tag (also written with
# character references), an address, a character reference, a template placeholder. Each
# open-ended part stops at the next bracket or is bounded, so no text takes quadratic time.
_MARKUP = re.compile(
    r"""
    <!--.*?(?:-->|$)
  | <!\[CDATA\[.*?(?:\]\]>|$)
  | <[!?][A-Za-z][^<>]*>
  | </?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>
  | &lt;/?[A-Za-z][^<>\n]{0,300}?&gt;
  | \b(?:https?|ftp)://[^\s<>"]+
  | \bwww\.[A-Za-z0-9-]+\.[^\s<>"]+
  | \b(?:javascript|vbscript|data):[^\s<>"]+
  | &(?:[A-Za-z]{2,8}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});
  | \{\{[^{}\n]*\}\} | \{%[^\n]{0,300}?%\} | \$\{[^{}\n]*\}
    """, re.VERBOSE | re.DOTALL | re.IGNORECASE)
_CODE_OPEN = re.compile(r"<(script|style|iframe|object|noscript)\b[^<>]*>", re.IGNORECASE)

# Noise found once the markup is gone: what is left of a broken tag, script or symbol line.
#  * an angle bracket and what is glued after it ("</b" of "region</b", "<body", ">"); a
#    comparison sign before a number ("< 10%", ">50%") is text;
#  * a word holding an attribute or assignment ("onerror=alert(1)", "src=x");
#  * a call ("alert(1)", "document.write(x)"): a name glued to brackets holding more than
#    letters, so "village(s)" stays; or a call left open ("alert('X");
#  * a run of three or more symbols ("####", "|||", "=====").
_FRAGMENT = re.compile(
    r"""
    (?:<(?!=?\s*[\d.])|>(?!=?\s*[\d.]))[^\s<>]*(?:[<>][^\s<>]*)*
  | (?<!\S)[^\s=]*[\w"')\]]=\S*
  | (?<![\w$.])(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+|[a-z_$][\w$]*)
    \((?:[^()\n]{0,200}[^A-Za-z\s()][^()\n]{0,200}
       |[^()\n]{0,200}\([^()\n]{0,200}\)[^()\n]{0,200})?\);?
  | (?<![\w$.])[a-z_$][\w$.]*\(['"\d][^\s()]*
  | [#*=|~^+{}\\@$&/_<>]{3,}
    """, re.VERBOSE)

# Punctuation a fragment does not take from the sentence around it.
_TRAIL = ".,;:!?\"'”’»)]"
_LEAD = "\"'“‘«(["
_CLOSING = set(".,;:!?)]}”’»…%")
_OPENING = set("([{“‘«")
_PAIRS = {"(": ")", "[": "]"}
_HSPACE = " \t\u00a0"
_CODE_CHARS = frozenset("<>={}|\\")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Text without noise. `origin[i]` is the offset in the original of `text[i]`, and
    `origin[len(text)]` the original's length; a space put where noise separated two words
    points at the noise."""

    text: str
    origin: tuple[int, ...]
    noise: tuple[tuple[int, int], ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the clean text's [start, end); noise inside is kept."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def clean_text(text: str) -> Cleaned:
    """`text` without markup, code, addresses, references and symbol runs (see the module
    docstring). Where noise stood between two words one space is left; where it stood beside
    a space, a line end or punctuation nothing is, so "the Kursk region <b>x</b>, the
    ministry said" reads "the Kursk region, the ministry said".

    Examples
    --------
    >>> clean_text("over 29% of the <b>Kursk region</b>, the ministry said.").text
    'over 29% of the Kursk region, the ministry said.'
    >>> clean_text("Kyiv said.").noise
    ()
    """
    spans = noise_spans(text)
    if not spans:
        return Cleaned(text, tuple(range(len(text) + 1)), ())
    out: list[str] = []
    origin: list[int] = []
    at = 0
    for start, end in _widened(text, spans):
        out.extend(text[at:start])
        origin.extend(range(at, start))
        before = out[-1] if out else "\n"
        after = text[end] if end < len(text) else "\n"
        if before in _HSPACE and (after in _HSPACE or after == "\n" or after in _CLOSING):
            while out and out[-1] in _HSPACE:  # "region <x>, the": no space before the comma
                out.pop()
                origin.pop()
            if after in _HSPACE:
                end = _skip_hspace(text, end)
                after = text[end] if end < len(text) else "\n"
                if out and out[-1] != "\n" and after != "\n" and after not in _CLOSING:
                    out.append(" ")  # "forces <x> have": one space between the words
                    origin.append(start)
        elif before == "\n" and after in _HSPACE:
            end = _skip_hspace(text, end)  # noise opening a line
        elif not before.isspace() and not after.isspace() and before not in _OPENING and \
                after not in _CLOSING:
            out.append(" ")  # "forces&nbsp;have", "said.<br>Kyiv"
            origin.append(start)
        at = end
    out.extend(text[at:])
    origin.extend(range(at, len(text) + 1))
    return Cleaned("".join(out), tuple(origin), tuple(spans))


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of noise in `text`, sorted and not overlapping."""
    if not _may_be_noisy(text):
        return []
    spans = _code_elements(text)
    masked = _masked(text, spans)
    spans += [_trim(text, *m.span(), lead=False) if _ADDRESS.match(m.group()) else m.span()
              for m in _MARKUP.finditer(masked)]
    masked = _masked(text, spans)
    for m in _FRAGMENT.finditer(masked):
        a, b = _trim(masked, *m.span())
        if b > a and not masked[a:b].isspace():
            spans.append((a, b))
    return _merged(s for s in spans if s[1] > s[0])


def noisy_phrase(phrase: str | None) -> bool:
    """Whether a claim field holds noise or is made of it: markup, code, a symbol no phrase
    of prose has (``<>={}|\\``), or no letter at all.

    Examples
    --------
    >>> noisy_phrase("Russian forces <body onload"), noisy_phrase("Russia's forces")
    (True, False)
    """
    if phrase is None:
        return False
    if not any(c.isalpha() for c in phrase) or any(c in _CODE_CHARS for c in phrase):
        return True
    return bool(noise_spans(phrase))


def noisy_name(name: str | None) -> bool:
    """Whether a region name is noise: `noisy_phrase`, or a bracket left open or closed alone
    ("alert('X"); a place's name never has one."""
    if name is None:
        return False
    return noisy_phrase(name) or any(name.count(o) != name.count(c) for o, c in _PAIRS.items())


def clean_phrase(phrase: str | None) -> str | None:
    """The phrase up to the first noise in it ("Russian forces <body onload" → "Russian
    forces"), or None when nothing with a letter is left before it."""
    if phrase is None or not noisy_phrase(phrase):
        return phrase
    cut = min([a for a, _b in noise_spans(phrase)] +
              [i for i, c in enumerate(phrase) if c in _CODE_CHARS] + [len(phrase)])
    head = phrase[:cut].rstrip(" \t\n,;:-–—([{\"'“‘«")
    if not head or noisy_phrase(head):
        return None
    return head


def without_noise(claim: Claim) -> Claim | None:
    """`claim` with no field holding noise: the actor, claimant and denominator are cut where
    noise starts, a region named by noise is dropped. None when that leaves neither a quantity
    nor a place: nothing is claimed."""
    actor, claimant = clean_phrase(claim.actor), clean_phrase(claim.claimant)
    denominator = clean_phrase(claim.denominator)
    region, region_name = claim.region, claim.region_name
    point = {"place_id": claim.place_id, "lat": claim.lat, "lon": claim.lon}
    if noisy_name(region_name):
        region = region_name = None
        point = dict.fromkeys(point)
    if (actor, claimant, denominator, region_name) == (
            claim.actor, claim.claimant, claim.denominator, claim.region_name):
        return claim
    if claim.value is None and region_name is None:
        return None
    return replace(claim, actor=actor, claimant=claimant, denominator=denominator,
                   region=region, region_name=region_name, **point)


# -- private ---------------------------------------------------------------------------------

_ADDRESS = re.compile(r"(?:https?|ftp|javascript|vbscript|data):|www\.", re.IGNORECASE)
_SUSPECT = re.compile(r"[<>=&{}#*|~^\\@$/_]|\w\(|:/|www\.", re.IGNORECASE)


def _may_be_noisy(text: str) -> bool:
    """A cheap first look: prose without any of these characters holds no noise."""
    return _SUSPECT.search(text) is not None


def _code_elements(text: str) -> list[tuple[int, int]]:
    """"<script>...</script>" and the like, content included; an element left open ends
    with its line. Closing tags are looked for with `str.find`, once per kind past the last
    miss, so a text of many open elements stays linear."""
    spans: list[tuple[int, int]] = []
    lower: str | None = None
    unclosed: set[str] = set()
    at = 0
    for m in _CODE_OPEN.finditer(text):
        if m.start() < at:
            continue
        if lower is None:
            lower = text.lower()
        kind = m.group(1).lower()
        close = -1 if kind in unclosed else lower.find(f"</{kind}", m.end())
        if close < 0:
            unclosed.add(kind)
            end = text.find("\n", m.end())
            end = len(text) if end < 0 else end
        else:
            gt = text.find(">", close)
            end = len(text) if gt < 0 else gt + 1
        spans.append((m.start(), end))
        at = end
    return spans


def _trim(text: str, start: int, end: int, *, lead: bool = True) -> tuple[int, int]:
    """Leave the sentence its punctuation: a fragment does not take a closing mark or quote
    at its end ("alert('X')>," keeps the comma), nor (with `lead`) an opening one at its
    start, unless the fragment itself holds the other half ("alert('X')")."""
    counts = {c: text.count(c, start, end) for c in "()[]'\""}
    closers = {c: o for o, c in _PAIRS.items()}
    while end > start and text[end - 1] in _TRAIL:
        mark = text[end - 1]
        if mark in counts and (counts[closers[mark]] >= counts[mark] if mark in closers
                               else counts[mark] % 2 == 0):
            break
        if mark in counts:
            counts[mark] -= 1
        end -= 1
    while lead and start < end and text[start] in _LEAD:
        mark = text[start]
        if mark in _PAIRS and counts[_PAIRS[mark]] >= counts[mark]:
            break
        if mark in counts:
            counts[mark] -= 1
        start += 1
    return start, end


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with `spans` blanked out (same length, so offsets hold)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = [c if c == "\n" else " " for c in text[a:b]]
    return "".join(chars)


def _merged(spans) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _widened(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans joined across the spaces between them ("<b> <i>"), and taking the brackets
    around them when nothing else is inside ("ISW (https://...)")."""
    out: list[list[int]] = []
    for a, b in spans:
        if out and not text[out[-1][1]:a].strip(_HSPACE):
            out[-1][1] = b
        else:
            out.append([a, b])
    for span in out:
        a, b = span
        left = a
        while left > 0 and text[left - 1] in _HSPACE:
            left -= 1
        right = _skip_hspace(text, b)
        if left > 0 and right < len(text) and _PAIRS.get(text[left - 1]) == text[right]:
            span[0], span[1] = left - 1, right + 1
    return [(a, b) for a, b in out]


def _skip_hspace(text: str, at: int) -> int:
    while at < len(text) and text[at] in _HSPACE:
        at += 1
    return at
