"""三色督办 (CONTRACT §2 "Escalation"): how urgently an instance must be chased."""

from __future__ import annotations

from medreform_check.report import Level, Status


def level_of(status: Status, days_overdue: int | None, escalate_days: int) -> Level | None:
    """Blue when at risk; yellow when overdue by at most ``escalate_days``; red when overdue
    longer; None for every other status."""
    if status is Status.AT_RISK:
        return Level.BLUE
    if status.overdue:
        assert days_overdue is not None  # an overdue verdict always counts its days
        return Level.YELLOW if days_overdue <= escalate_days else Level.RED
    return None
