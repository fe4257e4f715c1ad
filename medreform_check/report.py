"""What an audit produces: plain data for renderers, computed once by the engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from medreform_check.language.targets import Target
from medreform_check.model import Indicator, RowIssue, Value


class Status(StrEnum):
    """The seven verdicts of CONTRACT §2, in the order summaries list them."""

    MET = "met"
    MET_LATE = "met_late"
    MISSED = "missed"
    UNREPORTED = "unreported"
    AT_RISK = "at_risk"
    PENDING = "pending"
    WAIVED = "waived"

    @property
    def overdue(self) -> bool:
        return self in (Status.MISSED, Status.UNREPORTED)


@dataclass(frozen=True, slots=True)
class Note:
    """A reason behind a verdict, kept as data so each language can word it."""

    code: str
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Completion:
    """A unit's latest report on a milestone: done or not, when, and on what evidence."""

    unit: str
    done: bool
    completed_on: date | None
    evidence: str | None


@dataclass(frozen=True, slots=True)
class Result:
    """The verdict on one task instance (one deadline, one stage or one period)."""

    plan: str
    task: str
    title: str
    lead: str | None
    section: str | None
    source: str | None
    indicator: str | None
    period: str | None
    deadline: date
    target: str
    status: Status
    actual: Value | bool | None
    actual_at_deadline: Value | bool | None
    units: tuple[str, ...]
    missing_units: tuple[str, ...]
    days_overdue: int | None
    completed_on: date | None
    aspirational: bool
    notes: tuple[Note, ...] = ()
    # The task's value at each reported date up to the as-of date, for trend charts.
    history: tuple[tuple[date, float], ...] = ()
    target_spec: Target | None = None  # the parsed target, for charts; None for milestones
    completions: tuple[Completion, ...] = ()  # milestones: each unit's latest report


class ReportStatus(StrEnum):
    """Whether a unit's periodic report arrived (CONTRACT §2.1)."""

    ON_TIME = "on_time"
    LATE = "late"
    RECEIVED = "received"
    MISSING = "missing"
    DUE = "due"


@dataclass(frozen=True, slots=True)
class ReportingEntry:
    plan: str
    unit: str
    period: str
    due: date
    submitted: date | None
    status: ReportStatus


@dataclass(frozen=True)
class Report:
    """Everything ``audit`` knows: verdicts, rejected rows, warnings, reporting."""

    as_of: date
    plans: tuple[str, ...]
    results: tuple[Result, ...]
    rejected: tuple[RowIssue, ...] = ()
    warnings: tuple[RowIssue, ...] = ()
    reporting: tuple[ReportingEntry, ...] = ()
    # What renderers need to show names and units: unit id -> name, plan id -> title,
    # plan id -> document number, and the indicators in use.
    unit_names: Mapping[str, str] = field(default_factory=dict)
    plan_titles: Mapping[str, str] = field(default_factory=dict)
    plan_documents: Mapping[str, str] = field(default_factory=dict)
    indicators: Mapping[str, Indicator] = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        for result in self.results:
            counts[result.status.value] += 1
        return counts
