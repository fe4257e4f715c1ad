"""``overdue``: what the next meeting must chase, grouped by the lead unit.

Overdue instances (missed, unreported), most days overdue first; with ``within`` also the
at-risk ones due in that many days; and the periodic reports that are missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from medreform_check.commands.summaries import by_lead, by_urgency
from medreform_check.report import (
    LeadGroup,
    MissingReports,
    Report,
    ReportingEntry,
    ReportStatus,
    Result,
    Status,
)


@dataclass(frozen=True)
class OverdueList:
    report: Report
    results: tuple[Result, ...]  # most days overdue first, then at risk by deadline
    groups: tuple[LeadGroup, ...]  # the lead with the most overdue item first
    missing: tuple[ReportingEntry, ...]  # the periodic reports not received
    missing_reports: tuple[MissingReports, ...]  # the same, by unit
    within: int | None


def _selected(result: Result, report: Report, within: int | None) -> bool:
    if result.status.overdue:
        return True
    due_in = (result.deadline - report.as_of).days
    return within is not None and result.status is Status.AT_RISK and due_in <= within


def overdue_list(report: Report, within: int | None = None) -> OverdueList:
    chosen = by_urgency(r for r in report.results if _selected(r, report, within))
    return OverdueList(
        report=report,
        results=tuple(chosen),
        groups=by_lead(chosen, report.unit_names),
        missing=tuple(e for e in report.reporting if e.status is ReportStatus.MISSING),
        missing_reports=report.summaries.missing_reports,
        within=within,
    )
