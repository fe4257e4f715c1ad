"""Targets in their indicator's unit: a target written with a magnitude (``1000万以上`` for an
indicator in 人) is scaled once, when the plan meets its catalogue, so the engine compares
numbers in one unit. A target that cannot be converted is left as written; lint refuses it
(``target-unit``)."""

from __future__ import annotations

from dataclasses import replace

from medreform_check.language.targets import Target, in_unit
from medreform_check.model import Catalogue, Plan, Task


def in_indicator_units(plan: Plan, catalogue: Catalogue) -> Plan:
    tasks = tuple(_task(task, plan, catalogue) for task in plan.tasks)
    return plan if tasks == plan.tasks else replace(plan, tasks=tasks)


def _task(task: Task, plan: Plan, catalogue: Catalogue) -> Task:
    indicator = plan.indicators.get(task.indicator or "") or catalogue.indicators.get(
        task.indicator or ""
    )
    if indicator is None:
        return task

    def scaled(target: Target | None) -> Target | None:
        if target is None:
            return None
        return in_unit(target, indicator.unit) or target

    stages = tuple(replace(stage, target=scaled(stage.target)) for stage in task.stages)
    return replace(task, target=scaled(task.target), stages=stages)
