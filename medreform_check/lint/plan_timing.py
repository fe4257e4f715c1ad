"""Plan rules about when: each task's deadline, stages or `every`, and the dates they give."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from medreform_check.errors import Severity
from medreform_check.language.periods import Period
from medreform_check.lint.plan_context import PlanContext
from medreform_check.lint.rule import Problem, rule

E, W = Severity.ERROR, Severity.WARNING


@rule("timing-form", E, "plan")
def timing_form(ctx: PlanContext) -> Iterator[Problem]:
    """A task needs exactly one of `deadline`, `stages` and `every`.
    Example: a task with both `deadline: 2024` and `every: year`"""
    for task in ctx.plan.tasks:
        given = [
            name
            for name, present in (
                ("deadline", task.deadline is not None),
                ("stages", bool(task.stages)),
                ("every", task.every is not None),
            )
            if present
        ]
        if len(given) != 1 and ctx.doc is not None:
            # Count what was written, not what parsed: a bad deadline is its own finding.
            given = [k for k in ("deadline", "stages", "every") if ctx.written(task, k)]
        if not given:
            yield task.at, f"task '{task.id}' has no deadline, stages or every"
        elif len(given) > 1:
            yield (
                ctx.task_at(task, given[1]),
                f"task '{task.id}' has both {given[0]} and {given[1]} (choose one)",
            )
        if task.until is not None and task.every is None:
            yield ctx.task_at(task, "until"), "'until' only applies to an 'every' task"


@rule("deadline-outside-plan", E, "plan")
def deadline_outside_plan(ctx: PlanContext) -> Iterator[Problem]:
    """A deadline or stage due before the plan starts or after it ends.
    Example: `deadline: 2026年底` in a 2023–2025 plan"""
    plan = ctx.plan
    if plan.start > plan.end:
        return  # a bad-period finding already; every date would be "outside"
    for task in plan.tasks:
        dated: list[tuple[tuple[Any, ...], date | None]] = [((), task.deadline)]
        dated += [(("stages", k), stage.deadline) for k, stage in enumerate(task.stages)]
        for keys, day in dated:
            if day is not None and not plan.start <= day <= plan.end:
                where = ctx.task_at(task, *keys, "deadline")
                yield where, f"due {day}, outside the plan period {plan.start} to {plan.end}"


@rule("stage-order", E, "plan")
def stage_order(ctx: PlanContext) -> Iterator[Problem]:
    """Stage deadlines must strictly increase.
    Example: stages due 2024-12-31 and then 2023-12-31"""
    for task in ctx.plan.tasks:
        previous = None
        for k, stage in enumerate(task.stages):
            if stage.deadline is None:
                continue
            if previous is not None and stage.deadline <= previous:
                where = ctx.task_at(task, "stages", k, "deadline")
                yield (
                    where,
                    f"stage {k + 1} is due {stage.deadline}, not after stage {k} ({previous})",
                )
            previous = stage.deadline


@rule("every-range", E, "plan")
def every_range(ctx: PlanContext) -> Iterator[Problem]:
    """A task's `from` is after its `until` (or after the plan ends): it has no period at all.
    Example: `every: year, from: 2025-01-01, until: 2024-12-31`"""
    plan = ctx.plan
    for task in plan.tasks:
        start, end = task.start or plan.start, min(task.until or plan.end, plan.end)
        if task.every is not None and start > end:
            yield (
                ctx.task_at(task, "from"),
                f"'from' {start} is after the last day {end}: no period to report",
            )


@rule("every-partial-period", W, "plan")
def every_partial_period(ctx: PlanContext) -> Iterator[Problem]:
    """An `every` task whose first period is cut short by `from` but must still reach a
    count meant for a whole period.
    Example: `every: year`, `from: 2023-09-28`, `target: ">= 2"` meetings"""
    plan = ctx.plan
    for task in plan.tasks:
        indicator = ctx.indicator(task.indicator)
        target = task.target
        if task.every is None or indicator is None or indicator.kind != "count" or target is None:
            continue
        start = task.start or plan.start
        first = Period.containing(task.every, start)
        quota = target.number if target.op in (">=", ">", "==") else None
        if start > first.start and quota is not None and quota > 1:
            days, whole = (first.end - start).days + 1, (first.end - first.start).days + 1
            yield (
                ctx.task_at(task, "from"),
                (
                    f"the first period ({start} to {first.end}) is {days} of {whole} days "
                    f"but must reach the whole period's '{target}'"
                ),
            )
