"""Applying consistency checks to what each unit reported for one date (CONTRACT §1.2).

A failed ``error`` check rejects the rows whose values conflict; a failed ``warning`` check,
or one that divides by zero, is listed as a warning. A check with an operand missing is
skipped: there is nothing to compare.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from medreform_check.errors import Location, Severity
from medreform_check.language.expressions import NotFinite, Ref, ZeroDivision, holds
from medreform_check.loading.checks import Check
from medreform_check.model import Observation, ObservationStore, RowIssue, Submissions, Value
from medreform_check.vocabulary import Message, format_number


def _latest_per_date(
    store: ObservationStore, checks: Sequence[Check]
) -> dict[tuple[str, date], dict[str, _Row]]:
    """What each unit reported on each date, of the indicators the checks name. Same unit,
    indicator and date: the later submitted, then the later row, is the value."""
    named = {ref.indicator for check in checks for ref in check.rule.refs()}
    rows = store.rows_of_indicators(named)
    rows.sort(key=lambda r: (store.submitted[r], store.seqs[r]))
    groups: dict[tuple[str, date], dict[str, _Row]] = defaultdict(dict)
    for row in rows:
        obs = store.observation(row)
        groups[obs.unit, obs.as_of][obs.indicator] = _Row(row, obs)
    return groups


class _Row(NamedTuple):
    """An observation and its row in the store (to take it back out)."""

    row: int
    obs: Observation

    @property
    def at(self) -> Location:
        return self.obs.at


def apply_checks(submissions: Submissions, checks: Sequence[Check]) -> None:
    """Move the rows that fail an error check from observations to rejected; note warnings."""
    if not checks:
        return
    reasons: dict[int, list[Message]] = defaultdict(list)
    conflicting: dict[int, Observation] = {}  # row -> observation
    store = submissions.store
    for (unit, day), reported in _latest_per_date(store, checks).items():
        values: dict[str, Value] = {name: kept.obs.value for name, kept in reported.items()}
        for check in checks:
            names = list(dict.fromkeys(ref.indicator for ref in check.rule.refs()))
            if any(name not in values for name in names):
                continue
            involved = [reported[name] for name in names]
            try:
                ok, left, right = holds(check.rule, values, check.tolerance)
            except ZeroDivision as exc:
                # Point at the row that holds the zero when the divisor is a single value.
                divisor = exc.divisor
                row = reported[divisor.indicator] if isinstance(divisor, Ref) else involved[-1]
                skipped = {"check": check.id, "day": day.isoformat(), "divisor": str(divisor)}
                reason = Message("check.zero_divisor", skipped)
                submissions.warnings.append(RowIssue(row.at, unit, reason, "row-check-warning"))
                continue
            except NotFinite:
                skipped = {"check": check.id, "day": day.isoformat()}
                reason = Message("check.not_finite", skipped)
                warning = RowIssue(involved[-1].at, unit, reason, "row-check-warning")
                submissions.warnings.append(warning)
                continue
            if ok:
                continue
            reason = Message(
                "check.failed",
                {
                    "check": check.id,
                    "message": check.message,
                    "rule": check.rule.text,
                    "left": format_number(left),
                    "comparator": check.rule.comparator,
                    "right": format_number(right),
                },
            )
            if check.severity is Severity.WARNING:
                submissions.warnings.append(
                    RowIssue(involved[-1].at, unit, reason, "row-check-warning")
                )
                continue
            for kept in involved:
                reasons[kept.row].append(reason)
                conflicting[kept.row] = kept.obs
    for number, obs in conflicting.items():
        issue = RowIssue(obs.at, obs.unit, _all(reasons[number]), "row-check")
        submissions.rejected.append(issue)
        store.drop(number)


def _all(reasons: list[Message]) -> Message:
    """One check's reason, or several as one sentence."""
    return reasons[0] if len(reasons) == 1 else Message("list", {"items": reasons})
