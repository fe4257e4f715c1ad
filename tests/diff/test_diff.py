"""diff on hand-made old/new pairs: each kind of change, in both directions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medreform_check.commands.diff import diff_plans
from medreform_check.model import Waiver

from helpers import CATALOGUE, plan, run_cli, task


def changes(old_task: object, new_task: object) -> list[tuple[str, str, str | None, str | None]]:
    result = diff_plans(plan(old_task), plan(new_task), CATALOGUE)  # type: ignore[arg-type]
    return [(c.aspect, c.verdict, c.old, c.new) for c in result.changes]


def measured(target: str, **kw: object) -> object:
    return task(
        "t",
        indicator=kw.pop("indicator", "rate"),
        target=target,
        deadline=kw.pop("deadline", "2024-12-31"),
        **kw,
    )


@pytest.mark.parametrize(
    ("old", "new", "verdict"),
    [
        (">= 80", ">= 85", "tightened"),
        (">= 80", ">= 75", "relaxed"),
        (">= 80", "> 80", "tightened"),
        ("> 80", ">= 80", "relaxed"),
        ("== 100", ">= 95", "relaxed"),
        (">= 95", "== 100", "tightened"),
        ("between 2 and 3", "between 2 and 4", "relaxed"),
        ("between 2 and 4", "between 2 and 3", "tightened"),
        (
            "between 2 and 3",
            "between 2.5 and 3.5",
            "tightened",
        ),  # same width, moved up; higher is better
        ("between 2.5 and 3.5", "between 2 and 3", "relaxed"),
        ("increase", ">= 80", "changed"),
        (">= 80", "increase", "changed"),
        ("increase", "decrease", "changed"),
        (">= 80", "<= 80", "changed"),
    ],
)
def test_targets_on_a_higher_is_better_indicator(old: str, new: str, verdict: str) -> None:
    assert changes(measured(old), measured(new)) == [("target", verdict, old, new)]


@pytest.mark.parametrize(
    ("old", "new", "verdict"),
    [
        ("<= 30", "<= 25", "tightened"),
        ("<= 25", "<= 30", "relaxed"),
        ("between 20 and 30", "between 15 and 25", "tightened"),
    ],
)
def test_targets_on_a_lower_is_better_indicator(old: str, new: str, verdict: str) -> None:
    assert changes(measured(old, indicator="share"), measured(new, indicator="share")) == [
        ("target", verdict, old, new)
    ]


@pytest.mark.parametrize(
    ("old", "new", "verdict"),
    [
        ("ratio 5:3:2 ± 5", "ratio 5:3:2 ± 3", "tightened"),
        ("ratio 5:3:2 ± 3", "ratio 5:3:2 ± 5", "relaxed"),
        ("ratio 5:3:2 ± 5", "ratio 6:2:2 ± 5", "changed"),
    ],
)
def test_ratio_targets_by_the_width_they_accept(old: str, new: str, verdict: str) -> None:
    assert changes(measured(old, indicator="mix"), measured(new, indicator="mix")) == [
        ("target", verdict, old, new)
    ]


def test_the_same_ratio_written_differently_is_no_change() -> None:
    assert (
        changes(
            measured("ratio 5:3:2 ± 5", indicator="mix"),
            measured("ratio 10:6:4 ± 5", indicator="mix"),
        )
        == []
    )


def test_deadlines_later_and_earlier() -> None:
    assert changes(measured(">= 80"), measured(">= 80", deadline="2025-06-30")) == [
        ("deadline", "later", "2024-12-31", "2025-06-30")
    ]
    assert changes(measured(">= 80"), measured(">= 80", deadline="2024-06-30")) == [
        ("deadline", "earlier", "2024-12-31", "2024-06-30")
    ]


def test_stages() -> None:
    old = task("t", indicator="rate", stages=[("2023-12-31", ">= 70"), ("2024-12-31", ">= 80")])
    later = task("t", indicator="rate", stages=[("2023-12-31", ">= 70"), ("2025-06-30", ">= 80")])
    looser = task("t", indicator="rate", stages=[("2023-12-31", ">= 65"), ("2024-12-31", ">= 80")])
    fewer = task("t", indicator="rate", stages=[("2024-12-31", ">= 80")])
    assert changes(old, later) == [("stage 2 deadline", "later", "2024-12-31", "2025-06-30")]
    assert changes(old, looser) == [("stage 1 target", "relaxed", ">= 70", ">= 65")]
    assert changes(old, fewer)[0] == ("stages", "changed", "2 stages", "1 stages")


def test_timing_form_changed_compares_the_final_deadline() -> None:
    old = measured(">= 80", deadline="2024-12-31")
    new = task("t", indicator="rate", stages=[("2024-06-30", ">= 70"), ("2025-06-30", ">= 80")])
    assert changes(old, new) == [
        ("timing", "changed", "deadline 2024-12-31", "2 stages"),
        ("final deadline", "later", "2024-12-31", "2025-06-30"),
    ]


def test_every_frequency() -> None:
    monthly = task("t", indicator="meetings", target=">= 1", every="month")
    quarterly = task("t", indicator="meetings", target=">= 1", every="quarter")
    assert changes(monthly, quarterly) == [("every", "relaxed", "month", "quarter")]
    assert changes(quarterly, monthly) == [("every", "tightened", "quarter", "month")]


def test_owners_and_lead_are_changes() -> None:
    assert changes(
        task("t", deadline="2024-12-31", owners=("a",)),
        task("t", deadline="2024-12-31", owners=("a", "b")),
    ) == [("owners", "changed", "a", "a, b")]
    assert changes(
        task("t", deadline="2024-12-31", lead="a"), task("t", deadline="2024-12-31", lead="b")
    ) == [("lead", "changed", "a", "b")]


def test_aspirational_and_waived_flags() -> None:
    plain, aspirational = measured(">= 80"), measured(">= 80", aspirational=True)
    assert changes(plain, aspirational) == [("aspirational", "relaxed", "no", "yes")]
    assert changes(aspirational, plain) == [("aspirational", "tightened", "yes", "no")]
    waived = measured(">= 80", waived=Waiver("疫情"))
    assert changes(plain, waived) == [("waived", "relaxed", "no", "yes")]
    assert changes(waived, plain) == [("waived", "tightened", "yes", "no")]


def test_added_and_removed_tasks() -> None:
    old = plan(task("a", deadline="2024-12-31"), task("b", deadline="2024-12-31"))
    new = plan(task("a", deadline="2024-12-31"), task("c", deadline="2024-12-31"))
    result = diff_plans(old, new, CATALOGUE)
    assert [(c.task, c.verdict) for c in result.changes] == [("c", "added"), ("b", "removed")]
    assert result.failing


def test_tightening_alone_does_not_fail() -> None:
    result = diff_plans(plan(measured(">= 80")), plan(measured(">= 85")), CATALOGUE)
    assert not result.failing


PLAN = """schema_version: 1
plan: {id: p, title: T, period: {start: 2023-01-01, end: 2025-12-31}}
units: [{id: a, name: A}]
tasks:
  - {id: rate, title: R, owners: [a], indicator: local_visit_rate, target: '>= 80', deadline: 2024}
"""


def test_cli_exit_codes_and_formats(tmp_path: Path, rules_dir: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(PLAN, encoding="utf-8")
    new.write_text(PLAN.replace("'>= 80'", "'>= 75'"), encoding="utf-8")
    relaxed = run_cli(["diff", str(old), str(new), "--rules", str(rules_dir), "-f", "json"])
    assert relaxed.exit_code == 1
    data = json.loads(relaxed.stdout)
    assert data["changes"] == [
        {
            "task": "rate",
            "aspect": "target",
            "change": "relaxed",
            "old": ">= 80",
            "new": ">= 75",
            "failing": True,
            "line": 5,
        }
    ]
    allowed = run_cli(["diff", str(old), str(new), "--rules", str(rules_dir), "--allow-relaxed"])
    assert allowed.exit_code == 0
    markdown = run_cli(
        ["diff", str(old), str(new), "--rules", str(rules_dir), "-f", "markdown"]
    ).stdout
    assert "| `rate` | target | **relaxed** | >= 80 | >= 75 |" in markdown.splitlines()
    tightened = run_cli(["diff", str(new), str(old), "--rules", str(rules_dir)])
    assert tightened.exit_code == 0 and "tightened" in tightened.stdout
    from_stdin = run_cli(["diff", "-", str(new), "--rules", str(rules_dir)], input=PLAN)
    assert from_stdin.exit_code == 1


def test_cli_diff_of_an_invalid_plan_exits_2(tmp_path: Path, rules_dir: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(PLAN, encoding="utf-8")
    new.write_text(PLAN.replace("'>= 80'", "'lots'"), encoding="utf-8")
    result = run_cli(["diff", str(old), str(new), "--rules", str(rules_dir)])
    assert result.exit_code == 2
    assert f"{new}:5:" in result.stderr
