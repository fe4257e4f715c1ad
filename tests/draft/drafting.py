"""Helpers for the drafting tests: the validity check every draft must pass."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from medreform_check.commands.validate import validate_paths
from medreform_check.draft import Draft

from helpers import ROOT

DraftText = Callable[..., Draft]


def assert_valid(draft: Draft, folder: Path) -> None:
    """The draft passes `validate` with no error (warnings allowed), as the contract says."""
    path = folder / f"{draft.head.id}.yaml"
    path.write_text(draft.text, encoding="utf-8")
    validation = validate_paths([path], ROOT / "rules")
    errors = [str(f) for r in validation.files for f in r.findings if f.is_error]
    assert validation.errors == 0, errors


# A notice carrying a three-year plan and a one-year work programme.
NOTICE = """某市人民政府关于印发《某市医改三年行动方案（2024—2026年）》《某市2024年医改工作要点》的通知
各区人民政府：
现将《某市医改三年行动方案（2024—2026年）》印发给你们，请认真贯彻执行。
某市人民政府
2024年3月1日
某市医改三年行动方案（2024—2026年）
一、主要目标
到2026年，县域内就诊率达到90%。（市卫生健康委牵头，市医保局配合）
某市2024年医改工作要点
一、深化医疗改革
（一）推进医共体建设。
建立医共体总额付费机制。提高基层诊疗量占比，达到65%。
（市卫生健康委、市财政局等按职责分工负责）
持续推进各项工作落地见效。
"""
