"""Where the project's files are: the checkout, its shipped assets, built data and build cache.

One place, so that moving a module never changes what a relative path points at.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ASSETS", "BUILD", "DATA", "GEO", "ROOT"]

GEO = Path(__file__).resolve().parent
ROOT = GEO.parent
ASSETS = ROOT / "assets"
DATA = ROOT / "data"
BUILD = ROOT / "build"
