"""The seven statuses of CONTRACT §2, decided per task instance."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import compress

from medreform_check.engine.aggregates import missing_notes, unit_groups
from medreform_check.engine.escalation import level_of
from medreform_check.engine.evidence import Evidence
from medreform_check.engine.instances import Instance, instances_of
from medreform_check.engine.pace import pace_note
from medreform_check.engine.reporting import reporting_entries
from medreform_check.engine.sources import TaskSources, indicator_for
from medreform_check.engine.trend import project
from medreform_check.engine.view import InstanceView, State
from medreform_check.model import (
    Catalogue,
    Indicator,
    Plan,
    Submissions,
    Value,
)
from medreform_check.report import (
    Note,
    ReportingEntry,
    Result,
    Status,
    Trend,
    TrendPoints,
)


def _target_text(instance: Instance) -> str:
    return "done" if instance.task.is_milestone else str(instance.target)


@dataclass(slots=True)
class _Verdict:
    """What the rules of CONTRACT §2 decided for one instance, before it becomes a Result."""

    status: Status
    decisive: State  # the state the verdict rests on: at the deadline for met, else now
    notes: list[Note]
    actual_at_deadline: Value | bool | None = None
    days_overdue: int | None = None
    completed_on: date | None = None
    # The trend points cost a pass over every unit per reported date: kept here when a
    # projection needed them, else computed on first use (``Trend``).
    history: TrendPoints | None = None


def _judge_open(view: InstanceView, plan: Plan, as_of: date, now: State) -> _Verdict:
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
    pace = pace_note(view.instance, as_of, now.actual)
    if pace is not None:
        verdict.status = Status.AT_RISK
        verdict.notes.append(pace)
    return verdict


def _judge_closed(view: InstanceView, as_of: date, now: State) -> _Verdict:
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
        notes += missing_notes(decisive.missing, decisive.unusable)
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
    group: str | None = None,
) -> Result:
    """The verdict on one instance as of ``as_of`` (CONTRACT §2); with `by: parent`, on
    the part of it that ``group``'s units (``sources``) owe."""
    task, deadline = instance.task, instance.deadline
    if sources is None:
        sources = TaskSources(task, indicator, plan.units_in_scope(task), evidence)
    view = InstanceView(instance, indicator, sources)
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
        group=group,
        units_met=_units_met(view, verdict.status, as_of, now),
        level=level_of(verdict.status, verdict.days_overdue, plan.escalate_days),
    )


def _later_history(
    view: InstanceView, evidence: Evidence, as_of: date
) -> Callable[[], TrendPoints]:
    """The trend points, computed if a renderer asks: from the evidence again, so that a
    result does not keep its task's series alive (at national scale, every unit's series of
    every task would stay in memory until the report is written)."""
    instance, indicator, units = view.instance, view.indicator, view.units

    def compute() -> TrendPoints:
        sources = TaskSources(instance.task, indicator, units, evidence)
        return tuple(InstanceView(instance, indicator, sources).history(as_of))

    return compute


def _units_met(
    view: InstanceView, status: Status, as_of: date, now: State
) -> tuple[str, ...] | None:
    """For the per-unit scorecard: the units whose own part of an `all`/`any` instance (or a
    milestone) due by ``as_of`` was met — at the deadline, or later by ``as_of``."""
    deadline = view.instance.deadline
    if view.task.aggregate not in ("all", "any") or deadline > as_of or status is Status.WAIVED:
        return None
    met = set(now.passing)
    if deadline < as_of:
        met.update(view.state(deadline).passing)
    return tuple(compress(view.units, map(met.__contains__, view.units)))


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
    known_by: date | None = None,
) -> Evaluation:
    """Every instance of every task of every plan, judged as of ``as_of`` on what had been
    submitted by ``known_by`` (everything when None)."""
    evidence = Evidence.of(submissions, known_by)
    results = []
    for plan in plans:
        for task in plan.tasks:
            indicator = indicator_for(task, plan, catalogue)
            groups = [
                (group, TaskSources(task, indicator, units, evidence))
                for group, units in unit_groups(plan, task)
            ]
            for instance in instances_of(task, plan, as_of):
                for group, sources in groups:  # one group unless `by: parent`
                    results.append(
                        evaluate_instance(
                            instance, plan, indicator, evidence, as_of, sources, group
                        )
                    )
    reporting = [
        entry
        for plan in plans
        for entry in reporting_entries(plan, submissions.receipts, as_of, known_by)
    ]
    return Evaluation(tuple(results), tuple(reporting))
