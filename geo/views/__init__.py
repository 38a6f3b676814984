"""Filtering and counting mentions for a view: the filter model, facets, summaries and the
compact numpy columns the dashboard uses. Imports: geo.models only."""
