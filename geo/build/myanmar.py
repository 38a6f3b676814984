"""Myanmar's towns and villages with their points, for claims about places cities500 lacks.

Reports of the war in Myanmar name towns GeoNames lists without a population, so cities500
leaves them out (Kunlong, Mongyai, Maungdaw, Rathedaung, Paletwa), and villages of a few
hundred people. The Myanmar Information Management Unit (MIMU) publishes every town's wards
and every village with a point and its place codes; release 9.6 (February 2025) is on PyPI
inside the `mm-geo-coder` wheel (`assets/pypi-files.json`, fetched and checked by
`geo.build.wheel_files`). A town's point is the median of its wards' (a few wards carry points
far outside the country, which a mean would follow); a point outside Myanmar's bounds is
dropped. A town whose township bears its name also answers to "X Township": the town is the
township's seat. The rows go to the villages table (`geo.build.villages`), read only where
the article leaves one choice (`geo.gazetteer.village_points`), never a ranker candidate.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from statistics import median

from geo.build.wheel_files import WHEELS_DIR, member_path
from geo.gazetteer.names import fold

__all__ = ["STATES", "rows", "version"]

WHEEL, MEMBER = "mm-geo-coder", "mm_geo_coder/database/mimu_geo_data_public.db"
# MIMU's state and region codes → ISO 3166-2:MM (Bago and Shan are split by MIMU only).
STATES = {
    "MMR001": "MM-11", "MMR002": "MM-12", "MMR003": "MM-13", "MMR004": "MM-14",
    "MMR005": "MM-01", "MMR006": "MM-05", "MMR007": "MM-02", "MMR008": "MM-02",
    "MMR009": "MM-03", "MMR010": "MM-04", "MMR011": "MM-15", "MMR012": "MM-16",
    "MMR013": "MM-06", "MMR014": "MM-17", "MMR015": "MM-17", "MMR016": "MM-17",
    "MMR017": "MM-07", "MMR018": "MM-18",
}
# Myanmar's bounding box, with a margin: a point outside is a data error.
_LAT, _LON = (9.0, 29.0), (92.0, 101.5)
_TOWN = re.compile(r"\s+Town$")
_BRACKETED = re.compile(r"^(.*?)\s*\((.*?)\)\s*$")  # "Pangsang (Panghkam)"


def version() -> str:
    """The `mm-geo-coder` release the rows come from (`assets/pypi-files.json`)."""
    return member_path(WHEEL, MEMBER).relative_to(WHEELS_DIR).parts[0].split("@")[1]


def rows(path: Path | None = None) -> Iterator[tuple]:
    """(norm, name, country, admin1, lat, lon, code) for each name of each town (its point
    the median of its wards') and village with a point; `code` is MIMU's place code.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     db = Path(tmp) / "m.db"
    ...     con = sqlite3.connect(db)
    ...     _ = con.execute("CREATE TABLE wards (town_pcode, township_eng, state_pcode, town_eng,"
    ...                     " latitude, longitude)")
    ...     _ = con.executemany("INSERT INTO wards VALUES (?,?,?,?,?,?)", [
    ...         ("T1", "Kunlong", "MMR015", "Kunlong Town", 23.41, 98.65),
    ...         ("T1", "Kunlong", "MMR015", "Kunlong Town", 23.41, 98.65),
    ...         ("T1", "Kunlong", "MMR015", "Kunlong Town", -27.5, 24.7)])
    ...     _ = con.execute("CREATE TABLE villages (village_pcode, state_pcode, village_eng,"
    ...                     " latitude, longitude)")
    ...     _ = con.execute("INSERT INTO villages VALUES (1, 'MMR012', 'Ah Lel (Alel)', 20.1, 92.9)")
    ...     con.commit(); con.close()
    ...     for row in rows(db): print(row)
    ('kunlong', 'Kunlong', 'MM', 'MM-17', 23.41, 98.65, 'T1')
    ('kunlong township', 'Kunlong Township', 'MM', 'MM-17', 23.41, 98.65, 'T1')
    ('ah lel', 'Ah Lel', 'MM', 'MM-16', 20.1, 92.9, '1')
    ('alel', 'Alel', 'MM', 'MM-16', 20.1, 92.9, '1')
    """
    con = sqlite3.connect(f"{(path or member_path(WHEEL, MEMBER)).resolve().as_uri()}?mode=ro",
                          uri=True)
    try:
        yield from _towns(con)
        for code, state, name, lat, lon in con.execute(
                "SELECT village_pcode, state_pcode, village_eng, latitude, longitude "
                "FROM villages WHERE latitude IS NOT NULL AND longitude IS NOT NULL"):
            if _inside(lat, lon):
                for spelling in _names(name or ""):
                    yield (fold(spelling), spelling, "MM", STATES.get(state), lat, lon, str(code))
    finally:
        con.close()


def _towns(con: sqlite3.Connection) -> Iterator[tuple]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    about: dict[str, tuple[str, str, str]] = {}
    for code, township, state, town, lat, lon in con.execute(
            "SELECT town_pcode, township_eng, state_pcode, town_eng, latitude, longitude "
            "FROM wards ORDER BY town_pcode"):
        about.setdefault(code, (_TOWN.sub("", town or "").strip(), township or "", state))
        if lat is not None and lon is not None and _inside(lat, lon):
            points[code].append((lat, lon))
    for code, (town, township, state) in about.items():
        if not points[code] or not town:
            continue
        lat = median(p[0] for p in points[code])
        lon = median(p[1] for p in points[code])
        names = _names(town)
        if fold(township) == fold(town):
            names.append(f"{town} Township")
        for name in names:
            yield (fold(name), name, "MM", STATES.get(state), lat, lon, code)


def _names(name: str) -> list[str]:
    """A name and its bracketed other name ("Pangsang (Panghkam)" → both)."""
    found = _BRACKETED.match(name)
    names = [found.group(1), found.group(2)] if found else [name]
    return [n.strip() for n in names if n.strip()]


def _inside(lat: float, lon: float) -> bool:
    return _LAT[0] <= lat <= _LAT[1] and _LON[0] <= lon <= _LON[1]
