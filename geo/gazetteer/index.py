"""Open the embedded gazetteer and look names up in it.

The file is built once at set-up by `geo.build.gazetteer` (`make gazetteer`); here it is only
read. Lookups go through one index on folded names (`geo.gazetteer.names.fold`), so a candidate
lookup is a single indexed query.
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import shapely

from geo.errors import GazetteerError
from geo.gazetteer.abbreviations import is_abbreviation, is_postal_code
from geo.gazetteer.names import fold, strip_qualifier
from geo.models import Place
from geo.paths import data_file

SCHEMA_VERSION = 2  # 2: the villages table
_VILLAGE_KEY = "gnpc:"  # a village's key: "gnpc:<country>:<postal or MIMU code>:<folded name>"
# Where the villages table's rows come from, by country (`geo.build.villages`, `.myanmar`).
_VILLAGE_SOURCES = {"MM": "MIMU 9.6 (mm-geo-coder)"}

_PLACE_COLUMNS = ("p.id, p.key, p.name, p.lat, p.lon, p.feature, p.country, p.admin1, "
                  "p.geonameid, p.population, p.source, p.capital, p.seat_of, p.gn_admin1")


def default_path() -> Path:
    """`CONFLICT_MAP_GAZETTEER`, else `data/gazetteer.sqlite` in the project."""
    return data_file("CONFLICT_MAP_GAZETTEER", "gazetteer.sqlite")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer place that a name may refer to, with how the name matched.

    `kind` is "name" (the primary name), "alt" (an alternate or translated name), "alias"
    (curated short form such as "U.S."), "stripped" (matched after dropping a generic word such
    as "oblast") or "demonym" ("Russian" → Russia). `capital` is 2 for a national capital.
    `seat_of` is the ISO country whose government a landmark stands for ("the Kremlin").
    """

    place: Place
    kind: str
    capital: int = 0
    seat_of: str | None = None
    gn_admin1: str | None = None


class Gazetteer:
    """Read-only access to the built gazetteer; safe to share between threads."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        if not self.path.exists():
            raise GazetteerError(f"{self.path}: gazetteer not built yet; run `make gazetteer`")
        self._local = threading.local()
        version = self._query("SELECT value FROM meta WHERE key='schema_version'")
        if not version or int(version[0][0]) != SCHEMA_VERSION:
            raise GazetteerError(f"{self.path}: built by another version; run `make gazetteer`")
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        # Claims place many points by the same few units and name prefixes, article after
        # article; the shapes are parsed from WKB and the prefixes scan the name index.
        self.shape = lru_cache(maxsize=64)(self._shape)
        self.towns_starting = lru_cache(maxsize=4096)(self._towns_starting)
        # No index serves `capital = 2`: one scan for all capitals, not one per country asked.
        self._capitals = lru_cache(maxsize=1)(self._all_capitals)

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            try:
                con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                      check_same_thread=False)
            except sqlite3.Error as err:
                raise GazetteerError(f"{self.path}: {err}") from err
            self._local.con = con
        return con

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self._con().execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise GazetteerError(f"{self.path}: {err}; rebuild with `make gazetteer`") from err

    def _lookup(self, norm: str) -> tuple[Candidate, ...]:
        rows = self._query(
            f"SELECT n.kind, {_PLACE_COLUMNS} FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.norm = ?", (norm,))
        best: dict[str, Candidate] = {}
        rank = {"name": 0, "alias": 1, "alt": 2, "stripped": 3, "demonym": 4, "spelling": 5}
        for kind, *cols in rows:
            cand = _candidate(cols, kind)
            old = best.get(cand.place.key)
            if old is None or rank[kind] < rank[old.kind]:
                best[cand.place.key] = cand
        return tuple(best.values())

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Every place the name may refer to, also trying it without a generic qualifier.

        Examples
        --------
        >>> gaz = Gazetteer()
        >>> {c.place.admin1 for c in gaz.candidates("Kursk Oblast")}
        {'RU-KRS'}
        """
        norm = fold(name)
        found = self.lookup(norm)
        if is_abbreviation(name):
            # "Calif.", "W.Va.": indexed as written, since folding makes them words ("ill").
            keys = {c.place.key for c in found}
            found = found + tuple(c for c in self.lookup(name.strip()) if c.place.key not in keys)
        stripped = strip_qualifier(norm)
        if norm.endswith(" city"):
            # "Gaza City", "Alexandria City": a city of that name, not the region the bare name
            # also names (the Gaza Strip, Alexandria Governorate).
            keys = {c.place.key for c in found}
            found = found + tuple(c for c in self.lookup(norm[:-len(" city")])
                                  if c.place.feature == "city" and c.place.key not in keys)
            if any(c.place.feature == "city" for c in found):
                return found
        if stripped != norm:
            # "Kursk Oblast" as "Kursk"; not another unit of a country where the full name is
            # a first-level unit's own ("Kyiv Oblast", whose bare "Kyiv" also names Kyiv City).
            units = {c.place.country for c in found if c.place.feature == "admin1"}
            extra = [c for c in self.lookup(stripped) if c.place.feature in ("admin1", "admin2")
                     and c.place.country not in units]
            keys = {c.place.key for c in found}
            found = found + tuple(c for c in extra if c.place.key not in keys)
        return found

    def postal(self, code: str) -> tuple[Candidate, ...]:
        """First-level units with this postal code ("TX", "BC", "NSW"); () for other text."""
        return self.lookup(code) if is_postal_code(code) else ()

    def names_of(self, kinds: tuple[str, ...], features: tuple[str, ...],
                 min_population: int) -> frozenset[str]:
        """Every folded name of these kinds whose place has one of these features or at least
        `min_population` people: a membership test that spares a lookup per word."""
        marks = ",".join("?" * len(kinds)), ",".join("?" * len(features))
        rows = self._query(
            "SELECT DISTINCT n.norm FROM names n JOIN places p ON p.id = n.place_id "
            f"WHERE n.kind IN ({marks[0]}) AND (p.feature IN ({marks[1]}) OR p.population >= ?)",
            (*kinds, *features, min_population))
        return frozenset(norm for (norm,) in rows)

    def has_name(self, norm: str) -> bool:
        """Whether a folded name is indexed at all (cheap; used by the phrase matcher)."""
        return bool(self.lookup(norm))

    def place(self, key: str) -> Place | None:
        """The place with this stable key ("gn:486816", "iso:RU-KRS", a village's
        "gnpc:UA:71172:robotyne"), or None."""
        if key.startswith(_VILLAGE_KEY):
            parts = key.split(":", 3)
            found = [v for v in self.villages(parts[-1]) if v.key == key] if len(parts) == 4 \
                else []
            return found[0] if found else None
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.key = ?", (key,))
        return _candidate(rows[0], "name").place if rows else None

    def capital(self, country: str) -> Place | None:
        """The national capital of the country with this ISO 3166-1 code, or None."""
        return self._capitals().get(country)

    def _all_capitals(self) -> dict[str, Place]:
        """Country code → its most populous place marked as national capital."""
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.capital = 2 "
                           "ORDER BY p.population")
        return {place.country: place for place in (_candidate(r, "name").place for r in rows)
                if place.country}

    def candidate(self, key: str) -> Candidate | None:
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.key = ?", (key,))
        return _candidate(rows[0], "name") if rows else None

    def _shape(self, key: str):
        """The polygon of a country or admin-1 unit (shapely geometry, lon/lat), or None."""
        rows = self._query("SELECT s.wkb FROM shapes s JOIN places p ON p.id = s.place_id "
                           "WHERE p.key = ?", (key,))
        return shapely.from_wkb(rows[0][0]) if rows else None

    def _towns_starting(self, prefix: str, admin1: str) -> tuple[tuple[str, Place], ...]:
        """(folded name, town) for every name of a town in an admin-1 unit (ISO 3166-2 code)
        that starts with the folded `prefix`: spellings to compare a name the index lacks as
        written with ("Striliche", GeoNames' "Strilecha"), by the name index."""
        rows = self._query(
            f"SELECT n.norm, {_PLACE_COLUMNS} FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.norm >= ? AND n.norm < ? AND p.admin1 = ? AND p.feature = 'city'",
            (prefix, prefix + "\uffff", admin1))
        return tuple((norm, _candidate(cols, "name").place) for norm, *cols in rows)

    def villages(self, name: str) -> tuple[Place, ...]:
        """The villages with a post office called `name` (`geo.build.villages`), and
        Myanmar's towns and villages (`geo.build.myanmar`): points for places the gazetteer
        proper lacks, taken only where the article leaves one choice
        (`geo.gazetteer.village_points`); never a ranker candidate."""
        norm = fold(name)
        rows = self._query("SELECT name, country, admin1, lat, lon, postal FROM villages "
                           "WHERE norm = ?", (norm,))
        # A post office may serve several villages: the key names the village too.
        return tuple(Place(key=f"{_VILLAGE_KEY}{country}:{postal}:{norm}", name=found, lat=lat,
                           lon=lon, feature="city", country=country, admin1=admin1,
                           source=_VILLAGE_SOURCES.get(country, "geonames-postal"))
                     for found, country, admin1, lat, lon, postal in rows)

    def village_names(self) -> frozenset[str]:
        """Every folded name of `villages`: a membership test per word for the geoparser,
        read once (`geo.geoparse.villages`)."""
        known = getattr(self, "_village_names", None)
        if known is None:
            known = self._village_names = frozenset(
                norm for (norm,) in self._query("SELECT DISTINCT norm FROM villages"))
        return known

    def admin1_by_gn(self, gn_admin1: str) -> Place | None:
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.feature='admin1' "
                           "AND p.gn_admin1 = ?", (gn_admin1,))
        return _candidate(rows[0], "name").place if rows else None

    def nearest(self, lat: float, lon: float, *, feature: str | None = None,
                window: float = 1.0) -> Place | None:
        """The closest place (great-circle) to a point, searching ever wider boxes.

        A box of ±`window` degrees latitude (longitude widened by 1/cos(lat), wrapped across
        ±180°) is searched first; a hit is only accepted if no place outside the box could be
        closer, otherwise the box doubles.
        """
        win = window
        while win <= 90:
            rows = self._box(lat, lon, win, feature)
            if rows:
                dist, best = min(((distance_km(lat, lon, r[3], r[4]), r) for r in rows),
                                 key=lambda t: t[0])
                if dist <= win * 111.0 or win >= 90:
                    return _candidate(best, "name").place
            win *= 2
        return None

    def _box(self, lat: float, lon: float, win: float, feature: str | None) -> list[tuple]:
        dlon = min(180.0, win / max(0.01, math.cos(math.radians(min(89.0, abs(lat))))))
        spans = [(lon - dlon, lon + dlon)]
        if lon - dlon < -180:
            spans = [(-180.0, lon + dlon), (lon - dlon + 360, 180.0)]
        elif lon + dlon > 180:
            spans = [(lon - dlon, 180.0), (-180.0, lon + dlon - 360)]
        rows: list[tuple] = []
        for west, east in spans:
            sql = (f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.lat BETWEEN ? AND ? "
                   "AND p.lon BETWEEN ? AND ?")
            params: tuple = (lat - win, lat + win, west, east)
            if feature:
                sql += " AND p.feature = ?"
                params += (feature,)
            rows += self._query(sql, params)
        return rows

    def meta(self) -> dict[str, str]:
        return dict(self._query("SELECT key, value FROM meta"))


def _candidate(cols, kind: str) -> Candidate:
    (_pid, key, name, lat, lon, feature, country, admin1, geonameid, population, source,
     capital, seat_of, gn_admin1) = cols
    place = Place(key=key, name=name, lat=lat, lon=lon, feature=feature, country=country,
                  admin1=admin1, geonameid=geonameid, population=population or 0, source=source)
    return Candidate(place=place, kind=kind, capital=capital or 0, seat_of=seat_of,
                     gn_admin1=gn_admin1)


def built_gazetteer() -> Gazetteer | None:
    """The built gazetteer, or None where it is not built: for what draws or exports better
    with it (a country's point or outline) and works without."""
    try:
        return open_gazetteer()
    except GazetteerError:
        return None


@lru_cache(maxsize=4)
def open_gazetteer(path: str | None = None) -> Gazetteer:
    """A shared instance per path, so the file is opened once per process."""
    return Gazetteer(path)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on a sphere of radius 6371 km."""
    r = math.pi / 180
    h = (math.sin((lat2 - lat1) * r / 2) ** 2
         + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2)
    return 12742 * math.asin(min(1.0, math.sqrt(h)))
