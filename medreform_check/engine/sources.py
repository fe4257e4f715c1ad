"""What a task is judged on: its indicator, its in-scope units and their series."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from medreform_check.engine.aggregates import WEIGHING, Weighing
from medreform_check.engine.evidence import Evidence, Series, Window
from medreform_check.model import Catalogue, Indicator, MilestoneReport, Plan, Task, Value


def indicator_for(task: Task, plan: Plan, catalogue: Catalogue) -> Indicator | None:
    if task.indicator is None:
        return None
    return plan.indicators.get(task.indicator) or catalogue.indicators.get(task.indicator)


class TaskSources:
    """A task's in-scope units and their series, looked up once for all its instances.

    At province scale a task has thousands of units: every later question is a tight loop
    over these lists, and the values at a date are remembered for the task's other stages.
    """

    def __init__(
        self, task: Task, indicator: Indicator | None, units: tuple[str, ...], evidence: Evidence
    ):
        self.units = units
        self.value_series: list[tuple[str, Series[Value]]] = []
        self.report_series: list[tuple[str, Series[MilestoneReport]]] = []
        # Read off the store's panel when it is one (engine/panel.py), else unit by unit.
        self.panel = (
            evidence.panel(indicator, units)
            if indicator is not None and task.aggregate not in WEIGHING
            else None
        )
        for unit in units if self.panel is None else ():
            if indicator is not None:
                series = evidence.values(unit, indicator.id)
                if series is not None:
                    self.value_series.append((unit, series))
            else:
                reports = evidence.reports(unit, task.id)
                if reports is not None:
                    self.report_series.append((unit, reports))
        self.weighing = (
            Weighing(task, indicator, self.value_series, evidence)
            if indicator is not None and task.aggregate in WEIGHING
            else None
        )
        self.memo: dict[tuple[date, Window | None], Mapping[str, Value]] = {}
