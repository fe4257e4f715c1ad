"""Reporting completeness and timeliness (CONTRACT §2.1)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from medreform_check.engine.workload import count_reports
from medreform_check.errors import MedreformError
from medreform_check.language.periods import Period, periods_overlapping
from medreform_check.limits import MAX_REPORTS
from medreform_check.model import Plan, Receipt
from medreform_check.report import ReportingEntry, ReportStatus


def _status(receipts: list[Receipt], due: date, as_of: date) -> tuple[ReportStatus, date | None]:
    # As of a date, a report sent later has not arrived yet.
    receipts = [r for r in receipts if r.submitted is None or r.submitted <= as_of]
    if not receipts:
        return (ReportStatus.MISSING if as_of > due else ReportStatus.DUE), None
    dated = [r.submitted for r in receipts if r.submitted is not None]
    if not dated:
        return ReportStatus.RECEIVED, None
    first = min(dated)  # the first report for the period decides its timeliness
    return (ReportStatus.ON_TIME if first <= due else ReportStatus.LATE), first


def reporting_entries(plan: Plan, receipts: Iterable[Receipt], as_of: date) -> list[ReportingEntry]:
    """One entry per reporting unit and per period of the plan that has ended by ``as_of``.

    A period that ended before the plan was issued is not owed: no one could report under a
    plan that did not exist yet.
    """
    if plan.reporting is None:
        return []
    if count_reports(plan) > MAX_REPORTS:  # the commands check `workload` first, and say so
        raise MedreformError(f"plan '{plan.id}' asks for more than {MAX_REPORTS:,} reports")
    kind, due_days = plan.reporting.every, plan.reporting.due_days
    by_key: dict[tuple[str, Period], list[Receipt]] = defaultdict(list)
    for receipt in receipts:
        by_key[receipt.unit, receipt.period].append(receipt)
    units = plan.reporting_units()
    entries = []
    for period in periods_overlapping(kind, plan.start, plan.end):
        if period.end >= as_of:  # a period ends with its last day
            break
        if plan.issued is not None and period.end < plan.issued:
            continue
        due = period.end + timedelta(days=due_days)
        for unit in units:
            status, submitted = _status(by_key.get((unit, period), []), due, as_of)
            entries.append(ReportingEntry(plan.id, unit, period.label, due, submitted, status))
    return entries
