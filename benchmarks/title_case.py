"""Place names in Title Case headlines, with and without `geo.geoparse.headline.sentence_case`.

LGL's articles open with their headline, written in sentence case ("Deputies arrest Pointe Coupee
teen on weapon count ."). This takes that first sentence as the title, writes it in Title Case
as many outlets do (every word capitalised but short function words), keeps the rest as the body,
and scores the title's mentions against the gold toponyms of that sentence: precision, recall and
acc161 (gold points within 161 km among the matched): the headline as the corpus writes it, then
in Title Case read as written and read in sentence case (as the geoparser reads titles).
Needs ../shared/corpora (not shipped).

    .venv/bin/python benchmarks/title_case.py [../shared/corpora/lgl.dev.jsonl ...]
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from unittest import mock

from geo.gazetteer.index import open_gazetteer
from geo.geoparse import parse as parse_module
from geo.geoparse.parse import parse_article
from geo.models import Article

SMALL = frozenset("a an the and or but nor for of in on at to by as is from with".split())
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "lgl.dev.jsonl"


def title_case(text: str) -> str:
    """Every word capitalised except short function words after the first."""
    words = text.split(" ")
    return " ".join(w[:1].upper() + w[1:] if n == 0 or w.lower() not in SMALL else w
                    for n, w in enumerate(words))


def cases(path: Path):
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        text = rec["text"]
        cut = text.find(". ")
        if cut < 10:
            continue
        title, body = text[:cut], text[cut + 2:]
        gold = [t for t in rec["toponyms"] if t["end"] <= cut]
        yield rec["id"], title, body, gold


def score(rows, *, read_as_written: bool) -> dict[str, float]:
    gaz = open_gazetteer()
    found = correct = gold_n = hits = matched = 0
    patch = mock.patch.object(parse_module, "sentence_case", lambda title, body: title) \
        if read_as_written else mock.patch.object(parse_module, "sentence_case",
                                                  parse_module.sentence_case)
    with patch:
        for art_id, title, body, gold in rows:
            mentions = [m for m in parse_article(Article(art_id, body, title=title), gazetteer=gaz)
                        if m.field == "title"]
            gold_n += len(gold)
            found += len(mentions)
            for m in mentions:
                g = next((g for g in gold if g["start"] < m.end and m.start < g["end"]), None)
                if g is None:
                    continue
                correct += 1
                if m.place is not None and m.place.lat is not None and g.get("lat") is not None:
                    matched += 1
                    hits += _km(m.place.lat, m.place.lon, g["lat"], g["lon"]) <= 161
    precision = correct / found if found else 0.0
    recall = correct / gold_n if gold_n else 0.0
    return {"titles": len(rows), "gold": gold_n, "precision": precision, "recall": recall,
            "acc161": hits / matched if matched else 0.0}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or [DEFAULT]
    for path in paths:
        if not path.exists():
            print(f"{path}: not found (the shared corpora are not shipped); skipped")
            continue
        original = list(cases(path))
        titled = [(i, title_case(t), body, gold) for i, t, body, gold in original]
        for rows, label, as_written in ((original, "as the corpus writes them, read as written",
                                         True),
                                        (original, "as the corpus writes them, read by the "
                                         "geoparser", False),
                                        (titled, "in Title Case, read as written", True),
                                        (titled, "in Title Case, read in sentence case", False)):
            s = score(rows, read_as_written=as_written)
            print(f"{path.name} titles {label}: {s['titles']} titles, "
                  f"{s['gold']} gold names, precision {s['precision']:.3f}, recall "
                  f"{s['recall']:.3f}, acc161 {s['acc161']:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
