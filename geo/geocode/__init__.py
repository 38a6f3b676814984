"""The geopy `Geocoder` interface over the offline gazetteer (and an online geocoder only when
configured), ranking candidates as the geoparser does. Imports: gazetteer, geoparse."""
