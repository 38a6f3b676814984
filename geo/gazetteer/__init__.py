"""The offline place index (GeoNames, Natural Earth, curated tables), the name forms it is
searched by, and the geopy geocoder over it. Imports: geo.errors, geo.models, geo.paths."""
