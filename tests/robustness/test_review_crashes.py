"""Inputs found in review to crash with an internal error (exit 3); each is now a finding."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import ROOT, SMALL_PLAN, run_cli

RULES = str(ROOT / "rules")
HUGE = "9" * 400  # float(HUGE) overflows: an OverflowError anywhere it reaches arithmetic


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(*paths: str) -> tuple[int, str]:
    result = run_cli(["validate", *paths, "--rules", RULES])
    assert "internal error" not in result.stderr, result.stderr
    return result.exit_code, result.stdout


@pytest.mark.parametrize(
    ("old", "new", "line", "code"),
    [
        ("  document_no: 测〔2024〕1号\n", f"  document_no: x\n  warn_days: {HUGE}\n", 6, "schema"),
        ("    deadline: 2023-12-31\n  - id: centre", f"    deadline: {HUGE}\n  - id: centre", 17, "bad-deadline"),
        ('target: ">= 3"', f"target: {{op: '>=', value: {HUGE}}}", 16, "bad-target"),
    ],
    ids=["warn_days", "deadline", "target"],
)  # fmt: skip
def test_a_400_digit_integer_in_a_plan(
    here: Path, old: str, new: str, line: int, code: str
) -> None:
    assert old in SMALL_PLAN
    Path("plan.yaml").write_text(SMALL_PLAN.replace(old, new), encoding="utf-8")
    exit_code, out = validate("plan.yaml")
    assert exit_code == 1
    assert f"plan.yaml:{line}:" in out and f"[{code}]" in out


def test_a_400_digit_integer_in_a_submission(here: Path) -> None:
    Path("plan.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    Path("s.yaml").write_text(
        "schema_version: 1\nunit: hospital\nperiod: 2023-Q4\nvalues:\n"
        f"  - {{indicator: emr_level, value: {HUGE}}}\n"
        f"  - {{task: centre, done: {HUGE}, completed_on: 2024-05-20}}\n",
        encoding="utf-8",
    )
    exit_code, out = validate("plan.yaml", "s.yaml")
    assert exit_code == 1
    assert "s.yaml:5:" in out and "s.yaml:6:" in out and out.count("[row-value]") == 2


@pytest.mark.parametrize(
    ("check", "code"),
    [(f"rule: 'emr_level <= 8', tolerance: {HUGE}", "schema"),
     (f"rule: 'emr_level <= {HUGE}'", "check-syntax")],
    ids=["tolerance", "rule"],
)  # fmt: skip
def test_a_400_digit_integer_in_the_rules(here: Path, check: str, code: str) -> None:
    Path("checks.yaml").write_text(
        f"schema_version: 1\nchecks:\n  - {{id: c, {check}, severity: error, message: m}}\n",
        encoding="utf-8",
    )
    exit_code, out = validate("checks.yaml")
    assert exit_code == 1
    assert "checks.yaml:3:" in out and f"[{code}]" in out


@pytest.mark.parametrize(
    "rule",
    ["(" * 5000 + "emr_level" + ")" * 5000 + " <= 8", "-" * 5000 + "emr_level <= 8",
     " + ".join(["emr_level"] * 5000) + " <= 8"],
    ids=["parentheses", "minus-signs", "a-long-sum"],
)  # fmt: skip
def test_a_check_rule_nested_thousands_deep(here: Path, rule: str) -> None:
    Path("checks.yaml").write_text(
        f"schema_version: 1\nchecks:\n  - {{id: c, rule: '{rule}', severity: error, message: m}}\n",
        encoding="utf-8",
    )
    exit_code, out = validate("checks.yaml")
    assert exit_code == 1
    assert "checks.yaml:3:" in out and "[check-syntax]" in out


def test_template_ids_come_back_as_written(here: Path) -> None:
    """Ids YAML 1.1 would read as something else (`no` as false, `0012` as 12) are quoted."""
    plan = (
        SMALL_PLAN.replace("id: centre", "id: 'no'")
        .replace("emr_level", "'0012'")
        .replace(
            "tasks:", "indicators:\n  '0012': {name: 级别, kind: level, better: higher}\ntasks:"
        )
    )
    Path("plan.yaml").write_text(plan, encoding="utf-8")
    result = run_cli(["template", "plan.yaml", "--unit", "hospital", "--period", "2023-Q4",
                      "--rules", RULES, "--format", "yaml"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = yaml.safe_load(result.stdout)["values"]
    assert {"indicator": "0012", "value": None} in rows
    assert {"task": "no", "done": None, "completed_on": None} in rows
