"""Applying consistency checks to what each unit reported for one date (CONTRACT §1.2).

A failed ``error`` check rejects the rows whose values conflict; a failed ``warning`` check,
or one that divides by zero, is listed as a warning. A check with an operand missing is
skipped: there is nothing to compare.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from medreform_check.errors import Severity
from medreform_check.language.expressions import NotFinite, Ref, ZeroDivision, holds
from medreform_check.loading.checks import Check
from medreform_check.model import Observation, RowIssue, Submissions, Value
from medreform_check.vocabulary import Message, format_number


def _latest_per_date(
    observations: Sequence[Observation],
) -> dict[tuple[str, date], dict[str, Observation]]:
    # Same unit, indicator and date: the later submitted, then the later row, is the value.
    groups: dict[tuple[str, date], dict[str, Observation]] = defaultdict(dict)
    for obs in sorted(observations, key=lambda o: (o.submitted or date.min, o.seq)):
        groups[obs.unit, obs.as_of][obs.indicator] = obs
    return groups


def apply_checks(submissions: Submissions, checks: Sequence[Check]) -> None:
    """Move the rows that fail an error check from observations to rejected; note warnings."""
    if not checks:
        return
    reasons: dict[int, list[Message]] = defaultdict(list)
    conflicting: dict[int, Observation] = {}
    for (unit, day), reported in _latest_per_date(submissions.observations).items():
        values: dict[str, Value] = {name: obs.value for name, obs in reported.items()}
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
            for obs in involved:
                reasons[id(obs)].append(reason)
                conflicting[id(obs)] = obs
    for key, obs in conflicting.items():
        submissions.rejected.append(RowIssue(obs.at, obs.unit, _all(reasons[key]), "row-check"))
    submissions.observations = [o for o in submissions.observations if id(o) not in conflicting]


def _all(reasons: list[Message]) -> Message:
    """One check's reason, or several as one sentence."""
    return reasons[0] if len(reasons) == 1 else Message("list", {"items": reasons})
