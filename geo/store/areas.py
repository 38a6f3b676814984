"""Imported control areas in the store: written with their region shares, read back as dicts.

A mixin of `geo.store.database.Store` (split out by noun to keep the store module small); it uses
the store's connection and its one SQL-error boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select, text

from geo.models import Editor
from geo.store.rows import action_row, editor_of
from geo.store.schema import actions_table, area_shares_table, areas_table

__all__ = ["AREA_COLUMNS", "AreaStore"]

# The keys of every `Store.areas()` dict; `shares` is a list of {region, region_name,
# share_pct, area_km2}.
AREA_COLUMNS: tuple[str, ...] = ("id", "name", "actor", "status", "date", "source", "file",
                                 "area_km2", "imported_at", "shares")


# What makes two imported areas the same area (the file they came from does not).
_IDENTITY = ("wkb", "name", "actor", "status", "date", "source")
# Held while the PostGIS copy of the regions is replaced, so two imports load it once; and
# while areas are stored (PostgreSQL lets two transactions look for the same area at once,
# where SQLite has one writer).
_REGIONS_LOCK = 0x436F6E666C6952  # "ConfliR"
_AREAS_LOCK = 0x436F6E666C6941  # "ConfliA"
# Each region the shape meets, with the geodesic area of the overlap (geography: on the WGS 84
# spheroid, as pyproj measures on SQLite); the GiST index finds the candidates.
_OVERLAPS = text(
    "WITH area AS (SELECT ST_SetSRID(ST_GeomFromWKB(:wkb), 4326) AS g) "
    "SELECT r.key, r.name, r.area_km2, "
    "ST_Area(ST_Intersection(r.geom, area.g)::geography, true) / 1e6 AS km2 "
    "FROM regions r, area WHERE r.geom && area.g AND ST_Intersects(r.geom, area.g) "
    "ORDER BY r.key")


class AreaStore:
    """Area methods of `Store`; `_connect` and `_errors` come from the store."""

    def _connect(self) -> Engine:  # pragma: no cover - provided by Store
        raise NotImplementedError

    def _errors(self, action: str) -> AbstractContextManager[None]:  # pragma: no cover
        raise NotImplementedError

    def add_areas(self, areas: Sequence[dict[str, Any]], *,
                  editor: Editor) -> list[tuple[int, bool]]:
        """Store imported areas and their region shares in one transaction; (id, new) each.

        Each dict has the `areas` columns (name, actor, status, date, source, file, area_km2,
        wkb) and `shares`, a list of {region, region_name, share_pct, area_km2}. An area
        already stored (same shape, name, actor, status, date and source, from any file) is
        not stored again: importing a file twice stores its areas once. `editor`: as
        `Store.add_article` (one log row per import that stores an area).
        """
        editor = editor_of(editor, "import areas")
        ids = []
        t = areas_table.c
        with self._errors("store areas"), self._connect().begin() as conn:
            if self.spatial:  # two imports of one file at once: the second waits, finds them
                conn.execute(select(func.pg_advisory_xact_lock(_AREAS_LOCK)))
            for area in areas:
                row = {k: v for k, v in area.items() if k != "shares"}
                same = select(t.id).where(*(t[k].is_not_distinct_from(row.get(k))
                                            for k in _IDENTITY)).limit(1)
                found = conn.execute(same).scalar()
                if found is not None:
                    ids.append((found, False))
                    continue
                row["imported_at"] = datetime.now(UTC).isoformat(timespec="microseconds")
                area_id = conn.execute(areas_table.insert().values(row)).inserted_primary_key[0]
                shares = [{**share, "area_id": area_id} for share in area.get("shares", ())]
                if shares:
                    conn.execute(area_shares_table.insert(), shares)
                ids.append((area_id, True))
            new = sum(fresh for _id, fresh in ids)
            if new:
                files = sorted({str(a.get("file")) for a in areas})
                conn.execute(actions_table.insert(), action_row(
                    editor, "areas", None, f"{new} areas from {', '.join(files)}"))
        return ids

    @property
    def spatial(self) -> bool:
        """Whether the database is PostGIS, which intersects areas with regions itself."""
        return self._connect().dialect.name == "postgresql"

    def load_regions(self, built_at: str,
                     regions: Callable[[], Iterable[tuple[str, str, float, bytes]]]) -> bool:
        """PostGIS: make the store's copy of the admin-1 regions the region file's.

        `built_at` is the file's build stamp; `regions()` gives (key, name, area_km2, wkb) for
        each region and is called only when the copy is of another build (or empty). True if
        it loaded them; False when already loaded, and on SQLite, which has no copy.
        """
        if not self.spatial:
            return False
        with self._errors("load regions"), self._connect().begin() as conn:
            conn.execute(select(func.pg_advisory_xact_lock(_REGIONS_LOCK)))
            stamp = conn.execute(text("SELECT built_at FROM regions LIMIT 1")).scalar()
            if stamp == built_at:
                return False
            conn.execute(text("DELETE FROM regions"))
            conn.execute(text("INSERT INTO regions (key, name, area_km2, built_at, geom) VALUES "
                              "(:key, :name, :area, :built, "
                              "ST_SetSRID(ST_GeomFromWKB(:wkb), 4326))"),
                         [{"key": key, "name": name, "area": area, "built": built_at, "wkb": wkb}
                          for key, name, area, wkb in regions()])
        return True

    def region_overlaps(self, wkb: bytes) -> list[tuple[str, str, float, float]]:
        """PostGIS: (key, name, region km², overlap km²) of each loaded region the shape meets,
        by key, computed in the database (`load_regions` first)."""
        with self._errors("intersect areas with regions"), self._connect().connect() as conn:
            return [tuple(row) for row in conn.execute(_OVERLAPS, {"wkb": wkb})]

    def area_geometries(self) -> dict[int, bytes]:
        """Each imported area's polygon (WKB, lon/lat) by id, for drawing it."""
        t = areas_table.c
        with self._errors("read areas"), self._connect().connect() as conn:
            return {row.id: bytes(row.wkb) for row in conn.execute(select(t.id, t.wkb))}

    def areas(self, region: str | None = None) -> list[dict[str, Any]]:
        """Imported areas as dicts keyed by `AREA_COLUMNS`, oldest import first; with `region`
        (a region key or ISO 3166-2 code) only the areas covering part of it."""
        t, s = areas_table.c, area_shares_table.c
        stmt = select(*(t[c] for c in AREA_COLUMNS if c != "shares")).order_by(t.id)
        if region:
            stmt = stmt.where(t.id.in_(select(s.area_id).where(
                func.upper(s.region) == region.strip().upper())))
        shares_stmt = select(s.area_id, s.region, s.region_name, s.share_pct,
                             s.area_km2).order_by(s.area_id, s.share_pct.desc())
        with self._errors("read areas"), self._connect().connect() as conn:
            rows = [{**row._mapping, "shares": []} for row in conn.execute(stmt)]
            by_id = {row["id"]: row for row in rows}
            for share in conn.execute(shares_stmt):
                if share.area_id in by_id:
                    by_id[share.area_id]["shares"].append(
                        {k: v for k, v in share._mapping.items() if k != "area_id"})
        return rows
