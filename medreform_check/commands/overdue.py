"""``overdue``: what the next meeting must chase, grouped by the lead unit.

Overdue instances (missed, unreported), most days overdue first; with ``within`` also the
at-risk ones due in that many days; and the periodic reports that are missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from medreform_check.report import Report, ReportingEntry, ReportStatus, Result, Status


@dataclass(frozen=True)
class LeadGroup:
    lead: str | None
    name: str
    results: tuple[Result, ...]


@dataclass(frozen=True)
class OverdueList:
    report: Report
    results: tuple[Result, ...]  # most days overdue first, then at risk by deadline
    groups: tuple[LeadGroup, ...]  # the lead with the most overdue item first
    missing_reports: tuple[ReportingEntry, ...]
    within: int | None


def _selected(result: Result, report: Report, within: int | None) -> bool:
    if result.status.overdue:
        return True
    due_in = (result.deadline - report.as_of).days
    return within is not None and result.status is Status.AT_RISK and due_in <= within


def _urgency(result: Result) -> tuple[int, int]:
    # Overdue first, most days first; then at-risk, soonest deadline first.
    if result.days_overdue is not None:
        return (0, -result.days_overdue)
    return (1, result.deadline.toordinal())


def overdue_list(report: Report, within: int | None = None) -> OverdueList:
    order = {id(r): k for k, r in enumerate(report.results)}
    chosen = [r for r in report.results if _selected(r, report, within)]
    # sorted() is stable: equal urgency keeps plan and task order.
    chosen.sort(key=lambda r: (_urgency(r), order[id(r)]))
    by_lead: dict[str | None, list[Result]] = {}
    for result in chosen:
        by_lead.setdefault(result.lead, []).append(result)
    groups = tuple(
        LeadGroup(lead, report.unit_names.get(lead, lead) if lead else "", tuple(results))
        for lead, results in by_lead.items()
    )
    missing = tuple(e for e in report.reporting if e.status is ReportStatus.MISSING)
    return OverdueList(report, tuple(chosen), groups, missing, within)


def missing_by_unit(entries: Sequence[ReportingEntry]) -> dict[str, list[str]]:
    """Unit -> the periods it has not reported, in order."""
    periods: dict[str, list[str]] = {}
    for entry in entries:
        periods.setdefault(entry.unit, []).append(entry.period)
    return periods
