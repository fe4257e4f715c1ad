"""Drafting a plan from small documents written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from drafting import DraftText, assert_valid

from medreform_check.draft import Draft, draft_plan
from medreform_check.draft.core import Catalogue, read_catalogue

from helpers import ROOT


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return read_catalogue(ROOT / "rules")


@pytest.fixture
def draft_text(tmp_path: Path, catalogue: Catalogue) -> DraftText:
    """Write ``text`` to a file with ``suffix``, draft it, and check the draft validates."""

    def run(text: str, suffix: str = ".txt", **kwargs: str) -> Draft:
        path = tmp_path / f"doc{suffix}"
        path.write_text(text, encoding="utf-8")
        draft = draft_plan(path, catalogue, **kwargs)
        assert_valid(draft, tmp_path)
        return draft

    return run
