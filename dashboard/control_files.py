"""The control layer's files, as the dashboard serves them: one file of outlines per store
version, one file per as-of day (styles, tooltips, places; `dashboard.control`) and its popups,
written beside the markers' files (`dashboard.data`) for the map to fetch and keep.

Why files and not the map's script: the map is live (`dashboard.map.build_map`), and a new
day's file replaces the last in the same map, which restyles the outlines it keeps.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.control import control_features, control_popups, in_table_order
from dashboard.data import (
    DATA_DIR,
    claim_rows,
    in_background,
    regions,
    sides_table,
    write_file,
)
from dashboard.markup import file_json
from geo.control.layer import Prepared, control_layer, outlines, prepare
from geo.control.regions import Regions
from geo.sides.resolve import Sides
from geo.store.database import Store

__all__ = ["control_json", "control_map", "control_pending", "has_control"]


# The day-independent part of the layer per store version (claims with their sides,
# restatements merged, the areas, the outlines file), made in a thread of its own: the first
# page after the store changes is not held while it is made (`control_map(wait=...)`).
_BASES: dict[tuple[str, tuple[float, ...]], Future] = {}
_BASES_LOCK = threading.Lock()
_BASE_MAKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="control-base")


def _base_future(path: str, version: tuple[float, ...]) -> Future:
    key = (path, version)
    with _BASES_LOCK:
        made = _BASES.get(key)
        if made is None:
            made = _BASE_MAKER.submit(_make_base, path, regions(), sides_table(path)[0])
            _BASES[key] = made
            for old in list(_BASES)[:-2]:  # the two newest store versions
                del _BASES[old]
    return made


def _make_base(path: str, found: Regions | None,
               sides: Sides) -> tuple[Prepared, tuple[str, str]] | None:
    if found is None:
        return None
    with Store(path) as store:
        base = prepare(store, found, sides=sides)
    text = control_json(outlines(base, found))
    name = f"control-outlines-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.json"
    return base, (name, text)


def _control_base(path: str, version: tuple[float, ...]) -> Prepared | None:
    made = _base_future(path, version).result()
    return None if made is None else made[0]


def control_pending(path: str, version: tuple[float, ...]) -> bool:
    """Whether the layer of this store version is still being made (see `control_map`)."""
    return not _base_future(path, version).done()


def has_control(path: str, version: tuple[float, ...]) -> bool:
    """Whether the store has anything for the control layer on some day (claims on a
    region or at a place, imported areas) and the region file is built; while the layer is
    being made, whether there is any claim or area at all."""
    if regions() is None:
        return False
    made = _base_future(path, version)
    if not made.done():
        return bool(claim_rows(path, version)) or bool(_has_areas(path))
    base = _control_base(path, version)
    return base is not None and bool(base.region_claims or base.place_claims
                                     or base.area_features)


def _has_areas(path: str) -> bool:
    with Store(path) as store:
        return bool(store.areas())


@st.cache_resource(max_entries=8)
def _control_json(path: str, version: tuple[float, ...],
                  as_of: str | None) -> tuple[str, str, dict[str, str]] | None:
    # The control layer's file name, JSON text and legend; None when nothing is shaded.
    # Drawn without popups or history: those come in a second file (`_write_control_popups`).
    found, base = regions(), _control_base(path, version)
    if found is None or base is None:
        return None
    collection = control_layer(None, found, as_of=as_of, prepared=base, details=False)
    if not collection["features"]:
        return None
    data, legend = control_features(collection, popups=False)
    legend = in_table_order(legend, sides_table(path)[0].legend())  # sides of a war together
    text = control_json(data, outlines_file=_control_outlines(path, version)[0])
    return f"control-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.json", text, legend


def _control_outlines(path: str, version: tuple[float, ...]) -> tuple[str, str]:
    # Every outline the control layer may draw, whatever the day (file name, JSON): fetched
    # once by the map, which restyles them for each day (`geo.control.layer.outlines`).
    made = _base_future(path, version).result()
    assert made is not None  # only asked for when a layer is drawn
    return made[1]


def control_map(path: str, version: tuple[float, ...], as_of: str | None, *,
                static_url: str = "/app/static", folder: Path = DATA_DIR,
                wait: float | None = None) -> tuple[str | None, dict[str, str]]:
    """The URL of the territorial-control layer as of a day (None: every claim), written as
    a JSON file next to the markers (again if pruned), and its actor colours; (None, {})
    when no region is shaded or the region file is not built.

    The popups are a second file beside it, `{name}-popups.json` (feature id → HTML), written
    by a background thread so that the layer is drawn first; the browser fetches it when a
    popup is first opened, and retries while it is being written. The regions' and areas'
    outlines are a third, one per store version (the day's file names it): the map keeps
    them and restyles them for each day.

    With `wait` (seconds), a store version whose layer is not made by then gives (None, {})
    at once (`control_pending` says so); the page asks again when it is (`dashboard.app`).
    """
    if wait is not None:
        try:
            _base_future(path, version).result(timeout=wait)
        except FutureTimeout:
            return None, {}
    found = _control_json(path, version, as_of)
    if found is None:
        return None, {}
    name, text, legend = found
    for name_, text_ in (_control_outlines(path, version), (name, text)):
        target = folder / name_
        if target.exists():
            os.utime(target)  # recently used: keep it through pruning
        else:
            folder.mkdir(parents=True, exist_ok=True)
            write_file(target, text_)
    target = folder / name
    popups = folder / f"{target.stem}-popups.json"
    if not popups.exists():
        base = _control_base(path, version)
        in_background(popups.name, _write_control_popups, popups, regions(), base, as_of)
    return f"{static_url.rstrip('/')}/data/{name}", legend


def _write_control_popups(target: Path, found: Regions, base: Prepared,
                          as_of: str | None) -> None:
    collection = control_layer(None, found, as_of=as_of, prepared=base)
    write_file(target, file_json(control_popups(collection)))


def control_json(data: Mapping[str, Any], *, outlines_file: str | None = None) -> str:
    """`data` (a `control_features` result) as compact JSON, as `dashboard.markup.file_json`
    writes it, but each geometry written once per process: region outlines and imported
    areas are the same objects from one as-of day to the next (`geo.control.layer.prepare`,
    `Regions`), and writing their coordinates was most of the time a day change took.

    With `outlines_file` (the name of a file of `geo.control.layer.outlines`, beside this one),
    regions and areas are written without geometry (null) and the collection names that
    file (`"outlines"`): the map fetches the outlines once per store version and restyles
    them for each day; only the places' points are in every day's file.
    """
    parts = []
    for feature in data.get("features") or ():
        kind = (feature.get("properties") or {}).get("kind")
        shape = ("null" if outlines_file is not None and kind != "place"
                 else _geometry_json(feature.get("geometry")))
        parts.append(f'{{"type":"Feature","id":{_dumps(feature.get("id"))},"geometry":{shape},'
                     f'"properties":{_dumps(feature.get("properties") or {})}}}')
    named = "" if outlines_file is None else f',"outlines":{_dumps(outlines_file)}'
    return ('{"type":"FeatureCollection"' + named + ',"features":[' + ",".join(parts)
            + "]}")


_GEOMETRY_JSON: dict[int, tuple[object, str]] = {}  # id → (the geometry, kept alive; JSON)
_GEOMETRY_LOCK = threading.Lock()
_GEOMETRY_CACHE_SIZE = 50_000


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _geometry_json(geometry: Any) -> str:
    # Keyed by identity: the cache holds the object, so its id is not reused while cached.
    if not isinstance(geometry, dict) or geometry.get("type") == "Point":
        return _dumps(geometry)  # a place's point is made anew each time: nothing to keep
    found = _GEOMETRY_JSON.get(id(geometry))
    if found is not None and found[0] is geometry:
        return found[1]
    text = _dumps(geometry)
    with _GEOMETRY_LOCK:
        if len(_GEOMETRY_JSON) >= _GEOMETRY_CACHE_SIZE:
            _GEOMETRY_JSON.clear()
        _GEOMETRY_JSON[id(geometry)] = (geometry, text)
    return text
