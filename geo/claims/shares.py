"""What a claim's share is of (`Claim.denominator_kind`), read from the structure of the
denominator phrase in the parse rather than from its words:

* **region**: the place itself, a name or a noun for a place with nothing narrowing it
  ("86% of the Kursk region", "most of Donetsk Oblast", "60% of Sudan's territory", "the
  city"); a place's territory located by a phrase ("its territory in X") is still the place;
* **part**: ground narrowed by a clause, a participle or a participial adjective ("the land
  once held by Ukrainian troops", "the territory Ukraine captured", "the territories occupied
  on February 24", "the occupied territory"), or a part-of noun ("the rest", "the remainder");
* **other**: a count of units or anything that is not ground ("Myanmar's 330 townships",
  "14 districts", "of the settlements").

A bare percentage ("controls 81%") is a share of the claim's region; a quantity with no
denominator that is not a share (an area, a place taken) has no kind.
"""

from __future__ import annotations

from geo.claims.lexicon import CONTROL_VERBS, TERRITORY_NOUNS, VERB_ACTIONS
from geo.claims.triggers import lemma_of
from geo.geoparse.nlp import text_of

__all__ = ["denominator_kind", "kind_of_phrase"]

# Mass nouns for ground: a plural of these is still ground ("Syrian territories").
GROUND_NOUNS = frozenset({"territory", "land", "area", "ground", "soil", "terrain"})
# Nouns that name a share of something else ("the rest of the districts").
REMAINDER_NOUNS = frozenset({"rest", "remainder", "portion", "part", "parts", "half", "share",
                             "section", "remnant", "remnants"})
# Nouns for a place of some kind: with nothing counted, the place itself.
PLACE_NOUNS = frozenset("""
region oblast province governorate state country nation city town village capital
republic district strip enclave peninsula island county municipality raion krai territory
""".split()) | TERRITORY_NOUNS
# Ground one side holds inside another's region ("10% of the Kursk salient").
HELD_GROUND_NOUNS = frozenset({"salient", "pocket", "bulge", "bridgehead", "foothold"})
# Verbs whose participle narrows ground to what was taken or held ("the occupied territory",
# "territory initially seized by"); "internationally recognised territory" is the whole.
HOLDING_VERBS = frozenset(VERB_ACTIONS) | frozenset(CONTROL_VERBS) - {"be", "have"}


def kind_of_phrase(root) -> str:
    """The kind of the denominator whose head token is `root` (see the module docstring).

    Examples
    --------
    >>> from geo.claims.parse import parsed_doc
    >>> from geo.geoparse.nlp import load_nlp
    >>> def kind(sentence, head):
    ...     doc = parsed_doc(load_nlp()(sentence))
    ...     return kind_of_phrase(next(t for t in doc if t.text == head))
    >>> kind("The army took 70% of the land held by the rebels.", "land")
    'part'
    >>> kind("The rebels control 40% of the country's territory.", "territory")
    'region'
    >>> kind("The rebels hold 12 of the state's 17 townships.", "townships")
    'other'
    """
    lemma = root.lemma_.lower()
    if lemma in REMAINDER_NOUNS:
        whole = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        return "other" if whole is not None and _counted(whole) else "part"
    if _counted(root):
        return "other"
    if lemma in HELD_GROUND_NOUNS or (lemma in GROUND_NOUNS and (
            _narrowed(root) or _holder_owned(root))):
        return "part"
    if root.pos_ == "PROPN" or root.ent_type_ in ("GPE", "LOC", "FAC") or \
            lemma in PLACE_NOUNS or lemma in GROUND_NOUNS:
        return "region"
    return "other"


def _counted(tok) -> bool:
    """A count of units: a number on the noun, or a plural that is not ground ("townships",
    "the 350 towns", "district centres", "the settlements")."""
    if tok.lemma_.lower() in GROUND_NOUNS:
        return False
    if any(c.tag_ == "CD" and c.dep_ in ("nummod", "amod", "compound") for c in tok.children):
        return True  # "the 350 towns"; not "half the country" (a share, tagged PDT)
    if any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in tok.children):
        return False  # named units: "the Zaporizhzhia and Kherson regions"
    return tok.tag_ == "NNS" and tok.pos_ == "NOUN"


def _narrowed(tok) -> bool:
    """Ground narrowed to a part: a restrictive relative or participle clause ("the territory
    (that) Ukraine captured", "the land once held by"), a participle before it ("the occupied
    territory", "Russian-held territory"; of a verb of taking or holding), or such a
    participle right after it that the parser hung elsewhere ("territory initially seized
    by ..."; a simple past only after an adverb,
    as "half of the territory fell" is the sentence's own verb)."""
    for child in tok.children:
        if child.dep_ in ("relcl", "acl") and not _after_comma(child, tok):
            return True
        if child.dep_ == "amod" and child.tag_ in ("VBN", "VBD") and child.i < tok.i and \
                lemma_of(child) in HOLDING_VERBS:
            return True
    nxt = tok.i + 1
    while nxt < len(tok.doc) and tok.doc[nxt].pos_ == "ADV":
        nxt += 1
    if nxt >= len(tok.doc) or lemma_of(tok.doc[nxt]) not in HOLDING_VERBS:
        return False
    past = tok.doc[nxt].tag_
    return past == "VBN" or (past == "VBD" and nxt > tok.i + 1)  # "territory once held"


def _holder_owned(tok) -> bool:
    """ "The group lost 22% of its territory": ground owned by the clause's own subject when
    that is not a state or place is the ground it holds, a part of the region; a state's
    "its territory" is the state ("Russia controls 20% of its land" is read as the region)."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
        return False
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")),
                   verb.head if verb.dep_ == "acl" else None)  # "the group losing 22% of"
    return subject is not None and subject.pos_ == "NOUN" and \
        subject.ent_type_ not in ("GPE", "LOC", "NORP")


def _after_comma(clause, noun) -> bool:
    """A clause set off by a comma describes the noun, it does not narrow it."""
    between = clause.doc[noun.i + 1:clause.left_edge.i]
    return any(t.text == "," for t in between)


def denominator_kind(doc, sent, denominator: str | None, unit: str | None,
                     start: int) -> str | None:
    """The kind of a claim's denominator, found as written in its sentence after the quantity
    at character `start` (else anywhere in the sentence); a percentage without one is a share
    of the claim's region, and anything else without one has no kind."""
    if not denominator:
        return "region" if unit == "percent" else None
    text = text_of(doc)  # `Doc.text` joins every word again on each call
    at = text.find(denominator, start, sent.end_char)
    if at < 0:
        at = text.find(denominator, sent.start_char, sent.end_char)
    span = doc.char_span(at, at + len(denominator), alignment_mode="expand") if at >= 0 else None
    if span is None or not len(span):
        return "region"
    return kind_of_phrase(span.root)
