"""Plan rules about what a task asks for: its target, how values combine, what backs them."""

from __future__ import annotations

from collections.abc import Iterator

from medreform_check.errors import Severity
from medreform_check.language.targets import COMPARISON_OPS, Target, compare_targets, in_unit
from medreform_check.lint.plan_context import PlanContext
from medreform_check.lint.rule import Problem, rule
from medreform_check.model import Indicator, Task
from medreform_check.vocabulary import format_number, format_range

E, W = Severity.ERROR, Severity.WARNING


@rule("target-kind", E, "plan")
def target_kind(ctx: PlanContext) -> Iterator[Problem]:
    """A target that does not fit its task: none on a measured task, one on a milestone,
    `ratio` on a non-composition, a comparison on a composition.
    Example: `indicator: emr_level` with `target: ratio 5:3:2`"""
    for task in ctx.plan.tasks:
        indicator = ctx.indicator(task.indicator)
        for target, where, written in ctx.targets(task):
            if target is None and written:
                continue  # written but unparsable: already a bad-target finding
            problem = _target_problem(target, indicator, task)
            if problem:
                yield where, problem


def _target_problem(target: Target | None, indicator: Indicator | None, task: Task) -> str | None:
    """Why ``target`` does not fit ``task`` and its indicator, or None if it fits."""
    if task.is_milestone:
        if target is not None:
            return (
                f"'{target}' on a milestone task (no indicator): a milestone is met by done: true"
            )
        return None
    if target is None:
        return f"task '{task.id}' has an indicator but no target"
    if indicator is None:
        return None
    if target.op == "ratio" and indicator.kind != "composition":
        return f"a ratio target needs a composition indicator; {indicator.id} is a {indicator.kind}"
    if indicator.kind == "composition":
        if target.op != "ratio":
            return f"{indicator.id} is a composition: its target must be 'ratio …'"
        if len(target.parts) != len(indicator.parts):
            return f"ratio has {len(target.parts)} parts; {indicator.id} has {len(indicator.parts)}"
    return None


@rule("target-unit", E, "plan")
def target_unit(ctx: PlanContext) -> Iterator[Problem]:
    """A target written with a unit its indicator does not use.
    Example: `target: 不低于3%` on the EMR level (unit 级)"""
    for task in ctx.plan.tasks:
        indicator = ctx.indicator(task.indicator)
        if indicator is None:
            continue
        for target, where, _ in ctx.targets(task):
            if target is not None and in_unit(target, indicator.unit) is None:
                expected = f"'{indicator.unit}'" if indicator.unit else "no unit"
                yield (
                    where,
                    f"target unit '{target.unit}' does not match {indicator.id} ({expected})",
                )


@rule("target-bounds", E, "plan")
def target_bounds(ctx: PlanContext) -> Iterator[Problem]:
    """A target outside the indicator's bounds, or a fraction on a whole-number indicator.
    Example: `target: ">= 120"` on a rate (0–100)"""
    for task in ctx.plan.tasks:
        indicator = ctx.indicator(task.indicator)
        if indicator is None:
            continue
        low, high = indicator.bounds
        for written, where, _ in ctx.targets(task):
            if written is None:
                continue
            target = in_unit(written, indicator.unit) or written  # 1000万 for 人: 10,000,000
            numbers = [n for n in (target.number, target.low, target.high) if n is not None]
            for n in numbers:
                if (low is not None and n < low) or (high is not None and n > high):
                    span = format_range(low, high)
                    yield where, f"{format_number(n)} is outside {indicator.id}'s range {span}"
            # A mean of whole numbers may be a fraction; a single level may not.
            fractional = any(n != int(n) for n in numbers)
            if (
                indicator.integer
                and task.aggregate != "mean"
                and target.op in COMPARISON_OPS
                and fractional
            ):
                yield (
                    where,
                    f"{indicator.id} takes whole numbers only; '{target}' needs a whole number",
                )


@rule("stage-weakens", W, "plan")
def stage_weakens(ctx: PlanContext) -> Iterator[Problem]:
    """A later stage asks for less than an earlier one.
    Example: stages `>= 3` by 2023 and then `>= 2` by 2024"""
    for task in ctx.plan.tasks:
        indicator = ctx.indicator(task.indicator)
        better = indicator.better if indicator else None
        for k in range(1, len(task.stages)):
            earlier, later = task.stages[k - 1].target, task.stages[k].target
            if earlier and later and compare_targets(earlier, later, better) == "looser":
                where = ctx.task_at(task, "stages", k, "target")
                yield where, f"stage {k + 1} ('{later}') asks for less than stage {k} ('{earlier}')"


@rule("aggregate-kind", E, "plan")
def aggregate_kind(ctx: PlanContext) -> Iterator[Problem]:
    """An `aggregate` that cannot combine the task's values: a mean of milestones, a sum of
    compositions, `pooled` on an indicator that is not a ratio (no `ratio_of`).
    Example: a milestone task with `aggregate: mean`"""
    for task in ctx.plan.tasks:
        indicator = ctx.indicator(task.indicator)
        if task.is_milestone and task.aggregate not in ("all", "any"):
            yield (
                ctx.task_at(task, "aggregate"),
                f"a milestone can only be 'all' or 'any', not '{task.aggregate}'",
            )
        elif task.aggregate == "pooled" and indicator is not None and not indicator.ratio_of:
            yield (
                ctx.task_at(task, "aggregate"),
                f"pooled adds up numerators and denominators, but {indicator.id} has no "
                "ratio_of: [numerator, denominator]",
            )
        elif (
            indicator is not None
            and indicator.kind == "composition"
            and task.aggregate in ("sum", "min", "max")
        ):
            yield (
                ctx.task_at(task, "aggregate"),
                f"compositions combine by all, any, mean or weighted_mean, not '{task.aggregate}'",
            )


@rule("evidence-quantitative", E, "plan")
def evidence_quantitative(ctx: PlanContext) -> Iterator[Problem]:
    """`evidence: required` on a task measured by an indicator; evidence backs completions only.
    Example: `indicator: emr_level` with `evidence: required`"""
    for task in ctx.plan.tasks:
        if task.evidence_required and not task.is_milestone:
            yield (
                ctx.task_at(task, "evidence"),
                "evidence applies to milestones, not to measured tasks",
            )


@rule("aggregate-weight", E, "plan")
def aggregate_weight(ctx: PlanContext) -> Iterator[Problem]:
    """`weighted_mean` without a `weight`, a `weight` on any other aggregate, or a weight
    that is not a single number per unit (an unknown indicator, a composition).
    Example: `aggregate: weighted_mean` with no `weight: population`"""
    for task in ctx.plan.tasks:
        if task.aggregate == "weighted_mean" and task.weight is None:
            yield (
                ctx.task_at(task, "aggregate"),
                "weighted_mean needs 'weight': the indicator whose value weighs each unit",
            )
        if task.weight is None:
            continue
        where = ctx.task_at(task, "weight")
        weight = ctx.indicator(task.weight)
        if task.aggregate != "weighted_mean":
            yield where, f"weight applies to aggregate: weighted_mean, not '{task.aggregate}'"
        elif weight is None:
            yield where, f"unknown weight indicator '{task.weight}'"
        elif weight.kind == "composition":
            yield where, f"{weight.id} is a composition: a weight must be one number per unit"
