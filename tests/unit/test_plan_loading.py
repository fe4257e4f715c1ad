"""Plan files: every field parsed, every problem located on its line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from medreform_check.lint import lint_plan
from medreform_check.loading.plan import plan_from
from medreform_check.loading.yamldoc import load_yaml_text
from medreform_check.model import Catalogue, Indicator

CATALOGUE = Catalogue(
    {
        "emr_level": Indicator(
            "emr_level", "EMR", "level", "级", min=0, max=8, integer=True, better="higher"
        ),
        "local_visit_rate": Indicator("local_visit_rate", "就诊率", "rate", "%", better="higher"),
        "revenue_structure": Indicator(
            "revenue_structure", "结构", "composition", "%", parts=("a", "b", "c")
        ),
    }
)

HEAD = """schema_version: 1
plan:
  id: p
  title: 方案
  period: {start: 2023-01-01, end: 2025-12-31}
units:
  - {id: bureau, name: 疾控局}
  - {id: hospital, name: 综合医院, class: [secondary-public-hospital]}
tasks:
"""


def load(tasks: str) -> tuple[object, list[str]]:
    doc = load_yaml_text(HEAD + tasks, "p.yaml")
    plan, findings = plan_from(doc)
    if plan is not None:
        findings += lint_plan(plan, CATALOGUE, doc)
    return plan, [f"{f.where.line}:{f.where.col} {f.code}" for f in findings]


def test_a_full_plan_loads(tmp_path: Path) -> None:
    plan, found = load(
        """  - id: emr
    title: 电子病历3级
    section: 五
    source: 五（十）
    lead: bureau
    owner_class: secondary-public-hospital
    aggregate: mean
    indicator: emr_level
    target: ">= 3"
    deadline: 2023年底
    aspirational: true
  - id: visits
    title: 就诊率
    owners: [hospital]
    indicator: local_visit_rate
    stages:
      - {deadline: 2024, target: 不低于75%}
      - {deadline: 2025-Q4, target: {op: ">=", value: 80}}
    waived: {reason: 政策调整, until: 2024-03-31}
  - id: meet
    title: 每年两次
    lead: bureau
    every: half
    from: 2023-09-28
    until: 2025-06-30
    evidence: required
"""
    )
    assert found == []
    emr, visits, meet = plan.tasks  # type: ignore[attr-defined]
    assert (emr.deadline, str(emr.target), emr.aggregate, emr.aspirational) == (
        date(2023, 12, 31),
        ">= 3",
        "mean",
        True,
    )
    assert plan.units_in_scope(emr) == ("hospital",)  # type: ignore[attr-defined]
    assert [(s.deadline, str(s.target)) for s in visits.stages] == [
        (date(2024, 12, 31), ">= 75"),
        (date(2025, 12, 31), ">= 80"),
    ]
    assert visits.waived.until == date(2024, 3, 31)
    assert (meet.every, meet.start, meet.until, meet.evidence_required) == (
        "half",
        date(2023, 9, 28),
        date(2025, 6, 30),
        True,
    )
    assert plan.units_in_scope(meet) == ("bureau",)  # type: ignore[attr-defined]  # the lead reports


def test_unknown_references_are_located() -> None:
    _, found = load(
        """  - id: t
    title: T
    owners: [hospital, hospitl]
    owner_class: clinic
    indicator: emr_levle
    target: ">= 3"
    deadline: 2023
"""
    )
    assert found == ["12:24 unknown-unit", "13:18 unknown-class", "14:16 unknown-indicator"]


def test_bad_values_are_located() -> None:
    _, found = load(
        """  - id: t
    title: T
    lead: bureau
    indicator: emr_level
    target: 至少三级
    deadline: 2023年13月
    from: 2023-02-30
"""
    )
    assert found == ["14:13 bad-target", "15:15 bad-deadline", "16:11 bad-date"]


def test_ambiguous_deadline_warns() -> None:
    _, found = load("  - id: t\n    title: T\n    lead: bureau\n    deadline: 2025年前\n")
    assert found == ["13:15 ambiguous-deadline"]


def test_timing_forms() -> None:
    _, found = load(
        "  - id: none\n    title: T\n    lead: bureau\n"
        "  - id: two\n    title: T\n    lead: bureau\n    deadline: 2024\n    every: year\n"
    )
    assert found == ["10:5 timing-form", "17:12 timing-form"]


def test_targets_that_do_not_fit() -> None:
    _, found = load(
        """  - id: ratio-on-level
    title: T
    lead: bureau
    indicator: emr_level
    target: ratio 5:3:2
    deadline: 2024
  - id: milestone-with-target
    title: T
    lead: bureau
    target: increase
    deadline: 2024
  - id: no-target
    title: T
    lead: bureau
    indicator: emr_level
    deadline: 2024
  - id: comparison-on-composition
    title: T
    lead: bureau
    indicator: revenue_structure
    target: ">= 50"
    deadline: 2024
"""
    )
    assert found == [
        "14:13 target-kind",
        "19:13 target-kind",
        "21:5 target-kind",
        "30:13 target-kind",
    ]


def test_target_bounds_and_units() -> None:
    _, found = load(
        """  - id: over
    title: T
    lead: bureau
    indicator: local_visit_rate
    target: ">= 120"
    deadline: 2024
  - id: fraction
    title: T
    lead: bureau
    indicator: emr_level
    target: ">= 2.5"
    deadline: 2024
  - id: wrong-unit
    title: T
    lead: bureau
    indicator: emr_level
    target: 不低于3%
    deadline: 2024
"""
    )
    assert found == ["14:13 target-bounds", "20:13 target-bounds", "26:13 target-unit"]


def test_stages_must_increase() -> None:
    _, found = load(
        "  - id: t\n    title: T\n    lead: bureau\n    indicator: emr_level\n"
        "    stages:\n      - {deadline: 2025, target: '>= 3'}\n      - {deadline: 2024, target: '>= 4'}\n"
    )
    assert found == ["16:20 stage-order"]


def test_duplicate_task_ids() -> None:
    _, found = load(
        "  - id: t\n    title: A\n    lead: bureau\n    deadline: 2024\n  - id: t\n    title: B\n    lead: bureau\n    deadline: 2025\n"
    )
    assert found == ["14:9 duplicate-id"]


def test_plan_indicator_may_not_redefine_the_catalogue() -> None:
    doc = load_yaml_text(
        HEAD.replace(
            "tasks:\n",
            "indicators:\n  emr_level: {name: EMR, kind: level, max: 5, better: higher}\ntasks: []\n",
        ),
        "p.yaml",
    )
    plan, findings = plan_from(doc)
    assert plan is not None
    found = [
        f"{f.where.line}:{f.where.col} {f.code}" for f in findings + lint_plan(plan, CATALOGUE, doc)
    ]
    assert found == ["10:3 indicator-redefined"]


def test_schema_errors_are_all_reported_and_set_their_task_aside() -> None:
    plan, found = load("  - id: t\n    titel: T\n    deadline: [2024]\n")
    assert found == ["10:5 schema", "11:5 schema", "12:15 schema"]
    assert plan is not None and plan.tasks == ()  # type: ignore[attr-defined]


def lint_all(text: str) -> list[str]:
    doc = load_yaml_text(text, "p.yaml")
    plan, findings = plan_from(doc)
    if plan is not None:
        findings += lint_plan(plan, CATALOGUE, doc)
    return [f"{f.where.line} {f.code}" for f in sorted(findings, key=lambda f: f.where.line or 0)]


def test_a_schema_error_leaves_every_other_check_running() -> None:
    # Issue 14: one unknown key (line 13) used to hide the rest of the plan. The other
    # tasks are still checked: an unknown indicator (line 16), a bad deadline (line 19), a
    # duplicate id (line 20); the header's unknown key is dropped, not the plan.
    text = HEAD.replace("  title: 方案\n", "  title: 方案\n  colour: red\n") + (
        "  - {id: a, title: A, lead: bureau, deadline: 2024-12-31, colour: red}\n"
        "  - id: b\n    title: B\n    lead: bureau\n    indicator: nothing_like_it\n"
        "    target: '>= 3'\n    deadline: 2024-12-31\n"
        "  - {id: c, title: C, lead: bureau, deadline: 明年}\n"
        "  - {id: c, title: C again, lead: bureau, deadline: 2024-12-31}\n"
    )
    # Lines: the header's `colour` is line 5, so the tasks start at line 11.
    assert lint_all(text) == [
        "5 schema",
        "11 schema",
        "15 unknown-indicator",
        "18 bad-deadline",
        "19 duplicate-id",
    ]


def test_a_broken_plan_indicator_sets_aside_the_tasks_it_measures() -> None:
    # The plan's own indicator lacks `better` (line 10): the task measured by it (line 12)
    # is not checked, since its target could not be judged; the other task is (line 13).
    text = HEAD.replace("tasks:\n", "indicators:\n  own: {name: Own, kind: rate}\ntasks:\n") + (
        "  - {id: a, title: A, lead: bureau, indicator: own, target: '>= 1', deadline: 2024}\n"
        "  - {id: b, title: B, lead: nobody, deadline: 2024}\n"
    )
    assert lint_all(text) == ["10 schema", "13 unknown-unit"]


def test_without_its_id_or_period_there_is_no_plan_to_check() -> None:
    task = "  - {id: a, title: A, lead: bureau, deadline: 2024}\n"
    doc = load_yaml_text(HEAD.replace("  id: p\n", "") + task, "p.yaml")
    plan, findings = plan_from(doc)
    assert plan is None
    assert [f.code for f in findings] == ["schema"]
