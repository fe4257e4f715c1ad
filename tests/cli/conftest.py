"""A small plan and submissions on disk, for driving the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import SMALL_PLAN as PLAN
from helpers import SMALL_SUBMISSION as SUBMISSION


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "hospital-2023Q4.yaml").write_text(SUBMISSION, encoding="utf-8")
    return {"plan": plan, "subs": subs, "dir": tmp_path}
