"""benchmarks/claims_records.py prints exactly the records whose claims differ between two
runs, with the claims lost and gained."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location(
        "claims_records", ROOT / "benchmarks" / "claims_records.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["claims_records"] = module
    spec.loader.exec_module(module)
    return module


def _write(path: Path, rows: list[tuple[str, list]]) -> None:
    path.write_text("".join(json.dumps({"file": "s.jsonl", "id": i, "claims": c}) + "\n"
                            for i, c in rows), encoding="utf-8")


def test_diff_prints_only_the_records_that_changed(tmp_path, capsys):
    same = [["Rebels", "captured", None, None, None, "Gao", None, False]]
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    _write(old, [("r1", same), ("r2", same)])
    _write(new, [("r1", same), ("r2", [["Rebels", "captured", None, None, None, "Gao",
                                         "army", False]])])
    assert _bench().diff(old, new) == 1
    out = capsys.readouterr().out
    assert "s.jsonl r2" in out and "s.jsonl r1" not in out
    assert "  - ['Rebels'" in out and "'army', False]" in out
    assert "1 of 2 records differ" in out
