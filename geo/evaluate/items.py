"""The spans the parser proposes in corpus articles, with their features: what the ranker is
trained and cross-validated on.

Span items (spaCy and the rules, the slow part) are cached under build/ranker/cache/ (or
`CONFLICT_MAP_RANKER_CACHE`), keyed by the records and the code and gazetteer that made them.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from geo.gazetteer.index import Gazetteer, open_gazetteer
from geo.geoparse.features import FEATURE_VERSION, SpanItem
from geo.paths import BUILD, GEO

__all__ = ["CACHE_DIR", "article_items", "cached_items"]


CACHE_DIR = BUILD / "ranker" / "cache"


# Every module of the geoparser and the gazetteer: the dateline reader was once left out, and
# a change to it was scored with the items of the code before it.
CODE = tuple(sorted(str(p.relative_to(GEO)) for folder in ("geoparse", "gazetteer")
                    for p in (GEO / folder).glob("*.py")))


Progress = Callable[[int], None]


def article_items(records: Sequence[dict[str, Any]], *, gazetteer: Gazetteer | None = None,
                  progress: Progress | None = None) -> list[list[SpanItem]]:
    """Every span the parser proposes in each record, with features (no decision taken)."""
    from geo.geoparse.dateline import find_dateline
    from geo.geoparse.nlp import load_nlp
    from geo.geoparse.parse import proposed_spans, span_items

    gaz = gazetteer or open_gazetteer()
    nlp = load_nlp()
    out = []
    for rec in records:
        doc = nlp(rec["text"])
        dl_span = find_dateline(rec["text"])
        spans = proposed_spans(doc, gaz, dl_span, lower_case=True)
        out.append(span_items(doc, spans, every=True))
        if progress is not None:
            progress(1)
    return out


def cached_items(records: Sequence[dict[str, Any]], *, gazetteer: Gazetteer | None = None,
                 progress: Progress | None = None) -> tuple[list[list[SpanItem]], float]:
    """`article_items`, from the cache when the records, code and gazetteer are unchanged.

    Also returns articles per second of the extraction that made the items.
    """
    gaz = gazetteer or open_gazetteer()
    h = hashlib.sha1(f"{FEATURE_VERSION}".encode())
    for name in CODE:
        h.update((GEO / name).read_bytes())
    h.update(str(gaz.path.stat().st_mtime_ns).encode())
    for rec in records:
        h.update(json.dumps([rec.get("id"), rec["text"]]).encode())
    folder = Path(os.environ.get("CONFLICT_MAP_RANKER_CACHE") or CACHE_DIR)
    path = folder / f"{h.hexdigest()[:20]}.pkl"
    if path.exists():
        with path.open("rb") as f:
            items, rate = pickle.load(f)
        if progress is not None:
            progress(len(records))
        return items, rate
    started = time.perf_counter()
    items = article_items(records, gazetteer=gaz, progress=progress)
    rate = len(records) / max(time.perf_counter() - started, 1e-9)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump((items, rate), f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return items, rate
