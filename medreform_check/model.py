"""The typed model every loader produces and the engine consumes: plain, frozen data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from medreform_check.errors import Location
from medreform_check.language.targets import Target

# What submissions carry lives beside its column store; named here too, as the one model.
from medreform_check.observations import (
    FIELDS,
    Composition,
    MilestoneReport,
    Observation,
    ObservationStore,
    Receipt,
    RowIssue,
    Skipped,
    Submissions,
    Value,
)

__all__ = [
    "FIELDS",
    "Composition",
    "MilestoneReport",
    "Observation",
    "ObservationStore",
    "Receipt",
    "RowIssue",
    "Skipped",
    "Submissions",
    "Value",
]

NOWHERE = Location("<built in>")  # for objects made in code, not read from a file


@dataclass(frozen=True, slots=True)
class Indicator:
    """How one indicator is measured (CONTRACT §1.1)."""

    id: str
    name: str
    kind: str
    unit: str = ""
    name_en: str | None = None
    aliases: tuple[str, ...] = ()  # other names offices write (CONTRACT §1.1 "Names")
    min: float | None = None
    max: float | None = None
    integer: bool = False
    better: str | None = None
    parts: tuple[str, ...] = ()
    definition: str | None = None
    ratio_of: tuple[str, str] | None = None  # numerator and denominator indicators
    cumulative: str | None = None  # "year": values are running totals since 1 January
    at: Location = NOWHERE

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """Declared bounds; a rate is in percent points, 0–100, unless it says otherwise."""
        if self.kind == "rate":
            return (0.0 if self.min is None else self.min, 100.0 if self.max is None else self.max)
        return self.min, self.max

    def definition_key(self) -> tuple[object, ...]:
        """What makes two declarations the same indicator (names and notes aside)."""
        return (
            self.kind, self.unit, self.min, self.max, self.integer, self.better, self.parts,
            self.ratio_of, self.cumulative,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Unit:
    """A reporting or responsible unit: a hospital, a health centre, a bureau."""

    id: str
    name: str
    classes: tuple[str, ...] = ()
    at: Location = NOWHERE
    parent: str | None = None  # the unit above it (province → city → county → institution)
    aliases: tuple[str, ...] = ()  # other names it signs with
    reports: str | bool | None = None  # a frequency, False (owes none), None: as the plan says


@dataclass(frozen=True, slots=True)
class Stage:
    deadline: date | None  # None only in a plan with errors, which is never evaluated
    target: Target | None
    at: Location


@dataclass(frozen=True, slots=True)
class Waiver:
    reason: str
    until: date | None = None

    def applies(self, as_of: date) -> bool:
        return self.until is None or as_of <= self.until


@dataclass(frozen=True, slots=True)
class Baseline:
    """A value a task starts from, and its date: the start of the pace line (序时进度)."""

    value: float
    as_of: date


@dataclass(frozen=True, slots=True)
class Task:
    """One task of a plan. Exactly one of ``deadline``, ``stages`` and ``every`` is set."""

    id: str
    title: str
    order: int
    at: Location
    section: str | None = None
    source: str | None = None
    lead: str | None = None
    owners: tuple[str, ...] = ()
    owner_classes: tuple[str, ...] = ()
    aggregate: str = "all"
    indicator: str | None = None
    target: Target | None = None
    deadline: date | None = None
    stages: tuple[Stage, ...] = ()
    every: str | None = None
    start: date | None = None  # `from`
    until: date | None = None
    aspirational: bool = False
    waived: Waiver | None = None
    evidence_required: bool = False
    weight: str | None = None  # with weighted_mean: the indicator weighing each unit
    by: str | None = None  # "parent": the target applies to each parent group
    baseline: Baseline | None = None  # where the pace (序时进度) starts

    @property
    def is_milestone(self) -> bool:
        return self.indicator is None


@dataclass(frozen=True, slots=True)
class Reporting:
    every: str
    due_days: int


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    title: str
    start: date
    end: date
    path: str
    units: Mapping[str, Unit]
    tasks: tuple[Task, ...]
    indicators: Mapping[str, Indicator] = field(default_factory=dict)
    issuer: str | None = None
    document_no: str | None = None
    issued: date | None = None
    warn_days: int = 30
    escalate_days: int = 30
    reporting: Reporting | None = None

    def units_in_scope(self, task: Task) -> tuple[str, ...]:
        """Who reports for ``task``: its owners, the units of its owner classes, else its lead.

        Tasks that name the same owners share one tuple, worked out once."""
        key = (id(self), task.owners, task.owner_classes, task.lead)
        known = _SCOPES.get(key)
        if known is not None and known[0] is self:
            return known[1]
        if len(_SCOPES) >= _SCOPES_KEPT:
            _SCOPES.clear()
        found = self._in_scope(task)
        _SCOPES[key] = (self, found)  # (the plan kept: its id stays its own)
        return found

    def _in_scope(self, task: Task) -> tuple[str, ...]:
        scope = dict.fromkeys(task.owners)  # ordered, and membership in O(1)
        if task.owner_classes:
            wanted = set(task.owner_classes)
            for unit in self.units.values():
                if not wanted.isdisjoint(unit.classes):
                    scope.setdefault(unit.id)
        if not scope and not task.owner_classes and task.lead:
            scope[task.lead] = None
        return tuple(scope)

    def reporting_units(self) -> tuple[str, ...]:
        """Every unit responsible for reporting on some task: by default, the units that owe
        periodic reports (a unit's `reports:` overrides that: ``engine.reporting``)."""
        seen: dict[str, None] = {}
        merged: set[int] = set()  # scopes shared by several tasks are merged once
        for task in self.tasks:
            scope = self.units_in_scope(task)
            if id(scope) not in merged:
                merged.add(id(scope))
                seen.update(dict.fromkeys(scope))
        return tuple(seen)


# Each task's units in scope, worked out once per plan and way of naming owners: a province's
# class has thousands of units, and loading, linting, evaluation and reporting all ask.
_SCOPES: dict[
    tuple[int, tuple[str, ...], tuple[str, ...], str | None], tuple[Plan, tuple[str, ...]]
] = {}
_SCOPES_KEPT = 65_536


@dataclass(frozen=True, slots=True)
class Catalogue:
    indicators: Mapping[str, Indicator]
    path: str = "<none>"
