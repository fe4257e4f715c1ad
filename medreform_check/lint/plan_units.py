"""Plan rules about units: the hierarchy their parents make, grouping by parent, and who
reports how often."""

from __future__ import annotations

from collections.abc import Iterator

from medreform_check.errors import Severity
from medreform_check.lint.plan_context import PlanContext
from medreform_check.lint.rule import Problem, rule
from medreform_check.model import Unit

E, W = Severity.ERROR, Severity.WARNING


def _ancestry(unit: Unit, units: dict[str, Unit]) -> list[str] | None:
    """The chain from ``unit`` up through its parents when it comes back to ``unit`` (a
    cycle through it), else None."""
    chain = [unit.id]
    parent = unit.parent
    while parent is not None and parent in units and parent not in chain:
        chain.append(parent)
        parent = units[parent].parent
    return [*chain, unit.id] if parent == unit.id else None


@rule("unit-parent", E, "plan")
def unit_parent(ctx: PlanContext) -> Iterator[Problem]:
    """A unit whose `parent` is not a unit of the plan, or parents that go round in a circle:
    the units must form a tree (province → city → county → institution).
    Example: `parent: city-bureau` when no unit has that id"""
    units = dict(ctx.plan.units)
    for unit in units.values():
        if unit.parent is None:
            continue
        where = ctx.unit_at(unit, "parent")
        if unit.parent not in units:
            yield where, f"parent '{unit.parent}' of unit '{unit.id}' is not a unit of this plan"
            continue
        chain = _ancestry(unit, units)
        if chain is not None:
            yield where, f"unit '{unit.id}' is its own ancestor: {' → '.join(chain)}"


@rule("by-parent", E, "plan")
def by_parent(ctx: PlanContext) -> Iterator[Problem]:
    """`by: parent` on a task some of whose units have no parent to be grouped under.
    Example: `by: parent` with `owners: [province-bureau]`, a unit at the top of the tree"""
    units = ctx.plan.units
    for task in ctx.plan.tasks:
        if task.by != "parent":
            continue
        orphans = [
            u for u in ctx.plan.units_in_scope(task) if u in units and units[u].parent is None
        ]
        if orphans:
            yield (
                ctx.task_at(task, "by"),
                f"by: parent, but {', '.join(orphans)} ha{'s' if len(orphans) == 1 else 've'} "
                "no parent to be grouped under",
            )


@rule("unit-reports", W, "plan")
def unit_reports(ctx: PlanContext) -> Iterator[Problem]:
    """A unit's `reports:` frequency in a plan without `plan.reporting`: no periodic report is
    owed at all, so it has no effect.
    Example: `reports: year` on a unit, and no `reporting: {every: quarter, due_days: 15}`"""
    if ctx.plan.reporting is not None:
        return
    for unit in ctx.plan.units.values():
        if unit.reports is not None and unit.reports is not False:
            yield (
                ctx.unit_at(unit, "reports"),
                f"reports: {unit.reports} has no effect: the plan sets no 'reporting' "
                "(every, due_days)",
            )
