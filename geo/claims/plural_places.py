"""Places named together before and taken up again by a plural noun: "Russian forces now
occupy the villages of Zaporizke and Novoheorhiivka ... the ministry had reported capturing
both villages", "... dismissed reports that troops had occupied the villages"."""

from __future__ import annotations

from geo.claims.lexicon import CITY_NOUNS
from geo.claims.numbers import Quantity, parse_number
from geo.claims.phrases import relative_antecedent
from geo.claims.region_names import Region

__all__ = ["counted_antecedent", "named_together", "plural_anaphor"]

# Words before a plural noun that take up places named before ("both", "the", "these").
_TAKING_UP = frozenset({"both", "the", "these", "those"})


def plural_anaphor(noun) -> bool:
    """Whether `noun` is "both villages", "the towns", "these cities": a plural town noun with
    nothing of its own that names or counts its places ("the villages of A and B", "three
    villages", "the villages near Bakhmut", "the frontline villages" do not)."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() not in CITY_NOUNS:
        return False
    kids = list(noun.children)
    return any(c.lower_ in _TAKING_UP and c.dep_ in ("det", "predet") for c in kids) and \
        not any(c.dep_ in ("nummod", "prep", "amod", "compound", "relcl", "acl", "appos",
                           "conj", "nmod", "poss") for c in kids)


def named_together(regions: list[Region]) -> list[Region]:
    """The towns and villages among one sentence's places, when there are at least two
    (what a later "both villages" takes up), else []."""
    towns = [r for r in regions if r.feature not in ("country", "admin1", "region", "sector")]
    names = {r.name for r in towns}
    return towns if len(names) >= 2 else []


def counted_antecedent(pronoun) -> Quantity | None:
    """The count of the towns a relative clause is about: "recovered all five villages that
    had been occupied by the rebels" says the rebels had held five villages."""
    noun = relative_antecedent(pronoun)
    if noun is None or noun.tag_ != "NNS" or noun.lemma_.lower() not in CITY_NOUNS:
        return None
    count = next((c for c in noun.children if c.dep_ == "nummod"), None)
    value = parse_number(count.text) if count is not None else None
    if value is None:
        return None
    end = noun.idx + len(noun)
    return Quantity(value=value, unit="settlements", bound=None, start=count.idx, end=end,
                    num_start=count.idx, num_end=count.idx + len(count))
