"""The geopy-compatible offline geocoder, and the chain to an online one (transport faked)."""

from __future__ import annotations

import copy
import json

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim, options
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.errors import ConflictMapError, GeocodeError
from geo.geocode.geocoder import GeocoderChain, OfflineGeocoder, configured_geocoder

pytestmark = pytest.mark.usefixtures("requires_gazetteer")

SUDZHA = (51.19, 35.27)
# Nominatim's /search answer (jsonv2-style list), as a real server would send it.
NOMINATIM_ANSWER = [{
    "place_id": 123456, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
    "osm_type": "node", "osm_id": 987654, "lat": "47.1234567", "lon": "37.7654321",
    "class": "place", "type": "hamlet", "place_rank": 20, "importance": 0.1,
    "display_name": "Khutir Testovyi, Donetsk Oblast, Ukraine",
    "boundingbox": ["47.10", "47.14", "37.74", "37.78"],
}]
NOT_OFFLINE = "Khutir Testovyi"  # a name the gazetteer does not know


class NoNetwork(BaseSyncAdapter):
    """The default transport for every geopy geocoder built in these tests: it refuses."""

    def get_json(self, url, *, timeout, headers):
        raise AssertionError(f"network access in a test: {url}")

    def get_text(self, url, *, timeout, headers):
        raise AssertionError(f"network access in a test: {url}")


class CannedAdapter(BaseSyncAdapter):
    """Answers every request with one canned JSON body and records the URLs asked for."""

    def __init__(self, body, *, proxies, ssl_context) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self.body = body
        self.urls: list[str] = []

    def get_json(self, url, *, timeout, headers):
        self.urls.append(url)
        return copy.deepcopy(self.body)

    def get_text(self, url, *, timeout, headers):
        raise AssertionError("Nominatim only asks for JSON")


class MemoryCache:
    """The `geo.geocode.geocoder.Cache` protocol over a dict."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], str] = {}

    def cache_get(self, provider: str, query: str) -> str | None:
        return self.rows.get((provider, query))

    def cache_put(self, provider: str, query: str, response_json: str) -> None:
        self.rows[(provider, query)] = response_json


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    monkeypatch.setattr(options, "default_adapter_factory", NoNetwork)


@pytest.fixture
def geocoder() -> OfflineGeocoder:
    return OfflineGeocoder()


def _nominatim(body) -> Nominatim:
    """A real geopy Nominatim whose transport answers `body`; see `.adapter.urls`."""
    def factory(*, proxies, ssl_context):
        return CannedAdapter(body, proxies=proxies, ssl_context=ssl_context)

    return Nominatim(user_agent="conflict-map-tests", adapter_factory=factory)


# OfflineGeocoder


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)


def test_geocode(geocoder):
    loc = geocoder.geocode("Sudzha")
    assert isinstance(loc, Location)
    assert loc.latitude == pytest.approx(SUDZHA[0], abs=0.01)
    assert loc.longitude == pytest.approx(SUDZHA[1], abs=0.01)
    assert loc.address == "Sudzha, RU-KRS, RU"
    raw = loc.raw
    assert (raw["key"], raw["name"], raw["feature"], raw["country"], raw["admin1"],
            raw["geonameid"], raw["population"]) == (
        "gn:486816", "Sudzha", "city", "RU", "RU-KRS", 486816, 6940)
    assert (raw["lat"], raw["lon"]) == (loc.latitude, loc.longitude)
    assert json.loads(json.dumps(raw)) == raw  # cacheable as JSON, like an online answer


def test_geocode_many(geocoder):
    found = geocoder.geocode("Pokrovsk", exactly_one=False)
    assert isinstance(found, list) and len(found) >= 3
    assert all(isinstance(loc, Location) for loc in found)
    assert found[0].raw == geocoder.geocode("Pokrovsk").raw  # best first
    assert len({loc.raw["key"] for loc in found}) == len(found)
    assert len(geocoder.geocode("Pokrovsk", exactly_one=False, limit=2)) == 2
    single = geocoder.geocode("Sudzha", exactly_one=False)
    assert [loc.raw["key"] for loc in single] == ["gn:486816"]


@pytest.mark.parametrize("codes", [["RU"], ("RU",), "RU", "ru"])
def test_country_codes(geocoder, codes):
    found = geocoder.geocode("Pokrovsk", exactly_one=False, country_codes=codes)
    assert found and {loc.raw["country"] for loc in found} == {"RU"}
    assert "gn:563464" in {loc.raw["key"] for loc in found}  # Engels, once Pokrovsk


def test_country_codes_pick_the_ukrainian_pokrovsk(geocoder):
    assert geocoder.geocode("Pokrovsk", country_codes=["UA"], feature="city").raw["key"] == (
        "gn:704422")
    assert geocoder.geocode("Sudzha", country_codes=["UA"]) is None


def test_feature(geocoder):
    cities = geocoder.geocode("Pokrovsk", exactly_one=False, feature="city")
    assert cities and {loc.raw["feature"] for loc in cities} == {"city"}
    admin1 = geocoder.geocode("Kursk", feature="admin1")
    assert (admin1.raw["key"], admin1.raw["feature"]) == ("iso:RU-KRS", "admin1")
    assert geocoder.geocode("Kursk", feature="city").raw["key"] == "gn:538560"
    assert geocoder.geocode("Sudzha", feature="country") is None


@pytest.mark.parametrize(("query", "name", "country", "admin1"), [
    ("Paris", "Paris", "FR", "FR-IDF"),
    ("Paris, Texas", "Paris", "US", "US-TX"),
    ("Paris, France", "Paris", "FR", "FR-IDF"),
    ("Kursk, Russia", "Kursk", "RU", "RU-KRS"),
])
def test_qualified_query(geocoder, query, name, country, admin1):
    raw = geocoder.geocode(query).raw
    assert (raw["name"], raw["feature"], raw["country"], raw["admin1"]) == (
        name, "city", country, admin1)


def test_admin_name_finds_the_unit(geocoder):
    assert geocoder.geocode("Kursk Oblast").raw["key"] == "iso:RU-KRS"
    assert geocoder.geocode("Kursk region").raw["key"] == "iso:RU-KRS"


def test_a_village_the_gazetteer_lacks_comes_from_the_post_villages(geocoder):
    loc = geocoder.geocode("Robotyne")  # not in cities500; a village with a post office
    assert (loc.raw["matched"], loc.raw["country"], loc.raw["admin1"]) == (
        "village", "UA", "UA-23")
    assert loc.latitude == pytest.approx(47.45, abs=0.05)
    # Its key finds it again (a shared link's `?place=`), and names the village, not only
    # its post office.
    assert geocoder.gazetteer.place(loc.raw["key"]).name == "Robotyne"
    assert loc.raw["key"].endswith(":robotyne")
    assert geocoder.geocode("Robotyne", country_codes=["RU"]) is None
    assert geocoder.geocode("Robotyne", feature="admin1") is None
    # A gazetteer place comes first: the post's Sudzha is not offered beside the town.
    assert [x.raw["key"] for x in geocoder.geocode("Sudzha", exactly_one=False)] == [
        "gn:486816"]


@pytest.mark.parametrize("query", ["Qwxzvbnmland", "Qwxzvbnmland, Russia", ", Texas"])
def test_unknown_name_is_none(geocoder, query):
    assert geocoder.geocode(query) is None
    assert geocoder.geocode(query, exactly_one=False) is None


@pytest.mark.parametrize("query", ["", "   ", None, 42])
def test_empty_query(geocoder, query):
    with pytest.raises(GeocodeError, match="empty"):
        geocoder.geocode(query)


@pytest.mark.parametrize("codes", ["RUS", ["RU", "Russia"], "R", ["1A"]])
def test_bad_country_code(geocoder, codes):
    with pytest.raises(GeocodeError, match="alpha-2") as err:
        geocoder.geocode("Pokrovsk", country_codes=codes)
    assert isinstance(err.value, ValueError) and isinstance(err.value, ConflictMapError)


@pytest.mark.parametrize("feature", ["town", "City", ""])
def test_bad_feature(geocoder, feature):
    with pytest.raises(GeocodeError, match="feature"):
        geocoder.geocode("Pokrovsk", feature=feature)


@pytest.mark.parametrize("point", ["51.19, 35.27", SUDZHA, Point(*SUDZHA)])
def test_reverse(geocoder, point):
    loc = geocoder.reverse(point)
    assert isinstance(loc, Location)
    assert (loc.raw["key"], loc.raw["name"], loc.raw["feature"]) == ("gn:486816", "Sudzha",
                                                                     "city")
    assert [x.raw["key"] for x in geocoder.reverse(point, exactly_one=False)] == ["gn:486816"]


@pytest.mark.parametrize("point", [
    "not a point", "",
    pytest.param("91, 0", marks=pytest.mark.filterwarnings("ignore:Latitude normalization")),
])
def test_reverse_bad_point(geocoder, point):
    with pytest.raises(GeocodeError, match="not a point"):
        geocoder.reverse(point)


def test_rate_limiter(geocoder):
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    reverse = RateLimiter(geocoder.reverse, min_delay_seconds=0)
    assert geocode("Sudzha").raw["admin1"] == "RU-KRS"
    assert geocode("Pokrovsk", country_codes=["RU"]).raw["country"] == "RU"
    assert reverse("51.19, 35.27").raw["key"] == "gn:486816"
    with pytest.raises(GeocodeError):  # RateLimiter only retries geopy service errors
        geocode("")


# GeocoderChain and configuration


def test_chain_answers_offline_first(geocoder):
    online = _nominatim(NOMINATIM_ANSWER)
    cache = MemoryCache()
    chain = GeocoderChain([geocoder, online], cache=cache)
    assert chain.geocode("Sudzha").raw["key"] == "gn:486816"
    assert chain.geocode("Pokrovsk", country_codes=["RU"]).raw["country"] == "RU"
    assert online.adapter.urls == []
    assert cache.rows == {}  # offline answers are not cached


def test_chain_falls_back_to_the_online_geocoder_and_caches_it(geocoder):
    assert geocoder.geocode(NOT_OFFLINE) is None
    online = _nominatim(NOMINATIM_ANSWER)
    cache = MemoryCache()
    chain = GeocoderChain([geocoder, online], cache=cache)

    first = chain.geocode(NOT_OFFLINE)
    assert first.address == "Khutir Testovyi, Donetsk Oblast, Ukraine"
    assert (first.latitude, first.longitude) == (47.1234567, 37.7654321)
    assert len(online.adapter.urls) == 1
    assert "q=Khutir+Testovyi" in online.adapter.urls[0]
    cached = json.loads(cache.rows[("Nominatim", json.dumps([NOT_OFFLINE, []]))])
    assert cached["raw"] == NOMINATIM_ANSWER[0]

    second = chain.geocode(NOT_OFFLINE)
    assert len(online.adapter.urls) == 1  # served from the cache
    assert (second.address, second.latitude, second.longitude, second.raw) == (
        first.address, first.latitude, first.longitude, first.raw)


def test_chain_keeps_the_offline_contract_for_online_answers(geocoder):
    online = _nominatim(NOMINATIM_ANSWER)
    cache = MemoryCache()
    chain = GeocoderChain([geocoder, online], cache=cache)
    many = chain.geocode(NOT_OFFLINE, exactly_one=False)
    assert isinstance(many, list) and len(many) == 1
    chain.geocode(NOT_OFFLINE, country_codes=["UA"])
    assert "countrycodes=UA" in online.adapter.urls[-1]
    # Each (query, countries) pair has its own cache entry.
    assert ("Nominatim", json.dumps([NOT_OFFLINE, ["UA"]])) in cache.rows
    assert ("Nominatim", json.dumps([NOT_OFFLINE, []])) in cache.rows


def test_limit_must_be_positive(geocoder):
    with pytest.raises(GeocodeError, match="limit"):
        geocoder.geocode("Sudzha", limit=0)


def test_chain_caches_not_found(geocoder):
    online = _nominatim([])
    cache = MemoryCache()
    chain = GeocoderChain([geocoder, online], cache=cache)
    assert chain.geocode(NOT_OFFLINE) is None
    assert cache.rows == {("Nominatim", json.dumps([NOT_OFFLINE, []])): "null"}
    assert chain.geocode(NOT_OFFLINE) is None
    assert len(online.adapter.urls) == 1


def test_chain_caches_in_the_store(geocoder, store):
    online = _nominatim(NOMINATIM_ANSWER)
    chain = GeocoderChain([geocoder, online], cache=store)
    first = chain.geocode(NOT_OFFLINE)
    again = chain.geocode(NOT_OFFLINE)
    assert len(online.adapter.urls) == 1
    assert (again.address, again.raw) == (first.address, first.raw)
    cached = json.loads(store.cache_get("Nominatim", json.dumps([NOT_OFFLINE, []])))
    assert cached["raw"] == NOMINATIM_ANSWER[0]


def test_chain_without_cache_asks_every_time(geocoder):
    online = _nominatim(NOMINATIM_ANSWER)
    chain = GeocoderChain([geocoder, online])
    assert chain.geocode(NOT_OFFLINE).address == chain.geocode(NOT_OFFLINE).address
    assert len(online.adapter.urls) == 2


def test_configured_offline_only(monkeypatch):
    monkeypatch.setenv("CONFLICT_MAP_ONLINE_GEOCODER", "nominatim")  # `env` wins over os.environ
    for env in ({}, {"CONFLICT_MAP_ONLINE_GEOCODER": ""},
                {"CONFLICT_MAP_ONLINE_GEOCODER": "google"}):
        chain = configured_geocoder(env=env)
        assert [type(g) for g in chain.geocoders] == [OfflineGeocoder]


@pytest.mark.parametrize("value", ["nominatim", "Nominatim"])
def test_configured_nominatim(value):
    cache = MemoryCache()
    chain = configured_geocoder(cache, env={"CONFLICT_MAP_ONLINE_GEOCODER": value,
                                            "CONFLICT_MAP_USER_AGENT": "conflict-map-ci/1"})
    offline, online = chain.geocoders
    assert isinstance(offline, OfflineGeocoder)
    assert isinstance(online, Nominatim)
    assert online.headers["User-Agent"] == "conflict-map-ci/1"
    assert isinstance(online.rate_limited, RateLimiter)
    assert online.rate_limited.min_delay_seconds >= 1
    assert chain.cache is cache
