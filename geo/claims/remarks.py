"""Untrue remarks: "this is not the case", "that is not true", "this is false". The remark
denies the latest claim before it (in its own sentence or the two before), and names no place
or quantity of its own, so it repeats that claim, negated, with the remark's speaker as claimant
(as `geo.claims.denials` does for "Kyiv denied the claim"). A claim in the remark's own sentence
("They pretend that they have taken the city, but this is not the case," she said) was never
asserted by anyone: the denial replaces it.
"""

from __future__ import annotations

from dataclasses import replace

from geo.claims.denials import FIGURE_NOUNS
from geo.claims.lexicon import CLAIM_NOUNS, PRONOUNS, REPORT_VERBS
from geo.claims.people import attribution
from geo.claims.phrases import noun_phrase, phrase_text
from geo.claims.speakers import Speakers
from geo.claims.triggers import not_reality
from geo.geoparse.nlp import parsed_at, text_of
from geo.models import Claim

__all__ = ["answered_by_remarks", "is_untrue_remark"]

# How many sentences back the denied claim may be.
REACH = 2
_TRUE = frozenset({"true", "so", "correct", "accurate", "right"})
_FALSE = frozenset({"false", "untrue", "wrong", "incorrect", "lie", "lies", "fake", "fabrication",
                    "nonsense"})


def is_untrue_remark(verb) -> bool:
    """Whether `verb` is "this/that is not the case|true", "this/that is false|a lie" or
    "this does not correspond to reality", of "this" or "that" or a statement named as such.

    A remark about a statement, so its subject is "this" or "that" alone or a statement,
    claim or figure ("this statement is false", "the Russian claims were false"), not another
    noun phrase ("this town is not under Russian control" is a claim, not a remark; "the
    weather report is false" is about weather)."""
    if verb.pos_ not in ("AUX", "VERB"):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or not _a_statement(subjects[0]):
        return False
    if not_reality(verb):
        return True
    if verb.lemma_.lower() != "be":
        return False
    negated = any(c.dep_ == "neg" for c in verb.children)
    for c in verb.children:
        if c.dep_ not in ("attr", "acomp"):
            continue
        word = c.lower_
        if negated and (word in _TRUE or (c.lemma_.lower() == "case" and any(
                d.lower_ == "the" for d in c.children))):
            return True
        if not negated and word in _FALSE:
            return True
    return False


def _a_statement(subj) -> bool:
    if subj.lower_ in ("this", "that"):
        return not any(True for _ in subj.children)
    return subj.lower_ in CLAIM_NOUNS | FIGURE_NOUNS and not any(
        c.dep_ == "compound" for c in subj.children)


def answered_by_remarks(sents: list, claims: list[tuple[object, Claim]],
                        speakers: Speakers) -> tuple[list[tuple[object, Claim]], list[Claim]]:
    """(`claims` without those an untrue remark in their own sentence withdraws, the denials);
    `claims` are (draft, claim) pairs in text order."""
    denials: list[Claim] = []
    withdrawn: set[int] = set()
    for number, sent in enumerate(sents):
        if not parsed_at(sent.doc, sent.start):
            continue  # a flat tree without lemmas: no denying verb
        for verb in sent:
            if not is_untrue_remark(verb):
                continue
            # "X, but this is not the case": X is what is denied, not an earlier sentence.
            opening = _opens_sentence(verb, sent)
            since = sents[max(0, number - REACH)].start_char if opening else sent.start_char
            before = [(k, c) for k, (_d, c) in enumerate(claims)
                      if since <= c.start and c.start < verb.idx and not c.negated]
            if not before:
                continue
            # The latest claim before the remark; every claim of its own sentence ("they
            # pretend they have taken A and B, but this is not the case") if it has several.
            answered = [(k, c) for k, c in before if c.start == sent.start_char] or before[-1:]
            text = text_of(sent.doc)
            for k, earlier in answered:
                if earlier.start == sent.start_char:
                    withdrawn.add(k)
                speaker = _speaker(verb, speakers) or earlier.claimant
                # "Ukraine troops occupy the hills, Maliar said. 'They pretend they have taken
                # the city, but this is not the case,' she said": her own side is not whom she
                # denies.
                own = any(c.actor == earlier.actor and c.claimant == speaker and not c.negated
                          and c.start < earlier.start for _d, c in claims)
                denials.append(replace(earlier, action="denied", negated=True, claimant=speaker,
                                       actor=None if own else earlier.actor,
                                       quote=text[sent.start_char:sent.end_char],
                                       start=sent.start_char, end=sent.end_char))
    kept = [pair for k, pair in enumerate(claims) if k not in withdrawn]
    return kept, denials


def _opens_sentence(verb, sent) -> bool:
    """Whether the remark opens its sentence ("This is not true, she said"), with nothing but
    quotation marks and a conjunction before its subject."""
    first = min(c.left_edge.i for c in verb.children if c.dep_ == "nsubj")
    frame: set[int] = set()
    head = verb.head
    if verb.dep_ == "ccomp" and head.lemma_.lower() in REPORT_VERBS:
        # "Ukrainian officials said (that) this was not true": only the reporting frame before.
        frame = {t.i for c in head.children if c != verb and c.i < verb.i for t in c.subtree}
        frame |= {head.i} | {c.i for c in verb.children if c.dep_ == "mark"}
    return all(t.is_punct or t.lower_ in ("but", "and", "however", "yet") or t.i in frame
               for t in sent.doc[sent.start:first])


def _speaker(verb, speakers: Speakers) -> str | None:
    """Who makes the remark: the subject of the reporting verb over it."""
    head = attribution(verb).head
    if head is None:
        return None
    if head.lower_ in PRONOUNS:
        return speakers.pronoun(head)
    return phrase_text(noun_phrase(head), strip_determiner=True)
