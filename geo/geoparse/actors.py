"""Names that say who acts rather than where: no vote for their country's namesakes.

A wire story on the war in Ukraine names Russia on every line as the one who acts ("Russia
captured two villages near Pokrovsk", "Russian forces", "Moscow controls 70% of Donetsk",
"the Russian Defence Ministry said"). Counted as votes for Russia's places when choosing among
namesakes, those made "Pokrovsk" the town in Yakutia and "Donetsk" the one in Rostov oblast.
Two uses keep the vote: a state taking back ("Syria's army recaptured Palmyra": its own town)
and a state that only speaks ("Goma ..., the DRC said"). The main pass has tags but no parse,
so the test reads the words right after the name.
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.gazetteer.index import Candidate
from geo.geoparse.spans import SpanCandidate

# Nouns after a demonym or a country's possessive that make it name who acts.
ACTOR_NOUNS = frozenset("""
force forces troop troops army military soldier soldiers serviceman servicemen fighter fighters
unit units jet jets warplane warplanes drone drones missile missiles navy artillery tank tanks
official officials authority authorities government ministry president leader leaders
strike strikes attack attacks shelling offensive invasion advance advances occupation
""".split())
# A state that speaks often speaks of its own places; one that takes back, of its own.
REPORT_WORDS = frozenset("""
say says said tell tells told announce announces announced report reports reported state states
stated claim claims claimed confirm confirms confirmed deny denies denied add adds added warn
warns warned note notes noted insist insists insisted accuse accuses accused urge urges urged
""".split())
RETURN_PREFIXES = ("recapt", "retak", "retook", "regain", "reclaim", "recover", "reconquer")
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_MODIFIER_TAGS = frozenset({"NNP", "NNPS", "NN", "JJ", "HYPH"})  # "Defence", "armed", "-"
_REACH = 3  # words between a demonym or possessive and its actor noun ("Defence Ministry")
_AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were", "will", "would",
                          "also", "now", "still", "already", "not", "n't", "did", "does"})


def names_actor(doc, span: SpanCandidate, cands: Sequence[Candidate]) -> str | None:
    """Whether the span names who acts, and how: "demonym" before an actor noun ("Russian
    forces took Pokrovsk", "the Russian Defence Ministry"), "state" for a country or its
    capital owning one ("Russia's army") or as the subject of a finite verb ("Russia
    captured", "Moscow controls"). None otherwise, and also where a preposition governs the
    name ("police in Russia arrested"), the bare state only speaks ("the DRC said") or the
    verb takes back ("Syria's army recaptured").

    A demonym's vote is left out everywhere (it was before states were); a state's only when
    choosing among namesakes, as it still says which country the article is about.
    """
    end = span.tok_end
    if not cands or end >= len(doc):
        return None
    if all(c.kind == "demonym" for c in cands):
        after = _after_actor_noun(doc, end)
        acts = after is not None and not _takes_back(_verb_after(doc, after))
        return "demonym" if acts else None
    if not any(_state(c) for c in cands):
        return None
    if span.tok_start > 0 and doc[span.tok_start - 1].tag_ in ("IN", "TO"):
        return None
    if doc[end].tag_ == "POS":
        after = _after_actor_noun(doc, end + 1)
        acts = after is not None and not _takes_back(_verb_after(doc, after))
    else:
        verb = _verb_after(doc, end)
        acts = verb is not None and verb.lower_ not in REPORT_WORDS and not _takes_back(verb)
    return "state" if acts else None


def _state(c: Candidate) -> bool:
    """A country by its name, or a capital city, the usual stand-ins for a state."""
    return c.kind in ("name", "alias") and (c.place.feature == "country" or c.capital >= 2)


def _takes_back(verb) -> bool:
    """Whether the verb takes back ("recaptured", "retook", "regained")."""
    return verb is not None and verb.lower_.startswith(RETURN_PREFIXES)


def _after_actor_noun(doc, i: int) -> int | None:
    """The index after an actor noun that follows at `i` past at most `_REACH` modifiers
    ("Defence Ministry"); None when none does."""
    for tok in doc[i:min(i + _REACH + 1, len(doc))]:
        if tok.lower_ in ACTOR_NOUNS:  # no lemmatiser in the main pass
            return tok.i + 1
        if tok.tag_ not in _MODIFIER_TAGS:
            return None
    return None


def _verb_after(doc, i: int):
    """The main verb of a finite verb group right after a subject ending before `i`, past
    auxiliaries and adverbs ("Russia has now captured"); None when there is none ("Russia is
    a country", "Russian forces in the east")."""
    seen_finite = False
    for tok in doc[i:min(i + 4, len(doc))]:
        if tok.tag_ in _FINITE_TAGS or (seen_finite and tok.tag_ in ("VBN", "VBG", "VB")):
            seen_finite = True
            if tok.lower_ not in _AUXILIARIES:
                return tok
        elif tok.tag_ != "RB" and tok.lower_ not in _AUXILIARIES:
            break
    return None
