"""The layers as the README lays them out: what each may import, so the data flows one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "medreform_check"

# layer -> the layers (or modules) of medreform_check it must never import
FORBIDDEN = {
    "vocabulary": ("errors", "model", "report", "language", "loading", "engine", "commands",
                   "render", "cli", "lint", "schemas"),
    "language": ("model", "report", "loading", "engine", "commands", "render", "cli", "lint"),
    "engine": ("loading", "commands", "render", "cli", "lint", "schemas"),
    "render": ("engine", "loading", "commands.summaries", "commands.audit", "cli", "lint.registry"),
    "commands": ("render", "cli"),
    "loading": ("engine", "commands", "render", "cli"),
    "draft": ("engine", "commands", "render", "cli"),
}  # fmt: skip


def _imports(path: Path) -> set[str]:
    """The medreform_check modules a file imports, without the package prefix."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {
            n.removeprefix("medreform_check.") for n in names if n.startswith("medreform_check.")
        }
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_never_imports_what_comes_after_it(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        for module in _imports(path):
            bad = [f for f in FORBIDDEN[layer] if module == f or module.startswith(f + ".")]
            assert not bad, f"{path.relative_to(ROOT)} imports medreform_check.{module}"


def test_the_package_root_holds_only_what_every_layer_shares() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 10, modules


def test_no_module_is_longer_than_450_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := p.read_text(encoding="utf-8").count("\n")) > 450
    }
    assert not long, long
