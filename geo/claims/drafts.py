"""A claim being assembled (`Draft`), and the two tests that drop a draft whose claim was
made already: a place taken by a quantity's own verb, and a nominal form ("the fall of X")
of a claim made before; and the taker of a nominal form that names none. `geo.claims.builder`
finds and completes drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.claims.anaphors import anaphor_kinds
from geo.claims.arguments import actor_token
from geo.claims.counts import included_spans
from geo.claims.lexicon import NOMINAL_ACTIONS, WITHDRAWAL_NOUNS
from geo.claims.numbers import Quantity
from geo.claims.region_names import Region
from geo.claims.triggers import lemma_of
from geo.models import Action, Claim

__all__ = [
    "Draft",
    "alike_actors",
    "folded_actor",
    "location_of_quantity",
    "not_where",
    "restated",
    "said_again",
    "said_twice",
    "taker_before",
    "town_claimed_before",
]


@dataclass
class Draft:
    """A claim being assembled; fields are filled in sentence order by `ClaimBuilder`."""

    sent: object
    trigger: object
    action: Action
    pos: int
    quantity: Quantity | None = None
    qhead: object | None = None
    place: Region | None = None
    place_tokens: list = field(default_factory=list)
    facility: bool = False
    update: bool = False  # "that figure had increased to ...": continues the previous claim
    negated: bool = False
    background: bool = False  # in a relative or "since" clause: context, not the statement
    inner: bool = False  # its speaker is inside such a clause: no claimant for what follows


def location_of_quantity(draft: Draft, claim: Claim,
                         quantity_places: set[tuple[int, str | None]]) -> bool:
    """A place "taken" by the verb of a quantity claim about that same place is where the
    quantity is, not a claim of its own ("captured 190 settlements in the Donetsk,
    Zaporizhzhia and Kharkiv regions", parsed with "regions" as a second object).

    `quantity_places`: (trigger token, region name, a count of settlements?) of every
    quantity claim kept. A town (no region code) holds no count of settlements: one listed
    beside the count is a claim ("liberated the city of Jabrayil, the town of Hadrut, and
    more than 30 villages")."""
    if draft.quantity is not None or not claim.region_name:
        return False
    key = (draft.trigger.i, claim.region_name)
    return (*key, False) in quantity_places or (
        (*key, True) in quantity_places and claim.region is not None)


def restated(draft: Draft, claim: Claim, first_claimed: dict[str | None, int]) -> bool:
    """"The fall of Avdiivka" after a sentence (or a clause) that claimed Avdiivka refers
    back to that claim; a nominal form is a claim of its own only about a place not claimed before.

    `first_claimed`: each region name (None too) and the first sentence that claimed it."""
    if draft.trigger.pos_ != "NOUN" or lemma_of(draft.trigger) not in NOMINAL_ACTIONS or any(
            c.dep_ == "poss" for c in draft.trigger.children):  # "Russia's seizure of X" says who
        return False
    if lemma_of(draft.trigger) in WITHDRAWAL_NOUNS:
        return False  # "retook Uvira after the withdrawal of M23": the side that left loses it
    first = first_claimed.get(claim.region_name)  # an earlier sentence, or earlier in this one
    return first is not None and first <= draft.sent.start


def said_twice(draft: Draft, claim: Claim, said: dict[tuple, list]) -> bool:
    """One sentence saying it twice ("seized Bukavu, the second city to fall to them"; "hold
    Bunagana, a town they have occupied"): the same action, by the same actor or by none, on
    the same place, or on one it does not name by an actor named alike ("the Taliban",
    "Taliban fighters"); never what happened "again". `said` keeps what each sentence said."""
    before = said.setdefault((draft.sent.start, claim.action, claim.negated), [])
    actor = folded_actor(claim.actor)
    if any(c.lower_ == "again" for c in draft.trigger.children):
        return False
    if any(((actor is None or actor == by) and place == claim.region_name) or
           (claim.region_name is None and (actor is None or alike_actors(actor, by)))
           for place, by in before):
        return True
    before.append((claim.region_name, actor))
    return False


def alike_actors(one: str, other: str | None) -> bool:
    """"the Taliban" and "Taliban fighters" in one sentence: one's words open the other's
    (not "rebels" and "M23 rebels", "the army" and "the Free Syrian Army")."""
    words, others = one.split(), (other or "").split()
    n = min(len(words), len(others))
    return n > 0 and words[:n] == others[:n]


def said_again(draft: Draft, claim: Claim, done: list[tuple[Draft, Claim]], sents) -> bool:
    """"The TDF retook Mekelle in June. Their recapture of the regional capital came ...": a
    place named nowhere, but as one already known ("the", "it"), taken the same way by the
    same side (or by no one named) in the same sentence or the next, is the claim before said
    again; "took a village" is another place."""
    if claim.region_name is not None or not done or not draft.place_tokens or \
            draft.place_tokens[0].lower_ not in ("the", "it", "this", "that"):
        return False
    before, previous = done[-1]
    return previous.region_name is not None and previous.action == claim.action and \
        folded_actor(claim.actor) in (None, folded_actor(previous.actor)) and \
        sents.starting_by(draft.sent.start) - sents.starting_by(before.sent.start) <= 1 and \
        previous.value is None


_TAKINGS = ("captured", "regained", "liberated")


def taker_before(draft: Draft, done: list[tuple[Draft, Claim]], sents) -> str | None:
    """Who took the ground of a nominal taking that names no taker ("The Taliban seized three
    more provincial capitals ... The fall of Fayzabad, Puli-Khumri and Farah ..."): the actor
    of the latest taking claimed in its sentence or the one before; None otherwise (a loss or
    a holding names who lost or holds, not who took)."""
    trigger = draft.trigger
    if trigger.pos_ != "NOUN" or draft.action not in _TAKINGS:
        return None
    i = sents.index_of(trigger.i)
    if i is None:
        return None
    since = sents[max(0, i - 1)].start_char
    for earlier, claim in reversed(done):
        if claim.start < since:
            return None
        if claim.actor and not claim.negated and claim.action in _TAKINGS and \
                not earlier.background:
            return claim.actor
    return None


def not_where(draft: Draft, claimant) -> list[tuple[int, int]]:
    """Character ranges of the sentence that do not say where the claim is: the actor and
    claimant phrases, and what an "including" phrase lists of a count ("liberated 29
    settlements, including six in Luhansk region": six of them are there, not all 29)."""
    out = []
    for tok in (actor_token(draft.trigger), claimant):
        if tok is not None and (draft.qhead is None or not tok.is_ancestor(draft.qhead)):
            left, right = tok.left_edge, tok.right_edge
            out.append((left.idx, right.idx + len(right)))
    return out + included_spans(draft.qhead)


def folded_actor(actor: str | None) -> str | None:
    """An actor as compared within one sentence: "The rebels" is "rebels".

    >>> folded_actor("The rebels"), folded_actor(None)
    ('rebels', None)
    """
    if actor is None:
        return None
    words = actor.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def town_claimed_before(draft: Draft, done: list[tuple[Draft, Claim]],
                        sents) -> Region | None:
    """"The army regained most of Marawi. Fighters now control parts of the city": "the city"
    that no mention places is the town the claim just before it was about, in its sentence or
    the one before (a quantity's place is found after every sentence's drafts, too late for
    `geo.claims.anaphors`); None for "the town" named nowhere near, or "a town".

    `done`: the claims finished so far, with their drafts; `sents`: the article's
    `Sentences`."""
    if not done or not any(anaphor_kinds(t) == ("city",) and not any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in t.children)
            for t in draft.place_tokens):
        return None
    before, claim = done[-1]
    gap = (sents.index_of(draft.sent.start) or 0) - (sents.index_of(before.sent.start) or 0)
    if claim.region or not claim.region_name or claim.lat is None or not 0 <= gap <= 1:
        return None
    return Region(claim.region_name, feature="city")
