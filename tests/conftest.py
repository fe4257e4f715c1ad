"""Shared fixtures: paths to the repository's own files."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT


@pytest.fixture
def rules_dir() -> Path:
    return ROOT / "rules"
