"""Cost bounded by input size (issue 13): a small plan that asks for an enormous amount of work
fails fast with an error naming the limit. Each case runs in a real process under a memory
limit (``resource.setrlimit``) and a timeout — a bound, not a timing: without the limits the
first plan took 33 s and 3 GB, the second 10 s and 1.7 GB."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from medreform_check.limits import MAX_INSTANCES, MAX_INSTANCES_PER_TASK, MAX_REPORTS

from helpers import ROOT

MEMORY = 1024 * 1024 * 1024  # 1 GiB of address space: Python and its libraries need ~300 MB
HEAD = """schema_version: 1
plan: {id: big, title: Big, period: {start: 1900-01-01, end: 2200-12-31}%s}
"""


def run(tmp_path: Path, plan: str, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    command = [sys.executable, "-m", "medreform_check", *args, "plan.yaml",
               "--rules", str(ROOT / "rules")]  # fmt: skip
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          preexec_fn=bounded)  # fmt: skip


def monthly_tasks(count: int) -> str:
    return "".join(
        f"  - {{id: t{k}, title: T{k}, lead: a, indicator: telemedicine_services, "
        f"target: '>= 1', every: month}}\n"
        for k in range(count)
    )


def test_a_14_kb_plan_of_monthly_tasks_over_centuries(tmp_path: Path) -> None:
    plan = HEAD % "" + "units: [{id: a, name: A}]\ntasks:\n" + monthly_tasks(150)
    assert 14_000 < len(plan.encode()) < 16_000
    for command in (["audit", "--as-of", "2200-12-31", "-f", "json"], ["validate"]):
        result = run(tmp_path, plan, *command)
        assert result.returncode == (2 if command[0] == "audit" else 1), result.stderr
        output = result.stderr + result.stdout
        # The first task (line 5) already has 3,612 months (1900-01 to 2200-12).
        assert (
            f"plan.yaml:5:5: error: task 't0' has more than {MAX_INSTANCES_PER_TASK:,} instances"
            " (every month); the limit is 1,200 per task (limits.MAX_INSTANCES_PER_TASK)"
        ) in output
        assert f"the limit is {MAX_INSTANCES:,} per run (limits.MAX_INSTANCES)" in output


def test_many_tasks_each_under_the_task_limit_still_meet_the_run_limit(tmp_path: Path) -> None:
    # 1,200 months (1900–1999) each: the 42nd task (t41, line 5 + 41) takes the run past
    # 50,000 (41 × 1,200 = 49,200; 42 × 1,200 = 50,400).
    plan = (HEAD % "").replace("2200-12-31", "1999-12-31") + "units: [{id: a, name: A}]\ntasks:\n"
    result = run(tmp_path, plan + monthly_tasks(45), "audit", "--as-of", "2000-01-01")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(
        "plan.yaml:46:5: error: the plans have more than 50,000 task instances by task 't41'"
    )


def test_many_stages_in_14_kb_are_within_bounds(tmp_path: Path) -> None:
    stages = "".join(
        f"      - {{deadline: {1900 + k // 12}-{k % 12 + 1:02d}, target: '>= {k}'}}\n"
        for k in range(300)
    )
    plan = (HEAD % "") + "units: [{id: a, name: A}]\ntasks:\n  - id: s\n    title: S\n    lead: a\n"
    plan += "    indicator: telemedicine_services\n    stages:\n" + stages
    assert len(plan.encode()) < 16_000
    result = run(
        tmp_path, plan, "audit", "--as-of", "2200-12-31", "-f", "json", "--fail-on", "none"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"task": "s"') == 300  # every stage judged, within the bounds


def test_monthly_reports_from_hundreds_of_units_over_centuries(tmp_path: Path) -> None:
    # 500 units × 12 months × 301 years = 1,806,000 reports, over the limit of 1,000,000.
    units = ", ".join(f"{{id: u{k}, name: U{k}}}" for k in range(500))
    owners = ", ".join(f"u{k}" for k in range(500))
    plan = HEAD % ", reporting: {every: month, due_days: 15}" + f"units: [{units}]\ntasks:\n"
    plan += f"  - {{id: t, title: T, owners: [{owners}], deadline: 2000-12-31}}\n"
    result = run(tmp_path, plan, "audit", "--as-of", "2200-12-31")
    assert result.returncode == 2
    assert result.stderr == (
        f"plan.yaml: error: plan 'big' asks for more than {MAX_REPORTS:,} periodic reports "
        "(500 units, every month); the limit is 1,000,000 (limits.MAX_REPORTS): narrow the plan "
        "period or report less often [too-many-instances]\n"
    )


def test_the_engine_refuses_a_task_over_the_limit_even_unchecked() -> None:
    from dataclasses import replace

    from medreform_check.engine import instances_of
    from medreform_check.errors import MedreformError

    from helpers import d, plan, task

    big = replace(plan(task("m", every="month")), start=d("1900-01-01"), end=d("2200-12-31"))
    with pytest.raises(MedreformError, match="the limit is 1,200 per task"):
        instances_of(big.tasks[0], big, d("2000-01-01"))
