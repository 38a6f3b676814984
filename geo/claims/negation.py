"""Negation where a claim word stands, read from the parse: a claim "not" made is a negated
claim of the same action (the claims README: "not under X control" is `controls`, negated)."""

from __future__ import annotations

__all__ = ["negated"]


def negated(tok) -> bool:
    """Whether a claim word is negated where it stands: "does not control", "no longer
    controls", "outside government control", "were not under Russian control"."""
    if any(c.dep_ == "neg" or no_longer(c) for c in tok.children):
        return True  # "does not control", "no longer controls"
    if tok.pos_ == "NOUN" and tok.head.pos_ in ("VERB", "AUX"):
        return any(c.dep_ == "neg" for c in tok.head.children) and tok.dep_ in (
            "dobj", "attr", "pobj")
    if tok.dep_ == "pobj" and tok.head.lower_ in ("outside", "beyond"):
        return True  # "60% of Burkina Faso's territory is outside government control"
    verb = tok.head.head.head if tok.head.head.pos_ == "ADV" else tok.head.head
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in ("under", "in") and \
            verb.pos_ in ("VERB", "AUX"):
        # "were not under Russian control", "is no longer in Ukrainian hands", "nowhere in X
        # is under government control", "are not back in control of X"
        return any(c.dep_ == "neg" or no_longer(c) or c.lower_ == "nowhere"
                   for c in verb.children)
    return False


def no_longer(tok) -> bool:
    """"no longer" (the word "longer" with its negation)."""
    return tok.lower_ == "longer" and any(n.dep_ == "neg" for n in tok.children)
