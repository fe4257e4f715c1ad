"""Plan rules about whom and what a task names: units, classes and indicators that exist."""

from __future__ import annotations

from collections.abc import Iterator

from medreform_check.errors import Severity
from medreform_check.lint.plan_context import PlanContext
from medreform_check.lint.rule import Problem, rule
from medreform_check.loading.names import build_names
from medreform_check.vocabulary import say

E = Severity.ERROR


@rule("unknown-unit", E, "plan")
def unknown_unit(ctx: PlanContext) -> Iterator[Problem]:
    """A task's lead or owner names a unit the plan's `units` do not list.
    Example: `owners: [general-hosptial]`"""
    units = ctx.plan.units
    names = build_names({}, units.values()).units
    for task in ctx.plan.tasks:
        if task.lead is not None and task.lead not in units:
            hint = say(names.hint(task.lead), "en")
            yield ctx.task_at(task, "lead"), f"lead '{task.lead}' is not a unit of this plan{hint}"
        for k, owner in enumerate(task.owners):
            if owner not in units:
                hint = say(names.hint(owner), "en")
                where = ctx.task_at(task, "owners", k)
                yield where, f"owner '{owner}' is not a unit of this plan{hint}"


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
    known = {**ctx.catalogue.indicators, **ctx.plan.indicators}
    names = build_names(known, ()).indicators
    for task in ctx.plan.tasks:
        if task.indicator is not None and ctx.indicator(task.indicator) is None:
            hint = say(names.hint(task.indicator), "en")
            where = ctx.task_at(task, "indicator")
            yield where, f"unknown indicator '{task.indicator}'{hint}"


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
