"""Territorial-control claims from article text: who holds how much of which region, per whom.

`extract_claims(article, mentions)` reads every claim of an article into `Claim` records whose
fields follow `../shared/claims/README.md`. Two kinds of claim are found in each sentence:

* a **quantity** of territory ("over 86%", "two-thirds", "1,000 square kilometres", "four
  settlements", see `geo.claims.numbers`) governed in the dependency parse by a word that takes,
  holds or loses ground ("regained", "control of", "their gain was"); shares of anything but
  territory ("90% of Russian gains", "half of the population"), sizes ("spans 30,000 km²"),
  distances and rates are not claims;
* a **place** taken, held or lost without a number ("took control of Goma", "Kupiansk is under
  the control of ...", "El Fasher had fallen to the RSF").

For each, the actor is the subject of the trigger (pronouns resolved to the previous actor),
the claimant the subject of the reporting verb above it or "according to X" (a sentence with
none inherits from its paragraph), and the region comes from the geoparser's mentions: the
place the share is "of", then the places the claim is located "in", then the sentence, then
the article's context (the most-mentioned admin-1 unit). Claims in a denial ("denied that",
"untrue are statements that", "did not fall") are negated.

Markup and other noise ("<b>Kursk region</b>", "<img src=x onerror=alert(1)>", addresses,
symbol runs) is never part of a claim: the text is read as it reads without it, the quote
keeps it as written, and no field may hold it (`geo.claims.markup`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geo.claims.builder import ClaimBuilder
from geo.claims.conflict_country import across_the_front, outside_the_war, village_in_the_war
from geo.claims.markup import Cleaned, clean_text, without_noise
from geo.claims.parse import (
    parsed_doc,
)
from geo.claims.places import Places
from geo.claims.reparse import forget_parses
from geo.errors import GazetteerError
from geo.gazetteer.index import Gazetteer, open_gazetteer
from geo.geoparse.nlp import doc_for
from geo.geoparse.villages import Around
from geo.models import Article, Claim, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_claims"]


def extract_claims(article: Article, mentions: Sequence[Mention], *,
                   gazetteer: Gazetteer | None = None, doc: Doc | None = None) -> list[Claim]:
    """Every territorial-control claim in the article's text, in text order.

    Parameters
    ----------
    article : the article as stored; quotes and offsets index into `article.text`.
    mentions : its mentions from `geo.geoparse.parse.parse_article` (title and text); claim regions
        are read from them.
    gazetteer : names admin-1 units and looks up places the geoparser left unresolved;
        default the shared gazetteer, or none at all if it is not built.
    doc : `geo.geoparse.nlp.load_nlp()(article.text)` if the caller has it already (the geoparser
        made it), so the text goes through spaCy once; only its claim sentences get parsed.
        Unused when the text holds markup, code or addresses (`geo.claims.markup`): that
        text is read without them, geoparsed and parsed again, and the claims still quote
        `article.text` as written.

    Returns
    -------
    list of Claim

    Examples
    --------
    >>> from geo.models import Article
    >>> text = "Russian forces have regained over 86% of the land once held by Ukrainian troops."
    >>> [(c.action, c.value, c.unit, c.bound) for c in extract_claims(Article("x", text), [])]
    [('regained', 86.0, 'percent', 'over')]
    """
    if not article.text.strip():
        return []
    if gazetteer is None:
        try:
            gazetteer = open_gazetteer()
        except GazetteerError:
            gazetteer = None  # regions then come from the mentions alone
    if doc is not None and doc.text != article.text:
        raise ValueError(f"extract_claims: the Doc given is not of article {article.id!r}'s text")
    cleaned = clean_text(article.text)
    if not cleaned.text.strip():
        return []
    read = article
    if cleaned.noise:
        # Markup, code or addresses in the text: the claims are read from the text as it
        # reads without them (geoparsed again, as its offsets differ) and quote the original.
        read = _without_markup(article, cleaned)
        mentions, doc = _mentions_of(read, gazetteer), None
    if doc is None:
        doc = doc_for(read.text)  # the geoparser's Doc of this text, if it just made one
    is_place = _place_test(gazetteer)
    forget_parses()  # sentences parsed again with a stand-in word: kept for this article only
    # Most articles claim nothing: their claim sentences alone are parsed first, and the
    # sentences that name claimants (half of all parsed in local news) only when one of
    # them holds a claim (an article with a claim pays for a second ClaimBuilder: a fifth
    # more claim time on conflict news, a third less on other news; benchmarks/ACCURACY.md).
    first = parsed_doc(doc, is_place, claims_only=True)
    if not ClaimBuilder(read, first, Places(mentions, gazetteer, first)).any_draft():
        return []
    doc = parsed_doc(doc, is_place)
    units = {m.place.admin1 for m in mentions if m.place is not None and m.role == "literal"
             and m.place.feature == "admin1"}
    built = ClaimBuilder(read, doc, Places(mentions, gazetteer, doc)).build()
    claims = [outside_the_war(across_the_front(c, gazetteer, units), gazetteer, mentions)
              for c in built]
    if gazetteer is not None and any(c.lat is None and c.region_name and not c.region
                                     for c in claims):
        around = Around([m for m in mentions if m.field == "text"], gazetteer)
        claims = [village_in_the_war(c, gazetteer, around) for c in claims]
    if cleaned.noise:
        claims = [_in_original(c, article, cleaned) for c in claims]
    return [c for c in map(without_noise, claims) if c is not None]


def _without_markup(article: Article, cleaned: Cleaned) -> Article:
    title = clean_text(article.title).text if article.title else article.title
    return replace(article, text=cleaned.text, title=title)


def _mentions_of(article: Article, gazetteer: Gazetteer | None) -> list[Mention]:
    """The geoparser's mentions of the text without markup (those of the original would not
    line up with it, and markup hides names: "<b>Kursk region</b>"); none without a
    gazetteer, which the geoparser needs."""
    if gazetteer is None:
        return []
    from geo.geoparse.parse import parse_article  # the geoparser imports nothing of the claims

    return parse_article(article, gazetteer=gazetteer)


def _in_original(claim: Claim, original: Article, cleaned: Cleaned) -> Claim:
    """A claim read from the text without markup, quoting the original (markup included)."""
    start, end = cleaned.original_span(claim.start, claim.end)
    return replace(claim, article_id=original.id, quote=original.text[start:end], start=start,
                   end=end)


def _place_test(gazetteer: Gazetteer | None):
    """Whether a word names a town of some size or a region the gazetteer knows by that name
    (not "Since", a small town's other name), for `geo.claims.name_repair`; None without one."""
    if gazetteer is None:
        return None

    def is_place(word: str) -> bool:
        try:
            found = gazetteer.candidates(word)
        except GazetteerError:
            return False
        return any(c.kind in ("name", "alt") and (c.place.feature in ("admin1", "admin2") or (
            c.place.feature == "city" and c.place.population >= 10_000)) for c in found)

    return is_place
