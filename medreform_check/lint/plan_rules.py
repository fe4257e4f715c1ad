"""Semantic rules over a loaded plan and the indicators it uses; one function per rule."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from medreform_check.errors import Location, Severity
from medreform_check.language.periods import Period
from medreform_check.language.targets import COMPARISON_OPS, Target, compare_targets
from medreform_check.language.values import format_number, format_range
from medreform_check.lint.rule import Problem, rule
from medreform_check.loading.yamldoc import YamlDocument
from medreform_check.model import Catalogue, Indicator, Plan, Task

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class PlanContext:
    plan: Plan
    catalogue: Catalogue
    doc: YamlDocument | None = None

    def at(self, fallback: Location, *keys: Any) -> Location:
        return self.doc.locate(keys) if self.doc is not None else fallback

    def task_at(self, task: Task, *keys: Any) -> Location:
        return self.at(task.at, "tasks", task.order, *keys)

    def indicator(self, ident: str | None) -> Indicator | None:
        if ident is None:
            return None
        return self.plan.indicators.get(ident) or self.catalogue.indicators.get(ident)

    def written(self, task: Task, *keys: Any) -> bool:
        """Whether the file has a value at ``keys`` in the task (parsed or not)."""
        if self.doc is None:
            return False
        node: Any = self.doc.data["tasks"][task.order]
        for key in keys:
            if not isinstance(node, (dict, list)) or (isinstance(node, dict) and key not in node):
                return False
            node = node[key]
        return True

    def targets(self, task: Task) -> Iterator[tuple[Target | None, Location, bool]]:
        """Each target the task sets, where it is written, and whether anything is written there."""
        if task.stages:
            for k, stage in enumerate(task.stages):
                yield (
                    stage.target,
                    self.task_at(task, "stages", k, "target"),
                    self.written(task, "stages", k, "target"),
                )
        else:
            yield task.target, self.task_at(task, "target"), self.written(task, "target")


@rule("unknown-unit", E, "plan")
def unknown_unit(ctx: PlanContext) -> Iterator[Problem]:
    """A task's lead or owner names a unit the plan's `units` do not list.
    Example: `owners: [general-hosptial]`"""
    units = ctx.plan.units
    for task in ctx.plan.tasks:
        if task.lead is not None and task.lead not in units:
            yield ctx.task_at(task, "lead"), f"lead '{task.lead}' is not a unit of this plan"
        for k, owner in enumerate(task.owners):
            if owner not in units:
                yield ctx.task_at(task, "owners", k), f"owner '{owner}' is not a unit of this plan"


@rule("unknown-class", E, "plan")
def unknown_class(ctx: PlanContext) -> Iterator[Problem]:
    """An `owner_class` that no unit of the plan belongs to.
    Example: `owner_class: secondary-hospital` when units say `class: secondary-public-hospital`"""
    classes = {c for unit in ctx.plan.units.values() for c in unit.classes}
    for task in ctx.plan.tasks:
        for name in task.owner_classes:
            if name not in classes:
                yield ctx.task_at(task, "owner_class"), f"no unit has class '{name}'"


@rule("no-reporter", E, "plan")
def no_reporter(ctx: PlanContext) -> Iterator[Problem]:
    """A task with no `owners`, no `owner_class` and no `lead`: nobody could report on it.
    Example: a task with only `id`, `title` and `deadline`"""
    for task in ctx.plan.tasks:
        if not task.owners and not task.owner_classes and task.lead is None:
            yield task.at, f"task '{task.id}' has no owners, owner_class or lead to report on it"


@rule("unknown-indicator", E, "plan")
def unknown_indicator(ctx: PlanContext) -> Iterator[Problem]:
    """A task measured by an indicator that neither the catalogue nor the plan defines.
    Example: `indicator: emr_levle`"""
    for task in ctx.plan.tasks:
        if task.indicator is not None and ctx.indicator(task.indicator) is None:
            yield ctx.task_at(task, "indicator"), f"unknown indicator '{task.indicator}'"


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


def _target_problem(target: Target | None, indicator: Indicator | None, task: Task) -> str | None:
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


@rule("aggregate-kind", E, "plan")
def aggregate_kind(ctx: PlanContext) -> Iterator[Problem]:
    """An `aggregate` that cannot combine the task's values: a mean of milestones, a sum of
    compositions.
    Example: a milestone task with `aggregate: mean`"""
    for task in ctx.plan.tasks:
        indicator = ctx.indicator(task.indicator)
        if task.is_milestone and task.aggregate not in ("all", "any"):
            yield (
                ctx.task_at(task, "aggregate"),
                f"a milestone can only be 'all' or 'any', not '{task.aggregate}'",
            )
        elif (
            indicator is not None
            and indicator.kind == "composition"
            and task.aggregate in ("sum", "min", "max")
        ):
            yield (
                ctx.task_at(task, "aggregate"),
                f"compositions combine by all, any or mean, not '{task.aggregate}'",
            )


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


@rule("indicator-redefined", E, "plan")
def indicator_redefined(ctx: PlanContext) -> Iterator[Problem]:
    """A plan indicator reuses a catalogue id with a different definition.
    Example: the plan declares `emr_level` with `max: 5` while the catalogue says `max: 8`"""
    for ident, local in ctx.plan.indicators.items():
        shared = ctx.catalogue.indicators.get(ident)
        if shared is not None and shared.definition_key() != local.definition_key():
            yield (
                local.at,
                f"indicator '{ident}' redefines the catalogue's ({shared.at}); use a new id",
            )


@rule("target-unit", E, "plan")
def target_unit(ctx: PlanContext) -> Iterator[Problem]:
    """A target written with a unit its indicator does not use.
    Example: `target: 不低于3%` on the EMR level (unit 级)"""
    for task in ctx.plan.tasks:
        indicator = ctx.indicator(task.indicator)
        if indicator is None:
            continue
        for target, where, _ in ctx.targets(task):
            if target is not None and target.unit and target.unit != indicator.unit:
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
        for target, where, _ in ctx.targets(task):
            if target is None:
                continue
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
