"""The seven statuses of CONTRACT §2, decided per task instance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..model import Catalogue, Indicator, Plan, Submissions, Task, Value
from ..periods import year_earlier, year_later
from ..report import Completion, Note, Report, Result, Status
from ..values import shares
from .evidence import Evidence, Window
from .instances import Instance, instances_of
from .reporting import reporting_entries
from .trend import project

Comparable = float | tuple[float, ...]


@dataclass(frozen=True, slots=True)
class _State:
    """An instance as of one date: met or not, the value shown, who has not reported."""

    met: bool
    actual: Value | bool | None
    missing: tuple[str, ...]
    no_baseline: bool = False


def _combine(aggregate: str, values: Sequence[Value]) -> Value:
    compositions = [v for v in values if isinstance(v, Mapping)]
    if compositions:
        # Compositions combine part by part (only `mean` is allowed for them).
        return {p: sum(c[p] for c in compositions) / len(compositions) for p in compositions[0]}
    numbers = [float(v) for v in values if not isinstance(v, Mapping)]
    if aggregate == "sum":
        return sum(numbers)
    if aggregate == "min":
        return min(numbers)
    if aggregate == "max":
        return max(numbers)
    return sum(numbers) / len(numbers)


class _InstanceView:
    """One instance seen through the evidence: its state at any date."""

    def __init__(
        self,
        instance: Instance,
        indicator: Indicator | None,
        units: tuple[str, ...],
        evidence: Evidence,
    ):
        self.instance = instance
        self.task: Task = instance.task
        self.indicator = indicator
        self.units = units
        self.evidence = evidence
        is_count = indicator is not None and indicator.kind == "count"
        # Counts, and every kind in `every` instances, only count inside the instance period.
        self.window: Window | None = (
            (instance.start, instance.deadline) if is_count or instance.period is not None else None
        )

    # --- values -----------------------------------------------------------------------

    def _value(self, unit: str, t: date, window: Window | None) -> Value | None:
        assert self.indicator is not None
        if self.indicator.kind == "count":
            assert window is not None
            return self.evidence.total(unit, self.indicator.id, t, window)
        value = self.evidence.value(unit, self.indicator.id, t, window)
        if isinstance(value, Mapping):
            return shares(dict(value))
        return value

    def _comparable(self, value: Value) -> Comparable:
        if isinstance(value, Mapping):
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
        values = {u: self._value(u, t, self.window) for u in self.units}
        present = {u: v for u, v in values.items() if v is not None}
        missing = tuple(u for u in self.units if values[u] is None)
        if not present:
            return _State(False, None, missing)
        target = self.instance.target
        assert target is not None
        baselines: dict[str, float | None] = {}
        if target.needs_baseline:
            earlier, window = year_earlier(t), self._baseline_window()
            for unit in present:
                base = self._value(unit, earlier, window)
                baselines[unit] = None if base is None else float(base)  # type: ignore[arg-type]
        aggregate = self.task.aggregate
        if aggregate in ("all", "any"):
            margins = {
                u: target.margin(self._comparable(v), baselines.get(u)) for u, v in present.items()
            }
            passing = [
                u for u, v in present.items() if target.meets(self._comparable(v), baselines.get(u))
            ]
            met = (
                (not missing and len(passing) == len(present))
                if aggregate == "all"
                else bool(passing)
            )

            # The value shown is the deciding unit's: the worst one for `all`, the best for `any`.
            def rank(u: str) -> float:
                m = margins[u]
                return float("-inf") if m is None else m

            decider = min(present, key=rank) if aggregate == "all" else max(present, key=rank)
            no_baseline = target.needs_baseline and any(b is None for b in baselines.values())
            return _State(met, present[decider], missing, no_baseline)
        combined = _combine(aggregate, list(present.values()))
        baseline: float | None = None
        if target.needs_baseline and all(b is not None for b in baselines.values()):
            baseline = float(_combine(aggregate, [b for b in baselines.values() if b is not None]))  # type: ignore[arg-type]
        met = not missing and target.meets(self._comparable(combined), baseline)
        return _State(met, combined, missing, target.needs_baseline and baseline is None)

    def _milestone_state(self, t: date) -> _State:
        reports = {u: self.evidence.report(u, self.task.id, t, self.window) for u in self.units}
        done = [u for u, r in reports.items() if r is not None and r.done]
        missing = tuple(u for u, r in reports.items() if r is None)
        met = len(done) == len(self.units) if self.task.aggregate == "all" else bool(done)
        actual = None if len(missing) == len(self.units) else met
        return _State(met, actual, missing)

    # --- questions about history ----------------------------------------------------------

    def dates(self, upto: date) -> list[date]:
        """Every date on which some in-scope unit reported, up to ``upto``."""
        found: set[date] = set()
        for unit in self.units:
            if self.indicator is None:
                found.update(self.evidence.report_dates(unit, self.task.id, upto, self.window))
            else:
                found.update(self.evidence.value_dates(unit, self.indicator.id, upto, self.window))
        return sorted(found)

    def completions(self, upto: date) -> tuple[Completion, ...]:
        """Each in-scope unit's latest milestone report, for showing who finished when."""
        if self.indicator is not None:
            return ()
        found = []
        for unit in self.units:
            report = self.evidence.report(unit, self.task.id, upto, self.window)
            if report is not None:
                found.append(Completion(unit, report.done, report.completed_on, report.evidence))
        return tuple(found)

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
        if target is not None and target.needs_baseline and self.indicator is not None:
            # A trend target can also become met when last year's value drops out.
            earlier = self.window and (year_earlier(self.window[0]), year_earlier(self.window[1]))
            for unit in self.units:
                for day in self.evidence.value_dates(
                    unit, self.indicator.id, year_earlier(upto), earlier
                ):
                    candidates.add(year_later(day))
        for day in sorted(d for d in candidates if after < d <= upto):
            if self.state(day).met:
                return day
        return upto


def _target_text(instance: Instance) -> str:
    return "done" if instance.task.is_milestone else str(instance.target)


def evaluate_instance(
    instance: Instance, plan: Plan, indicator: Indicator | None, evidence: Evidence, as_of: date
) -> Result:
    """The verdict on one instance as of ``as_of`` (CONTRACT §2)."""
    task, deadline = instance.task, instance.deadline
    units = plan.units_in_scope(task)
    view = _InstanceView(instance, indicator, units, evidence)
    notes: list[Note] = []
    if instance.stage is not None:
        notes.append(Note("stage", {"index": instance.stage, "count": instance.stages}))
    now = view.state(as_of)
    decisive = now
    actual_at_deadline: Value | bool | None = None
    days_overdue: int | None = None
    completed_on: date | None = None
    history = view.history(as_of)

    if task.waived is not None and task.waived.applies(as_of):
        status = Status.WAIVED
        notes.append(Note("waived", {"reason": task.waived.reason, "until": task.waived.until}))
    elif as_of <= deadline:
        if now.met:
            status = Status.MET
        else:
            status = Status.PENDING
            days_left = (deadline - as_of).days
            if days_left <= plan.warn_days:
                status = Status.AT_RISK
                notes.append(Note("due_soon", {"days": days_left}))
            target = instance.target
            if target is not None and target.projectable:
                projected = project(history, deadline)
                if projected is not None and not target.meets(projected):
                    status = Status.AT_RISK
                    notes.append(Note("trend", {"projected": projected, "deadline": deadline}))
    else:
        at_deadline = view.state(deadline)
        actual_at_deadline = at_deadline.actual
        if at_deadline.met:
            status, decisive = Status.MET, at_deadline
        elif now.met:
            status = Status.MET_LATE
            completed_on = view.first_met(deadline, as_of)
        else:
            status = Status.MISSED if view.has_evidence(as_of) else Status.UNREPORTED
            days_overdue = (as_of - deadline).days

    if decisive.missing and status not in (Status.WAIVED, Status.MET, Status.MET_LATE):
        notes.append(Note("missing_units", {"units": decisive.missing}))
    if decisive.no_baseline and status is not Status.WAIVED:
        notes.append(Note("no_baseline"))
    if task.aspirational:
        notes.append(Note("aspirational"))
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
        status=status,
        actual=now.actual,
        actual_at_deadline=actual_at_deadline,
        units=units,
        missing_units=decisive.missing,
        days_overdue=days_overdue,
        completed_on=completed_on,
        aspirational=task.aspirational,
        notes=tuple(notes),
        history=tuple(history),
        target_spec=instance.target,
        completions=view.completions(as_of),
    )


def indicator_for(task: Task, plan: Plan, catalogue: Catalogue) -> Indicator | None:
    if task.indicator is None:
        return None
    return plan.indicators.get(task.indicator) or catalogue.indicators.get(task.indicator)


def evaluate(
    plans: Sequence[Plan], catalogue: Catalogue, submissions: Submissions, as_of: date
) -> Report:
    """Every instance of every task of every plan, judged as of ``as_of``."""
    evidence = Evidence.of(submissions)
    results = [
        evaluate_instance(instance, plan, indicator_for(task, plan, catalogue), evidence, as_of)
        for plan in plans
        for task in plan.tasks
        for instance in instances_of(task, plan, as_of)
    ]
    reporting = [
        entry for plan in plans for entry in reporting_entries(plan, submissions.receipts, as_of)
    ]
    return Report(
        as_of=as_of,
        plans=tuple(plan.id for plan in plans),
        results=tuple(results),
        rejected=tuple(submissions.rejected),
        warnings=tuple(submissions.warnings),
        reporting=tuple(reporting),
        unit_names={unit.id: unit.name for plan in plans for unit in plan.units.values()},
        plan_titles={plan.id: plan.title for plan in plans},
        plan_documents={plan.id: plan.document_no for plan in plans if plan.document_no},
        indicators={
            **catalogue.indicators,
            **{k: v for plan in plans for k, v in plan.indicators.items()},
        },
    )
