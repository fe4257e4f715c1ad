"""Reporting completeness and timeliness (CONTRACT §2.1)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from medreform_check.errors import MedreformError
from medreform_check.language.periods import Period, periods_overlapping
from medreform_check.limits import MAX_REPORTS
from medreform_check.model import Plan, Receipt

if TYPE_CHECKING:  # imported where entries are made: counting reports (validate) needs neither
    from medreform_check.report import ReportingEntry, ReportStatus


def _status(receipts: list[Receipt], due: date, as_of: date) -> tuple[ReportStatus, date | None]:
    from medreform_check.report import ReportStatus

    # As of a date, a report sent later has not arrived yet.
    if len(receipts) > 1 or (receipts and receipts[0].submitted is not None):
        receipts = [r for r in receipts if r.submitted is None or r.submitted <= as_of]
    if not receipts:
        return (ReportStatus.MISSING if as_of > due else ReportStatus.DUE), None
    dated = [r.submitted for r in receipts if r.submitted is not None]
    if not dated:
        return ReportStatus.RECEIVED, None
    first = min(dated)  # the first report for the period decides its timeliness
    return (ReportStatus.ON_TIME if first <= due else ReportStatus.LATE), first


def reporting_duties(plan: Plan) -> list[tuple[str, str]]:
    """Who owes periodic reports, and how often (CONTRACT §2.1): every unit that owns a task,
    at the plan's frequency, unless its own `reports:` says otherwise — `false` owes none,
    a frequency owes at that one, also for a unit that owns nothing. Owners first, in the
    order the tasks name them, then the other units that report, in the plan's order."""
    if plan.reporting is None:
        return []
    owners = plan.reporting_units()
    owning = set(owners)
    duties = []
    for ident in (*owners, *(u for u in plan.units if u not in owning)):
        unit = plan.units.get(ident)
        override = unit.reports if unit is not None else None
        if override is False or (override is None and ident not in owning):
            continue
        duties.append((ident, plan.reporting.every if override is None else str(override)))
    return duties


def count_reports(
    plan: Plan, cap: int = MAX_REPORTS, duties: list[tuple[str, str]] | None = None
) -> int:
    """The periodic reports a plan's units owe over its whole period, each unit at its own
    frequency (counting stops past ``cap``); ``duties``: the plan's, if worked out already."""
    if plan.reporting is None:
        return 0
    periods: dict[str, int] = {}
    total = 0
    for _, every in reporting_duties(plan) if duties is None else duties:
        if every not in periods:
            periods[every] = sum(1 for _ in periods_overlapping(every, plan.start, plan.end))
        total += periods[every]
        if total > cap:
            break
    return total


def reporting_entries(
    plan: Plan, receipts: Iterable[Receipt], as_of: date, known_by: date | None = None
) -> list[ReportingEntry]:
    """One entry per reporting unit and per period of its frequency that has ended by
    ``as_of``, in period order (by the period's last day), then in the order of the units.

    A period that ended before the plan was issued is not owed: no one could report under a
    plan that did not exist yet. With ``known_by``, a report submitted after it is not known
    (CONTRACT §2 "Known by"); one without a ``submitted`` date is.
    """
    from medreform_check.report import ReportingEntry, ReportStatus

    if plan.reporting is None:
        return []
    duties = reporting_duties(plan)
    if count_reports(plan, duties=duties) > MAX_REPORTS:  # `workload` is checked first
        raise MedreformError(f"plan '{plan.id}' asks for more than {MAX_REPORTS:,} reports")
    due_days = plan.reporting.due_days
    # Receipts by unit and period label (a Period hashes in Python; its label in C).
    by_key: dict[tuple[str, str], list[Receipt]] = defaultdict(list)
    labels: dict[int, str] = {}  # by the identity of each Period (receipts share them)
    for receipt in receipts:
        if known_by is not None and receipt.submitted is not None and receipt.submitted > known_by:
            continue
        period = receipt.period
        label = labels.get(id(period)) or labels.setdefault(id(period), period.label)
        by_key[receipt.unit, label].append(receipt)
    owed: list[tuple[date, int, int, str]] = []  # period end, duty, period, unit
    periods: list[tuple[Period, str, date]] = []  # each period owed, its label and due date
    for every in dict.fromkeys(kind for _, kind in duties):
        units = [(k, u) for k, (u, f) in enumerate(duties) if f == every]
        for period in periods_overlapping(every, plan.start, plan.end):
            end = period.end
            if end >= as_of:  # a period ends with its last day
                break
            if plan.issued is not None and end < plan.issued:
                continue
            periods.append((period, period.label, end + timedelta(days=due_days)))
            owed += [(end, k, len(periods) - 1, u) for k, u in units]
    if len(periods) > 1:
        owed.sort(key=lambda entry: entry[:2])
    entries = []
    for _, _, at, unit in owed:
        _, label, due = periods[at]
        found = by_key.get((unit, label))
        sent = found[0].submitted if found is not None and len(found) == 1 else None
        if found is not None and (len(found) > 1 or sent is None):
            status, submitted = _status(found, due, as_of)
        elif sent is not None and sent <= as_of:  # (one receipt, dated: _status's answer)
            status, submitted = (ReportStatus.ON_TIME if sent <= due else ReportStatus.LATE), sent
        else:  # nothing received, or only later than the as-of date
            status, submitted = (ReportStatus.MISSING if as_of > due else ReportStatus.DUE), None
        entries.append(ReportingEntry(plan.id, unit, label, due, submitted, status))
    return entries
