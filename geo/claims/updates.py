"""A figure that continues the claim before it: "that figure had increased to nearly 125,000
km²", "and today, it is 15%", "the total is more than 204 km²", "that number is closer to
100%", "In Iraq, it's about 40 percent". Its subject is the earlier figure, so its action
and actor are the earlier claim's (`geo.claims.builder`).
"""

from __future__ import annotations

from geo.claims.lexicon import ANAPHORIC_FIGURES, CHANGE_VERBS
from geo.claims.region_names import Region
from geo.claims.syntax import subject_of
from geo.claims.triggers import lemma_of
from geo.models import Claim

__all__ = ["figure_update", "update_region"]

# Where a quantity completes "be": "it is 15%", "the total is 204 km²" (the small parser
# makes the figure after a contracted "'s" its object).
_COMPLEMENTS = frozenset({"attr", "acomp", "dobj"})
# Words that make the figure a difference, not a holding.
_COMPARED = frozenset({"than", "more", "less", "fewer", "higher", "lower", "up", "down",
                       "compared"})


def figure_update(head):
    """The change verb or "be" whose subject is an earlier figure and that the quantity at
    `head` completes (for "be"), or None."""
    cur = head
    for _ in range(3):
        parent = cur.head
        if parent == cur:
            return None
        if parent.pos_ in ("VERB", "AUX"):
            if _is_be(parent) and cur.dep_ in _COMPLEMENTS and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in ANAPHORIC_FIGURES and
                    c.i < parent.i for c in parent.children) and not any(
                    t.lower_ in _COMPARED and t.i > head.i for t in parent.subtree):
                return parent  # not "This is 2% more than a year ago": a difference
            if lemma_of(parent) not in CHANGE_VERBS:
                return None
            subj = subject_of(parent)
            if subj is not None and subj.lemma_.lower() in ANAPHORIC_FIGURES:
                return parent
            return None
        cur = parent
    return None


def _is_be(verb) -> bool:
    return lemma_of(verb) == "be" or verb.lower_ in ("'s", "’s")


def update_region(verb, regions, previous: Claim) -> Region:
    """The place of an update: the one a "be" update names for itself ("In Iraq, it's about
    40 percent"; `regions` a `geo.claims.regions.RegionFinder`), else the earlier claim's."""
    own = next((o for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
                for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None) \
        if _is_be(verb) else None
    found = regions.of_object(own) if own is not None else None
    return found or Region(previous.region_name or "", code=previous.region)
