"""Overflow and non-finite arithmetic (issue 13): each a located finding, never exit 3."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_cli

CATALOGUE = """schema_version: 1
indicators:
  visits: {name: 远程医疗服务人次, kind: count, unit: 人次, min: 0, better: higher}
  spend: {name: 支出, kind: amount, unit: 元, better: none}
  staff: {name: 人员, kind: amount, unit: 人, better: none}
"""
CHECKS = """schema_version: 1
checks:
  - id: per-head
    rule: spend / staff - spend / staff == 0
    severity: error
    message: 人均支出自洽
"""
PLAN = """schema_version: 1
plan: {id: ov, title: 溢出, period: {start: 2023-01-01, end: 2025-12-31}}
units: [{id: a, name: 甲}, {id: b, name: 乙}]
tasks:
  - {id: tele, title: 远程医疗, owners: [a, b], aggregate: sum, indicator: visits, target: ">= 100", deadline: 2024-12-31}
  - {id: spend, title: 支出, owners: [a], indicator: spend, target: ">= 1", deadline: 2024-12-31}
"""


def audit(tmp_path: Path, rows: str) -> tuple[int, dict[str, object]]:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "indicators.yaml").write_text(CATALOGUE, encoding="utf-8")
    (rules / "checks.yaml").write_text(CHECKS, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text("unit,period,indicator,value,as_of\n" + rows, encoding="utf-8")
    result = run_cli(["audit", str(tmp_path / "plan.yaml"), "-s", str(tmp_path / "s.csv"),
                      "--rules", str(rules), "--as-of", "2025-06-30", "-f", "json",
                      "--fail-on", "none"])  # fmt: skip
    return result.exit_code, json.loads(result.stdout)


def test_counts_whose_sum_would_overflow_are_rejected_naming_the_limit(tmp_path: Path) -> None:
    # 1e308 + 1e308 is infinity in floating point; each value is refused at the limit (10^15)
    rows = "".join(f"{u},2024-Q1,visits,1e308,2024-03-31\n" for u in ("a", "b"))
    rows += "a,2024-Q2,visits," + "9" * 401 + ",2024-06-30\n"  # a 401-digit integer
    code, data = audit(tmp_path, rows)
    assert code == 1  # rejected rows
    reasons = [(r["line"], r["reason"]) for r in data["rejected"]]  # type: ignore[attr-defined]
    assert reasons[:2] == [
        (2, "value: '1e308' is too large a number (the limit is 10^15 either side of zero)"),
        (3, "value: '1e308' is too large a number (the limit is 10^15 either side of zero)"),
    ]
    assert reasons[2][0] == 4 and "too large a number" in reasons[2][1]
    tele = next(r for r in data["results"] if r["task"] == "tele")  # type: ignore[attr-defined]
    assert tele["status"] == "unreported"


def test_the_largest_values_allowed_still_add_up(tmp_path: Path) -> None:
    rows = "".join(f"{u},2024-Q1,visits,1e15,2024-03-31\n" for u in ("a", "b"))
    code, data = audit(tmp_path, rows)
    tele = next(r for r in data["results"] if r["task"] == "tele")  # type: ignore[attr-defined]
    assert (code, tele["status"], tele["actual"]) == (0, "met", 2e15)


def test_a_check_whose_result_is_not_a_number_is_skipped_with_a_warning(tmp_path: Path) -> None:
    # 1e15 / 1e-300 overflows to infinity; infinity − infinity is NaN: nothing can be
    # concluded, so the check is skipped with a located warning — no row rejected, no crash.
    rows = "a,2024-Q4,spend,1e15,2024-12-31\na,2024-Q4,staff,1e-300,2024-12-31\n"
    code, data = audit(tmp_path, rows)
    assert code == 0
    assert data["rejected"] == []
    assert [(w["line"], w["reason"]) for w in data["warnings"]] == [  # type: ignore[attr-defined]
        (3, "check 'per-head' skipped for 2024-12-31: its result is not a finite number")
    ]


def test_format_number_never_fails() -> None:
    from medreform_check.render.common import json_number
    from medreform_check.vocabulary import format_number

    assert format_number(float("inf")) == "inf" and format_number(float("nan")) == "nan"
    assert json_number(float("inf")) is None
