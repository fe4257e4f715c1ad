"""Changes since the last audit (CONTRACT §2 "Changes"): each result's status as of an earlier
date, and the instances newly met, newly overdue, still overdue or recovered since then."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from medreform_check.report import Changes, Result, Status

DONE = (Status.MET, Status.MET_LATE)
InstanceKey = tuple[str, str, str | None, date, str | None]


def instance_key(result: Result) -> InstanceKey:
    """What makes a result the same instance on two dates: plan, task, period, deadline (a
    stage has its own) and, with `by: parent`, the group."""
    return (result.plan, result.task, result.period, result.deadline, result.group)


def with_previous(results: Sequence[Result], previous: Iterable[Result]) -> tuple[Result, ...]:
    """``results`` with ``previous_status`` set from ``previous`` (None: no such instance
    then — an ``every`` period that had not begun)."""
    before = {instance_key(r): r.status for r in previous}
    return tuple(replace(r, previous_status=before.get(instance_key(r))) for r in results)


def _overdue(status: Status | None) -> bool:
    return status is not None and status.overdue


def changes_since(results: Sequence[Result], compared_to: date) -> Changes:
    """The four lists of CONTRACT §2 "Changes", from results that carry ``previous_status``."""
    return Changes(
        compared_to=compared_to,
        newly_met=tuple(r for r in results if r.status in DONE and r.previous_status not in DONE),
        newly_overdue=tuple(
            r for r in results if r.status.overdue and not _overdue(r.previous_status)
        ),
        still_overdue=tuple(r for r in results if r.status.overdue and _overdue(r.previous_status)),
        recovered=tuple(r for r in results if r.status in DONE and _overdue(r.previous_status)),
    )
