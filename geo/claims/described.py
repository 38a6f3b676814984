"""The two fields a claim gets once its words are read: what its share is of
(`geo.claims.shares`) and its as-of date (`geo.claims.dates`)."""

from __future__ import annotations

from dataclasses import replace

from geo.claims.dates import claim_date
from geo.claims.shares import denominator_kind
from geo.models import Claim

__all__ = ["described"]


def described(claim: Claim, draft, doc) -> Claim:
    """`claim` with `denominator_kind` and `as_of` filled from its draft (a `Draft` of
    `geo.claims.builder`: sentence, trigger, quantity and its head) in the parsed `doc`."""
    q = draft.quantity
    start = q.end if q is not None else draft.sent.start_char
    kind = denominator_kind(doc, draft.sent, claim.denominator, claim.unit, start)
    as_of = claim_date(draft.trigger, draft.qhead, claim.action, claim.published)
    return replace(claim, denominator_kind=kind, as_of=as_of)
