"""The words a claim's region is read from when the share and its prepositions name none:
the sentence near the trigger, less the reporting frame around the claim.
"""

from __future__ import annotations

from geo.claims.lexicon import REPORT_VERBS

__all__ = ["REACH", "outside_frame"]

REACH = 150  # tokens either side of a claim's trigger read for its region (see `_near`)


def outside_frame(trigger) -> list:
    """The sentence without the reporting frame around the claim: the reporting verb's other
    arguments ("..., Rudskoi told the Krasnaya Zvezda newspaper") are not where it is."""
    clause = trigger
    while clause.head != clause:
        verb = clause.head
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in REPORT_VERBS and \
                clause.dep_ in ("ccomp", "xcomp", "parataxis", "advcl"):
            framed = {t.i for c in verb.children if c != clause for t in c.subtree}
            framed.add(verb.i)
            return [t for t in _near(trigger, trigger.sent) if t.i not in framed]
        clause = verb
    return _near(trigger, trigger.sent)


def _near(trigger, sent) -> list:
    """The tokens of `sent` within `REACH` tokens of the trigger: in a run-on "sentence" (a
    table, a list of thousands of names) a place further away is not where the claim is, and
    reading the whole of it for every claim made such text quadratic."""
    doc = trigger.doc
    return list(doc[max(sent.start, trigger.i - REACH):min(sent.end, trigger.i + REACH + 1)])
