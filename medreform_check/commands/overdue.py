"""``overdue``: what the next meeting must chase, grouped by the lead unit.

Overdue instances (missed, unreported), most days overdue first; with ``within`` also the
at-risk ones due in that many days; and the periodic reports that are missing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    addressee: str | None = None  # a unit's own 督办单: the unit it is addressed to
    split_by: str | None = None  # "lead" or "unit": how the items were given to units


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


SPLIT_BY = ("lead", "unit")
NO_LEAD = "_no-lead"  # no unit id starts with "_": the items of tasks without a lead unit


def _responsible(result: Result, by: str) -> tuple[str, ...]:
    if by == "lead":
        return (result.lead or NO_LEAD,)
    return result.units  # every unit that reports on the task answers for it


def split_overdue(listed: OverdueList, by: str) -> list[tuple[str, OverdueList]]:
    """One list per responsible unit (its 督办单): the items it answers for — as lead unit, or
    as a unit that reports on the task — and its own missing periodic reports. Units with
    nothing to chase get none; the order is the list's (most urgent first)."""
    items: dict[str, list[Result]] = {}
    for result in listed.results:
        for unit in _responsible(result, by):
            items.setdefault(unit, []).append(result)
    for entry in listed.missing:
        items.setdefault(entry.unit, [])
    names = listed.report.unit_names
    return [
        (
            unit,
            replace(
                listed,
                results=tuple(found),
                groups=by_lead(found, names),
                missing=tuple(e for e in listed.missing if e.unit == unit),
                missing_reports=tuple(m for m in listed.missing_reports if m.unit == unit),
                addressee=unit,
                split_by=by,
            ),
        )
        for unit, found in items.items()
    ]
