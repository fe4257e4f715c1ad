"""Whole documents drafted end to end; every draft validates (conftest.draft_text)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from drafting import NOTICE, DraftText, assert_valid

from medreform_check.draft import Draft, draft_plan
from medreform_check.draft.core import Catalogue, MedreformError

from helpers import ROOT


def _task(draft: Draft, source: str, k: int = 0) -> dict[str, object]:
    """A drafted task as the YAML file says it (loaded back, not taken from the data)."""
    tasks = [t for t in yaml.safe_load(draft.text)["tasks"] if t["source"] == source]
    return tasks[k]  # type: ignore[no-any-return]


def test_a_notice_with_a_plan_and_a_work_programme(draft_text: DraftText) -> None:
    draft = draft_text(NOTICE)
    plan = yaml.safe_load(draft.text)["plan"]
    assert plan == {
        "id": "plan-2024-2026",
        "title": "某市医改三年行动方案（2024—2026年）及2024年医改工作要点",
        "issuer": "某市人民政府",
        "issued": "2024-03-01",
        "period": {"start": "2024-01-01", "end": "2026-12-31"},
    }
    units = yaml.safe_load(draft.text)["units"]
    assert units == [
        {"id": "unit-01", "name": "市卫生健康委"},
        {"id": "unit-02", "name": "市医保局"},
        {"id": "unit-03", "name": "市财政局"},
    ]
    goal = _task(draft, "一")
    assert goal["deadline"] == "到2026年" and goal["target"] == ">= 90"
    assert goal["indicator"] == "local_visit_rate"  # 县域内就诊率 is an alias
    assert (goal["lead"], goal["owners"]) == ("unit-01", ["unit-01", "unit-02"])
    # The 2024 work programme: its deliverable is due that year's end, and so is its
    # undated target; 提高…占比，达到65% is one target, not a direction and a number.
    built = _task(draft, "工作要点 一（一）", 0)
    assert built["title"] == "建立医共体总额付费机制" and built["deadline"] == "2024年底"
    assert "indicator" not in built and built["owners"] == ["unit-01", "unit-03"]
    share = _task(draft, "工作要点 一（一）", 1)
    assert (share["target"], share["deadline"]) == (">= 65", "2024年底")
    assert "undated: the document's title names 2024" in draft.text
    # The closing paragraph (持续推进…) is continuing work: listed, not a task.
    assert "#   工作要点 末段  [cont] 持续推进各项工作落地见效" in draft.text


FIVE = """某省卫生健康发展规划（2021—2025年）
一、发展目标
到2025年，县域内就诊率达到90%，人均预期寿命达82.4岁，个人卫生支出占卫生总费用的比重降至27%，每千人口执业（助理）医师数达到3.2人，家庭医生签约服务覆盖率力争达到75%。
"""


def test_a_sentence_with_five_targets_gives_five_tasks(draft_text: DraftText) -> None:
    draft = draft_text(FIVE)
    tasks = yaml.safe_load(draft.text)["tasks"]
    assert [(t["target"], t["deadline"], t.get("aspirational", False)) for t in tasks] == [
        (">= 90", "到2025年", False),
        (">= 82.4", "到2025年", False),
        ("<= 27", "到2025年", False),
        (">= 3.2", "到2025年", False),
        (">= 75", "到2025年", True),
    ]
    assert [t["title"] for t in tasks][1] == "到2025年，人均预期寿命达82.4岁"
    assert tasks[0]["indicator"] == "local_visit_rate"
    assert tasks[4]["indicator"] == "family_doctor_signing_rate"
    # The other three are plan-local stubs, named after what they measure.
    stubs = yaml.safe_load(draft.text)["indicators"]
    assert [(s["name"], s["kind"], s["unit"]) for s in stubs.values()] == [
        ("人均预期寿命", "amount", "岁"),
        ("个人卫生支出占卫生总费用的比重", "rate", "%"),
        ("每千人口执业（助理）医师数", "amount", "人"),
    ]
    assert "# TODO: plan-local indicators" in draft.text
    assert [t["id"] for t in tasks] == ["a1-1", "a1-2", "a1-3", "a1-4", "a1-5"]


WORK_POINTS = """# 某县2024年卫生健康工作要点

## 一、重点工作

（一）提升基层能力。居民电子健康档案建档率提高到80%以上。每季度开展1次督导检查。持续深化综合改革。

（二）完善运行机制。建立健全县域医共体绩效考核制度。探索建立薪酬激励机制。
"""


def test_a_one_year_programme_dates_its_undated_targets(draft_text: DraftText) -> None:
    draft = draft_text(WORK_POINTS, ".md")
    assert yaml.safe_load(draft.text)["plan"]["period"] == {
        "start": "2024-01-01",
        "end": "2024-12-31",
    }
    filing = _task(draft, "一（一）", 0)
    assert filing["indicator"] == "ehr_filing_rate" and filing["target"] == ">= 80"
    assert filing["deadline"] == "2024年底"
    checks = _task(draft, "一（一）", 1)
    assert (checks["every"], checks["target"]) == ("quarter", ">= 1")
    assert _task(draft, "一（二）")["title"] == "建立健全县域医共体绩效考核制度"
    assert "#   一（一）  [cont] 持续深化综合改革" in draft.text
    assert "#   一（二）  [cont] 探索建立薪酬激励机制" in draft.text
    # No unit is named: each task says so and uses the placeholder.
    assert draft.text.count("# TODO: the text names no responsible unit") == 3


def test_a_docx_assignment_table_gives_lead_and_owners(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for text in (
        "某县医共体建设实施方案（2024—2025年）",
        "一、重点任务",
        "（一）建立医共体理事会。2024年底前成立医共体理事会。",
        "（二）推进药品统一采购。到2025年，医共体内药品统一采购率达到100%。",
    ):
        document.add_paragraph(text)
    rows = [
        ("序号", "重点任务", "牵头单位", "责任单位", "完成时限"),
        ("1", "成立医共体理事会", "县卫生健康局", "县委编办、县人民医院", "2024年底前"),
        ("2", "推进药品统一采购，药品统一采购率达到100%", "县医保局", "县人民医院", "2025年底"),
        ("3", "建立健全双向转诊制度", "县卫生健康局", "各乡镇卫生院", "2024年6月底前"),
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    draft = draft_plan(path, catalogue)
    assert_valid(draft, tmp_path)
    names = {u["id"]: u["name"] for u in yaml.safe_load(draft.text)["units"]}
    council = _task(draft, "一（一）")
    assert names[council["lead"]] == "县卫生健康局"
    assert [names[o] for o in council["owners"]] == ["县卫生健康局", "县委编办", "县人民医院"]
    buying = _task(draft, "一（二）")
    assert [names[o] for o in buying["owners"]] == ["县医保局", "县人民医院"]
    assert (buying["target"], buying["deadline"]) == (">= 100", "到2025年")
    # Row 3 restates no clause of the text: it is a task of its own, due by its 完成时限.
    referral = _task(draft, "任务分工表第3项")
    assert referral["title"] == "建立健全双向转诊制度"
    assert referral["deadline"] == "2024年6月底前" and referral["section"] == "任务分工表"
    assert [names[o] for o in referral["owners"]] == ["县卫生健康局", "各乡镇卫生院"]


def test_html_scripts_and_styles_are_never_read(draft_text: DraftText) -> None:
    page = (
        "<html><head><style>p{}</style><script>x='2024年底达到100%'</script></head><body>"
        "<h1>某区卫生健康三年行动计划（2024—2026年）</h1><script>每月至少10次</script>"
        "<p>一、主要目标</p><p>到2026年，居民电子健康档案建档率达到&#57;0%。</p>"
        "<noscript>每年1次</noscript></body></html>"
    )
    draft = draft_text(page, ".html")
    (task,) = yaml.safe_load(draft.text)["tasks"]
    assert (task["target"], task["deadline"]) == (">= 90", "到2026年")
    assert "每月" not in draft.text and "每年1次" not in draft.text


def test_plan_id_override_and_bad_ids(draft_text: DraftText) -> None:
    assert draft_text(FIVE, plan_id="prov-2021").head.id == "prov-2021"
    with pytest.raises(MedreformError, match="is not a plan id"):
        draft_text(FIVE, plan_id="Prov 2021")


def test_the_seed_notice_drafts_valid_and_byte_for_byte_the_same(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    document = ROOT / "examples" / "documents" / "alxa-hitech-2023-83.txt"
    first, second = draft_plan(document, catalogue), draft_plan(document, catalogue)
    assert first.text == second.text
    assert_valid(first, tmp_path)
    loaded = yaml.safe_load(first.text)
    assert loaded["plan"]["document_no"] == "阿高管发〔2023〕83号"
    assert [t["id"] for t in loaded["tasks"]] == [t.id for t in first.tasks]
    assert [t["title"] for t in loaded["tasks"]] == [t.title for t in first.tasks]
    sources = {t["source"] for t in loaded["tasks"]}
    assert {"五（十）", "六（一）三", "工作要点 三（三）", "工作要点 末段"} <= sources
    emr = next(t for t in loaded["tasks"] if t.get("indicator") == "emr_level")
    assert emr == {
        "id": "a5-10-1",
        "title": "力争到2023年底，二级公立医院电子病历应用水平平均级别达到3级",
        "section": "五、改善医疗服务三年攻坚行动",
        "source": "五（十）",
        "lead": "unassigned",
        "owners": ["unassigned"],
        "aggregate": "mean",
        "indicator": "emr_level",
        "target": ">= 3",
        "deadline": "到2023年底",
    }


def test_dates_outside_the_title_years_widen_the_period(draft_text: DraftText) -> None:
    draft = draft_text("某县2024年医改工作要点\n一、重点工作\n到2025年，签约率达到80%。\n")
    period = yaml.safe_load(draft.text)["plan"]["period"]
    assert period == {"start": "2024-01-01", "end": "2025-12-31"}
    assert 'period: {start: "2024-01-01", end: "2025-12-31"}  # see the notes above' in draft.text
    assert "TODO: the text names dates outside the title's years" in draft.text
