"""Files in and out: readers for article files, ingestion into the store, and the
CSV/GeoJSON/JSON Lines serialisers. Imports: store, geoparse and claims (lazily), views and
below."""
