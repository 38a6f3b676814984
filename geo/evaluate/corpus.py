"""Annotated corpora as records, and what a system says about them as scored predictions.

A corpus file is JSON Lines, one article a line: `id`, `corpus`, `text` and `toponyms` (each with
`start`, `end`, `name`, `lat`, `lon`, `geonameid`, optionally `type`), the format of the shared
evaluation corpora.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.errors import CorpusError
from geo.evaluate.metrics import Prediction
from geo.geoparse.ranker import Decision
from geo.models import Mention

__all__ = ["from_decision", "from_mention", "read_corpus", "split_by_corpus"]


def read_corpus(path: str | Path) -> list[dict[str, Any]]:
    """The articles of a corpus JSONL file, checked so that offsets can be trusted.

    Raises `CorpusError` (with the line) for malformed JSON, missing keys or offsets outside
    the text.
    """
    path = Path(path)
    try:
        # Not splitlines(): texts may hold U+2028 or U+0085, which JSON leaves unescaped.
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as err:
        raise CorpusError(str(path), f"cannot read corpus ({err})") from err
    records = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(str(path), f"not JSON ({err.msg})", n) from err
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) \
                or not isinstance(rec.get("toponyms"), list):
            raise CorpusError(str(path), "expected an object with 'text' and 'toponyms'", n)
        for g in rec["toponyms"]:
            if not (isinstance(g, dict) and 0 <= g.get("start", -1) < g.get("end", -1)
                    <= len(rec["text"])):
                raise CorpusError(str(path), f"toponym offsets outside the text: {g!r}", n)
        rec.setdefault("corpus", path.name.split(".")[0])
        records.append(rec)
    if not records:
        raise CorpusError(str(path), "no articles")
    return records


def split_by_corpus(records: Iterable[dict[str, Any]], *, limit: int | None = None,
                    ) -> dict[str, list[dict[str, Any]]]:
    """Records grouped by their `corpus`, in first-seen order; at most `limit` per corpus."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        group = groups.setdefault(str(rec["corpus"]), [])
        if limit is None or len(group) < limit:
            group.append(rec)
    return groups


def from_mention(m: Mention) -> Prediction:
    """A parser mention as a scored prediction."""
    p = m.place
    return Prediction(start=m.start, end=m.end, lat=p.lat if p else None,
                      lon=p.lon if p else None, geonameid=p.geonameid if p else None,
                      surface=m.surface, role=m.role, name=p.name if p else None,
                      feature=p.feature if p else None, country=p.country if p else None,
                      reason=m.reason)


def from_decision(decision: Decision) -> Prediction:
    """A ranker decision on a span item as a scored prediction (no spaCy needed)."""
    item, cand, _score, reason = decision
    p = cand.place if cand else None
    return Prediction(start=item.start, end=item.end, lat=p.lat if p else None,
                      lon=p.lon if p else None, geonameid=p.geonameid if p else None,
                      surface=item.surface, role=cand.role if cand else "literal",
                      name=p.name if p else None, feature=p.feature if p else None,
                      country=p.country if p else None, reason=reason)
