"""Issue 17 through the command line: a provincial plan with a hierarchy, a pooled rate,
units named by alias, a unit that reports only once a year, and the lint that guards them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, run_cli

PLAN = """schema_version: 1
plan:
  id: prov
  title: 省级方案
  period: {start: 2024-01-01, end: 2025-12-31}
  reporting: {every: quarter, due_days: 15}
indicators:
  county_visits: {name: 县域内就诊人次, kind: count, min: 0, better: higher}
  all_visits: {name: 总就诊人次, kind: count, min: 0, better: higher}
  county_rate:
    name: 本地就诊率（池化）
    kind: rate
    unit: "%"
    better: higher
    ratio_of: [county_visits, all_visits]
units:
  - {id: province, name: 省卫健委}
  - {id: city-a, name: 甲市, parent: province, aliases: [甲市卫健委]}
  - {id: city-b, name: 乙市, parent: province, reports: year}
tasks:
  - id: county-rate
    title: 县域内就诊率达到60%
    lead: province
    owners: [city-a, city-b]
    aggregate: pooled
    indicator: county_rate
    target: ">= 60"
    deadline: 2024-06-30
"""

# 甲市 (by its alias) gives numerator and denominator: 100 × 900 ÷ 1,000 = 90 %.
# 乙市 gives only its rate: it cannot be pooled, so it counts as missing.
SUBMISSION = """单位,报告期,指标,数值
甲市卫健委,2024-Q2,county_visits,900
甲市卫健委,2024-Q2,all_visits,1000
乙市,2024-Q2,county_rate,50
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    plan, subs = tmp_path / "plan.yaml", tmp_path / "subs.csv"
    plan.write_text(PLAN, encoding="utf-8")
    subs.write_text(SUBMISSION, encoding="utf-8")
    return plan, subs


def test_a_pooled_rate_with_a_unit_that_gave_only_the_rate(files: tuple[Path, Path]) -> None:
    plan, subs = files
    argv = ["audit", str(plan), "-s", str(subs), "--as-of", "2024-07-31", "--format", "json"]
    result = run_cli([*argv, "--rules", str(ROOT / "rules")])
    assert result.exit_code == 1  # missed
    data = json.loads(result.stdout)
    (rate,) = data["results"]
    assert (rate["status"], rate["actual"], rate["missing_units"]) == ("missed", 90, ["city-b"])
    assert rate["message"] == (
        "乙市 reported the rate without numerator and denominator (counted as missing)"
    )
    assert data["rejected"] == [] and data["warnings"] == []
    # A pooled instance is each unit's by its status: both overdue.
    assert [(u["unit"], u["parent"], u["overdue"]) for u in data["units"]] == [
        ("city-a", "province", 1),
        ("city-b", "province", 1),
    ]
    # 甲市 owes quarterly reports (Q1 missing; Q2 sent without a date: received);
    # 乙市 reports once a year, and 2024 has not ended.
    assert [(e["unit"], e["period"], e["status"]) for e in data["reporting"]] == [
        ("city-a", "2024-Q1", "missing"),
        ("city-a", "2024-Q2", "received"),
    ]


def test_the_plan_validates_clean(files: tuple[Path, Path]) -> None:
    result = run_cli(["validate", str(files[0]), "--rules", str(ROOT / "rules")])
    assert result.exit_code == 0, result.stdout


def test_template_takes_a_units_alias(files: tuple[Path, Path]) -> None:
    argv = ["template", str(files[0]), "--unit", "甲市卫健委", "--period", "2024-Q2"]
    result = run_cli([*argv, "--rules", str(ROOT / "rules")])
    assert result.exit_code == 0, result.stderr
    form = yaml.safe_load(result.stdout)
    assert form["unit"] == "city-a"
    # A pooled rate needs each unit's numerator and denominator: the form asks for them.
    assert [row["indicator"] for row in form["values"]] == [
        "county_rate",
        "county_visits",
        "all_visits",
    ]
    assert "the numerator of 本地就诊率（池化）" in result.stdout


def test_a_cycle_of_parents_stops_the_audit_with_its_line(files: tuple[Path, Path]) -> None:
    plan, subs = files
    plan.write_text(
        PLAN.replace("name: 省卫健委}", "name: 省卫健委, parent: city-a}"), encoding="utf-8"
    )
    result = run_cli(["audit", str(plan), "-s", str(subs), "--rules", str(ROOT / "rules")])
    assert result.exit_code == 2
    # Line 17 holds province's parent, line 18 city-a's: both are on the cycle.
    assert f"{plan}:17:" in result.stderr and "province → city-a → province" in result.stderr
    assert f"{plan}:18:" in result.stderr and "[unit-parent]" in result.stderr
