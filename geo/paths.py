"""Where the project's files are: the checkout, its shipped assets, built data and build cache.

One place, so that moving a module never changes what a relative path points at.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ASSETS", "BUILD", "DATA", "GEO", "ROOT", "data_file"]

GEO = Path(__file__).resolve().parent
ROOT = GEO.parent
ASSETS = ROOT / "assets"
DATA = ROOT / "data"
BUILD = ROOT / "build"


def data_file(variable: str, name: str) -> Path:
    """A built data file: the path in the environment variable `variable` if set, else `name`
    in `data/` (`make` builds it there).

    >>> data_file("CONFLICT_MAP_NO_SUCH_VARIABLE", "gazetteer.sqlite") == DATA / "gazetteer.sqlite"
    True
    """
    env = os.environ.get(variable)
    return Path(env) if env else DATA / name
