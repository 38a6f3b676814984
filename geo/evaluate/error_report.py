"""Rows for error analysis: false positives, missed toponyms (and why), wrong resolutions.

Each row names one error with the gold and predicted sides, the distance, a short context and a
`why`: for a missed toponym, whether the gazetteer lacks the name, the parser saw a span but its
acceptance step rejected it (with the score and reason), or no span was proposed at all; for a
wrong resolution, whether the right entry was among the candidates (a ranking error) or not (a
gazetteer gap).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from geo.evaluate.geoparse import CorpusResult
from geo.evaluate.metrics import HIT_KM, Prediction, km, match
from geo.gazetteer.index import Gazetteer, open_gazetteer

__all__ = ["ERROR_COLUMNS", "error_rows"]

ERROR_COLUMNS = ("corpus", "id", "error", "surface", "start", "end", "gold_type", "gold_lat",
                 "gold_lon", "gold_geonameid", "pred_surface", "pred_name", "pred_feature",
                 "pred_country", "pred_lat", "pred_lon", "pred_geonameid", "pred_role",
                 "pred_reason", "km", "why", "context")
CONTEXT_CHARS = 50


def error_rows(result: CorpusResult, *, system: str = "conflict-map",
               gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """Every error of one corpus run, in article and text order (see `ERROR_COLUMNS`).

    `error` is "missed" (gold toponym not found), "wrong" (found, not a hit at 161 km; `km` is
    the error, 20039 when nothing was placed) or "false_positive" (no gold toponym there).
    Diagnosing misses re-runs the parser's span and acceptance steps on the articles concerned.
    """
    gaz = gazetteer or open_gazetteer()
    rows = []
    for rec, preds in zip(result.records, result.predictions, strict=True):
        gold = rec["toponyms"]
        pairs = match(gold, preds)
        found = {p.gold for p in pairs}
        taken = {p.pred for p in pairs}
        missed = [j for j in range(len(gold)) if j not in found]
        whys = _why_missed(rec, preds, missed, system, gaz) if missed else {}
        errors = []
        for pair in pairs:
            if pair.hit is False:
                g, p = gold[pair.gold], preds[pair.pred]
                errors.append((g["start"], _row(result.corpus, rec, "wrong", g, p, pair.km,
                                                _why_wrong(g, p, gaz))))
        for i, p in enumerate(preds):
            if i not in taken:
                errors.append((p.start, _row(result.corpus, rec, "false_positive", None, p, None,
                                             p.reason)))
        for j in missed:
            g = gold[j]
            errors.append((g["start"], _row(result.corpus, rec, "missed", g, None, None,
                                            whys.get(j, ""))))
        rows.extend(row for _, row in sorted(errors, key=lambda e: e[0]))
    return rows


def _row(corpus: str, rec: Mapping[str, Any], error: str, g: Mapping[str, Any] | None,
         p: Prediction | None, error_km: float | None, why: str) -> dict[str, Any]:
    text = rec["text"]
    start, end = (g["start"], g["end"]) if g is not None else (p.start, p.end)  # type: ignore[union-attr]
    context = text[max(0, start - CONTEXT_CHARS):end + CONTEXT_CHARS]
    return {
        "corpus": corpus, "id": rec.get("id"), "error": error, "surface": text[start:end],
        "start": start, "end": end,
        "gold_type": g.get("type") if g else None, "gold_lat": g.get("lat") if g else None,
        "gold_lon": g.get("lon") if g else None,
        "gold_geonameid": g.get("geonameid") if g else None,
        "pred_surface": p.surface if p else None, "pred_name": p.name if p else None,
        "pred_feature": p.feature if p else None, "pred_country": p.country if p else None,
        "pred_lat": p.lat if p else None, "pred_lon": p.lon if p else None,
        "pred_geonameid": p.geonameid if p else None, "pred_role": p.role if p else None,
        "pred_reason": p.reason if p else None,
        "km": round(error_km, 1) if error_km is not None else None,
        "why": why, "context": " ".join(context.split()),
    }


def _why_wrong(g: Mapping[str, Any], p: Prediction, gaz: Gazetteer) -> str:
    """Ranking error (a right entry was a candidate) or gazetteer gap (none was)."""
    surface = p.surface or ""
    right = [c.place for c in gaz.candidates(surface)
             if (g.get("geonameid") is not None and c.place.geonameid == g["geonameid"])
             or (c.place.lat is not None and c.place.lon is not None
                 and km(g["lat"], g["lon"], c.place.lat, c.place.lon) <= HIT_KM)]
    placed = "no point" if p.lat is None else f"{p.name} ({p.feature}, {p.country})"
    if right:
        r = right[0]
        return f"ranking: chose {placed}; a right entry was {r.name} ({r.feature}, {r.country})"
    return f"gazetteer: chose {placed}; no candidate of '{surface}' within {HIT_KM:.0f} km"


def _why_missed(rec: Mapping[str, Any], preds: Sequence[Prediction], missed: list[int],
                system: str, gaz: Gazetteer) -> dict[int, str]:
    from geo.geoparse.dateline import find_dateline
    from geo.geoparse.nlp import load_nlp
    from geo.geoparse.parse import ACCEPT_THRESHOLD, proposed_spans
    from geo.geoparse.ranker import load_model
    from geo.geoparse.resolve import accept, usable

    text, gold = rec["text"], rec["toponyms"]
    doc = load_nlp()(text)
    if system == "population-baseline":
        return {j: _why_missed_baseline(doc, gold[j], gaz) for j in missed}
    spans = proposed_spans(doc, gaz, find_dateline(text), lower_case=load_model() is not None)
    whys = {}
    for j in missed:
        g = gold[j]
        ner = sorted({e.label_ for e in doc.ents if e.start_char < g["end"]
                      and g["start"] < e.end_char})
        ner_note = f"NER {'/'.join(ner)}" if ner else "no NER entity"
        neighbour = next((p for p in preds if p.start < g["end"] and g["start"] < p.end), None)
        over = [s for s in spans if s.start < g["end"] and g["start"] < s.end]
        if neighbour is not None:
            whys[j] = f"span boundary: '{neighbour.surface}' was matched to another gold toponym"
        elif over:
            s = over[0]
            plaus, reason = accept(doc, s, usable(s))
            if plaus < ACCEPT_THRESHOLD:
                whys[j] = (f"rejected by acceptance ({plaus:.2f} < {ACCEPT_THRESHOLD}): "
                           f"{ner_note}; last rule '{reason or '-'}'; span '{s.surface}'")
            else:
                whys[j] = f"accepted span '{s.surface}' but not output"
        elif not gaz.candidates(text[g["start"]:g["end"]]):
            whys[j] = f"not in gazetteer; {ner_note}"
        else:
            surface = text[g["start"]:g["end"]]
            case = "lower case" if not surface[:1].isupper() else "capitalised"
            whys[j] = f"in gazetteer but no span proposed ({case}; {ner_note})"
    return whys


def _why_missed_baseline(doc, g: Mapping[str, Any], gaz: Gazetteer) -> str:
    from geo.evaluate.baseline import BASELINE_LABELS, most_populous

    text = doc.text
    labels = sorted({e.label_ for e in doc.ents if e.start_char < g["end"]
                     and g["start"] < e.end_char} - BASELINE_LABELS)
    known = most_populous(gaz, text[g["start"]:g["end"]]) is not None
    ner = f"NER {'/'.join(labels)}" if labels else "no NER entity"
    return f"not tagged a place ({ner}); {'in' if known else 'not in'} the gazetteer"
