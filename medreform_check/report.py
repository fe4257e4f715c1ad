"""What an audit produces: plain data for renderers.

The engine decides each instance's ``Result``; the audit use case (``commands.audit``) adds
every summary a reader sees — counts, completion rates, the overdue list, reporting rates —
computed once into ``Summaries``. Renderers only lay these out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from medreform_check.errors import Location
from medreform_check.language.targets import Target
from medreform_check.model import Indicator, RowIssue, Skipped, Value


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


class Level(StrEnum):
    """三色督办 (CONTRACT §2 "Escalation"): blue at risk, yellow overdue, red long overdue."""

    BLUE = "blue"
    YELLOW = "yellow"
    RED = "red"

    @property
    def urgency(self) -> int:
        """Red first, then yellow, then blue: the order lists are chased in."""
        return (Level.RED, Level.YELLOW, Level.BLUE).index(self)


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
    history: Trend = field(default_factory=lambda: Trend(()))
    target_spec: Target | None = None  # the parsed target, for charts; None for milestones
    completions: tuple[Completion, ...] = ()  # milestones: each unit's latest report
    group: str | None = None  # with `by: parent`: the parent whose units this result judges
    # The units whose own part of an `all`/`any` (or milestone) instance due by the as-of date
    # was met (at its deadline or later): the per-unit scorecard judges them on their own
    # values. None: each unit shares the instance's status.
    units_met: tuple[str, ...] | None = None
    level: Level | None = None  # 三色督办: set when overdue or at risk
    # With --compare-to: the status as of that date (None: the instance did not exist then).
    previous_status: Status | None = None


TrendPoints = tuple[tuple[date, float], ...]


class Trend:
    """The task's value at each reported date up to the as-of date: the points of its trend
    line. Computed on first use — at province scale a pass over every unit per reported date
    costs more than the audit itself, and most outputs never draw a trend — then kept."""

    __slots__ = ("_compute", "_points")

    def __init__(self, points: TrendPoints | Callable[[], TrendPoints]) -> None:
        self._points = points if isinstance(points, tuple) else None
        self._compute = None if isinstance(points, tuple) else points

    @property
    def points(self) -> TrendPoints:
        if self._points is None:
            assert self._compute is not None
            self._points, self._compute = self._compute(), None
        return self._points

    def __iter__(self) -> Iterator[tuple[date, float]]:
        return iter(self.points)

    def __len__(self) -> int:
        return len(self.points)

    def __bool__(self) -> bool:
        return bool(self.points)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Trend) and self.points == other.points

    __hash__ = None  # type: ignore[assignment]  # mutable cache: not hashable


class ReportStatus(StrEnum):
    """Whether a unit's periodic report arrived (CONTRACT §2.1)."""

    ON_TIME = "on_time"
    LATE = "late"
    RECEIVED = "received"
    MISSING = "missing"
    DUE = "due"


class ReportingEntry(NamedTuple):
    """One periodic report owed (CONTRACT §2.1). A named tuple rather than a frozen
    dataclass: a province owes tens of thousands, a nation hundreds of thousands."""

    plan: str
    unit: str
    period: str
    due: date
    submitted: date | None
    status: ReportStatus


@dataclass(frozen=True, slots=True)
class CompletionRate:
    """Of the instances due by the as-of date (waived ones aside), how many were met."""

    key: str | None
    name: str
    due: int
    met: int
    overdue: int

    @property
    def rate(self) -> float | None:
        return self.met / self.due if self.due else None


@dataclass(frozen=True, slots=True)
class UnitScore:
    """One unit's scorecard (CONTRACT §3.1 "units"), or a parent group's (its descendants
    added up): of the instances owned and due by the as-of date, how many were met (met or
    met late) and how many are overdue."""

    unit: str
    name: str
    parent: str | None
    due: int
    met: int
    overdue: int

    @property
    def rate(self) -> float | None:
        """Met ÷ due, a fraction (the JSON gives it in percent); None when nothing is due."""
        return self.met / self.due if self.due else None


@dataclass(frozen=True, slots=True)
class ReportingRate:
    """How one unit (or one period) has reported: of the reports owed, how many came, and
    how many on time. A report not yet due is not owed."""

    key: str
    owed: int
    received: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return self.received / self.owed if self.owed else None

    @property
    def on_time_rate(self) -> float | None:
        # Reports without a submitted date cannot be judged on time: they count against it.
        return self.on_time / self.owed if self.owed else None


@dataclass(frozen=True, slots=True)
class LeadGroup:
    """Results that share a lead unit (``lead`` None: no lead), for lists by responsibility."""

    lead: str | None
    name: str
    results: tuple[Result, ...]


@dataclass(frozen=True, slots=True)
class SectionGroup:
    """The results of one section of one plan, in plan order."""

    plan: str
    section: str | None
    results: tuple[Result, ...]


@dataclass(frozen=True, slots=True)
class MissingReports:
    """The periods one unit has not reported."""

    unit: str
    periods: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since the audit as of ``compared_to`` (CONTRACT §2 "Changes"), each list
    in result order; an instance may be in more than one (recovered ones are newly met too)."""

    compared_to: date
    newly_met: tuple[Result, ...]
    newly_overdue: tuple[Result, ...]
    still_overdue: tuple[Result, ...]
    recovered: tuple[Result, ...]

    CATEGORIES = ("newly_met", "newly_overdue", "still_overdue", "recovered")

    def lists(self) -> tuple[tuple[str, tuple[Result, ...]], ...]:
        """(category, its results) in the contract's order."""
        return tuple((name, getattr(self, name)) for name in self.CATEGORIES)


@dataclass(frozen=True)
class Summaries:
    """What a reader sees besides the verdicts, each computed once (``commands.summaries``)."""

    counts: Mapping[Status, int]  # every status, in Status order
    overall: CompletionRate  # every instance due by the as-of date
    by_lead: tuple[CompletionRate, ...]  # best rate first
    by_section: tuple[CompletionRate, ...]
    sections: tuple[SectionGroup, ...]  # results by plan and section, as the plans list them
    overdue: tuple[LeadGroup, ...]  # overdue results by lead, most days overdue first
    at_risk: tuple[Result, ...]  # soonest deadline first
    reporting_by_unit: tuple[ReportingRate, ...]
    reporting_by_period: tuple[ReportingRate, ...]
    late_reports: tuple[ReportingEntry, ...]  # missing or late, in reporting order
    missing_reports: tuple[MissingReports, ...]
    # Per unit, ranked: best rate first, then fewer overdue, then id (CONTRACT §3.1 "units").
    units: tuple[UnitScore, ...] = ()
    # With a hierarchy: per parent, its descendants' instances added up, ranked the same way.
    unit_groups: tuple[UnitScore, ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything ``audit`` knows: verdicts, rejected rows, warnings, reporting, summaries."""

    as_of: date
    plans: tuple[str, ...]
    results: tuple[Result, ...]
    summaries: Summaries
    rejected: tuple[RowIssue, ...] = ()
    warnings: tuple[RowIssue, ...] = ()
    reporting: tuple[ReportingEntry, ...] = ()
    skipped: tuple[Skipped, ...] = ()  # files and sheets not read, and why
    # What renderers need to show names and units: unit id -> name, plan id -> title,
    # plan id -> document number, and the indicators in use.
    unit_names: Mapping[str, str] = field(default_factory=dict)
    plan_titles: Mapping[str, str] = field(default_factory=dict)
    plan_documents: Mapping[str, str] = field(default_factory=dict)
    indicators: Mapping[str, Indicator] = field(default_factory=dict)
    known_by: date | None = None  # --known-by: only what had been submitted by then
    changes: Changes | None = None  # --compare-to: what changed since that date


def skipped_as_issues(skipped: tuple[Skipped, ...]) -> tuple[RowIssue, ...]:
    """Skipped files and sheets in the shape of listed rows (``file[sheet]`` as the place),
    for the formats that show them as a table."""
    return tuple(
        RowIssue(Location(s.file if s.sheet is None else f"{s.file}[{s.sheet}]"), None, s.reason,
                 "skipped")
        for s in skipped
    )  # fmt: skip
