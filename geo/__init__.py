"""Conflict Map's library: news articles in; places, roles and territorial-control claims out.

The few public names load lazily (module `__getattr__`), so `import geo` stays cheap: spaCy,
SQLAlchemy and geopy load only when the name that needs them is first used.

>>> import geo
>>> geo.__version__ != ""
True
>>> geo.ConflictMapError.__module__
'geo.errors'
"""

from __future__ import annotations

from importlib import import_module, metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.claims.extract import extract_claims
    from geo.errors import ConflictMapError
    from geo.geocode.geocoder import OfflineGeocoder
    from geo.geoparse.parse import parse_article
    from geo.store.database import Store

__all__ = ["ConflictMapError", "OfflineGeocoder", "Store", "__version__", "extract_claims",
           "parse_article"]

_PUBLIC = {
    "parse_article": "geo.geoparse.parse",
    "extract_claims": "geo.claims.extract",
    "Store": "geo.store.database",
    "OfflineGeocoder": "geo.geocode.geocoder",
    "ConflictMapError": "geo.errors",
}

try:
    __version__ = metadata.version("conflict-map")
except metadata.PackageNotFoundError:  # a checkout that was never installed
    __version__ = "unknown"


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'geo' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
