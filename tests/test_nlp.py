"""The spaCy pipeline is checked at load: a different model fails with a clear message."""

from __future__ import annotations

import pytest
import spacy

from geo.errors import ModelError
from geo.nlp import check_pipeline, load_nlp


def test_the_shipped_model_passes_the_check():
    nlp = load_nlp()
    assert nlp.meta["version"] == "3.8.0"
    assert {"tagger", "parser", "ner"} <= set(nlp.pipe_names)


def test_a_blank_pipeline_is_refused():
    with pytest.raises(ModelError, match=r"not the expected en_core_web_sm 3\.8\.0"):
        check_pipeline(spacy.blank("en"))


def test_a_pipeline_with_other_meta_is_refused():
    nlp = spacy.blank("en")
    nlp.meta.update({"version": "3.8.0", "author": "Someone Else", "lang": "en"})
    with pytest.raises(ModelError, match="author"):
        check_pipeline(nlp)
