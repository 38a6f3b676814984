"""geopy-compatible geocoding over the embedded gazetteer, with an optional online fallback.

`OfflineGeocoder` subclasses `geopy.geocoders.base.Geocoder` and returns real geopy `Location`s
whose `.raw` is the gazetteer row, so an online geopy geocoder drops in behind it unchanged.
`GeocoderChain` asks each geocoder in turn; the online one (Nominatim) is added only when
configured (`CONFLICT_MAP_ONLINE_GEOCODER=nominatim`), rate-limited to one request a second and
cached in the store. Nothing in the pipeline needs it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from typing import Protocol

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.errors import GeocodeError
from geo.gazetteer.index import Candidate, Gazetteer, open_gazetteer
from geo.gazetteer.names import fold
from geo.geoparse.resolve import Context, score_candidate
from geo.geoparse.spans import ADMIN_QUALIFIERS, SpanCandidate
from geo.models import FEATURES

__all__ = ["GeocoderChain", "OfflineGeocoder", "configured_geocoder"]


class OfflineGeocoder(Geocoder):
    """Geocode names and reverse-geocode points with the embedded gazetteer; no network.

    Examples
    --------
    >>> loc = OfflineGeocoder().geocode("Sudzha", country_codes=["RU"])
    >>> round(loc.latitude, 2), loc.raw["admin1"]
    (51.19, 'RU-KRS')

    A village cities500 lacks comes from the villages with a post office
    (`geo.build.villages`), after every gazetteer place:

    >>> loc = OfflineGeocoder().geocode("Robotyne")
    >>> round(loc.latitude, 2), loc.raw["admin1"], loc.raw["matched"]
    (47.45, 'UA-23', 'village')
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        super().__init__()
        self.gazetteer = gazetteer or open_gazetteer()

    def geocode(self, query: str, *, exactly_one: bool = True,
                country_codes: str | Sequence[str] | None = None, feature: str | None = None,
                limit: int = 10, timeout=None) -> Location | list[Location] | None:
        """Places named `query`, best first; None when nothing matches.

        Parameters
        ----------
        query : a place name, optionally followed by comma-separated context that narrows it
            ("Paris, Texas", "Kursk, Russia").
        country_codes : ISO 3166-1 alpha-2 code(s) to keep.
        feature : one of `geo.models.FEATURES` to keep ("city", "admin1", ...).
        limit : at most this many results when `exactly_one` is False.
        """
        if not isinstance(query, str) or not query.strip():
            raise GeocodeError("empty geocoding query")
        if feature is not None and feature not in FEATURES:
            raise GeocodeError(f"unknown feature {feature!r}; expected one of {FEATURES}")
        if not isinstance(limit, int) or limit < 1:
            raise GeocodeError(f"limit must be a positive integer, not {limit!r}")
        countries = _codes(country_codes)
        name, *qualifiers = [part.strip() for part in query.split(",")]
        cands = self.gazetteer.candidates(name)
        words = fold(name).split()
        span = SpanCandidate(start=0, end=len(name), tok_start=0, tok_end=len(words),
                             surface=name, candidates=cands,
                             qualifier="admin" if words and words[-1] in ADMIN_QUALIFIERS else None)
        empty = Context(country_votes=Counter(), anchors=[])
        scored = []
        for cand in cands:
            p = cand.place
            if p.lat is None or (countries and p.country not in countries):
                continue
            if feature and p.feature != feature:
                continue
            score = score_candidate(span, cand, empty)[0] + self._qualified(cand, qualifiers)
            scored.append((score, cand))
        if not scored:
            # A village the gazetteer lacks ("Robotyne"): those with a post office so called.
            scored = [(0.0, Candidate(place=v, kind="village"))
                      for v in self.gazetteer.villages(name)
                      if (not countries or v.country in countries)
                      and feature in (None, v.feature)]
        if not scored:
            return None
        scored.sort(key=lambda t: -t[0])
        locations = [_location(c) for _, c in scored[:limit]]
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one: bool = True, timeout=None
                ) -> Location | list[Location] | None:
        """The nearest populated place to a point ("lat, lon" string, tuple or geopy Point)."""
        try:
            point = Point(query)
        except (TypeError, ValueError) as err:
            raise GeocodeError(f"not a point: {query!r} ({err})") from err
        place = self.gazetteer.nearest(point.latitude, point.longitude, feature="city")
        if place is None:
            return None
        loc = _location(Candidate(place=place, kind="name"))
        return loc if exactly_one else [loc]

    def _qualified(self, cand: Candidate, qualifiers: list[str]) -> float:
        """Bonus when "Paris, Texas"-style context names the place's country or admin-1 unit."""
        p = cand.place
        score = 0.0
        for q in qualifiers:
            for other in self.gazetteer.candidates(q):
                o = other.place
                if o.feature == "country" and o.country == p.country:
                    score += 5
                elif o.feature == "admin1" and o.admin1 and o.admin1 == p.admin1:
                    score += 6
        return score


class Cache(Protocol):
    def cache_get(self, provider: str, query: str) -> str | None: ...
    def cache_put(self, provider: str, query: str, response_json: str) -> None: ...


class GeocoderChain:
    """Ask geocoders in order and return the first answer; online answers are cached."""

    def __init__(self, geocoders: Sequence[object], *, cache: Cache | None = None) -> None:
        self.geocoders = list(geocoders)
        self.cache = cache

    def geocode(self, query: str, *, exactly_one: bool = True,
                country_codes: str | Sequence[str] | None = None,
                **kwargs) -> Location | list[Location] | None:
        """The first geocoder's answer; online answers are cached per query and countries."""
        codes = sorted(_codes(country_codes))
        for geocoder in self.geocoders:
            if isinstance(geocoder, OfflineGeocoder):
                result = geocoder.geocode(query, exactly_one=exactly_one,
                                          country_codes=codes or None, **kwargs)
            else:
                result = self._online(geocoder, query, codes)
                if result is not None and not exactly_one:
                    result = [result]
            if result:
                return result
        return None

    def _online(self, geocoder, query: str, codes: list[str]) -> Location | None:
        provider = type(geocoder).__name__
        key = json.dumps([query, codes])
        if self.cache is not None:
            hit = self.cache.cache_get(provider, key)
            if hit is not None:
                cached = json.loads(hit)
                return None if cached is None else Location(
                    cached["address"], (cached["lat"], cached["lon"]), cached["raw"])
        call = getattr(geocoder, "rate_limited", None) or geocoder.geocode
        options = {"country_codes": codes} if codes else {}
        result = call(query, exactly_one=True, **options)
        if self.cache is not None:
            payload = None if result is None else {
                "address": result.address, "lat": result.latitude, "lon": result.longitude,
                "raw": result.raw}
            self.cache.cache_put(provider, key, json.dumps(payload))
        return result


def configured_geocoder(cache: Cache | None = None,
                        env: dict[str, str] | None = None) -> GeocoderChain:
    """The offline geocoder, followed by Nominatim only if the environment asks for it.

    `CONFLICT_MAP_ONLINE_GEOCODER=nominatim` switches it on; `CONFLICT_MAP_USER_AGENT` names the
    application to the service, as its usage policy requires.
    """
    env = dict(os.environ) if env is None else env
    chain: list[object] = [OfflineGeocoder()]
    if env.get("CONFLICT_MAP_ONLINE_GEOCODER", "").lower() == "nominatim":
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        agent = env.get("CONFLICT_MAP_USER_AGENT", "conflict-map/0.1")
        online = Nominatim(user_agent=agent)
        online.rate_limited = RateLimiter(online.geocode, min_delay_seconds=1.0)
        chain.append(online)
    return GeocoderChain(chain, cache=cache)


def _codes(country_codes: str | Sequence[str] | None) -> set[str]:
    if not country_codes:
        return set()
    codes = [country_codes] if isinstance(country_codes, str) else list(country_codes)
    bad = [c for c in codes if not isinstance(c, str) or len(c) != 2 or not c.isalpha()]
    if bad:
        raise GeocodeError(f"not ISO 3166-1 alpha-2 country codes: {bad}")
    return {c.upper() for c in codes}


def _location(cand: Candidate) -> Location:
    p = cand.place
    parts = [p.name, p.admin1 or "", p.country or ""]
    raw = asdict(p) | {"capital": cand.capital, "matched": cand.kind}
    return Location(", ".join(x for x in parts if x), (p.lat, p.lon), raw)
