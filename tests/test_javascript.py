"""The dashboard's JavaScript lives in .js/.mjs files, each valid on its own, and not in Python.

`node --check` parses every file (no Jinja can hide in them: the templates pass data as one JSON
object). Without node the check is skipped, except under CI (`CI` set), where it fails.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard"
# Built from npm packages by `make static` (Leaflet and its plugins), not the project's code.
STATIC = DASHBOARD / "static"
NODE = shutil.which("node")


def _ours(path: Path) -> bool:
    return not path.is_relative_to(STATIC)


SCRIPTS = sorted(p for pattern in ("*.js", "*.mjs") for p in DASHBOARD.rglob(pattern)
                 if _ours(p))
MODULES = sorted(p for p in DASHBOARD.rglob("*.py") if _ours(p))
# A function in JavaScript: `function (`, `function name(`, or an arrow `=>`.
JS_FUNCTION = re.compile(r"\bfunction\b\s*[\w$]*\s*\(|=>")


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_dashboard_has_scripts():
    assert {p.parent.relative_to(DASHBOARD).as_posix() for p in SCRIPTS} \
        == {"elements/js", "components/js"}


@pytest.mark.parametrize("path", SCRIPTS, ids=_id)
def test_node_parses_the_script(path):
    if NODE is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed; CI must check the dashboard's JavaScript")
        pytest.skip("node is not installed (needed for `node --check`)")
    done = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("path", SCRIPTS, ids=_id)
def test_script_holds_no_template_and_can_be_inlined(path):
    text = path.read_text(encoding="utf-8")
    assert "{{" not in text and "{%" not in text, "Jinja in a .js file: pass it in the config"
    # Inlined in the map's <script>: the text must not end that element.
    assert "</script" not in text.lower()


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_no_javascript_function_in_a_python_string(path):
    """Strings other than docstrings (which may name a JS function in prose) hold no function:
    a template may call a function of its .js file, never define one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    found = [f"line {node.lineno}: {JS_FUNCTION.search(node.value).group()!r}"
             for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in docs and JS_FUNCTION.search(node.value)]
    assert not found, found
