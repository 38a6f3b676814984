"""Evaluate geoparsing on annotated corpora: run a system over the articles, score each corpus.

Corpora are read by `geo.evaluate.corpus`. Scores come from `geo.evaluate.metrics`; nothing here
reads the reference scorer or any file outside the one given.

Systems: "conflict-map" (`geo.geoparse.parse.parse`) and "population-baseline"
(`geo.evaluate.baseline`).
With `gold_spans`, recognition is skipped and each gold span is resolved in context.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from geo.errors import EvaluationError
from geo.evaluate.corpus import from_decision, from_mention
from geo.evaluate.metrics import Prediction, geoparse_scores
from geo.gazetteer.index import Gazetteer, open_gazetteer
from geo.geoparse.ranker import decide, load_model

__all__ = ["SYSTEMS", "CorpusResult", "drop_roles", "evaluate_corpus", "evaluate_cv", "predict",
           "resolve_gold_spans", "warm_up"]

SYSTEMS = ("conflict-map", "population-baseline")
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class CorpusResult:
    """Scores of one system on one corpus, with what produced them (for the error analysis)."""

    corpus: str
    scores: dict[str, int | float]
    articles_per_s: float
    records: tuple[dict[str, Any], ...]
    predictions: tuple[tuple[Prediction, ...], ...]

    def as_dict(self) -> dict[str, Any]:
        """`corpus`, the score keys and `articles_per_s`, in that order."""
        return {"corpus": self.corpus, **self.scores, "articles_per_s": self.articles_per_s}


def predict(records: Sequence[Mapping[str, Any]], *, system: str = "conflict-map",
            gold_spans: bool = False, gazetteer: Gazetteer | None = None,
            progress: Progress | None = None) -> list[list[Prediction]]:
    """Predictions of `system` for each record, in record order."""
    if system not in SYSTEMS:
        raise ValueError(f"unknown system {system!r}; expected one of {SYSTEMS}")
    gaz = gazetteer or open_gazetteer()
    if system == "population-baseline":
        if gold_spans:
            return [_baseline_on_gold(rec, gaz, progress) for rec in records]
        from geo.evaluate.baseline import population_baseline

        return list(population_baseline((r["text"] for r in records), gazetteer=gaz,
                                        progress=progress))
    out = []
    for rec in records:
        if gold_spans:
            spans = [(g["start"], g["end"]) for g in rec["toponyms"]]
            out.append(resolve_gold_spans(rec["text"], spans, gazetteer=gaz))
        else:
            from geo.geoparse.parse import parse

            mentions = parse(rec["text"], published=rec.get("published"), gazetteer=gaz)
            out.append([from_mention(m) for m in mentions])
        if progress is not None:
            progress(1)
    return out


def drop_roles(records: Sequence[dict[str, Any]], predictions: Sequence[Sequence[Prediction]],
               roles: Iterable[str], *, by_gold: bool = False,
               ) -> tuple[list[dict[str, Any]], list[list[Prediction]]]:
    """Records without gold rows whose `type` is in `roles`, predictions without those roles.

    With `by_gold` (gold-span runs, where every prediction sits on a gold span), a prediction is
    dropped with the gold row it was made for, whatever role the parser gave it.
    """
    roles = {r.lower() for r in roles}
    if not roles:
        return list(records), [list(p) for p in predictions]
    kept_records, kept_preds = [], []
    for rec, preds in zip(records, predictions, strict=True):
        gold = rec["toponyms"]
        dropped = {(g["start"], g["end"]) for g in gold if str(g.get("type", "")).lower() in roles}
        kept_records.append({**rec, "toponyms": [g for g in gold
                                                 if (g["start"], g["end"]) not in dropped]})
        if by_gold:
            kept_preds.append([p for p in preds if (p.start, p.end) not in dropped])
        else:
            kept_preds.append([p for p in preds if p.role not in roles])
    return kept_records, kept_preds


def evaluate_corpus(corpus: str, records: Sequence[dict[str, Any]], *,
                    system: str = "conflict-map", gold_spans: bool = False,
                    dropped_roles: Iterable[str] = (), gazetteer: Gazetteer | None = None,
                    progress: Progress | None = None) -> CorpusResult:
    """Predict on every record of one corpus, time it and score it.

    `articles_per_s` is the number of records divided by the wall time of the predictions
    (scoring excluded); call `warm_up` first so that model loading is not counted.
    """
    started = time.perf_counter()
    preds = predict(records, system=system, gold_spans=gold_spans, gazetteer=gazetteer,
                    progress=progress)
    elapsed = time.perf_counter() - started
    kept, preds = drop_roles(records, preds, dropped_roles, by_gold=gold_spans)
    return CorpusResult(corpus=corpus, scores=geoparse_scores(kept, preds),
                        articles_per_s=len(records) / elapsed if elapsed > 0 else 0.0,
                        records=tuple(kept), predictions=tuple(tuple(p) for p in preds))


def evaluate_cv(corpus: str, records: Sequence[dict[str, Any]], k: int, *,
                dropped_roles: Iterable[str] = (), gazetteer: Gazetteer | None = None,
                progress: Progress | None = None) -> CorpusResult:
    """K-fold cross-validated scores of the learned parser on one corpus.

    Folds are grouped by article (`geo.evaluate.cross_validation.fold_of`); each fold is decided by
    a model trained on the other K-1 folds of this corpus. `articles_per_s` is the speed of the span
    extraction (spaCy and the rules) that produced the items, which are cached under build/.
    """
    from geo.evaluate.cross_validation import cross_validate
    from geo.evaluate.items import cached_items

    items, rate = cached_items(records, gazetteer=gazetteer, progress=progress)
    try:
        preds = cross_validate(records, items, k)
    except EvaluationError as err:
        raise EvaluationError(f"{corpus}: {err}") from err
    kept, preds = drop_roles(records, preds, dropped_roles)
    return CorpusResult(corpus=corpus, scores=geoparse_scores(kept, preds), articles_per_s=rate,
                        records=tuple(kept), predictions=tuple(tuple(p) for p in preds))


def warm_up(system: str = "conflict-map", gazetteer: Gazetteer | None = None) -> None:
    """Load the spaCy model and the gazetteer once, outside any timing."""
    predict([{"text": "Officials in Kyiv said so.", "toponyms": []}], system=system,
            gazetteer=gazetteer)


def resolve_gold_spans(text: str, spans: Sequence[tuple[int, int]], *,
                       gazetteer: Gazetteer | None = None) -> list[Prediction]:
    """Resolve given spans (the gold toponyms) with the parser's context-aware ranking.

    Recognition is skipped: every span is taken as a place. The spans go through the
    parser's own steps: `geo.geoparse.spans` describes each (NER label, qualifier, dateline,
    "Paris, Texas" container), `geo.geoparse.parse` builds the two-pass context from all of
    them, and the mention is resolved and given a role exactly as `parse` would. These are
    parser steps (`spans.make_span`, `parse.anchor_context`, `parse.item_for`); a
    rename there breaks this function loudly (tests cover it) rather than falling back
    silently.
    Spans the gazetteer cannot name get no point.
    """
    from geo.geoparse import parse as geoparse
    from geo.geoparse import spans as span_rules
    from geo.geoparse.dateline import find_dateline
    from geo.geoparse.nlp import load_nlp
    from geo.geoparse.resolve import usable

    gaz = gazetteer or open_gazetteer()
    doc = load_nlp()(text)
    ents = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    dateline = find_dateline(text)
    described = []
    for start, end in spans:
        toks = doc.char_span(start, end, alignment_mode="expand")
        surface = text[start:end]
        cands = gaz.candidates(surface)
        span = span_rules.make_span(doc, toks.start, toks.end, cands, ents, dateline)
        # Score at the gold offsets even when the tokens or a "X Oblast" qualifier reach further.
        span.start, span.end, span.surface = start, end, surface
        described.append((span, usable(span) or span.candidates, 1.0, "gold span"))
    for (a, *_), (b, *_) in pairwise(sorted(described, key=lambda d: d[0].start)):
        if text[a.end:b.start] in (", ", ","):
            a.container = tuple(c for c in b.candidates if c.place.feature in ("country", "admin1"))
    ctx = geoparse.anchor_context([d for d in described if d[1]])
    items = [geoparse.item_for(doc, span, cands, plaus, why, ctx, rule_ok=True)
             for span, cands, plaus, why in described]
    return [from_decision(d) for d in decide(items, load_model(), accept_all=True)]


def _baseline_on_gold(rec: Mapping[str, Any], gaz: Gazetteer,
                      progress: Progress | None) -> list[Prediction]:
    """The population baseline's resolution of each gold span (no NER involved)."""
    from geo.evaluate.baseline import most_populous

    out = []
    for g in rec["toponyms"]:
        surface = rec["text"][g["start"]:g["end"]]
        best = most_populous(gaz, surface)
        p = best.place if best else None
        out.append(Prediction(start=g["start"], end=g["end"], lat=p.lat if p else None,
                              lon=p.lon if p else None, geonameid=p.geonameid if p else None,
                              surface=surface, name=p.name if p else None,
                              feature=p.feature if p else None,
                              country=p.country if p else None, reason="population"))
    if progress is not None:
        progress(1)
    return out

