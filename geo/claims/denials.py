"""Denials of a claim made before ("Kyiv denied the claim", "a claim Ukraine had previously
denied", "the army disputed the claim"): the denial names no place or quantity of its own, so
it repeats the claim it answers, negated, with the denier as claimant (the convention of
../shared/claims/README.md for the second batch).
"""

from __future__ import annotations

from dataclasses import replace

from geo.claims.lexicon import (
    CLAIM_NOUNS,
    CONTRADICT_VERBS,
    DENY_VERBS,
    PRONOUNS,
    UNTRUE_NAMES,
)
from geo.claims.phrases import noun_phrase, phrase_text
from geo.claims.speakers import Speakers
from geo.claims.syntax import subject_of
from geo.geoparse.nlp import parsed_at, text_of
from geo.models import Claim

__all__ = ["CLAIM_NOUNS", "CONTRADICT_VERBS", "denials_of_earlier", "with_denied_actors"]

# Nouns that stand for an earlier figure: only a claim with a quantity is denied by them
# ("The government rejects that figure").
FIGURE_NOUNS = frozenset({"figure", "figures", "estimate", "estimates", "assessment",
                          "assessments", "number", "numbers", "tally"})
# What a denied taking ("denied the town had fallen") answers.
_TAKINGS = frozenset({"captured", "regained", "liberated", "advanced"})
# How many sentences back the denied claim may be.
REACH = 2


def denials_of_earlier(sents: list, claims: list[tuple[object, Claim]],
                       speakers: Speakers) -> list[Claim]:
    """A denied claim for each "denied the claim" whose claim came in this sentence or the
    two before it; `claims` are (draft, claim) pairs with `draft.sent`, in text order."""
    out: list[Claim] = []
    for number, sent in enumerate(sents):
        if not parsed_at(sent.doc, sent.start):
            continue  # a flat tree without lemmas: no denying verb
        for verb in sent:
            denier = _denier(verb)
            if denier is None:
                continue
            earlier = _answered(verb, sents[max(0, number - REACH)].start_char, claims,
                                figure=_denies_figure(verb))
            if earlier is None or any(c.negated and c.region_name == earlier.region_name and
                                      c.start == sent.start_char for _d, c in claims):
                continue
            name = speakers.pronoun(denier) if denier.lower_ in PRONOUNS else \
                phrase_text(noun_phrase(_named(denier)), strip_determiner=True)
            text = text_of(sent.doc)
            out.append(replace(earlier, action="denied", negated=True, claimant=name,
                               quote=text[sent.start_char:sent.end_char],
                               start=sent.start_char, end=sent.end_char))
    return out


def with_denied_actors(claims: list[Claim]) -> list[Claim]:
    """Claims in text order, each denial that names no one taking the place ("Ukraine's
    military denied the city had been captured") given the actor of the latest claim that
    the place was taken before it: what is denied is that taking (not who held it before)."""
    out: list[Claim] = []
    for claim in claims:
        if claim.action == "denied" and not claim.actor:
            earlier = next((c for c in reversed(out) if c.actor and not c.negated and
                            c.action in _TAKINGS and (
                (c.region_name and c.region_name == claim.region_name) or
                (c.region and c.region == claim.region))), None)
            if earlier is not None:
                claim = replace(claim, actor=earlier.actor)
        out.append(claim)
    return out


def _denier(verb):
    """The subject of a verb denying a claim noun: "[Kyiv] denied the claim", "a claim
    [Ukraine] had previously denied"; None for anything else or a negated denial."""
    if verb.pos_ not in ("VERB", "AUX") or (verb.lemma_.lower() not in CONTRADICT_VERBS and
                                            not _called_untrue(verb)):
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    if not any(_points_back(n) or n.lower_ in FIGURE_NOUNS for n in _objects(verb)):
        return None
    subj = subject_of(verb)
    prev = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if (subj is None or subj.lower_ == "there") and verb.dep_ == "conj" and prev is not None \
            and prev.pos_ in ("NOUN", "PROPN"):
        return prev  # "There was no comment from X and a local official denied the claim"
    return subj


def _called_untrue(verb) -> bool:
    """"called it propaganda", "called the claim a lie", "labelled the report false": the
    object named as something untrue."""
    return verb.lemma_.lower() in ("call", "label", "brand", "term") and any(
        c.dep_ in ("oprd", "xcomp", "acomp") and c.lemma_.lower() in UNTRUE_NAMES
        for c in verb.children)


def _points_back(noun) -> bool:
    """"denied the claim", "denied any such advance" (a "such" points back to the claim),
    "The army denied this" (a denial's pronoun object is what was said before)."""
    return noun.lower_ in CLAIM_NOUNS or any(c.lower_ == "such" for c in noun.children) or (
        noun.lower_ in ("this", "that", "it") and noun.dep_ == "dobj" and (
            noun.head.lemma_.lower() in DENY_VERBS or _called_untrue(noun.head))) or (
        # "the government disputed this"
        noun.lower_ == "this" and noun.dep_ == "dobj" and noun.head.lemma_.lower() in
        CONTRADICT_VERBS)


def _denies_figure(verb) -> bool:
    """"rejected that figure": what is denied is a quantity, not any claim."""
    return not any(_points_back(n) for n in _objects(verb))


def _objects(verb) -> list:
    """What a denying verb denies: its object (also one the parser hung after it as an
    adverbial noun, "disputes this estimate", or as a participle's subject)."""
    named = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") or (
        c.dep_ == "npadvmod" and c.i > verb.i)]
    # "dismissed these claims saying that ...": the parser makes the object the subject of
    # the participle after it
    named += [s for c in verb.children if c.dep_ == "ccomp" and c.tag_ == "VBG"
              for s in c.children if s.dep_ == "nsubj" and verb.i < s.i <= verb.i + 3]
    if verb.dep_ in ("relcl", "acl"):
        named.append(verb.head)
    return named


def _named(subject):
    """"its rival, the Sudanese army": the apposition names a common-noun subject."""
    if subject.pos_ != "PROPN":
        for child in subject.children:
            if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
                return child
    return subject


def _answered(verb, since: int, claims: list[tuple[object, Claim]], *,
              figure: bool = False) -> Claim | None:
    """The latest asserted claim before the denying verb, from `since` on (with `figure`,
    the latest with a quantity, and only if no claim without one came after it)."""
    for draft, claim in reversed(claims):
        if figure and claim.value is None and since <= claim.start < verb.idx:
            return None
        if _remark_on(getattr(draft, "trigger", None), verb):
            continue  # "its forces held X, contradicting Moscow's claim": not this one
        if since <= claim.start and getattr(draft, "pos", claim.start) < verb.idx and \
                not claim.negated:
            return claim
    return None


def _remark_on(trigger, verb) -> bool:
    """Whether the denying verb hangs from the claim's own verb through verbs only ("held
    X, contradicting ..."), not through a noun ("captured X, a claim Ukraine denied")."""
    tok = verb
    while trigger is not None and tok != trigger and tok.head != tok:
        tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            return False
    return trigger is not None and tok == trigger
