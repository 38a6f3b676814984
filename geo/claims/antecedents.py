"""Who a plural "they" stands for: the nearest armed group named in the plural just before.

"In a coordinated attack, the army inflicted heavy losses on the Tuareg-dominated rebel
groups. They have long held most of northern Kidal": "They" agrees in number with "the rebel
groups", not with "the army", though the army is the subject. So a plural pronoun takes the
last plural noun phrase of an armed kind (its head, or a word before the head: "rebel
groups", "armed groups") earlier in its sentence or in the sentence before (a blank line ends
the search), and nothing when there is none: the caller then falls back to the earlier
claims' actors.
"""

from __future__ import annotations

import re

from geo.claims.armed import is_armed
from geo.claims.conflict_country import named_party
from geo.claims.denials import CLAIM_NOUNS
from geo.claims.lexicon import ORG_HEADS, PRONOUNS, TITLE_WORDS
from geo.claims.parse import Sentences
from geo.claims.phrases import noun_phrase, phrase_text
from geo.claims.syntax import claim_owner, clauses_above, subject_of
from geo.geoparse.nlp import text_of

__all__ = ["clause_antecedent", "group_antecedent", "may_stand_for", "owner_of",
           "plural_antecedent"]

_PLURAL_TAGS = ("NNS", "NNPS")
# Heads of a speaker that is one body or one person: never what a plural "they" stands for.
# Nouns for one person who speaks ("the aide", "the spokesman"), and for one speaker, a
# person or a body ("the ministry"): neither is "they".
_ONE_PERSON = TITLE_WORDS | {"official", "source", "aide", "witness", "resident", "analyst",
                             "journalist", "correspondent", "activist"}
_ONE_SPEAKER = ORG_HEADS | _ONE_PERSON | {"monitor", "observatory"}
# Nouns by which an article names again a party it has named ("the group claimed ...").
_GROUP_NOUNS = frozenset({"group", "movement", "militia", "organisation", "organization",
                          "alliance", "faction"})
_PARTY_LABELS = ("ORG", "NORP", "GPE")
_ARMED_MODIFIERS = frozenset({"armed", "rebel", "militant", "insurgent", "jihadist",
                              "separatist", "paramilitary", "guerrilla", "militia"})


def plural_antecedent(tok, sents: Sentences) -> str | None:
    """The words of the plural armed noun phrase "they" at `tok` stands for, or None."""
    if tok.lower_ != "they":
        return None
    i = sents.index_of(tok.i)
    if i is None:
        return None
    doc = tok.doc
    start = sents[i - 1].start if i > 0 and not _blank_line_between(sents[i - 1],
                                                                     sents[i]) else sents[i].start
    for j in range(tok.i - 1, start - 1, -1):
        word = doc[j]
        if word.tag_ in _PLURAL_TAGS and word.dep_ not in ("compound", "amod") and \
                _armed_plural(word):
            return phrase_text(noun_phrase(word), strip_determiner=True)
    return None


def group_antecedent(tok, sents: Sentences) -> str | None:
    """Who a bare "the group" stands for: the nearest party named before it in its sentence
    or the two before, as the table of sides knows parties by name ("According to media run
    by the Myanmar National Democratic Alliance Army, the group claimed to have captured
    ...": the MNDAA; "The latest M23 offensive came weeks after the group claimed ..."), or
    None. An actor left "the group" has no side on the map."""
    words = [(c.dep_, c.lower_) for c in tok.children if c.dep_ != "punct"]
    if tok.lower_ not in _GROUP_NOUNS or tok.tag_ != "NN" or words != [("det", "the")]:
        return None
    i = sents.index_of(tok.i)
    if i is None:
        return None
    first = sents[max(0, i - 2)].start
    named = [e for e in tok.doc.ents if first <= e.start and e.end <= tok.i
             and e.label_ in _PARTY_LABELS]
    for ent in reversed(named):
        words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        text = phrase_text(words)
        if text and named_party(text):
            return text
    return None


def _armed_plural(word) -> bool:
    if is_armed(word):
        return True
    return any(c.dep_ in ("compound", "amod") and c.lower_ in _ARMED_MODIFIERS
               for c in word.children)


def _blank_line_between(a, b) -> bool:
    return "\n\n" in text_of(a.doc)[a.end_char:b.start_char].replace("\r", "")


def owner_of(pronoun, earlier_actors: list[str], speakers, places) -> str | None:
    """Who "its"/"their"/"our" stands for: the one reporting the clause ("Russia said its
    forces"), the speaker of a quotation for "our",
    the speaker named before when that one is itself "it" ("The defence ministry in Moscow
    ... In a briefing it said its forces had captured"), else the last actor; the country
    named in it when there is one ("Russia's defence ministry" → Russia)."""
    held = pronoun.head  # "Israel has expanded its control": the subject of its own verb
    own = subject_of(held.head) if held.dep_ == "dobj" else None
    if held.dep_ == "pobj" and held.head.lower_ == "under" and any(
            c.dep_ == "dobj" for c in held.head.head.children):
        own = subject_of(held.head.head)  # "the army brought Kidal under its control"
    if own is not None and own.lower_ not in PRONOUNS and held not in own.subtree:
        return _named_by(own, places)
    clause = pronoun.head
    while clause.dep_ not in ("ccomp", "xcomp") and clause.head != clause:
        clause = clause.head
    subj = subject_of(clause.head) if clause.dep_ in ("ccomp", "xcomp") else None
    # "our forces" in a quotation: the speaker's ("Goita posted: 'our forces have taken X'").
    speaking = pronoun if pronoun.lower_ == "our" else subj
    if speaking is not None and speaking.lower_ in ("it", "they", "our"):
        speaker = (speakers.of_sentence(speaking) if speaking.lower_ == "our" else None) or \
            speakers.pronoun(speaking)  # "'Our forces have taken X,' said Y": Y's own
        if speaker:
            named = [m for m in places.body if m.place is not None
                     and re.search(rf"\b{re.escape(m.surface)}\b", speaker)]
            country = places.country(named[0].place.country) if named else None
            return country.name if country is not None else speaker
    if subj is not None and pronoun.lower_ == "their" and _one_person(subj):
        # "'Gao is in their hands,' the aide said": not the aide's, but "an M23 official
        # said ... in their hands" is M23's
        group = next((c for c in subj.children if c.dep_ in ("compound", "nmod", "poss") and
                      (c.ent_type_ in ("ORG", "NORP") or is_armed(c))), None)
        if group is not None:
            return phrase_text(noun_phrase(group), strip_determiner=True)
        return earlier_actors[-1] if earlier_actors else None
    if subj is None or subj.lower_ in PRONOUNS:
        return earlier_actors[-1] if earlier_actors else None
    return _named_by(subj, places)


def _one_person(subj) -> bool:
    """A subject that names one person ("the aide", "Ivanov"), which "they" and "their" do
    not stand for; not a force ("the army")."""
    return not is_armed(subj) and (subj.lower_ in _ONE_PERSON or (
        subj.ent_type_ == "PERSON" and subj.tag_ == "NNP"))


def _named_by(subj, places) -> str:
    """The country a subject names ("Russia's defence ministry" → Russia), else its words."""
    left, right = subj.left_edge, subj.right_edge
    named = [m for m in places.starting_in(left.idx, right.idx + len(right))
             if m.place is not None]
    country = places.country(named[0].place.country) if named else None
    return country.name if country is not None else \
        phrase_text(noun_phrase(subj), strip_determiner=True)


def clause_antecedent(pronoun):
    """The named subject of a clause above the pronoun that it may stand for ("Russia said it
    had captured": Russia), or the one whose claim the pronoun's clause is ("The army denied
    RSF claims that it had taken control": the RSF); None if neither."""
    head = pronoun.head
    if head.dep_ in ("acl", "ccomp") and head.head.lower_ in CLAIM_NOUNS:
        owner = claim_owner(head.head)  # also "The claim by the TPLF that it has controlled"
        if owner is not None:
            return owner
    for clause in clauses_above(pronoun)[1:]:
        subj = subject_of(clause)
        if subj is not None and subj.lower_ not in PRONOUNS and subj != pronoun and \
                may_stand_for(pronoun, subj):
            return subj
    return None


def may_stand_for(pronoun, subject) -> bool:
    """Whether a pronoun may stand for the subject of a clause above it: not a plural "they"
    for a speaker named as one body or one person ("The defence ministry said they had
    captured three villages", "A brigade spokesman said they had liberated ...": the troops
    of the sentence before; "Syrskyi said they held 1,250 square kilometres"). Other names are
    left alone: "The Taliban said they had taken Kunduz"."""
    return pronoun.lower_ != "they" or (subject.lower_ not in _ONE_SPEAKER and
                                        not _one_person(subject))
