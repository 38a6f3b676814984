"""Territorial-control claims read from parsed sentences: triggers, numbers, actors, claimants,
regions. Imports: geoparse, gazetteer and below."""
