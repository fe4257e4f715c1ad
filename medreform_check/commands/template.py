"""``template``: the rows one unit must report for one period, as a form to fill in.

A row is owed for every indicator of the unit's tasks that run during the period (one row
per finer period of an ``every`` task: a monthly duty in a quarterly report is three rows),
and for every milestone of the unit not yet due — or overdue and not yet reported done,
when earlier submissions are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from medreform_check.engine.instances import Instance, instances_of
from medreform_check.errors import MedreformError
from medreform_check.language.periods import Period
from medreform_check.language.values import normalise
from medreform_check.loading.names import build_names
from medreform_check.model import Catalogue, Indicator, Plan, Submissions, Task, Unit
from medreform_check.vocabulary import say

_GRAIN = {"year": 1, "half": 2, "quarter": 4, "month": 12}


@dataclass
class TemplateRow:
    """One row of the form: an indicator (or a milestone task) and the instances it serves."""

    indicator: Indicator | None
    task: Task | None  # set for milestones
    as_of: date | None  # set when the row covers only part of the period
    instances: list[Instance] = field(default_factory=list)
    # A numerator or denominator asked for because a `pooled` task cannot use a rate alone:
    # (the rate, "numerator" or "denominator").
    component_of: tuple[Indicator, str] | None = None

    @property
    def evidence_required(self) -> bool:
        return self.task is not None and self.task.evidence_required


@dataclass(frozen=True)
class Template:
    unit: Unit
    period: Period
    rows: tuple[TemplateRow, ...]


def find_unit(plans: Sequence[Plan], text: str) -> Unit:
    """The unit ``text`` names — by id, name or alias, folded as submissions are read."""
    units = {u.id: u for p in plans for u in p.units.values()}
    names = build_names({}, units.values()).units
    found = names.find(normalise(text))
    if found is not None:
        return units[found]
    hint = say(names.hint(text), "en")
    known = ", ".join(sorted(units))
    raise MedreformError(f"--unit: no unit '{text}' in the plans{hint} (units: {known})")


@dataclass(frozen=True)
class WideTemplate:
    """A 汇总表 to send to every unit: a row per unit, a column per indicator due."""

    period: Period
    units: tuple[Unit, ...]
    indicators: tuple[Indicator, ...]


def build_wide_template(
    plans: Sequence[Plan], catalogue: Catalogue, period: Period
) -> WideTemplate:
    """Every indicator of a task running in ``period`` (compositions take a long form: their
    parts do not fit one cell), and every unit that reports on one of them."""
    units: dict[str, Unit] = {}
    indicators: dict[str, Indicator] = {}
    for plan in plans:
        for task in plan.tasks:
            indicator = plan.indicators.get(task.indicator or "") or catalogue.indicators.get(
                task.indicator or ""
            )
            if indicator is None or indicator.kind == "composition":
                continue
            if not any(
                _overlaps(i, period) for i in instances_of(task, plan, max(period.end, plan.end))
            ):
                continue
            indicators.setdefault(indicator.id, indicator)
            for unit in plan.units_in_scope(task):
                if unit in plan.units:
                    units.setdefault(unit, plan.units[unit])
    return WideTemplate(period, tuple(units.values()), tuple(indicators.values()))


def _overlaps(instance: Instance, period: Period) -> bool:
    return instance.start <= period.end and instance.deadline >= period.start


def _done_by(submissions: Submissions | None, unit: str, task: str, day: date) -> bool:
    if submissions is None:
        return False
    reports = [
        r for r in submissions.milestones if r.unit == unit and r.task == task and r.dated <= day
    ]
    return bool(reports) and max(reports, key=lambda r: (r.dated, r.seq)).done


def build_template(
    plans: Sequence[Plan],
    catalogue: Catalogue,
    unit_text: str,
    period: Period,
    submissions: Submissions | None = None,
) -> Template:
    unit = find_unit(plans, unit_text)
    rows: dict[tuple[str, date | None], TemplateRow] = {}
    for plan in plans:
        for task in plan.tasks:
            if unit.id not in plan.units_in_scope(task):
                continue
            indicator = None
            if task.indicator:
                indicator = plan.indicators.get(task.indicator) or catalogue.indicators.get(
                    task.indicator
                )
            for instance in instances_of(task, plan, max(period.end, plan.end)):
                if not _owed(instance, period, unit.id, submissions):
                    continue
                as_of = _part_of_period(instance, period)
                key = (task.indicator or f"task:{task.id}", as_of)
                row = rows.setdefault(
                    key, TemplateRow(indicator, None if indicator else task, as_of)
                )
                row.instances.append(instance)
                if task.aggregate == "pooled" and indicator is not None:
                    _components(rows, indicator, plan, catalogue, as_of)
    return Template(unit, period, tuple(rows.values()))


def _components(
    rows: dict[tuple[str, date | None], TemplateRow],
    rate: Indicator,
    plan: Plan,
    catalogue: Catalogue,
    as_of: date | None,
) -> None:
    """A pooled rate is pooled from each unit's numerator and denominator: ask for both."""
    for role, ident in zip(("numerator", "denominator"), rate.ratio_of or (), strict=False):
        component = plan.indicators.get(ident) or catalogue.indicators.get(ident)
        if component is not None and (ident, as_of) not in rows:
            rows[ident, as_of] = TemplateRow(component, None, as_of, component_of=(rate, role))


def _owed(instance: Instance, period: Period, unit: str, submissions: Submissions | None) -> bool:
    if _overlaps(instance, period):
        return not (
            instance.task.is_milestone and _done_by(submissions, unit, instance.task.id, period.end)
        )
    # An overdue milestone stays on the form until it is reported done.
    overdue = instance.task.is_milestone and instance.deadline < period.start
    return (
        overdue
        and submissions is not None
        and not _done_by(submissions, unit, instance.task.id, period.end)
    )


def _part_of_period(instance: Instance, period: Period) -> date | None:
    """The date a row is reported as of, when the task's periods are finer than the report's."""
    if instance.period is None or _GRAIN[instance.period.kind] <= _GRAIN[period.kind]:
        return None
    return min(instance.deadline, period.end)
