"""The parse repaired where the small English model takes a verb of capture for something else.

en_core_web_sm tags rare past forms as nouns ("The army retook Wad Madani": "retook" a
compound of "Madani"; "The RSF had overrun Kidal") and sometimes reads a past form as an
adjective ("The RSF liberated Kidal" parsed as the noun phrase "liberated Kidal") or the
object as a second subject. It then parses the sentence around the mistake, and no claim
rule sees a verb with its object. Where the words around such a form read as subject, verb
and object, the sentence is parsed again with a frequent verb of the same shape standing in
for the form (`STAND_IN`); that parse is kept, with the original word and its own lemma, only
if it makes the stand-in a verb with a subject before it and an object after it. A participle
read as a noun after "was" ("Ramadi was overrun by IS") is tried the same way, its parse kept
if it makes the stand-in a passive with its subject before it.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from geo.claims.lexicon import CONTROL_VERBS, EXPEL_VERBS, IRREGULAR_LEMMAS, VERB_ACTIONS
from geo.claims.numbers import OPENING_BOUND
from geo.claims.reparse import apply_repairs, parse_with_word
from geo.geoparse.doc_text import text_of

__all__ = ["MAX_TRIES", "STAND_IN", "past_forms", "repair_verbs"]

# A regular past form the model knows as a verb, with a subject and an object, in any context.
STAND_IN = "seized"
# Tried next, where the stand-in is misread too ("The RSF seized control of X": "seized" an
# adjective of "control").
SECOND_STAND_IN = "took"
# Words that may open the object after the verb: "retook [the] town", "[Wad] Madani", "[12]".
_OBJECT_START = frozenset({"DET", "PROPN", "NUM", "ADJ", "NOUN"})
_SUBJECT_END = frozenset({"NOUN", "PROPN", "PRON"})
_NAMED_BODIES = frozenset({"ORG", "FAC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART"})
_PERFECT = frozenset({"has", "have", "had", "'ve", "'d"})
_PASSIVE_BE = frozenset({"was", "were", "been", "is", "are", "be", "being"})
# Adverbs that open a clause rather than sit inside a verb phrase ("Then captured X"): not
# skipped on the way to the subject.
_FROM_ADVERBS = frozenset({"then", "later", "also", "when", "where", "how", "so"})
# Parses of one sentence tried: each is of the whole sentence, so a run-on "sentence" with a
# misread form every few words would cost time quadratic in its length.
MAX_TRIES = 3


def past_forms(lemmas: Iterable[str]) -> dict[str, str]:
    """The past forms of each lemma, regular and irregular, with the lemma they are of.

    Examples
    --------
    >>> forms = past_forms(["capture", "retake", "occupy", "control"])
    >>> forms["captured"], forms["retook"], forms["occupied"], forms["controlled"]
    ('capture', 'retake', 'occupy', 'control')
    """
    lemmas = set(lemmas)
    out = {form: lemma for form, lemma in IRREGULAR_LEMMAS.items() if lemma in lemmas}
    for lemma in lemmas:
        if lemma.endswith("e"):
            out.setdefault(lemma + "d", lemma)
        elif lemma.endswith("y"):
            out.setdefault(lemma[:-1] + "ied", lemma)
        else:
            out.setdefault(lemma + "ed", lemma)
            out.setdefault(lemma + lemma[-1] + "ed", lemma)  # "controlled"
    return out


# With the present of "control", which the model reads as a noun after a plural name ("The
# Houthis control Sanaa", "The Taliban control Kunduz": "Houthis control" a compound).
_FORMS = past_forms({*VERB_ACTIONS, *EXPEL_VERBS}) | {"control": "control"}
# Past forms misread only before "control" ("The RSF has consolidated control over X": an
# adjective of "control", the sentence's root).
_BEFORE_CONTROL = {form: lemma for form, lemma in past_forms(
    CONTROL_VERBS.keys() - {"be", "have"}).items() if form not in _FORMS}


def repair_verbs(doc: Doc, sents: Iterable[Span], *, copy: bool) -> Doc:
    """`doc` with the sentences of `sents` parsed again where a past form of a verb of
    capture was misread (see the module docstring); `doc` itself when none was. With `copy`
    the repairs go into a copy, so the caller's parse is left as it was."""
    repairs = []
    # Only a past form of a verb of capture may be misread: found by its id, not by making a
    # Token of every word of every claim sentence.
    forms = {doc.vocab.strings[form] for form in (*_FORMS, *_BEFORE_CONTROL)}
    lowers = doc.to_array(LOWER).tolist()
    for span in sents:
        sent = doc[span.start:span.end]  # `sents` may be spans of the unparsed Doc
        tries = 0
        for i in range(sent.start, sent.end):
            tok = doc[i] if lowers[i] in forms and tries < MAX_TRIES else None
            if tok is not None and _misread(tok):
                tries += 1
                parsed = _parse_with_stand_in(sent, tok.i - sent.start) or \
                    _parse_with_stand_in(sent, tok.i - sent.start, SECOND_STAND_IN)
                if parsed is not None:
                    lemma = _FORMS.get(tok.lower_) or _BEFORE_CONTROL[tok.lower_]
                    repairs.append((sent.start, tok, parsed, lemma))
                    break  # one repair a sentence: the new parse is of the whole sentence
    return apply_repairs(doc, repairs, copy=copy)


def _misread(tok) -> bool:
    """A past form of a verb of capture between what reads as a subject and an object, that
    the parse does not treat as a verb taking that object; or one after a form of "be" that
    the parse reads as a noun (a passive)."""
    if tok.i == tok.sent.start or tok.i + 1 >= tok.sent.end:
        return False
    before, after = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
    for _ in range(2):  # "have completely liberated X", "now only control parts of X"
        if before.pos_ == "ADV" and before.i > tok.sent.start and \
                before.lower_ not in _FROM_ADVERBS:
            before = tok.doc[before.i - 1]
    if tok.lower_ not in _FORMS and not (tok.lower_ in _BEFORE_CONTROL and
                                         after.lower_ == "control"):
        return False
    if before.lower_ in _PASSIVE_BE and tok.lower_ in _FORMS and tok.pos_ not in ("VERB", "AUX"):
        return True  # "Ramadi was overrun by IS": the participle read as a noun
    if (after.pos_ not in _OBJECT_START or after.lower_ in ("by", "to")) and not (
            OPENING_BOUND.match(text_of(tok.doc), after.idx) and tok.i + 2 < tok.sent.end and
            tok.doc[tok.i + 2].pos_ in ("NUM", "DET")):
        return False  # but "The Houthis control about a third of ...": a hedged quantity
    if before.pos_ not in _SUBJECT_END and before.lower_ not in _PERFECT:
        return False
    if before.tag_ == "POS" or before.lower_ in ("which", "that", "who"):
        return False
    if tok.is_title and tok.ent_iob_ == "I" and tok.ent_type_ in _NAMED_BODIES:
        return False  # a word inside a name: "the Pollution Control Board"
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound", "npadvmod"):
        return True
    # "The junta recaptured Wad Madani, ...": the object read as a second subject.
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in tok.children)


def _parse_with_stand_in(sent: Span, i: int, stand_in: str = STAND_IN) -> Doc | None:
    """The sentence (words only) parsed with `STAND_IN` for its `i`-th word, or None unless
    that parse is one tree in which the stand-in is a verb with a subject (or a perfect
    auxiliary) before it and an object after it, or a passive with its subject before it."""
    parsed = parse_with_word(sent, i, stand_in)
    verb = parsed[i]
    if sum(t.head.i == t.i for t in parsed) != 1 or not verb.tag_.startswith("VB"):
        return None
    subject = any(c.dep_ in ("nsubj", "aux") and c.i < i for c in verb.children)
    obj = any(c.dep_ == "dobj" and c.i > i for c in verb.children)
    passive = {c.dep_ for c in verb.children if c.i < i} >= {"nsubjpass", "auxpass"}
    return parsed if (subject and obj) or passive else None
