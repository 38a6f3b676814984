"""The classic population baseline: spaCy NER places, each given its most populous namesake.

Every GPE, LOC or FAC entity of the same spaCy model the parser uses is a predicted toponym; it
resolves to the most populous GeoNames city (cities500) or country carrying that name (primary or
alternate). Entities the gazetteer cannot place are still predicted, without a point. No context,
no roles: this is the yardstick the geoparser has to beat, run through the same scorer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from geo.evaluate.metrics import Prediction
from geo.gazetteer.index import Candidate, Gazetteer, open_gazetteer
from geo.gazetteer.names import fold
from geo.geoparse.nlp import load_nlp

__all__ = ["BASELINE_LABELS", "most_populous", "population_baseline"]

BASELINE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The classic baseline's gazetteer: GeoNames cities500 and countries, nothing curated.
BASELINE_FEATURES = frozenset({"city", "country"})
BASELINE_KINDS = frozenset({"name", "alt"})
# Pipes the NER does not need (en_core_web_sm's ner has its own embedding layer).
UNUSED_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer")


def population_baseline(texts: Iterable[str], *, gazetteer: Gazetteer | None = None,
                        batch_size: int = 32,
                        progress: Callable[[int], None] | None = None,
                        ) -> Iterator[list[Prediction]]:
    """Predictions for each text in turn, from NER spans and population alone.

    Parameters
    ----------
    texts : the texts to tag; offsets in the predictions index into each.
    batch_size : texts per `nlp.pipe` batch.
    progress : called with 1 after each text.
    """
    gaz = gazetteer or open_gazetteer()
    nlp = load_nlp()
    disable = [p for p in UNUSED_PIPES if p in nlp.pipe_names]
    for doc in nlp.pipe(texts, batch_size=batch_size, disable=disable):
        out = []
        for ent in doc.ents:
            if ent.label_ not in BASELINE_LABELS:
                continue
            words = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
            best = most_populous(gaz, words.text)
            place = best.place if best is not None else None
            out.append(Prediction(
                start=ent.start_char, end=ent.end_char,
                lat=place.lat if place else None, lon=place.lon if place else None,
                geonameid=place.geonameid if place else None, surface=ent.text,
                name=place.name if place else None, feature=place.feature if place else None,
                country=place.country if place else None, reason=f"NER {ent.label_}"))
        if progress is not None:
            progress(1)
        yield out


def most_populous(gaz: Gazetteer, name: str) -> Candidate | None:
    """The most populous GeoNames city or country named `name`, or None.

    Examples
    --------
    >>> most_populous(open_gazetteer(), "Pokrovsk").place.country
    'RU'
    """
    cands = [c for c in gaz.lookup(fold(name))
             if c.place.feature in BASELINE_FEATURES and c.kind in BASELINE_KINDS
             and c.place.lat is not None]
    return max(cands, key=lambda c: c.place.population, default=None)

