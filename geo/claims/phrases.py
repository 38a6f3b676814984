"""Noun phrases read from the dependency parse: the words a head stands for (cut before
appositions, relative clauses and bracketed additions), their verbatim text, and runs of
proper nouns. Shared by the actor, claimant and region readers.
"""

from __future__ import annotations

from geo.claims.lexicon import DASHES, NOMINAL_ACTIONS, NOUN_ACTIONS
from geo.geoparse.nlp import text_of

__all__ = ["is_measure", "is_name", "noun_phrase", "phrase_text", "proper_run",
           "relative_antecedent", "river_side"]

_CUT_DEPS = frozenset({"appos", "relcl", "acl", "advcl"})
# Not the hyphen: it joins names ("al-Sham").
_CUT_WORDS = frozenset({",", "(", ";", ":", "[", '"', "“", "”"}) | (DASHES - {"-"})
_QUOTES = frozenset({'"', "“", "”"})


def noun_phrase(head) -> list:
    """The tokens of the noun phrase headed by `head`, without appositions, relative clauses
    or bracketed additions after the head, and never across the word it depends on."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    # Never across the word it depends on: the parser hangs "including A and B" after the
    # verb on its subject ("Ukrainian troops recaptured ..., including Zarichne").
    if head.head.i > head.i:
        right = min(right, head.head.i - 1)
    elif head.head.i < head.i:
        left = max(left, head.head.i + 1)
    # Nor past a word outside its subtree ("its forces have recaptured X, a claim ...", the
    # claim hung on "forces": not "its forces have").
    inside = {t.i for t in head.subtree}
    right = next((i - 1 for i in range(head.i + 1, right + 1) if i not in inside), right)
    for child in head.rights:
        if _in_abbreviation(doc, child.i):
            continue  # "the Rapid Support Forces (RSF) and allied militias": kept whole
        if child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ == "NOUN" and \
                child.left_edge.i == head.i + 1:
            continue  # "the Islamist group Hayat Tahrir al-Sham": the name says who
        dated = child.dep_ == "prep" and any(
            c.ent_type_ in ("DATE", "TIME") for c in child.children if c.dep_ == "pobj")
        if child.dep_ in _CUT_DEPS or child.text in _CUT_WORDS or dated:
            right = min(right, child.left_edge.i - 1)
            break
    i = head.i + 1
    while i <= right:
        closing = next((j for j in range(i + 1, min(i + 5, right + 1))
                        if doc[j].text in _QUOTES), None) if doc[i].text in _QUOTES else None
        if closing is not None:
            i = closing + 1  # 'units of the "Western" troops': a word quoted inside
            continue
        if doc[i].text in _CUT_WORDS and not _abbreviation(doc, i):
            right = i - 1
            break
        i += 1
    # A name the parser split, its tail hung elsewhere ("the group Hayat Tahrir | al-Sham"):
    # the whole name.
    limit = head.head.i if head.head.i > head.i else len(doc)
    while doc[right].pos_ == "PROPN" and right + 1 < limit and right >= head.i and \
            doc[right + 1].pos_ == "PROPN" and doc[right + 1].ent_type_ not in ("DATE", "TIME"):
        right += 1
    i = head.i - 1
    while i >= left:
        if doc[i].text == ")" and _abbreviation(doc, i - 2):
            i -= 2  # "the Hayat Tahrir al-Sham (HTS) and allied factions"
        elif doc[i].text in _CUT_WORDS or doc[i].text == ")" or doc[i].dep_ == "appos":
            left = i + 1  # "KYIV (Reuters) -Ukrainian forces": after the bracket
            break
        i -= 1
    tokens = list(doc[left:right + 1])
    while tokens:
        last = tokens[-1].i
        if doc[last].text != "(" and _in_abbreviation(doc, last):
            # "Sudan's Rapid Support Forces (RSF)": the name without it (its ")" may hang
            # elsewhere)
            del tokens[-(3 if doc[last].text == ")" else 2):]
        elif tokens[-1].is_punct or tokens[-1].dep_ in ("cc", "case"):
            tokens.pop()
        else:
            break
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return tokens or [head]



def _in_abbreviation(doc, i: int) -> bool:
    """Whether `doc[i]` is "(", the letters or ")" of a bracketed abbreviation ("(HTS)")."""
    return any(_abbreviation(doc, j) for j in (i, i - 1, i - 2))



def _abbreviation(doc, i: int) -> bool:
    """Whether `doc[i]` opens a bracketed abbreviation of the name before it ("(HTS)")."""
    return i > 0 and i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and \
        doc[i + 1].dep_ == "appos" and doc[i + 1].text.isupper()



def phrase_text(tokens: list, *, strip_determiner: bool = False) -> str:
    """The verbatim text of consecutive tokens, optionally without a leading article."""
    if strip_determiner and len(tokens) > 1 and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    if not tokens:
        return ""
    doc = tokens[0].doc
    # A wire dateline's dash sticks to the next word ("(Reuters) -Ukrainian forces").
    return text_of(doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1])].lstrip("-–—")



def is_name(tok) -> bool:
    """A proper noun, or a capitalised word inside the sentence that the tagger took for a
    common noun ("the town of Sake", "the village of Hope")."""
    return tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.is_title and
                                   tok.i > tok.sent.start)



def proper_run(tok) -> list:
    """The proper-noun words around `tok` ("Velyka Novosilka", "Al-Jili", "El Fasher")."""
    words = [t for t in noun_phrase(tok) if t.pos_ == "PROPN" or t.text == "-"]
    run = [tok]
    i = tok.i
    doc = tok.doc
    while i > 0 and (doc[i - 1] in words) and doc[i - 1].i == run[0].i - 1:
        run.insert(0, doc[i - 1])
        i -= 1
    j = tok.i
    while j + 1 < len(doc) and doc[j + 1] in words:
        run.append(doc[j + 1])
        j += 1
    while run and run[-1].text == "-":
        run.pop()
    while run and run[0].text == "-":
        run.pop(0)
    return run or [tok]


_BANK_NOUNS = frozenset({"bank", "banks", "shore", "shores"})
_BANK_SIDES = frozenset({"left", "right", "east", "west", "north", "south", "eastern",
                         "western", "northern", "southern", "far", "opposite", "other"})


def river_side(tok) -> bool:
    """"the eastern bank", "the left bank": a side of a river, a part of where it runs; not
    "the central bank" (an institution), which has no side named."""
    return tok.lower_ in _BANK_NOUNS and any(c.dep_ == "amod" and c.lower_ in _BANK_SIDES
                                             for c in tok.children)


def is_measure(tok) -> bool:
    """A unit of measure the tagger calls a name, counted by a number before it ("5,180 sq.
    km of northern Kashmir", also with the number on "sq": "0.250 sq km"): never a place."""
    return tok.pos_ == "PROPN" and any(
        c.dep_ == "nummod" and c.i < tok.i for t in (tok, *(
            c for c in tok.children if c.dep_ == "compound")) for c in t.children)


def relative_antecedent(tok):
    """What a relative "which" or "that" stands for: the noun its clause hangs on, or, where
    that noun only describes the subject of "is" ("Wad Madani is a hub that has been held by
    the RSF"), that subject. None for any other word."""
    if tok.lower_ not in ("which", "that") or tok.tag_ != "WDT" or tok.head.dep_ != "relcl":
        return None
    noun = tok.head.head
    if noun.lemma_.lower() in NOUN_ACTIONS | NOMINAL_ACTIONS.keys():
        # "control of the town of X, which it lost": the clause is of the place just named,
        # not of the taking (a place is lost, held or taken; a "control" is not).
        near = tok.doc[tok.i - 2] if tok.i >= 2 and tok.doc[tok.i - 1].text == "," else None
        if near is not None and near.pos_ in ("PROPN", "NOUN") and noun.i < near.i and \
                near in noun.subtree:
            return near
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subject = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")),
                       None)
        if subject is not None:
            return subject
    return noun

