"""The seven statuses of CONTRACT §2, decided per task instance."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from medreform_check.engine.evidence import Evidence, Series, Window
from medreform_check.engine.instances import Instance, instances_of
from medreform_check.engine.reporting import reporting_entries
from medreform_check.engine.trend import project
from medreform_check.language.periods import year_earlier, year_later
from medreform_check.language.values import shares
from medreform_check.model import (
    Catalogue,
    Indicator,
    MilestoneReport,
    Plan,
    Submissions,
    Task,
    Value,
)
from medreform_check.report import (
    Completion,
    Note,
    ReportingEntry,
    Result,
    Status,
    Trend,
    TrendPoints,
)

Comparable = float | tuple[float, ...]


@dataclass(frozen=True, slots=True)
class _State:
    """An instance as of one date: met or not, the value shown, who has not reported."""

    met: bool
    actual: Value | bool | None
    missing: tuple[str, ...]
    no_baseline: bool = False


def _combine(aggregate: str, values: Sequence[Value]) -> Value:
    first = values[0]
    if isinstance(first, dict):
        # Compositions combine part by part (only `mean` is allowed for them).
        parts = [v for v in values if isinstance(v, dict)]
        return {p: sum(c[p] for c in parts) / len(parts) for p in first}
    numbers: Sequence[float] = values  # type: ignore[assignment]  # an indicator's values share its kind
    if aggregate == "sum":
        return sum(numbers)
    if aggregate == "min":
        return min(numbers)
    if aggregate == "max":
        return max(numbers)
    return sum(numbers) / len(numbers)


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
        for unit in units:
            if indicator is not None:
                series = evidence.values(unit, indicator.id)
                if series is not None:
                    self.value_series.append((unit, series))
            else:
                reports = evidence.reports(unit, task.id)
                if reports is not None:
                    self.report_series.append((unit, reports))
        self.memo: dict[tuple[date, Window | None], dict[str, Value]] = {}


class _InstanceView:
    """One instance seen through the evidence: its state at any date."""

    def __init__(self, instance: Instance, indicator: Indicator | None, sources: TaskSources):
        self.instance = instance
        self.task: Task = instance.task
        self.indicator = indicator
        self.units = sources.units
        self.value_series = sources.value_series
        self.report_series = sources.report_series
        self.memo = sources.memo
        running = indicator is not None and indicator.cumulative == "year"  # totals: differences
        is_count = running or (indicator is not None and indicator.kind == "count")
        self.counting = is_count
        # Counts, and every kind in `every` instances, only count inside the instance period.
        self.window: Window | None = (
            (instance.start, instance.deadline) if is_count or instance.period is not None else None
        )

    # --- values -----------------------------------------------------------------------

    def values_at(self, t: date, window: Window | None) -> dict[str, Value]:
        """Each unit's value as of ``t`` (summed over the window for counts), if it has one.

        The dict returned may be shared with other instances of the task: read it only.
        """
        key = (t, window)
        if key not in self.memo:
            self.memo[key] = self._values_at(t, window)
        return self.memo[key]

    def _values_at(self, t: date, window: Window | None) -> dict[str, Value]:
        found: dict[str, Value] = {}
        if self.counting:
            assert window is not None
            for unit, series in self.value_series:
                total = series.total(t, window)
                if total is not None:
                    found[unit] = total
            return found
        # The loop body is Series.latest inlined: it runs once per unit per date.
        if window is None:
            for unit, series in self.value_series:
                high = bisect_right(series.dates, t)
                if high:
                    value = series.items[high - 1]
                    found[unit] = shares(value) if isinstance(value, dict) else value
            return found
        first, last = window[0], min(t, window[1])
        for unit, series in self.value_series:
            low, high = bisect_left(series.dates, first), bisect_right(series.dates, last)
            if high > low:
                value = series.items[high - 1]
                found[unit] = shares(value) if isinstance(value, dict) else value
        return found

    def _comparable(self, value: Value) -> Comparable:
        if isinstance(value, dict):
            assert self.indicator is not None
            return tuple(value[p] for p in self.indicator.parts)
        return float(value)

    def _baseline_window(self) -> Window | None:
        if self.window is None:
            return None
        return (year_earlier(self.window[0]), year_earlier(self.window[1]))

    # --- state at a date ----------------------------------------------------------------

    def state(self, t: date) -> _State:
        if self.indicator is None:
            return self._milestone_state(t)
        present = self.values_at(t, self.window)
        missing = (
            ()
            if len(present) == len(self.units)
            else tuple(u for u in self.units if u not in present)
        )
        if not present:
            return _State(False, None, missing)
        target = self.instance.target
        assert target is not None
        baselines: dict[str, float | None] = {}
        if target.needs_baseline:
            earlier = self.values_at(year_earlier(t), self._baseline_window())
            baselines = {u: _number(earlier.get(u)) for u in present}
        if self.task.aggregate in ("all", "any"):
            return self._unit_by_unit(present, missing, baselines)
        combined = _combine(self.task.aggregate, list(present.values()))
        baseline: float | None = None
        if target.needs_baseline and all(b is not None for b in baselines.values()):
            known = [b for b in baselines.values() if b is not None]
            baseline = _number(_combine(self.task.aggregate, known))
        met = not missing and target.meets(self._comparable(combined), baseline)
        return _State(met, combined, missing, target.needs_baseline and baseline is None)

    def _unit_by_unit(
        self,
        present: dict[str, Value],
        missing: tuple[str, ...],
        baselines: dict[str, float | None],
    ) -> _State:
        """`all` and `any`: each unit judged on its own value (and its own year-earlier value)."""
        target = self.instance.target
        assert target is not None
        margins: dict[str, float] = {}
        passing = 0
        for unit, value in present.items():
            comparable, baseline = self._comparable(value), baselines.get(unit)
            margin = target.margin(comparable, baseline)
            margins[unit] = float("-inf") if margin is None else margin
            passing += target.meets(comparable, baseline)
        if self.task.aggregate == "all":
            met = not missing and passing == len(present)
            decider = min(margins, key=margins.__getitem__)  # the worst unit's value is shown
        else:
            met = passing > 0
            decider = max(margins, key=margins.__getitem__)  # the best unit's value is shown
        no_baseline = target.needs_baseline and any(b is None for b in baselines.values())
        return _State(met, present[decider], missing, no_baseline)

    def _reports_at(self, t: date) -> dict[str, MilestoneReport]:
        found = {}
        for unit, series in self.report_series:
            report = series.latest(t, self.window)
            if report is not None:
                found[unit] = report
        return found

    def _milestone_state(self, t: date) -> _State:
        reports = self._reports_at(t)
        done = sum(r.done for r in reports.values())
        missing = tuple(u for u in self.units if u not in reports)
        met = done == len(self.units) if self.task.aggregate == "all" else done > 0
        actual = None if not reports else met
        return _State(met, actual, missing)

    # --- questions about history ----------------------------------------------------------

    def dates(self, upto: date) -> list[date]:
        """Every date on which some in-scope unit reported, up to ``upto``."""
        found: set[date] = set()
        every: list[Series[Any]] = [s for _, s in self.value_series] + [
            s for _, s in self.report_series
        ]
        for series in every:
            low, high = series.span(upto, self.window)
            found.update(series.dates[low:high])
        return sorted(found)

    def completions(self, upto: date) -> tuple[Completion, ...]:
        """Each in-scope unit's latest milestone report, for showing who finished when."""
        reports = self._reports_at(upto)
        return tuple(
            Completion(u, reports[u].done, reports[u].completed_on, reports[u].evidence)
            for u in self.units
            if u in reports
        )

    def has_evidence(self, upto: date) -> bool:
        return bool(self.dates(upto))

    def history(self, upto: date) -> list[tuple[date, float]]:
        """The task's numeric value at each reported date: the points of the trend line."""
        if self.indicator is None or self.indicator.kind == "composition":
            return []
        points = []
        for day in self.dates(upto):
            actual = self.state(day).actual
            if isinstance(actual, (int, float)) and not isinstance(actual, bool):
                points.append((day, float(actual)))
        return points

    def first_met(self, after: date, upto: date) -> date:
        """The first date in (after, upto] on which the instance was met."""
        candidates = set(self.dates(upto))
        target = self.instance.target
        if target is not None and target.needs_baseline:
            # A trend target can also become met when last year's value drops out.
            earlier, window = year_earlier(upto), self._baseline_window()
            for _, series in self.value_series:
                low, high = series.span(earlier, window)
                candidates.update(year_later(day) for day in series.dates[low:high])
        for day in sorted(d for d in candidates if after < d <= upto):
            if self.state(day).met:
                return day
        return upto


def _number(value: Value | None) -> float | None:
    """A plain number (a composition has none)."""
    return None if value is None or isinstance(value, dict) else float(value)


def _target_text(instance: Instance) -> str:
    return "done" if instance.task.is_milestone else str(instance.target)


@dataclass(slots=True)
class _Verdict:
    """What the rules of CONTRACT §2 decided for one instance, before it becomes a Result."""

    status: Status
    decisive: _State  # the state the verdict rests on: at the deadline for met, else now
    notes: list[Note]
    actual_at_deadline: Value | bool | None = None
    days_overdue: int | None = None
    completed_on: date | None = None
    # The trend points cost a pass over every unit per reported date: kept here when a
    # projection needed them, else computed on first use (``Trend``).
    history: TrendPoints | None = None


def _judge_open(view: _InstanceView, plan: Plan, as_of: date, now: _State) -> _Verdict:
    """D ≤ T: met, at risk (due soon, or the trend misses the target), or pending."""
    if now.met:
        return _Verdict(Status.MET, now, [])
    deadline, target = view.instance.deadline, view.instance.target
    verdict = _Verdict(Status.PENDING, now, [])
    days_left = (deadline - as_of).days
    if days_left <= plan.warn_days:
        verdict.status = Status.AT_RISK
        verdict.notes.append(Note("due_soon", {"days": days_left}))
    if target is not None and target.projectable:
        verdict.history = tuple(view.history(as_of))
        projected = project(verdict.history, deadline)
        if projected is not None and not target.meets(projected):
            verdict.status = Status.AT_RISK
            verdict.notes.append(Note("trend", {"projected": projected, "deadline": deadline}))
    return verdict


def _judge_closed(view: _InstanceView, as_of: date, now: _State) -> _Verdict:
    """D > T: met (at T), met late, missed or unreported."""
    deadline = view.instance.deadline
    at_deadline = view.state(deadline)
    if at_deadline.met:
        return _Verdict(Status.MET, at_deadline, [], actual_at_deadline=at_deadline.actual)
    verdict = _Verdict(Status.MET_LATE, now, [], actual_at_deadline=at_deadline.actual)
    if now.met:
        verdict.completed_on = view.first_met(deadline, as_of)
    else:
        verdict.status = Status.MISSED if view.has_evidence(as_of) else Status.UNREPORTED
        verdict.days_overdue = (as_of - deadline).days
    return verdict


def _notes(instance: Instance, verdict: _Verdict) -> tuple[Note, ...]:
    """Why, in the order readers see it: the stage, the verdict's own notes, then who did
    not report, a missing baseline and the 力争 mark."""
    task, status, decisive = instance.task, verdict.status, verdict.decisive
    notes: list[Note] = []
    if instance.stage is not None:
        notes.append(Note("stage", {"index": instance.stage, "count": instance.stages}))
    notes += verdict.notes
    if decisive.missing and status not in (Status.WAIVED, Status.MET, Status.MET_LATE):
        notes.append(Note("missing_units", {"units": decisive.missing}))
    if decisive.no_baseline and status is not Status.WAIVED:
        notes.append(Note("no_baseline"))
    if task.aspirational:
        notes.append(Note("aspirational"))
    return tuple(notes)


def evaluate_instance(
    instance: Instance,
    plan: Plan,
    indicator: Indicator | None,
    evidence: Evidence,
    as_of: date,
    sources: TaskSources | None = None,
) -> Result:
    """The verdict on one instance as of ``as_of`` (CONTRACT §2)."""
    task, deadline = instance.task, instance.deadline
    if sources is None:
        sources = TaskSources(task, indicator, plan.units_in_scope(task), evidence)
    view = _InstanceView(instance, indicator, sources)
    now = view.state(as_of)
    if task.waived is not None and task.waived.applies(as_of):
        waiver = Note("waived", {"reason": task.waived.reason, "until": task.waived.until})
        verdict = _Verdict(Status.WAIVED, now, [waiver])
    elif as_of <= deadline:
        verdict = _judge_open(view, plan, as_of, now)
    else:
        verdict = _judge_closed(view, as_of, now)
    history = verdict.history
    return Result(
        plan=plan.id,
        task=task.id,
        title=task.title,
        lead=task.lead,
        section=task.section,
        source=task.source,
        indicator=task.indicator,
        period=instance.period.label if instance.period else None,
        deadline=deadline,
        target=_target_text(instance),
        status=verdict.status,
        actual=now.actual,
        actual_at_deadline=verdict.actual_at_deadline,
        units=sources.units,
        missing_units=verdict.decisive.missing,
        days_overdue=verdict.days_overdue,
        completed_on=verdict.completed_on,
        aspirational=task.aspirational,
        notes=_notes(instance, verdict),
        history=Trend(history if history is not None else _later_history(view, evidence, as_of)),
        target_spec=instance.target,
        completions=view.completions(as_of),
    )


def _later_history(view: _InstanceView, evidence: Evidence, as_of: date) -> Any:
    """The trend points, computed if a renderer asks: from the evidence again, so that a
    result does not keep its task's series alive (at national scale, every unit's series of
    every task would stay in memory until the report is written)."""
    instance, indicator, units = view.instance, view.indicator, view.units

    def compute() -> TrendPoints:
        sources = TaskSources(instance.task, indicator, units, evidence)
        return tuple(_InstanceView(instance, indicator, sources).history(as_of))

    return compute


def indicator_for(task: Task, plan: Plan, catalogue: Catalogue) -> Indicator | None:
    if task.indicator is None:
        return None
    return plan.indicators.get(task.indicator) or catalogue.indicators.get(task.indicator)


@dataclass(frozen=True)
class Evaluation:
    """Every instance's verdict, and every report owed, as of one date."""

    results: tuple[Result, ...]
    reporting: tuple[ReportingEntry, ...]


def evaluate(
    plans: Sequence[Plan],
    catalogue: Catalogue,
    submissions: Submissions,
    as_of: date,
) -> Evaluation:
    """Every instance of every task of every plan, judged as of ``as_of``."""
    evidence = Evidence.of(submissions)
    results = []
    for plan in plans:
        for task in plan.tasks:
            indicator = indicator_for(task, plan, catalogue)
            sources = TaskSources(task, indicator, plan.units_in_scope(task), evidence)
            for instance in instances_of(task, plan, as_of):
                results.append(
                    evaluate_instance(instance, plan, indicator, evidence, as_of, sources)
                )
    reporting = [
        entry for plan in plans for entry in reporting_entries(plan, submissions.receipts, as_of)
    ]
    return Evaluation(tuple(results), tuple(reporting))
