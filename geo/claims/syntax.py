"""Small readings of the dependency parse that the claim readers share: the subject of a
verb (through conjunctions and complements), the object of a preposition or of an "of"
phrase, the place "in" which a plural noun lies, and the clauses above a token."""

from __future__ import annotations

from geo.claims.lexicon import (
    ARMED_ADJECTIVES,
    CITY_NOUNS,
    CLAIM_NOUNS,
    DASHES,
    DENIAL_NOUNS,
    PRONOUNS,
    REPORT_NOUNS,
)
from geo.claims.phrases import is_name
from geo.geoparse.nlp import text_of

__all__ = ["bracketed", "claim_owner", "clauses_above", "fell_into_hands_of", "in_dateline",
           "in_phrase_name", "name_after", "nowhere_in", "object_of", "of_on_times",
           "of_phrase_object", "only_time_between", "subject_of", "whole_of", "zero_relative_head"]


def clauses_above(tok) -> list:
    """The head of `tok` and the clauses it is a complement or conjunct of, innermost first
    ("Ukraine's military says it has withdrawn": withdrawn, says)."""
    heads = [tok.head]
    while heads[-1].dep_ in ("ccomp", "xcomp", "conj") and heads[-1].head != heads[-1]:
        heads.append(heads[-1].head)
    return heads


def object_of(prep):
    """The object of a preposition or agent ("the RSF" of "to the RSF"), or None."""
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def in_phrase_name(tok, *, plural: bool = True):
    """The place after "in" or "across" of a plural noun ("several towns in South Kivu",
    "villages in the Kharkiv region"; also "near", "around", "outside": "the villages near
    Bakhmut", which a count near a town is placed at too, as is "a village outside Grozny"),
    or of any noun unless `plural` ("the palace in Kinshasa")."""
    one_near = tok.tag_ == "NN" and tok.lemma_.lower() in CITY_NOUNS and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)
    if plural and tok.tag_ not in ("NNS", "NNPS") and not one_near:
        return None
    # The parser hangs the "in" on the noun or, as often, on the verb taking it.
    holders = [tok, tok.head] if tok.dep_ == "dobj" else [tok]
    preps = ("near", "around", "outside") if one_near else (  # "a village near Grozny"
        ("in", "across", "near", "around", "outside") if plural else ("in", "across"))
    return next((o for h in holders for c in h.children
                 if c.dep_ == "prep" and c.lower_ in preps
                 for o in c.children if o.dep_ == "pobj" and (is_name(o) or any(
                     n.dep_ == "compound" and n.pos_ == "PROPN" for n in o.children) or (
                     o.lower_ in CITY_NOUNS and  # "outside the city of Grozny"
                     is_name(of_phrase_object(o) or o)))), None)


def of_phrase_object(tok):
    """The object of `tok`'s "of" phrase ("Rubizhne" of "the outskirts of Rubizhne"), or None."""
    return next((o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 for o in c.children if o.dep_ == "pobj"), None)


def whole_of_part(part):
    """The place a part noun is of: "Rubizhne" of "the outskirts of Rubizhne", "the city" of
    "small portions within the city", "Bunia" of "Bunia's city centre" or "the Palmyra
    ruins"; None if none is named."""
    holders = [part, part.head] if part.dep_ == "dobj" else [part]  # "within" on the verb
    named_before = [] if part.lower_ in _SHARE_PARTS else [  # not "Ukraine's east" (a compass
        t for c in part.lefts for t in c.subtree  # part of it) but "Bunia's city centre"
        if t.pos_ == "PROPN" and t.dep_ in ("poss", "compound", "nmod")]
    return of_phrase_object(part) or next(
        (o for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "within"
         and c.i > part.i for o in c.children if o.dep_ == "pobj"), None) or (
        named_before[-1] if named_before else None)


# Parts that are a direction or a share of what they are of: "Ukraine's east", "its half".
_SHARE_PARTS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                          "southeast", "southwest", "half", "rest", "remainder", "side"})


def subject_of(verb):
    """The subject token of a verb, following conjunctions and open complements up to the verb
    that has one ("Russia captured X but lost Y" → Russia for both); None if there is none."""
    seen = 0
    while verb is not None and seen < 5:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")
                    and not bracketed(c)]
        if subjects:
            # "MOSCOW, Feb 20: Russia has recaptured": the subject nearest the verb, unless
            # it is a name the parser split into several subjects ("An alliance ... led by
            # the group Hayat Tahrir al-Sham now controls"): then the one before it.
            subj = min(subjects, key=lambda c: abs(verb.i - c.i))
            at = {c.i for c in subjects}
            first = subj.i
            while first - 1 in at:
                first -= 1  # the run of adjacent subjects that ends at the nearest
            run = [c for c in subjects if first <= c.i <= subj.i]
            earlier = [c for c in subjects if c.i < first and c.pos_ in ("NOUN", "PROPN")]
            if len(run) > 1 and earlier and all(c.pos_ == "PROPN" for c in run):
                subj = earlier[0]
            if subj.ent_type_ in ("DATE", "TIME"):
                return next((c for c in subj.children if c.dep_ == "appos"), None)
            return _after_dateline(subj)
        misread = _subject_read_as_conjunct(verb)
        if misread is not None:
            return misread
        if verb.dep_ == "pcomp" and verb.head.head != verb.head:
            verb = verb.head.head  # "after occupying X, Russia has lost a fifth"
        elif verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and verb.head != verb:
            verb = verb.head
        elif verb.dep_ == "acl" and verb.head.lemma_.lower() in REPORT_NOUNS and \
                verb.head.dep_ == "dobj":
            verb = verb.head.head  # "M23 issued a statement saying": the issuer
        elif verb.dep_ in ("acl", "relcl") and verb.head != verb:
            noun = verb.head
            if noun.lower_ in DENIAL_NOUNS:  # "a denial of rebel claims to have captured"
                noun = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                             and (o := object_of(c)) is not None), noun)
            owner = claim_owner(noun) if noun.lower_ in CLAIM_NOUNS and noun.pos_ == "NOUN" \
                else None
            if owner is not None:
                return owner  # "rebel claims to have captured Kidal"
            return verb.head
        else:
            return None
        seen += 1
    return None


def claim_owner(noun):
    """Whose claim a claim noun is: "RSF claims", "the army's claim", "the claim by the
    TPLF"; None when it names no one."""
    return next((c for c in noun.children if c.lower_ not in PRONOUNS and (
        c.dep_ in ("compound", "poss") or (c.dep_ == "amod" and (
            c.ent_type_ in ("NORP", "ORG", "GPE") or c.lower_ in ARMED_ADJECTIVES)))), None) \
        or next((o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                 and (o := object_of(c)) is not None and o.lower_ not in PRONOUNS), None)


def zero_relative_head(verb):
    """The noun a relative clause without a relative word is on ("the city of Kasugo they had
    been controlling"): the noun right before it, where the clause has a subject and no object
    of its own; else None."""
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i else None
    if verb.dep_ != "relcl" or before is None or before.pos_ not in ("NOUN", "PROPN"):
        return None
    kids = list(verb.children)
    if any(c.dep_ in ("dobj", "nsubjpass", "ccomp", "xcomp", "auxpass") or
           c.tag_ in ("WDT", "WP", "WRB") for c in kids) or not any(
            c.dep_ == "nsubj" and c.i < verb.i for c in kids):
        return None
    return before  # the noun the clause follows, wherever the parser hung it


def _subject_read_as_conjunct(verb):
    """"withdrew from Lalibela city and the city came under the control of X": the small
    parser joins "the city" to the object before it and leaves "came" without a subject; the
    noun right before a subjectless conjoined verb, joined to the first verb's object, is
    its subject."""
    if verb.dep_ != "conj" or verb.i == verb.sent.start:
        return None
    noun = verb.doc[verb.i - 1]
    if noun.dep_ != "conj" or noun.pos_ not in ("NOUN", "PROPN") or noun.head.i >= noun.i:
        return None
    first = noun.head
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first.dep_ not in ("dobj", "pobj") or not any(
            c.dep_ == "cc" for c in noun.head.children if noun.head.i < c.i < noun.i):
        return None
    return noun if verb.head in first.ancestors else None


def fell_into_hands_of(fall):
    """Who "X fell into the hands of" (or "into rebel hands", "in the rebels' hands"): the new
    holder, else None."""
    into = next((c for c in fall.children if c.dep_ == "prep" and c.lower_ in ("into", "in")
                 and getattr(object_of(c), "lower_", None) == "hands"), None)
    hands = object_of(into) if into is not None else None
    if hands is None or hands.lower_ != "hands":
        return None
    holder = of_phrase_object(hands)  # "the hands of the rebels", else "rebel hands"
    return holder if holder is not None else next(
        (c for c in hands.children if c.dep_ in ("poss", "amod", "compound")), None)


def _after_dateline(subj):
    """"KHARTOUM, Sudan – The Sudanese Armed Forces has issued": the parser may join the
    subject after a dateline's dash (or date) to the dateline; the subject is the one after."""
    if subj.i != subj.sent.start:
        return subj
    dated = next((c for c in subj.children if c.dep_ == "npadvmod" and c.ent_type_ == "DATE"),
                 None)  # "Khartoum, June 30 The army denied": no dash, the date ends it
    after = next((c for c in subj.children if c.dep_ == "appos" and dated is not None and
                  c.i > dated.i), None)
    if after is not None:
        return after
    doc = subj.doc
    # "SENNAR – Sudan’s Rapid Support Forces (RSF) said": the name after a dateline's one
    # dash; not "HTS – an offshoot of al-Qaeda – seized", an acronym and what it is.
    dashes = [t.i for t in doc[subj.i:subj.head.i] if t.text in DASHES] \
        if subj.is_upper and len(subj) > 1 else []
    if len(dashes) == 1:
        named = [c for c in subj.children if c.dep_ == "appos" and c.i > dashes[0] and not any(
            g.dep_ == "case" or (g.dep_ == "det" and g.lower_ in ("a", "an"))
            for g in c.children) and (c.pos_ == "PROPN" or any(
                g.pos_ == "PROPN" for g in c.children))]
        if named:
            return named[-1]
    joined = [c for c in subj.subtree if c.dep_ == "conj" and any(
        t.text in ("–", "—", "-", "--") for t in doc[subj.i:c.i])]
    return joined[-1] if joined else subj


def in_dateline(tok) -> bool:
    """A token of the dateline opening its sentence ("YANGON, Jan 6 (Reuters) - ",
    "KHARTOUM, Sudan – "): an upper-case first word, no verb, then a dash."""
    sent = tok.sent
    first = sent[0]
    if not (first.is_upper and len(first) > 1):
        return False
    for word in sent[:16]:
        if word.text in ("–", "—", "-", "--"):
            return tok.i < word.i
        if word.pos_ in ("VERB", "AUX"):
            return False
    return False


def bracketed(tok) -> bool:
    """A token inside brackets ("KYIV (Reuters) –"), never an actor or claimant."""
    doc = tok.doc
    before = text_of(doc)[max(0, tok.idx - 40):tok.idx]
    return before.rfind("(") > before.rfind(")")


def nowhere_in(verb):
    """The place of "nowhere in X is under government control" (the parser hangs it on the
    adverb, and leaves the verb without subject), or None."""
    return next((object_of(p) for c in verb.children if c.dep_ == "advmod" and
                 c.lower_ == "nowhere" for p in c.children if p.dep_ == "prep" and
                 p.lower_ == "in" and object_of(p) is not None), None)


def whole_of(tok):
    """The place of "all of X", "much of X", "the whole of X"; `tok` itself otherwise ("most
    of X", "half of X" are shares, claims with a quantity of their own)."""
    whole = of_phrase_object(tok) if tok.lower_ in ("all", "much", "whole") else None
    return tok if whole is None else whole


def only_time_between(a, b) -> bool:
    """Whether only words of a time stand between two tokens ("took control Monday of X",
    "took control on Monday of X"); nothing between is none.

    >>> from geo.geoparse.nlp import load_nlp
    >>> doc = load_nlp()("They took control Monday of Goma.")
    >>> only_time_between(doc[2], doc[4]), only_time_between(doc[2], doc[5])
    (True, False)
    """
    times = ("DATE", "TIME")
    return all(t.ent_type_ in times or (t.dep_ == "prep" and t.nbor().ent_type_ in times)
               for t in a.doc[a.i + 1:b.i])


def of_on_times(tokens) -> list:
    """The "of" phrases hung on the words of a time among `tokens` ("on Monday of Goma")."""
    times = ("DATE", "TIME")
    return [c for t in tokens if t.ent_type_ in times or (t.dep_ == "prep" and t.nbor().ent_type_
            in times) for d in (t, *t.children) for c in d.children if c.lower_ == "of"]


def name_after(noun):
    """"lost the country's commercial hub Aleppo": a name right after a common noun object,
    which the parser hung elsewhere instead of in apposition."""
    doc = noun.doc
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if nxt is None or nxt.pos_ != "PROPN" or noun.pos_ != "NOUN" or \
            nxt.dep_ not in ("appos", "npadvmod", "dobj", "oprd") or nxt.head not in (
                noun, noun.head) or nxt.ent_type_ in ("PERSON", "DATE", "TIME"):
        return None
    return nxt
