"""The benchmark's quality figures on the seed notice (quality, not timing: safe to assert)."""

from __future__ import annotations

import sys

from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from draft_quality import TARGETS, clauses_of, measure, table


def test_the_draft_of_the_seed_notice_meets_the_targets() -> None:
    quality = measure()
    assert quality.recall >= TARGETS["recall"], table(quality)
    assert quality.precision >= TARGETS["precision"], table(quality)
    assert quality.deadline >= TARGETS["deadline"], table(quality)


def test_hand_sources_are_split_into_clauses() -> None:
    assert clauses_of("六（一）一；二（三）；工作要点 二（三）") == [
        "六（一）一",
        "二（三）",
        "工作要点 二（三）",
    ]
    assert clauses_of("五（十二）—（十四）") == ["五（十二）", "五（十三）", "五（十四）"]


def test_the_documentation_shows_the_measured_table() -> None:
    documented = (ROOT / "docs" / "draft.md").read_text(encoding="utf-8")
    assert table(measure()) in documented, (
        "update docs/draft.md: python benchmarks/draft_quality.py"
    )
