"""Scoring against annotated corpora: corpus reading, metrics, geoparse and claims scores,
cross-validation, the error report, the population baseline and ranker training. Imports
anything below cli."""
