"""The curated lakes (`assets/lakes.csv`) the base map names: every row readable, each with a
source, and a bad row reported by its file and line rather than dropped or crashing the build."""

from __future__ import annotations

import csv

import pytest

from geo.errors import GazetteerError
from geo.gazetteer.labels import LAKE, LAKES, lake_labels


def test_every_lake_row_is_read_with_its_source():
    with open(LAKES, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    labels = list(lake_labels())
    assert len(labels) == len(rows)
    assert all(row["source"].startswith("curated:") for row in rows)
    assert len({row["name"] for row in rows}) == len(rows)
    assert {lb.kind for lb in labels} == {LAKE}
    # Largest first: where names collide, the larger lake keeps its place.
    assert [lb.min_zoom for lb in labels] == sorted(lb.min_zoom for lb in labels)


@pytest.mark.parametrize(("row", "problem"), [
    ("Lake X,91.0,10.0,500,,curated: test", "needs a name, a point and a positive area"),
    ("Lake X,45.0,ten,500,,curated: test", "could not convert"),
    (",45.0,10.0,500,,curated: test", "needs a name"),
    ("Lake X,45.0", "not a lake row"),
])
def test_a_bad_row_names_the_file_and_line(tmp_path, row, problem):
    path = tmp_path / "lakes.csv"
    path.write_text("name,lat,lon,area_km2,country,source\n"
                    "Lake Y,45.0,10.0,500,,curated: test\n" + row + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=problem) as err:
        list(lake_labels(path))
    assert str(err.value).startswith(f"{path}:3: ")
