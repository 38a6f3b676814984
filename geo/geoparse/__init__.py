"""Article text to place mentions: the spaCy pipeline, candidate spans, resolution to gazetteer
entries, roles (literal, metonym, adjectival), features and the learned ranker. Imports:
gazetteer and below."""
