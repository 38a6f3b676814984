"""Geoparse text: find every place mention, resolve it in the gazetteer, and give it a role.

The pipeline is `spans` (what may be a place) → `resolve.accept` (is it one?) → `resolve.rank`
in two passes (first the unambiguous anchors, then everything with their context) →
`roles.role_of` (literal, metonym or adjectival).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from geo.gazetteer import Candidate, Gazetteer, open_gazetteer
from geo.models import Article, Field, Mention
from geo.names import fold, strip_qualifier
from geo.nlp import load_nlp
from geo.resolve import Context, accept, rank, supported, usable
from geo.roles import role_of
from geo.spans import SpanCandidate, find_dateline, find_spans

ACCEPT_THRESHOLD = 0.5
BORDERLINE = 0.35
TITLE_FEATURES = frozenset({"country", "admin1", "region", "water", "landmark"})


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
    doc = load_nlp()(text)
    dl_span = find_dateline(text)
    if dl_span is None and dateline:
        idx = text.find(dateline)
        dl_span = (idx, idx + len(dateline)) if 0 <= idx < 5 else None
    spans = find_spans(doc, gaz, dateline_span=dl_span)
    accepted, borderline = [], []
    for span in spans:
        cands = usable(span)
        plaus, reason = accept(doc, span, cands)
        if plaus >= ACCEPT_THRESHOLD:
            accepted.append((span, cands, plaus, reason))
        elif plaus >= BORDERLINE and cands:
            borderline.append((span, cands, plaus, reason))
    ctx = context or _anchor_context(accepted)
    # A doubtful name is kept when a candidate lies among the places the article is about
    # ("fighting in Chasiv Yar", tagged PERSON, beside Donetsk-region towns).
    for span, cands, _plaus, _reason in borderline:
        if any(supported(c, ctx, fold(span.surface)) for c in cands):
            accepted.append((span, cands, ACCEPT_THRESHOLD, "co-mentioned places"))
    accepted.sort(key=lambda t: t[0].start)
    return [_mention(doc, span, cands, plaus, why, ctx, field) for span, cands, plaus, why
            in accepted if field == "text" or _title_ok(span, cands, ctx)]


def parse_article(article: Article, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Mentions in the body, then in the title resolved with the body's context."""
    gaz = gazetteer or open_gazetteer()
    body = parse(article.text, dateline=article.dateline, published=article.published,
                 gazetteer=gaz)
    if not article.title:
        return body
    ctx = context_from(body)
    title = parse(article.title, field="title", gazetteer=gaz, context=ctx)
    return title + body


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


def _anchor_context(accepted) -> Context:
    """First pass: places that need no context (dateline, countries, single candidates)."""
    votes: Counter = Counter()
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
        if len(cands) == 1 or span.qualifier or span.dateline or conf > 0.9:
            anchors.append((fold(span.surface), best))
        if span.qualifier == "admin" and best.place.feature in ("admin1", "admin2"):
            qualified.setdefault(strip_qualifier(fold(span.surface)), best)
    ctx = Context(country_votes=votes, anchors=anchors, dateline=dateline,
                  qualified_admin=qualified)
    # Second look at the anchors with the first context, so they agree with each other.
    return ctx


def _title_ok(span: SpanCandidate, cands, ctx: Context) -> bool:
    """Headlines capitalise every word: keep a title phrase only if the body backs it."""
    if fold(span.surface) in ctx.sense:
        return True
    return any(c.kind == "demonym" or c.place.feature in TITLE_FEATURES or c.capital for c in cands)


def _mention(doc, span: SpanCandidate, cands, plaus: float, why: str, ctx: Context,
             field: Field) -> Mention:
    sent_start, sentence = _sentence(doc, span)
    if not cands:
        return Mention(field=field, surface=span.surface, start=span.start, end=span.end,
                       sentence=sentence, sentence_start=sent_start, role="literal", place=None,
                       score=round(plaus * 0.5, 3), reason=why)
    best, conf, reason = rank(span, cands, ctx)
    role = role_of(doc, span.tok_start, span.tok_end, best, dateline=span.dateline)
    return Mention(field=field, surface=span.surface, start=span.start, end=span.end,
                   sentence=sentence, sentence_start=sent_start, role=role, place=best.place,
                   score=round(min(plaus, 1.0) * conf, 3),
                   reason=why if why in ("dateline", "demonym") else reason)


def _sentence(doc, span: SpanCandidate) -> tuple[int, str]:
    """The spaCy sentence around the span, cut at line breaks, as a verbatim substring."""
    text = doc.text
    sent = doc[span.tok_start].sent
    start, end = sent.start_char, sent.end_char
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    start = max(start, line_start)
    end = min(end, line_end) if line_end != -1 else end
    end = max(end, span.end)
    while start < span.start and text[start].isspace():
        start += 1
    while end > span.end and text[end - 1].isspace():
        end -= 1
    return start, text[start:end]
