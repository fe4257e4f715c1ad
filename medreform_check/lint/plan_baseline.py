"""Plan rules about a task's baseline, where its pro-rata pace (序时进度) starts."""

from __future__ import annotations

from collections.abc import Iterator

from medreform_check.errors import Severity
from medreform_check.lint.plan_context import PlanContext
from medreform_check.lint.rule import Problem, rule
from medreform_check.vocabulary import format_number

W = Severity.WARNING


@rule("baseline-after-deadline", W, "plan")
def baseline_after_deadline(ctx: PlanContext) -> Iterator[Problem]:
    """A baseline dated after the deadline it leads to: no pace line can be drawn from it.
    Example: `baseline: {value: 70, as_of: 2025-06-30}` with `deadline: 2024-12-31`"""
    for task in ctx.plan.tasks:
        if task.baseline is None:
            continue
        first = task.deadline or (task.stages[0].deadline if task.stages else None)
        if first is not None and task.baseline.as_of > first:
            yield (
                ctx.task_at(task, "baseline", "as_of"),
                f"the baseline is dated {task.baseline.as_of}, after the deadline {first}: "
                "the pace (序时进度) needs a baseline from before it",
            )


@rule("baseline-beyond-target", W, "plan")
def baseline_beyond_target(ctx: PlanContext) -> Iterator[Problem]:
    """A baseline that already meets the target it leads to: the pace line runs backwards.
    Example: `baseline: {value: 85, as_of: 2023-12-31}` with `target: ">= 80"`"""
    for task in ctx.plan.tasks:
        if task.baseline is None:
            continue
        target = task.target if not task.stages else task.stages[0].target
        if target is None or target.op not in (">=", ">", "<=", "<"):
            continue
        if target.meets(task.baseline.value):
            yield (
                ctx.task_at(task, "baseline", "value"),
                f"the baseline {format_number(task.baseline.value)} already meets '{target}': "
                "check the baseline or the target",
            )
