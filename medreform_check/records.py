"""What a submitted row records once it is read: an observation, a milestone report, a
receipt for the reporting table; and what could not be used: a row rejected or warned about,
a file or sheet skipped. Plain records, shared by the readers, the store and the engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from medreform_check.errors import Location
from medreform_check.language.periods import Period
from medreform_check.vocabulary import Message

# The fields of a submitted row, in the order templates lay them out.
FIELDS = (
    "unit", "period", "indicator", "task", "value", "done", "completed_on", "as_of", "evidence",
    "submitted", "note",
)  # fmt: skip

Composition = dict[str, float]
Value = float | Composition


class Observation(NamedTuple):
    """One reported value of one indicator by one unit, as of a date: how one row of the
    store is handed out (tests, checks) and handed in (readers of YAML)."""

    unit: str
    indicator: str
    value: Value
    as_of: date
    submitted: date | None
    seq: int  # order read, across all files: the last tie-breaker
    at: Location


@dataclass(frozen=True, slots=True)
class MilestoneReport:
    """A unit's report on a milestone task: done or not, and when."""

    unit: str
    task: str
    done: bool
    completed_on: date | None
    as_of: date
    submitted: date | None
    seq: int
    at: Location
    evidence: str | None = None

    @property
    def dated(self) -> date:
        """A completion counts from the day it happened; a 'not done' from its as_of."""
        return self.completed_on if self.done and self.completed_on else self.as_of


class Receipt(NamedTuple):
    """Evidence that a unit sent a report for a period (for CONTRACT §2.1). A named tuple
    rather than a frozen dataclass, as ``Location`` is: a province's files make tens of
    thousands, and a tuple is three times cheaper to build."""

    unit: str
    period: Period
    submitted: date | None
    at: Location


@dataclass(frozen=True, slots=True)
class RowIssue:
    """A rejected row, or a warning about one: file, line, unit, why, and a finding code.

    ``message`` keeps why as data where it can (a ``Message``, worded in the reader's
    language); text that comes from elsewhere (a library's complaint) stays text.
    """

    at: Location
    unit: str | None
    message: Message | str
    code: str = "row-shape"

    @property
    def reason(self) -> str:
        """Why, in English (as ``validate`` shows it)."""
        return str(self.message)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or a sheet that was not read, and why (CONTRACT §1.4: never silently)."""

    file: str
    sheet: str | None
    reason: Message | str
