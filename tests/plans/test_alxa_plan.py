"""The shipped plan against the source text of 阿高管发〔2023〕83号 (shared/seeds/002)."""

from __future__ import annotations

from datetime import date

import pytest

from medreform_check.lint import lint_plan
from medreform_check.loading.plan import plan_from
from medreform_check.loading.rules import read_catalogue
from medreform_check.loading.yamldoc import load_yaml
from medreform_check.model import Plan, Task

from helpers import ROOT

PATH = ROOT / "plans" / "alxa-hitech-2023-2025.yaml"


@pytest.fixture(scope="module")
def plan() -> Plan:
    doc = load_yaml(PATH)
    loaded, findings = plan_from(doc)
    assert loaded is not None
    findings += lint_plan(loaded, read_catalogue(ROOT / "rules"), doc)
    # Clean: the ambiguous 2025年前 (五（六）) is written as 2025年底前, with its reason.
    assert findings == []
    return loaded


def find(plan: Plan, ident: str) -> Task:
    (task,) = [t for t in plan.tasks if t.id == ident]
    return task


def test_header_and_size(plan: Plan) -> None:
    assert (plan.id, plan.document_no, plan.issued) == (
        "alxa-hitech-2023-2025",
        "阿高管发〔2023〕83号",
        date(2023, 9, 28),
    )
    assert (plan.start, plan.end) == (date(2023, 1, 1), date(2025, 12, 31))
    assert len(plan.tasks) == 84
    assert len(plan.units) == 15
    # Both documents of the notice are encoded.
    assert sum(t.id.startswith("wp-") for t in plan.tasks) == 29


# (task, deadline or every, target, units in scope, aspirational, source) — each from the text.
SPOT_CHECKS = [
    # 五（十）"力争到2023年底，二级公立医院电子病历应用水平平均级别达到3级，智慧服务平均级别力争达到2级，
    # 智慧管理平均级别力争达到1级": the repeated 力争 marks the two smart-hospital levels.
    ("emr-level", date(2023, 12, 31), ">= 3", ("general-hospital",), False, "五（十）"),
    (
        "smart-service-level-2023",
        date(2023, 12, 31),
        ">= 2",
        ("general-hospital",),
        True,
        "五（十）",
    ),
    (
        "smart-management-level-2023",
        date(2023, 12, 31),
        ">= 1",
        ("general-hospital",),
        True,
        "五（十）",
    ),
    # 五（九）"力争到2023年底，二级医疗机构的医学检验实验室均纳入结果互认体系"
    (
        "lab-recognition-2023",
        date(2023, 12, 31),
        "== 100",
        ("general-hospital",),
        True,
        "五（九）；六（一）四",
    ),
    # 四（八）"2023年底，旗域医共体统一信息平台基本建成"
    ("info-platform-2023", date(2023, 12, 31), "done", ("general-hospital",), False, "四（八）"),
    # 五（三）"2024年5月底前二级公立医院…开展'一站式服务中心'建设"
    ("one-stop-center", date(2024, 5, 31), "done", ("general-hospital",), False, "五（三）"),
    # 五（一）"2024年综合医院…全部设立和完善医疗质量管理委员会"
    (
        "quality-committee-2024",
        date(2024, 12, 31),
        "done",
        ("general-hospital",),
        False,
        "五（一）；三（四）",
    ),
    # 五（四）"分时段预约精确到30分钟" (dated by 六（一）四, the 2023 targets)
    (
        "appointment-slot-30min",
        date(2023, 12, 31),
        "<= 30",
        ("general-hospital",),
        False,
        "五（四）；六（一）四",
    ),
    # 五（六）"2025年前，完成二级医疗机构手术麻醉系统建设" (ambiguous; encoded as 2025年底前)
    ("anaesthesia-system", date(2025, 12, 31), "done", ("general-hospital",), False, "五（六）"),
    # 五（五）"到2025年，建立基于'五大中心'的急危重症患者救治体系"
    ("five-centres-2025", date(2025, 12, 31), "done", ("general-hospital",), False, "五（五）"),
    # 五（七）"2025年底前，二级医疗机构上岗的医疗护理人员全部经培训并取得相应合格资质"
    (
        "nurses-certified-2025",
        date(2025, 12, 31),
        "== 100",
        ("general-hospital",),
        False,
        "五（七）",
    ),
    # 六（二）二 "实现…微创诊疗技术旗域全覆盖" (2024年度任务目标)
    (
        "minimally-invasive-coverage",
        date(2024, 12, 31),
        "done",
        ("general-hospital",),
        False,
        "六（二）二；三（二）",
    ),
    # 六（一）一 "年内完成一次医疗技术服务价格调整"
    (
        "price-adjustment-2023",
        date(2023, 12, 31),
        ">= 1",
        ("cdc-bureau",),
        False,
        "六（一）一；二（一）",
    ),
    # 六（二）一 "医疗服务收入占比较上年同期提升"
    (
        "medical-service-share-2024",
        date(2024, 12, 31),
        "increase",
        ("general-hospital",),
        False,
        "六（二）一",
    ),
    # 六（三）一 "医务性收入、药品耗材收入、检查检验收入比例接近5:3:2"
    (
        "revenue-structure-532",
        date(2025, 12, 31),
        "ratio 5:3:2 ± 5",
        ("general-hospital",),
        False,
        "六（三）一",
    ),
    # 二（三）"到2025年…实现收支平衡、略有结余"
    ("balance-surplus", date(2025, 12, 31), ">= 0", ("general-hospital",), False, "二（三）"),
    # 工作要点 一（四）"提高高新区、示范区内就诊率，争取达到80%"
    ("wp-local-visit-80", date(2023, 12, 31), ">= 80", ("cdc-bureau",), True, "工作要点 一（四）"),
    # 工作要点 二（一）"2023年底前按要求落实全盟公立医院院长及副院长聘任制工作"
    (
        "wp-president-appointment",
        date(2023, 12, 31),
        "done",
        ("general-hospital",),
        False,
        "工作要点 二（一）",
    ),
    # 工作要点 三（三）"2023年开展一次医疗服务价格调整工作评估"
    (
        "wp-price-evaluation-2023",
        date(2023, 12, 31),
        "done",
        ("cdc-bureau",),
        False,
        "工作要点 三（三）",
    ),
    # 工作要点 五（二）"2023年培养全科医生数达到任务指标数"
    (
        "wp-gp-training-2023",
        date(2023, 12, 31),
        ">= 100",
        ("cdc-bureau",),
        False,
        "工作要点 五（二）",
    ),
]


@pytest.mark.parametrize(
    ("ident", "deadline", "target", "units", "aspirational", "source"), SPOT_CHECKS
)
def test_dated_tasks_against_the_text(
    plan: Plan,
    ident: str,
    deadline: date,
    target: str,
    units: tuple[str, ...],
    aspirational: bool,
    source: str,
) -> None:
    task = find(plan, ident)
    assert task.deadline == deadline
    assert (str(task.target) if task.target else "done") == target
    assert plan.units_in_scope(task) == units
    assert task.aspirational is aspirational
    assert task.source == source


def test_recurring_duties(plan: Plan) -> None:
    # 四（一）"管委会主任会议每年至少两次专题研究旗域医共体建设事宜"
    meetings = find(plan, "committee-meetings")
    assert (meetings.every, str(meetings.target), meetings.indicator, meetings.lead) == (
        "year",
        ">= 2",
        "committee_meetings",
        "management-committee",
    )
    # 五（二）"每年至少…开展一次…培训和考核；每月对各科室医疗质量关键指标完成情况予以内部公示"
    training = find(plan, "staff-training-yearly")
    assert (training.every, str(training.target)) == ("year", ">= 1")
    assert plan.units_in_scope(training) == (
        "general-hospital",
        "wusitai-health-centre",
        "bayanmuren-health-centre",
    )
    assert (
        find(plan, "quality-disclosure-monthly").every,
        find(plan, "quality-disclosure-monthly").start,
    ) == ("month", date(2023, 10, 1))
    # 七（四）"实施季调度、半年通报、年终评估…每年开展1次专项督查"
    assert [
        find(plan, t).every
        for t in (
            "quarterly-dispatch",
            "half-year-bulletin",
            "year-end-evaluation",
            "special-inspection-yearly",
        )
    ] == ["quarter", "half", "year", "year"]
    # 工作要点 三（七）"继续开展学习推广福建省三明市深化医改经验情况季调度、年通报" — 2023 only
    sanming = [find(plan, t) for t in ("wp-sanming-quarterly", "wp-sanming-annual")]
    assert [(t.every, t.until) for t in sanming] == [
        ("quarter", date(2023, 12, 31)),
        ("year", date(2023, 12, 31)),
    ]


def test_directions(plan: Plan) -> None:
    # 六（二）二 "跨地区就医比例持续下降"; 五（七）"比例逐年明显提高"
    stages = find(plan, "cross-region-visits-down").stages
    assert [(s.deadline, str(s.target)) for s in stages] == [
        (date(2024, 12, 31), "decrease"),
        (date(2025, 12, 31), "decrease"),
    ]
    nursing = find(plan, "quality-nursing-yearly-up")
    assert (nursing.every, str(nursing.target)) == ("year", "increase")


def test_work_point_owners_follow_the_responsibility_lists(plan: Plan) -> None:
    # 工作要点 一（三）"(示范区疾控局…高新区综合医院、乌斯太镇中心卫生院、巴彦木仁卫生院等按职责分工负责)"
    task = find(plan, "wp-division-of-labour-2023")
    assert task.lead == "cdc-bureau"
    assert plan.units_in_scope(task) == (
        "general-hospital",
        "wusitai-health-centre",
        "bayanmuren-health-centre",
    )


def test_every_task_says_where_it_comes_from(plan: Plan) -> None:
    assert all(task.source and task.section for task in plan.tasks)
    names = {unit.name for unit in plan.units.values()}
    for named in (
        "示范区疾控局",
        "高新区综合医院",
        "乌斯太镇中心卫生院",
        "巴彦木仁卫生院",
        "基层党建办",
        "示范区综合办公室",
        "财政金融局",
        "示范区财政局",
        "经济发展局",
        "平安建设办",
        "投资促进局",
        "管委会",
    ):
        assert named in names


def test_the_header_lists_what_was_left_out() -> None:
    header = PATH.read_text(encoding="utf-8").split("schema_version:", 1)[0]
    assert "LEFT OUT" in header
    for clause in ("二（五）", "三（三）", "四（十三）", "五（八）", "七（五）", "总述"):
        assert clause in header
