"""Summaries of an audit for people, each defined once: counts by status, completion rates by
lead and by section, results by section, the per-unit scorecard, the overdue list grouped by
lead, the at-risk list, reporting rates and the missing reports. The audit use case computes
them into the report; renderers only show them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from itertools import compress, repeat
from operator import is_, is_not

from medreform_check.commands.scorecard import group_scores, unit_scores
from medreform_check.report import (
    CompletionRate,
    LeadGroup,
    MissingReports,
    ReportingEntry,
    ReportingRate,
    ReportStatus,
    Result,
    SectionGroup,
    Status,
    Summaries,
)

DONE = (Status.MET, Status.MET_LATE)


def status_counts(results: Iterable[Result]) -> dict[Status, int]:
    counts = dict.fromkeys(Status, 0)
    for result in results:
        counts[result.status] += 1
    return counts


def instance_outcomes(results: Iterable[Result]) -> list[tuple[Result, bool, bool]]:
    """Each instance once, with whether it was met (met or met late) and whether it is
    overdue. The results of a `by: parent` task's groups stand for one instance: met only
    when every group met, overdue when any group is."""
    outcomes: dict[object, tuple[Result, bool, bool]] = {}
    for k, result in enumerate(results):
        key = (result.plan, result.task, result.deadline, result.period) if result.group else k
        first, met, overdue = outcomes.get(key, (result, True, False))
        outcomes[key] = (first, met and result.status in DONE, overdue or result.status.overdue)
    return list(outcomes.values())


def completion_rates(
    results: Iterable[Result], as_of: date, by: str, names: Mapping[str, str]
) -> list[CompletionRate]:
    """Completion per ``lead`` (named) or per ``section``, best rate first, then most due.

    Counted: instances due by ``as_of``, waived ones aside; met late counts as met.
    """
    key: Callable[[Result], str | None] = (
        (lambda r: r.lead) if by == "lead" else (lambda r: r.section)
    )
    tallies: dict[str | None, list[int]] = {}
    for result, met, overdue in instance_outcomes(results):
        if result.deadline > as_of or result.status is Status.WAIVED:
            continue
        tally = tallies.setdefault(key(result), [0, 0, 0])
        tally[0] += 1
        tally[1] += met
        tally[2] += overdue
    rates = [
        CompletionRate(k, (names.get(k, k) if by == "lead" else k) if k else "", *t)
        for k, t in tallies.items()
    ]
    return sorted(rates, key=lambda r: (-(r.rate or 0.0), -r.due, r.name))


def overall_completion(rates: Sequence[CompletionRate]) -> CompletionRate:
    """All of ``rates`` (a partition of the instances due) added together."""
    totals = (sum(r.due for r in rates), sum(r.met for r in rates), sum(r.overdue for r in rates))
    return CompletionRate(None, "", *totals)


def by_section(results: Iterable[Result]) -> tuple[SectionGroup, ...]:
    """Results grouped by plan and section, in the order they first appear."""
    groups: dict[tuple[str, str | None], list[Result]] = {}
    for result in results:
        groups.setdefault((result.plan, result.section), []).append(result)
    return tuple(
        SectionGroup(plan, section, tuple(found)) for (plan, section), found in groups.items()
    )


def _urgency(result: Result) -> tuple[int, int, int]:
    # Overdue first: red before yellow (plans may escalate after different numbers of days),
    # then most days first; then at-risk, soonest deadline first.
    if result.days_overdue is not None:
        level = result.level.urgency if result.level is not None else 0
        return (0, level, -result.days_overdue)
    return (1, 0, result.deadline.toordinal())


def by_urgency(results: Iterable[Result]) -> list[Result]:
    """Red before yellow, most days overdue first, then at risk by deadline; ties keep plan
    and task order."""
    return sorted(results, key=_urgency)  # sorted() is stable


def by_lead(results: Iterable[Result], names: Mapping[str, str]) -> tuple[LeadGroup, ...]:
    """Results grouped by lead unit, in the order of each lead's first result."""
    grouped: dict[str | None, list[Result]] = {}
    for result in results:
        grouped.setdefault(result.lead, []).append(result)
    return tuple(
        LeadGroup(lead, names.get(lead, lead) if lead else "", tuple(found))
        for lead, found in grouped.items()
    )


def reporting_rates(entries: Iterable[ReportingEntry], by: str) -> list[ReportingRate]:
    """Rates per ``unit`` or per ``period``, in first-seen order (counted in C: a nation's
    units owe hundreds of thousands of reports)."""
    entries = list(entries)
    keys = [e.unit if by == "unit" else e.period for e in entries]
    statuses = [e.status for e in entries]
    owed = list(map(is_not, statuses, repeat(ReportStatus.DUE)))
    came = {ReportStatus.ON_TIME, ReportStatus.LATE, ReportStatus.RECEIVED}
    totals = Counter(compress(keys, owed))
    received = Counter(compress(keys, map(came.__contains__, statuses)))
    on_time = Counter(compress(keys, map(is_, statuses, repeat(ReportStatus.ON_TIME))))
    return [ReportingRate(key, totals[key], received[key], on_time[key]) for key in totals]


def missing_by_unit(entries: Iterable[ReportingEntry]) -> tuple[MissingReports, ...]:
    """Each unit with missing reports, and those periods, in order."""
    periods: dict[str, list[str]] = {}
    for entry in entries:
        if entry.status is ReportStatus.MISSING:
            periods.setdefault(entry.unit, []).append(entry.period)
    return tuple(MissingReports(unit, tuple(found)) for unit, found in periods.items())


def summarise(
    results: Sequence[Result],
    reporting: Sequence[ReportingEntry],
    as_of: date,
    names: Mapping[str, str],
    parents: Mapping[str, str | None] | None = None,
) -> Summaries:
    leads = completion_rates(results, as_of, "lead", names)
    units = unit_scores(results, as_of, names, parents or {})
    overdue = by_urgency(r for r in results if r.status.overdue)
    at_risk = sorted((r for r in results if r.status is Status.AT_RISK), key=lambda r: r.deadline)
    late = (ReportStatus.MISSING, ReportStatus.LATE)
    return Summaries(
        counts=status_counts(results),
        overall=overall_completion(leads),
        by_lead=tuple(leads),
        by_section=tuple(completion_rates(results, as_of, "section", names)),
        sections=by_section(results),
        overdue=by_lead(overdue, names),
        at_risk=tuple(at_risk),
        reporting_by_unit=tuple(reporting_rates(reporting, "unit")),
        reporting_by_period=tuple(reporting_rates(reporting, "period")),
        late_reports=tuple(e for e in reporting if e.status in late),
        missing_reports=missing_by_unit(reporting),
        units=units,
        unit_groups=group_scores(units, names, parents or {}),
    )
