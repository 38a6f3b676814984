"""Where one process's ingest time goes, against NER alone (issue 18: ingest >= 0.8x NER).

Run with `make bench`, or `python benchmarks/ingest_stages.py [FILE ...]` (default: the LGL,
GeoWebNews and TR-News dev files of `../shared/corpora`, as `benchmarks/ingest_workers.py`).
On the same texts, one process, model loading excluded, prints wall seconds of:

1. NER alone: `en_core_web_sm` with tok2vec + ner only, one text per call;
2. each component of the project's own pipeline (`geo.geoparse.nlp.load_nlp`), run one after
   another on each text: what the main pass costs and which part of it is NER;
3. the stages of an ingest without the store: the geoparser (`parse_article`, its main pass
   included) and claim extraction (`extract_claims`, given the geoparser's Doc).

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT.parent / "shared" / "corpora" / f"{name}.dev.jsonl"
           for name in ("lgl", "geowebnews", "trnews")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    files = ap.parse_args(argv).files or [p for p in DEFAULT if p.exists()]
    if not files:
        print("no corpus files (../shared/corpora absent): nothing to measure", file=sys.stderr)
        return 0
    import spacy

    from geo.claims.extract import extract_claims
    from geo.gazetteer.index import open_gazetteer
    from geo.geoparse.nlp import MODEL, doc_for, load_nlp
    from geo.geoparse.parse import parse_article
    from geo.models import Article

    texts = [json.loads(line)["text"] for path in files
             for line in path.open(encoding="utf-8") if line.strip()]
    print(f"{len(texts)} texts, {sum(len(t.split()) for t in texts):,} words "
          f"({', '.join(p.name for p in files)})")
    ner = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer",
                                     "senter"])
    began = time.perf_counter()
    for text in texts:
        ner(text)
    ner_s = time.perf_counter() - began
    print(f"NER alone ({' + '.join(ner.pipe_names)}): {ner_s:.1f} s")

    nlp = load_nlp()
    parts: dict[str, float] = {"tokenizer": 0.0}
    for text in texts:
        began = time.perf_counter()
        doc = nlp.make_doc(text)
        parts["tokenizer"] += time.perf_counter() - began
        for name, component in nlp.pipeline:
            began = time.perf_counter()
            doc = component(doc)
            parts[name] = parts.get(name, 0.0) + time.perf_counter() - began
    main_s = sum(parts.values())
    print(f"main pass {main_s:.1f} s = {main_s / ner_s:.2f}x NER alone: "
          + ", ".join(f"{name} {s:.2f} s" for name, s in parts.items()))

    gazetteer = open_gazetteer()
    geoparse_s = claims_s = 0.0
    for i, text in enumerate(texts):
        article = Article(f"a{i}", text, title=f"text {i}")
        doc_for.cache_clear()  # each text's main pass is counted in the geoparser's time
        began = time.perf_counter()
        mentions = parse_article(article, gazetteer=gazetteer)
        geoparse_s += time.perf_counter() - began
        began = time.perf_counter()
        extract_claims(article, mentions, gazetteer=gazetteer)
        claims_s += time.perf_counter() - began
    print(f"geoparse {geoparse_s:.1f} s (main pass included; the rest "
          f"{geoparse_s - main_s:.1f} s), claims {claims_s:.1f} s; together "
          f"{(geoparse_s + claims_s) / ner_s:.2f}x NER alone (0.8x NER allows "
          f"{ner_s / 0.8:.1f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
