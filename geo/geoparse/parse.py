"""Geoparse text: find every place mention, resolve it in the gazetteer, and give it a role.

The pipeline is `spans` (what may be a place) → `resolve.accept` (is it one?) → `resolve.rank`
in two passes (first the unambiguous anchors, then everything with their context) →
`roles.role_of` (literal, metonym or adjectival). Each span becomes a `features.SpanItem`
holding that evidence; `ranker.decide` then takes the final choice: the learned classifier and
ranker of assets/ranker.json when shipped (trained on the evaluation corpora, see
`geo.evaluate.train_ranker`), else the rules' own decisions.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from geo.gazetteer.index import Candidate, Gazetteer, open_gazetteer
from geo.gazetteer.names import fold, strip_qualifier
from geo.gazetteer.spelling import respell
from geo.geoparse import spans as span_rules
from geo.geoparse.actors import names_actor
from geo.geoparse.dateline import dateline_span
from geo.geoparse.features import MAX_CANDIDATES, CandItem, SpanItem, cand_vectors, span_vector
from geo.geoparse.generic_units import with_supported_units
from geo.geoparse.headline import as_written, sentence_case
from geo.geoparse.nlp import doc_for, prefetch_sentences, text_of
from geo.geoparse.ranker import Decision, decide, load_model
from geo.geoparse.resolve import AMBIGUITY_LIMIT, Context, accept, rank, rank_all, supported, usable
from geo.geoparse.roles import UNPARSED, needs_parse, role_of
from geo.geoparse.spans import SpanCandidate, find_spans
from geo.geoparse.villages import with_villages
from geo.models import Article, Field, Mention

ACCEPT_THRESHOLD = 0.5
BORDERLINE = 0.35
STRONG = 0.75  # plausibility of a mention that vouches for the name's other mentions
TITLE_FEATURES = frozenset({"country", "admin1", "region", "water", "landmark"})
LOWER_CASE_FEATURES = frozenset({"country", "admin1", "region"})
LOWER_CASE_KINDS = ("name", "alias", "demonym")
LOWER_CASE_POPULATION = 100_000
LOWER_CASE = "lower-case proposal"
_PLACE_NOUNS = (r"(?:village|town|city|settlement|hamlet|suburb|capital|port|region|province|"
                r"district|county|state|country|area|neighbou?rhood|municipality|island|"
                r"stronghold|hub)")
COORDINATION = re.compile(r"\s*(?:,|,?\s+(?:and|or)|/)\s*")
APPOSITION_AFTER = re.compile(r"\s*,\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?" + _PLACE_NOUNS
                              + r"\b", re.IGNORECASE)
APPOSITION_BEFORE = re.compile(r"\b" + _PLACE_NOUNS + r"\s*,\s*$", re.IGNORECASE)


def parse(text: str, *, dateline: str | None = None, published: str | None = None,
          field: Field = "text", gazetteer: Gazetteer | None = None,
          context: Context | None = None) -> list[Mention]:
    """Every place mention in `text`, in text order.

    Parameters
    ----------
    text : the field's text as stored; offsets in the result index into it.
    dateline : the article's dateline ("KYIV, Ukraine") if a reader found one; otherwise the
        start of `text` is searched for one.
    published : ISO date of the article (kept for later temporal rules; unused so far).
    field : "text" or "title", copied into each mention.
    context : context from another field (the title is resolved with the body's context).
    """
    gaz = gazetteer or open_gazetteer()
    doc = doc_for(text)  # shared with geo.claims.extract (same article body, one spaCy pass)
    dl_span = dateline_span(text, dateline)
    model = load_model()
    spans = proposed_spans(doc, gaz, dl_span, lower_case=model is not None)
    # Roles of countries and capitals need their sentence parsed: parse those in one batch.
    prefetch_sentences(doc, [s.tok_start for s in spans if not s.dateline
                             and any(needs_parse(c, False) for c in s.candidates)])
    items = span_items(doc, spans, field=field, context=context, every=model is not None,
                       lazy_roles=True)
    by_offsets = {(s.start, s.end): s for s in spans}
    mentions = [_mention(doc, _with_role(doc, d, by_offsets), field) for d in decide(items, model)]
    mentions = with_villages(doc, mentions, gaz, field) if field == "text" else mentions
    # "the Centre" as a unit needs its country here or in the field giving the context.
    votes = context.country_votes if context is not None else {}
    return with_supported_units(mentions, also={country for _name, country in votes})


def _with_role(doc, decision: Decision,
               spans: dict[tuple[int, int], SpanCandidate]) -> Decision:
    """Fill in the role of the chosen candidate when `item_for` left it to be parsed later."""
    item, cand, score, reason = decision
    if cand is None or cand.role != UNPARSED:
        return decision
    span = spans[(item.start, item.end)]
    role = role_of(doc, span.tok_start, span.tok_end, cand.source, dateline=span.dateline)
    return item, replace(cand, role=role), score, reason


def proposed_spans(doc, gaz: Gazetteer, dl_span: tuple[int, int] | None, *,
                   lower_case: bool) -> list[SpanCandidate]:
    """Every span the parser weighs: gazetteer phrases and NER place names (those the
    gazetteer lacks looked up under other spellings), plus, when a learned model decides,
    lower-case names. Training and error reports use the same proposal."""
    spans = find_spans(doc, gaz, dateline_span=dl_span)
    respell(spans, gaz)
    return lower_case_spans(doc, gaz, spans, dl_span) if lower_case else spans


@lru_cache(maxsize=4)
def _lower_case_names(gaz: Gazetteer) -> frozenset[str]:
    """The folded names `lower_case_spans` can use, read once per gazetteer (a set test per
    word instead of a lookup)."""
    return gaz.names_of(LOWER_CASE_KINDS, tuple(LOWER_CASE_FEATURES), LOWER_CASE_POPULATION)


def lower_case_spans(doc, gaz: Gazetteer, spans: list[SpanCandidate],
                     dl_span: tuple[int, int] | None) -> list[SpanCandidate]:
    """`spans` plus lower-case single words naming a country, admin-1 unit or large city.

    Tweets write "#ferguson", "japan", "africa"; only the learned classifier may accept these
    (the rules never do), so they are proposed only when a model decides.
    """
    covered = {k for s in spans if s.candidates for k in range(s.tok_start, s.tok_end)}
    names = _lower_case_names(gaz)
    ents: dict | None = None
    extra = []
    for tok in doc:
        t = tok.text
        if (tok.i in covered or len(t) < 4 or not (t.isalpha() and t.islower())
                or fold(t) not in names or tok.is_stop):
            continue
        cands = tuple(c for c in gaz.candidates(t) if c.kind in LOWER_CASE_KINDS
                      and (c.place.feature in LOWER_CASE_FEATURES
                           or c.place.population >= LOWER_CASE_POPULATION))
        if cands:
            if ents is None:
                ents = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
            span = span_rules.make_span(doc, tok.i, tok.i + 1, cands, ents, dl_span)
            span.notes.append(LOWER_CASE)
            extra.append(span)
    if not extra:
        return spans
    # A lower-case name spaCy tagged alone ("japan" as GPE) keeps its gazetteer reading.
    taken = {s.tok_start for s in extra}
    kept = [s for s in spans if s.candidates or taken.isdisjoint(range(s.tok_start, s.tok_end))]
    return sorted([*kept, *extra], key=lambda s: s.start)


def span_items(doc, spans: Sequence[SpanCandidate], *, field: Field = "text",
               context: Context | None = None, every: bool = False,
               lazy_roles: bool = False) -> list[SpanItem]:
    """The evidence on each span: the rule decision, features and scored candidates.

    The rules accept a span at `ACCEPT_THRESHOLD`, or a borderline one when co-mentioned places
    support it; with `every` (a learned model decides) the spans they reject are kept too.
    """
    scored, accepted, borderline = [], [], []
    for span in spans:
        cands = usable(span)
        plaus, reason = accept(doc, span, cands)
        scored.append((span, cands, plaus, reason))
        if LOWER_CASE in span.notes:
            continue  # never an anchor of the rules' context
        if plaus >= ACCEPT_THRESHOLD:
            accepted.append((span, cands, plaus, reason))
        elif plaus >= BORDERLINE and cands:
            borderline.append((span, cands, plaus, reason))
    actors = {id(span): names_actor(doc, span, cands) for span, cands, _p, _r in accepted}
    ctx = context or anchor_context([a for a in accepted if actors[id(a[0])] != "demonym"],
                                    actors={k for k, kind in actors.items() if kind == "state"})
    ok = {id(span): (plaus, why) for span, _c, plaus, why in accepted}
    # A doubtful name is kept when a candidate lies among the places the article is about
    # ("fighting in Chasiv Yar", tagged PERSON, beside Donetsk-region towns).
    backed = set()
    for span, cands, _plaus, _reason in borderline:
        if any(supported(c, ctx, fold(span.surface)) for c in cands):
            ok[id(span)] = (ACCEPT_THRESHOLD, "co-mentioned places")
            backed.add(id(span))
    # One sense per discourse: a name the article already uses as a place ("fighting in
    # Bukavu") stays one where the tagger calls it a person ("Bukavu residents"), unless it
    # sits inside a longer name ("the Bukavu Hotel").
    strong = {fold(span.surface) for span, _c, plaus, _r in accepted if plaus >= STRONG}
    for span, cands, _plaus, _reason in scored:
        if (id(span) not in ok and cands and not span.ner_is_longer
                and LOWER_CASE not in span.notes and fold(span.surface) in strong):
            ok[id(span)] = (ACCEPT_THRESHOLD, "same name accepted elsewhere")
    repeats = Counter(fold(s.surface) for s in spans)
    decided = []
    for span, cands, plaus, reason in sorted(scored, key=lambda t: t[0].start):
        rule_ok = (id(span) in ok and LOWER_CASE not in span.notes
                   and (field == "text" or _title_ok(span, cands, ctx)))
        plaus, reason = ok.get(id(span), (plaus, reason))
        decided.append((span, cands, plaus, reason, rule_ok))
    elsewhere = _elsewhere(decided, ctx)
    syntax = _local_syntax(text_of(doc), decided)
    items = []
    for span, cands, plaus, reason, rule_ok in decided:
        if not (rule_ok or (every and (cands or span.from_ner_only))):
            continue
        items.append(item_for(doc, span, cands, plaus, reason, ctx, rule_ok=rule_ok,
                              supported=id(span) in backed, repeats=repeats[fold(span.surface)],
                              title=field == "title", lazy_roles=lazy_roles,
                              elsewhere=(*elsewhere[id(span)], *syntax[id(span)])))
    return items


def _local_syntax(text: str, decided) -> dict[int, tuple[float, float]]:
    """Two cues from the words right around each span (1.0 or 0.0 each).

    - coordinated with a place: the span and a neighbouring span the rules accepted are joined
      by a comma, "and", "or" or a slash ("Jabalia, Beit Hanoun and Beit Lahia");
    - apposition with a place noun: "Krynky, a village", "the state capital, Sittwe".
    """
    ordered = [(span, rule_ok and bool(cands)) for span, cands, _p, _r, rule_ok in decided]
    out = {}
    for i, (span, _ok) in enumerate(ordered):
        coordinated = False
        for j in (i - 1, i + 1):
            if 0 <= j < len(ordered) and ordered[j][1]:
                other = ordered[j][0]
                gap = (text[other.end:span.start] if j < i else text[span.end:other.start])
                coordinated = coordinated or COORDINATION.fullmatch(gap) is not None
        after = text[span.end:span.end + 60]
        before = text[max(0, span.start - 40):span.start]
        apposition = bool(APPOSITION_AFTER.match(after) or APPOSITION_BEFORE.search(before))
        out[id(span)] = (float(coordinated), float(apposition))
    return out


def _elsewhere(decided, ctx: Context) -> dict[int, tuple[float, float]]:
    """For each span, what the rules made of the *other* mentions of its name in the field.

    One sense per discourse: a town written "in Bukavu" once is a place when a later sentence
    opens with "Bukavu residents" and the tagger calls it a person. Returns (1 if another
    mention was accepted or the body resolved the name, highest plausibility of the others).
    Linear: per name, the number of accepted mentions and the two highest plausibilities.
    """
    by_name: dict[str, list[tuple[int, float, bool]]] = {}
    for span, cands, plaus, _reason, rule_ok in decided:
        by_name.setdefault(fold(span.surface), []).append((id(span), plaus if cands else 0.0,
                                                           rule_ok and bool(cands)))
    out = {}
    for name, mentions in by_name.items():
        n_ok = sum(ok for _k, _p, ok in mentions)
        top = heapq.nlargest(2, (p for _k, p, _ok in mentions))
        sense = name in ctx.sense
        for key, p, ok in mentions:
            # The others' best is the best, unless this mention is it (then the second best,
            # which equals it when two mentions share the best).
            high = 0.0 if len(mentions) == 1 else top[1] if p == top[0] else top[0]
            out[key] = (float(n_ok - ok > 0 or sense), high)
    return out


def item_for(doc, span: SpanCandidate, cands: tuple[Candidate, ...], plaus: float, why: str,
             ctx: Context, *, rule_ok: bool, supported: bool = False, repeats: int = 1,
             title: bool = False, lazy_roles: bool = False,
             elsewhere: tuple[float, ...] = (0.0,) * 4) -> SpanItem:
    """One span's item: rule-ranked candidates (top `MAX_CANDIDATES`) with roles and features.

    `elsewhere`: the discourse and local-syntax cues of `features.span_vector`.
    """
    conf, rule_reason, ranked = 0.0, "", []
    if cands:
        ranked, conf, rule_reason = rank_all(span, cands, ctx)
        ranked = ranked[:MAX_CANDIDATES]
    x = span_vector(doc, span, cands, plaus, rule_ok=rule_ok, supported=supported, ctx=ctx,
                    repeats=repeats - 1, title=title, rule_conf=conf, elsewhere=elsewhere)
    roles: dict[tuple, str] = {}
    items = []
    for k, ((s, c), cx) in enumerate(zip(ranked, cand_vectors(span, ranked, ctx), strict=True)):
        sig = (c.kind == "demonym", bool(c.seat_of), c.place.feature == "country", c.capital >= 2)
        if sig not in roles:
            # Parsing a sentence is the costly part: with `lazy_roles` only the rules' own
            # choice of an accepted span is parsed now; `_with_role` parses a later choice.
            later = lazy_roles and not (rule_ok and k == 0) and needs_parse(c, span.dateline)
            roles[sig] = UNPARSED if later else role_of(doc, span.tok_start, span.tok_end, c,
                                                        dateline=span.dateline)
        items.append(CandItem(place=c.place, rule=s, role=roles[sig], x=cx, source=c))
    return SpanItem(start=span.start, end=span.end, tok_start=span.tok_start,
                    surface=span.surface, plaus=plaus, reason=why, rule_ok=rule_ok,
                    rule_conf=conf, rule_reason=rule_reason, x=x, cands=items)


def parse_article(article: Article, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Mentions in the body, then in the title resolved with the body's context."""
    gaz = gazetteer or open_gazetteer()
    body = parse(article.text, dateline=article.dateline, published=article.published,
                 gazetteer=gaz)
    if not article.title:
        return body
    ctx = context_from(body)
    read = sentence_case(article.title, article.text)  # the same offsets as written
    title = parse(read, field="title", gazetteer=gaz, context=ctx)
    return [as_written(m, article.title) for m in title] + body


def context_from(mentions: Sequence[Mention]) -> Context:
    """The context a set of resolved mentions gives to another field of the same article."""
    votes: Counter = Counter()
    anchors = []
    seen_keys = set()
    for m in mentions:
        if m.place is None:
            continue
        cand = Candidate(place=m.place, kind="name")
        if m.place.country:
            votes[(fold(m.surface), m.place.country)] += 1
        if m.place.key not in seen_keys:
            anchors.append((fold(m.surface), cand))
            seen_keys.add(m.place.key)
    senses = Counter((fold(m.surface), m.place.key) for m in mentions if m.place is not None)
    ctx = Context(country_votes=votes, anchors=anchors)
    ctx.sense = {name: key for (name, key), _n in senses.most_common()[::-1]}
    return ctx



def anchor_context(accepted, actors: frozenset[int] | set[int] = frozenset()) -> Context:
    """First pass: places that need no context (dateline, countries, single candidates).

    `actors`: the ids of the spans that name a state that acts (`geoparse.actors`); their
    votes are also kept apart, so that choosing among namesakes can leave them out."""
    votes: Counter = Counter()
    actor_votes: Counter = Counter()
    anchors: list[Candidate] = []
    dateline = None
    qualified: dict[str, Candidate] = {}
    empty = Context(country_votes=Counter(), anchors=[])
    for span, cands, _plaus, _why in accepted:
        if not cands:
            continue
        best, conf, _ = rank(span, cands, empty)
        name = fold(span.surface)
        if span.dateline and best.place.feature == "city" and dateline is None:
            dateline = best
            votes[(name, best.place.country)] += 2
        if best.place.country:
            votes[(name, best.place.country)] += conf
            if id(span) in actors:
                actor_votes[(name, best.place.country)] += conf
        if len(cands) == 1 or span.qualifier or span.dateline or conf > 0.9:
            anchors.append((fold(span.surface), best))
        if span.qualifier == "admin" and best.place.feature in ("admin1", "admin2"):
            qualified.setdefault(strip_qualifier(fold(span.surface)), best)
    ctx = Context(country_votes=votes, anchors=anchors, dateline=dateline,
                  qualified_admin=qualified, admin_names=_admin_names(accepted),
                  actor_votes=actor_votes)
    # Second look at the anchors with the first context, so they agree with each other.
    return ctx


def _admin_names(accepted) -> dict[str, set[str]]:
    """admin-1 code → the names (folded) with a populated-place or admin-2 candidate there."""
    out: dict[str, set[str]] = {}
    for span, cands, _plaus, _why in accepted:
        if not cands or len(cands) > AMBIGUITY_LIMIT:
            continue
        name = fold(span.surface)
        for c in cands:
            if c.place.admin1 and c.place.feature in ("city", "admin2"):
                out.setdefault(c.place.admin1, set()).add(name)
    return out


def _title_ok(span: SpanCandidate, cands, ctx: Context) -> bool:
    """Headlines capitalise every word: keep a title phrase only if the body backs it."""
    if fold(span.surface) in ctx.sense:
        return True
    return any(c.kind == "demonym" or c.place.feature in TITLE_FEATURES or c.capital for c in cands)


def _mention(doc, decision: Decision, field: Field) -> Mention:
    item, cand, score, reason = decision
    sent_start, sentence = _sentence(doc, item)
    return Mention(field=field, surface=item.surface, start=item.start, end=item.end,
                   sentence=sentence, sentence_start=sent_start,
                   role=cand.role if cand else "literal", place=cand.place if cand else None,
                   score=score, reason=reason)


def _sentence(doc, span: SpanCandidate) -> tuple[int, str]:
    """The sentence around the span (`senter`'s, cut at line breaks), as a verbatim substring.

    Sliced from `text_of(doc)`: spaCy rebuilds `doc.text` and a span's text from its tokens.
    """
    sent = doc[span.tok_start].sent
    last = sent.end
    while last < len(doc) and doc[last].idx < span.end:  # a name running past the sentence
        last += 1
    end_tok = doc[last - 1]
    base = sent.start_char
    text = text_of(doc)[base:end_tok.idx + len(end_tok)]
    first, stop = span.start - base, span.end - base
    start = text.rfind("\n", 0, first) + 1
    end = text.find("\n", stop)
    end = max(len(text) if end == -1 else end, stop)
    while start < first and text[start].isspace():
        start += 1
    while end > stop and text[end - 1].isspace():
        end -= 1
    return base + start, text[start:end]
