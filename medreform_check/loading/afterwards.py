"""What can only be seen once every file is read (CONTRACT §1.1, §1.4): the same value
reported twice, a rate written as a fraction, a running total that goes down.

- **Duplicates.** Two rows of one file for the same unit, indicator (or task) and ``as_of``:
  ``duplicate-value`` at the later row, which counts. Between files, the later ``submitted``
  counts (the engine's rule); when the values differ, a warning names both files and values.
  Files are read in path order, so which row counts never depends on the order of ``-s``.
- **Fractions.** A rate strictly between 0 and 1 where a target of the indicator or the unit's
  other values are above 1: ``rate-looks-fractional``, naming the likely percentage.
- **Running totals.** A ``cumulative: year`` value lower than the unit's earlier one in the
  same year: ``cumulative-decrease``.

Checking costs one pass in C over the store's columns when nothing is found (the usual case).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import pairwise

from medreform_check.grouping import INDICATOR_MASK, tie_runs
from medreform_check.model import (
    Indicator,
    MilestoneReport,
    ObservationStore,
    Plan,
    RowIssue,
    Submissions,
)
from medreform_check.vocabulary import Message, format_number


def check_afterwards(
    out: Submissions, indicators: dict[str, Indicator], plans: Sequence[Plan]
) -> None:
    store = out.store
    out.warnings += _duplicate_values(store)
    out.warnings += _duplicate_reports(out.milestones)
    out.warnings += _fractional_rates(store, indicators, plans)
    out.warnings += _decreasing_totals(store, indicators)


def _duplicate_values(store: ObservationStore) -> list[RowIssue]:
    """Rows of the same unit, indicator and as_of: none when the keys rise in read order (one
    pass in C: the usual case), else looked for in the groups the index found ties in."""
    if store.rising():
        return []
    index = store.index()
    found = []
    for group in sorted(index.ties):
        low, high = index.span(group)
        same_dates = [sorted(index.order[a:b]) for a, b in tie_runs(index.keys, low, high)]
        for rows in sorted(same_dates):  # in the order the dates were first read
            found += _one_duplicate(store, rows)
    return found


def _one_duplicate(store: ObservationStore, rows: list[int]) -> list[RowIssue]:
    """The rows of one (unit, indicator, as_of), in read order."""
    found = []
    by_file: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        by_file[store.files[row]].append(row)
    for same_file in by_file.values():
        for earlier, later in pairwise(same_file):
            detail = {"line": store.lines[earlier], "value": _shown(store, later)}
            reason = Message("row.duplicate_value", detail)
            unit = store.unit_of(later)
            found.append(RowIssue(store.location(later), unit, reason, "duplicate-value"))
    if len(by_file) > 1:
        # The one that counts: the later submitted, then the later row (files in path order).
        ordered = sorted(rows, key=lambda r: (store.submitted[r], store.seqs[r]))
        winner = ordered[-1]
        for other in ordered[:-1]:
            if store.files[other] != store.files[winner] and store.value(other) != store.value(
                winner
            ):
                detail = {
                    "file": str(store.location(other)),
                    "value": _shown(store, other),
                    "kept": _shown(store, winner),
                    "kept_file": str(store.location(winner)),
                }
                unit = store.unit_of(winner)
                reason = Message("row.conflicting_value", detail)
                found.append(RowIssue(store.location(winner), unit, reason, "conflicting-value"))
    return found


def _shown(store: ObservationStore, row: int) -> str:
    value = store.value(row)
    if isinstance(value, dict):
        return ":".join(format_number(v) for v in value.values())
    return format_number(value)


def _duplicate_reports(milestones: Iterable[MilestoneReport]) -> list[RowIssue]:
    """Two reports of one file on the same unit, task and as_of: the later counts."""
    seen: dict[tuple[str, str, object, str], MilestoneReport] = {}
    found = []
    for report in milestones:
        key = (report.unit, report.task, report.dated, report.at.path)
        earlier = seen.get(key)
        if earlier is not None:
            detail = {"line": earlier.at.line, "value": "done" if report.done else "not done"}
            reason = Message("row.duplicate_value", detail)
            found.append(RowIssue(report.at, report.unit, reason, "duplicate-value"))
        seen[key] = report
    return found


def _targets_above_one(plans: Sequence[Plan]) -> set[str]:
    """Indicators a task sets a target above 1 for."""
    above = set()
    for plan in plans:
        for task in plan.tasks:
            targets = [task.target, *(stage.target for stage in task.stages)]
            for target in targets:
                numbers = (target.number, target.low, target.high) if target else ()
                if task.indicator and any(n is not None and n > 1 for n in numbers):
                    above.add(task.indicator)
    return above


def _fractional_rates(
    store: ObservationStore, indicators: dict[str, Indicator], plans: Sequence[Plan]
) -> list[RowIssue]:
    rates = {
        store.indicator_code(i)
        for i, indicator in indicators.items()
        if indicator.kind == "rate" and i in store.indicator_names
    }
    values = store.values
    # The smallest value above 0, in C: usually 1 or more, and then there is nothing to see.
    if not rates or store.least_above_zero() >= 1.0:
        return []
    candidates = [
        row
        for row, v in enumerate(values)
        if 0 < v < 1 and store.keys[row] & INDICATOR_MASK in rates
    ]
    above = _targets_above_one(plans)
    found = []
    for row in candidates:
        if row in store.dropped:
            continue
        unit, indicator = store.unit_of(row), store.indicator_of(row)
        others = store.rows_of(unit, indicator)
        if indicator in above or any(values[r] > 1 for r in others):
            detail = {
                "value": format_number(values[row], 6),
                "percent": format_number(values[row] * 100, 6),
            }
            reason = Message("row.rate_looks_fractional", detail)
            found.append(RowIssue(store.location(row), unit, reason, "rate-looks-fractional"))
    return found


def _decreasing_totals(store: ObservationStore, indicators: dict[str, Indicator]) -> list[RowIssue]:
    running = [i for i, ind in indicators.items() if ind.cumulative == "year"]
    found = []
    for indicator in running:
        for unit in store.unit_names:
            rows = sorted(
                store.rows_of(unit, indicator), key=lambda r: (store.date_of(r), store.seqs[r])
            )
            for earlier, later in pairwise(rows):
                first, then = store.day(store.date_of(earlier)), store.day(store.date_of(later))
                if first.year == then.year and store.values[later] < store.values[earlier]:
                    detail = {
                        "value": format_number(store.values[later]),
                        "earlier": format_number(store.values[earlier]),
                        "day": first.isoformat(),
                    }
                    reason = Message("row.cumulative_decrease", detail)
                    issue = RowIssue(store.location(later), unit, reason, "cumulative-decrease")
                    found.append(issue)
    return found
