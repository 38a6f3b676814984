"""The offline place index (GeoNames, Natural Earth, curated tables) and the name forms it is
searched by. Imports only geo.errors, geo.models and geo.paths."""
