"""The baseline rules: when they warn, and when they stay quiet."""

from __future__ import annotations

from medreform_check.lint.plan_baseline import baseline_after_deadline, baseline_beyond_target
from medreform_check.lint.plan_context import PlanContext
from medreform_check.model import Baseline, Task

from helpers import CATALOGUE, d, plan, task


def _codes(*tasks: Task) -> list[str]:
    ctx = PlanContext(plan(*tasks), CATALOGUE)
    rules = (baseline_after_deadline, baseline_beyond_target)
    return [f.code for rule in rules for f in rule.findings(ctx)]


def test_a_baseline_before_the_deadline_and_short_of_the_target_is_fine() -> None:
    rising = task(indicator="rate", target=">= 90", deadline="2024-12-31",
                  baseline=Baseline(70, d("2023-12-31")))  # fmt: skip
    falling = task("f", indicator="share", target="<= 20", deadline="2024-12-31",
                   baseline=Baseline(30, d("2023-12-31")))  # fmt: skip
    on_the_day = task("g", indicator="rate", target=">= 90", deadline="2024-12-31",
                      baseline=Baseline(70, d("2024-12-31")))  # fmt: skip
    plain = task("none", indicator="rate", target=">= 1", deadline="2024-12-31")
    assert _codes(rising, falling, on_the_day, plain) == []


def test_an_upper_limit_already_kept_by_the_baseline_warns() -> None:
    kept = task(indicator="share", target="<= 20", deadline="2024-12-31",
                baseline=Baseline(15, d("2023-12-31")))  # fmt: skip
    assert _codes(kept) == ["baseline-beyond-target"]


def test_the_first_stage_is_what_the_baseline_leads_to() -> None:
    staged = task(indicator="rate", stages=[("2024-06-30", ">= 80"), ("2025-12-31", ">= 90")],
                  baseline=Baseline(70, d("2024-09-30")))  # fmt: skip
    # Dated after the first stage's deadline (2024-06-30), though before the second's.
    assert _codes(staged) == ["baseline-after-deadline"]


def test_increase_targets_have_no_line_to_check() -> None:
    trend = task(indicator="rate", target="increase", deadline="2024-12-31",
                 baseline=Baseline(99, d("2023-12-31")))  # fmt: skip
    assert _codes(trend) == []
