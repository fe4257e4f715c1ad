"""Any text at all: a valid draft or a clear error, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from medreform_check.draft import draft_plan
from medreform_check.draft.core import Catalogue, MedreformError, read_catalogue
from medreform_check.lint import lint_plans
from medreform_check.loading.plan import plan_from
from medreform_check.loading.yamldoc import load_yaml_text

from helpers import ROOT

# Pieces of plan language, mixed at random: numbering, dates, targets, notes, titles, noise.
PIECES = (
    *("一、", "（一）", "（二）", "1.", "（1）", "①", "一是", "二是", "。", "；", "，", "、", "\n"),
    *("到2025年", "2023年底", "2024年5月底前", "2025年前", "2023年到2025年", "利用3年时间", "年内"),
    *("达到", "不低于", "降至", "80%", "3级", "两次", "每年", "每季度", "季调度", "半年通报"),
    *("提高", "降低", "就诊率", "比例", "力争", "争取", "建立", "开展", "接近5:3:2", "平均"),
    *("（市卫健委牵头，市医保局配合）", "（A局、B局等按职责分工负责）", "责任单位：C局"),
    *("《方案（2023年）》", "〔2021〕", "某县2024年工作要点\n", "某市行动方案（2024—2026年）\n"),
    *("关于印发《某方案》的通知\n", "发文字号：", "|", "控制在85%", "1.5倍", "x", " ", "\u2028"),
)
CATALOGUE: Catalogue = read_catalogue(ROOT / "rules")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=80), st.text(max_size=5))
def test_any_text_drafts_valid_or_fails_clearly(pieces: list[str], noise: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_text("".join(pieces) + noise, encoding="utf-8", errors="replace")
        try:
            draft = draft_plan(path, CATALOGUE)
        except MedreformError:
            return
    doc = load_yaml_text(draft.text, "draft.yaml")
    plan, findings = plan_from(doc)
    assert plan is not None, [str(f) for f in findings]
    findings += lint_plans([(doc, plan)], CATALOGUE)
    assert not [str(f) for f in findings if f.is_error]
