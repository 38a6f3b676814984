"""Feature vectors for the learned toponym classifier and candidate ranker (`geo.geoparse.ranker`).

The rule pipeline (`geo.geoparse.resolve`) stays the source of evidence: its acceptance score, its
candidate scores and its article context are features here, beside the raw signals (NER label,
part of speech, capitalisation, trigger words, population, feature class, co-mention distance,
string similarity). A `SpanItem` holds everything needed to decide one span without spaCy, so
evaluation can cache items and cross-validate models cheaply.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from geo.gazetteer.index import Candidate
from geo.gazetteer.names import fold
from geo.geoparse.resolve import PLACE_CUES, SAME_NAME_KINDS, SETTLEMENT_WORDS, Context, contains
from geo.geoparse.spans import SpanCandidate
from geo.models import Place

FEATURE_VERSION = 8
NER_LABELS = ("GPE", "LOC", "FAC", "PERSON", "ORG", "NORP")
POS_TAGS = ("PROPN", "ADJ", "NOUN")
FEATURES = ("country", "admin1", "admin2", "city", "region", "water", "landmark")
KINDS = ("name", "alias", "alt", "stripped", "demonym", "spelling")
MAX_CANDIDATES = 12  # the ranker re-orders the rules' top candidates

SPAN_FEATURES = (
    "rule_plausibility", "rule_accepted", "supported", *(f"ner_{x}" for x in NER_LABELS),
    "ner_other", "ner_none", "ner_longer", *(f"pos_{x}" for x in POS_TAGS), "ner_only",
    "dateline", "all_caps", "lower_case", "the_before", "admin_qualifier", "populated_qualifier",
    "trigger_before", "sentence_start", "n_tokens", "has_candidates", "log_candidates",
    "demonym", "any_country", "any_admin1", "any_city", "any_region", "any_capital", "any_seat",
    "best_log_population", "exact_primary_name", "focus_best", "log_repeats", "title",
    "n_chars", "rule_confidence", "name_ok_elsewhere", "name_plaus_elsewhere",
    "coordinated_with_place", "apposition_place_noun", "name_pair", "settlement_of",
)
CAND_FEATURES = (
    "rule_score", "rule_best", "gap_to_best", *(f"feature_{x}" for x in FEATURES),
    *(f"kind_{x}" for x in KINDS), "log_population", "pop_gap", "most_populous", "capital",
    "seat", "country_focus", "dateline_country", "has_anchor", "log_anchor_km", "anchor_60",
    "anchor_200", "same_admin1", "container", "name_equal", "name_similarity", "no_point",
    "same_sense", "log_candidates", "city_share_if_city", "city_share_if_unit",
)


@dataclass(slots=True)
class CandItem:
    """One gazetteer entry a span may mean, with its rule score, role and features."""

    place: Place
    rule: float
    role: str
    x: list[float]
    source: Candidate | None = None  # kept while `role` waits for a parse (`UNPARSED`)


@dataclass(slots=True)
class SpanItem:
    """One span the parser proposed, with what the rules decided and the features."""

    start: int
    end: int
    tok_start: int
    surface: str
    plaus: float
    reason: str
    rule_ok: bool
    rule_conf: float
    rule_reason: str
    x: list[float]
    cands: list[CandItem] = field(default_factory=list)


def span_vector(doc, span: SpanCandidate, cands: tuple[Candidate, ...], plaus: float, *,
                rule_ok: bool, supported: bool, ctx: Context, repeats: int, title: bool,
                rule_conf: float, elsewhere: tuple[float, ...] = (0.0,) * 4) -> list[float]:
    """Features of one span for the toponym classifier (order: `SPAN_FEATURES`).

    `elsewhere` is what the rules made of the other mentions of the same name (one sense per
    discourse): accepted at least once (0/1), and their highest plausibility (0–1); then the
    local-syntax cues of `geoparse._local_syntax` (coordination with an accepted place,
    apposition with a place noun), 0/1 each.
    """
    prev = doc[span.tok_start - 1].lower_ if span.tok_start > 0 else ""
    first = doc[span.tok_start]
    best = max(cands, key=lambda c: (c.place.population, c.place.key), default=None)
    feats = {c.place.feature for c in cands}
    name = fold(span.surface)
    ner = span.ner or ""
    x = [plaus, float(rule_ok), float(supported), *(float(ner == n) for n in NER_LABELS),
         float(bool(ner) and ner not in NER_LABELS), float(not ner), float(span.ner_is_longer),
         *(float(span.pos == p) for p in POS_TAGS), float(span.from_ner_only),
         float(span.dateline), float(span.all_caps), float(span.surface[:1].islower()),
         float(span.the_before), float(span.qualifier == "admin"),
         float(span.qualifier == "populated"), float(prev in PLACE_CUES),
         float(bool(first.is_sent_start)), float(min(span.tok_end - span.tok_start, 6)),
         float(bool(cands)), math.log1p(len(cands)),
         float(any(c.kind == "demonym" for c in cands)), float("country" in feats),
         float("admin1" in feats), float("city" in feats),
         float(bool(feats & {"region", "water", "landmark"})),
         float(any(c.capital >= 2 for c in cands)), float(any(c.seat_of for c in cands)),
         math.log10(best.place.population + 1) / 7 if best else 0.0,
         float(any(c.kind in ("name", "alias") and fold(c.place.name) == name for c in cands)),
         ctx.focus(best.place.country, exclude=name) if best else 0.0,
         math.log1p(repeats), float(title), min(len(span.surface), 30) / 10, rule_conf,
         *elsewhere, float(span.name_pair), float(settlement_of(doc, span, cands))]
    return x


def settlement_of(doc, span: SpanCandidate, cands: tuple[Candidate, ...]) -> bool:
    """Whether the text says the name is a town: "the town of X", "the village of X", with a
    populated place among the candidates."""
    return (span.tok_start > 0 and doc[span.tok_start - 1].lower_ == "of"
            and span.qualifier_word in SETTLEMENT_WORDS
            and any(c.place.feature == "city" for c in cands))


def cand_vectors(span: SpanCandidate, scored: list[tuple[float, Candidate]], ctx: Context,
                 ) -> list[list[float]]:
    """Features of each (rule-scored, best first) candidate of a span (`CAND_FEATURES`)."""
    if not scored:
        return []
    best_s = scored[0][0]
    max_pop = max(math.log10(c.place.population + 1) for _, c in scored)
    name = fold(span.surface)
    dl = ctx.dateline
    out = []
    for i, (s, c) in enumerate(scored):
        share = _city_share(c, scored)
        p = c.place
        pop = math.log10(p.population + 1)
        near = ctx.nearest_other_km(c, name)
        pname = fold(p.name)
        out.append([
            s / 10, float(i == 0), min(best_s - s, 10.0) / 5,
            *(float(p.feature == f) for f in FEATURES), *(float(c.kind == k) for k in KINDS),
            pop / 7, (pop - max_pop) / 7, float(pop == max_pop), float(c.capital >= 2),
            float(bool(c.seat_of)), ctx.focus(p.country, exclude=name, places_only=True),
            float(dl is not None and dl.place.key != p.key and dl.place.country == p.country),
            float(near is not None), math.log1p(near) / 10 if near is not None else 1.0,
            float(near is not None and near < 60), float(near is not None and near < 200),
            float(ctx.other_in_admin1(p, name)),
            float(any(contains(o.place, p) for o in span.container)),
            float(pname == name), _similarity(pname, name),
            float(p.lat is None), float(ctx.sense.get(name) == p.key),
            math.log1p(len(scored)), share if p.feature == "city" else 0.0,
            share if p.feature in ("admin1", "admin2") else 0.0,
        ])
    return out


def _city_share(c: Candidate, scored: list[tuple[float, Candidate]]) -> float:
    """Population of the namesake city over that of the namesake admin unit, same country.

    A bare "Kharkiv" (city 1.4 M of an oblast of 2.6 M) is the city; a bare "Indiana" (a town
    of 13 k in a state of 6 M) is the state. 0 when the name is not both.
    """
    same = [o.place for _, o in scored if o.place.country == c.place.country
            and (o.place.feature != "city" or o.kind in SAME_NAME_KINDS)]
    city = max((p.population for p in same if p.feature == "city"), default=0)
    unit = max((p.population for p in same if p.feature in ("admin1", "admin2")), default=0)
    return min(city / unit, 1.0) if city and unit else 0.0


@lru_cache(maxsize=1 << 14)
def _similarity(a: str, b: str) -> float:
    """difflib's ratio of two folded names; cached, as the same pairs recur across spans."""
    return SequenceMatcher(None, a, b).ratio()
