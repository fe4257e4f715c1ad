"""Shared fixtures: the repository's own files, and an environment that does not leak in."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never depend on the machine's locale or colour settings."""
    monkeypatch.setenv("LANG", "C")
    for name in ("LC_ALL", "LC_MESSAGES", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def rules_dir() -> Path:
    return ROOT / "rules"
