"""Observations kept column-wise: one array per field, one entry per accepted row.

A province's quarter is hundreds of thousands of values and a nation's year millions: as
objects (a named tuple and a position each, ≈ 265 B) they cost more memory than the files they
came from. Here a value costs ≈ 36 B — its unit and indicator as small codes, its dates as
ordinals, the number as a double, its read order and where it was read (file, line, column) —
and an index built once groups the rows per (unit, indicator) with a stable counting sort, so
the engine asks for one unit's series of one indicator and gets an array slice.

Positions are kept as a file number and a line, enough to find any row again: a ``Location``
is built only for the rows someone reports on (rejected by a check, warned about).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate, compress, repeat
from operator import add, le, mul
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


@dataclass(frozen=True, slots=True)
class Receipt:
    """Evidence that a unit sent a report for a period (for CONTRACT §2.1)."""

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


NOT_GIVEN = 0  # the ordinal kept for "no submitted date" (date.min's ordinal is 1)


def _codes() -> array[int]:
    return array("i")


class ObservationStore:
    """Every observation accepted from the submissions, in read order."""

    def __init__(self, observations: Iterable[Observation] = ()) -> None:
        self.unit_names: list[str] = []
        self.indicator_names: list[str] = []
        self.paths: list[str] = []
        self._unit_code: dict[str, int] = {}
        self._indicator_code: dict[str, int] = {}
        self._path_code: dict[str, int] = {}
        self.units = _codes()
        self.indicators = _codes()
        self.dates = _codes()  # as_of, as an ordinal
        self.submitted = _codes()  # an ordinal, NOT_GIVEN when the file gave none
        self.values = array("d")  # NaN where the value is a composition (kept aside)
        self.compositions: dict[int, Composition] = {}
        self.seqs = _codes()  # read order across every file: the last tie-breaker
        self.files = _codes()
        self.lines = _codes()
        self.cols = _codes()  # 0: no column
        self.dropped: set[int] = set()  # rows a consistency check rejected after reading
        self.cumulative: set[str] = set()  # indicators reported as running totals in the year
        self._index: _Index | None = None
        self._days: dict[int, date] = {}
        for obs in observations:
            self.add(obs)

    # --- codes ------------------------------------------------------------------------

    def unit_code(self, unit: str) -> int:
        code = self._unit_code.get(unit)
        if code is None:
            code = self._unit_code[unit] = len(self.unit_names)
            self.unit_names.append(unit)
        return code

    def indicator_code(self, indicator: str) -> int:
        code = self._indicator_code.get(indicator)
        if code is None:
            code = self._indicator_code[indicator] = len(self.indicator_names)
            self.indicator_names.append(indicator)
        return code

    def path_code(self, path: str) -> int:
        code = self._path_code.get(path)
        if code is None:
            code = self._path_code[path] = len(self.paths)
            self.paths.append(path)
        return code

    # --- adding -----------------------------------------------------------------------

    def add(self, obs: Observation) -> None:
        """Keep one observation (the general way: one row at a time)."""
        row = len(self.units)
        self.units.append(self.unit_code(obs.unit))
        self.indicators.append(self.indicator_code(obs.indicator))
        self.dates.append(obs.as_of.toordinal())
        self.submitted.append(obs.submitted.toordinal() if obs.submitted else NOT_GIVEN)
        if isinstance(obs.value, dict):
            self.compositions[row] = obs.value
            self.values.append(math.nan)
        else:
            self.values.append(float(obs.value))
        self.seqs.append(obs.seq)
        self.files.append(self.path_code(obs.at.path))
        self.lines.append(obs.at.line or 0)
        self.cols.append(obs.at.col or 0)
        self._index = None

    def extend(
        self,
        units: Sequence[int],
        indicators: Sequence[int],
        dates: Sequence[int],
        submitted: Sequence[int],
        values: array[float],
        seqs: Sequence[int],
        file: int,
        lines: Sequence[int],
    ) -> None:
        """Keep a run of plain numeric observations read from one file, column by column
        (the fast path: each column is appended in C)."""
        self.units.extend(units)
        self.indicators.extend(indicators)
        self.dates.extend(dates)
        self.submitted.extend(submitted)
        self.values.extend(values)
        self.seqs.extend(seqs)
        self.files.extend(repeat(file, len(lines)))
        self.lines.extend(lines)
        self.cols.extend(repeat(0, len(lines)))
        self._index = None

    def set_value(self, row: int, value: float) -> None:
        """Give a kept row another number (a reported rate takes the one its numerator and
        denominator give)."""
        self.values[row] = value
        self._index = None

    def drop(self, row: int) -> None:
        """Take a row back out (a failed consistency check rejected it)."""
        self.dropped.add(row)
        self._index = None

    # --- reading ----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.units) - len(self.dropped)

    def day(self, ordinal: int) -> date:
        """The date of an ordinal, one shared object per distinct date."""
        found = self._days.get(ordinal)
        if found is None:
            found = self._days[ordinal] = date.fromordinal(ordinal)
        return found

    def days(self) -> dict[int, date]:
        """Every as_of date kept, by ordinal (one object each, shared by every series)."""
        if self._index is None or not self._index.days:
            index = self._index or self._build_index()
            for ordinal in set(self.dates).difference(self._days):
                self._days[ordinal] = date.fromordinal(ordinal)
            index.days = True
        return self._days

    def value(self, row: int) -> Value:
        number = self.values[row]
        return self.compositions[row] if number != number else number  # NaN: a composition

    def location(self, row: int) -> Location:
        return Location(
            self.paths[self.files[row]], self.lines[row] or None, self.cols[row] or None
        )

    def observation(self, row: int) -> Observation:
        submitted = self.submitted[row]
        return Observation(
            self.unit_names[self.units[row]],
            self.indicator_names[self.indicators[row]],
            self.value(row),
            self.day(self.dates[row]),
            None if submitted == NOT_GIVEN else self.day(submitted),
            self.seqs[row],
            self.location(row),
        )

    def __iter__(self) -> Iterator[Observation]:
        """Every kept observation, in read order, as a named tuple (for tests and small
        questions; the engine reads the columns)."""
        dropped = self.dropped
        return (self.observation(r) for r in range(len(self.units)) if r not in dropped)

    def rows_of(self, unit: str, indicator: str) -> Sequence[int]:
        """The rows of one unit's reports of one indicator, in read order."""
        u, i = self._unit_code.get(unit), self._indicator_code.get(indicator)
        if u is None or i is None:
            return ()
        index = self._index or self._build_index()
        return index.rows(u * index.width + i)

    def rows_of_indicators(self, indicators: Iterable[str]) -> list[int]:
        """Every kept row of any of ``indicators``, in read order."""
        wanted = {self._indicator_code[i] for i in indicators if i in self._indicator_code}
        dropped = self.dropped
        return [
            row for row, code in enumerate(self.indicators) if code in wanted and row not in dropped
        ]

    def unsorted_groups(self) -> Iterator[Sequence[int]]:
        """The rows (read order) of each (unit, indicator) whose dates do not strictly
        increase in read order: where a date may repeat. Found in C over the grouped dates,
        about 12 bytes a row while it runs (a set of every (unit, indicator, date) took 90)."""
        index = self._index or self._build_index()
        order, starts = index.order, index.starts
        count = len(order)
        if count < 2:
            return
        dates = array("i", map(self.dates.__getitem__, order))
        later = compress(range(1, count), map(le, dates[1:], dates[:-1]))
        first = bytearray(count + 1)  # 1 where a group starts: a drop in date there is fine
        for start in set(starts):
            if start <= count:
                first[start] = 1
        seen_groups: set[int] = set()
        for k in later:
            if first[k]:
                continue
            group = bisect_right(starts, k) - 1  # starts[group] <= k < starts[group + 1]
            if group == len(starts) - 2:
                break  # the bucket of dropped rows, last of all: not a group
            if group not in seen_groups:
                seen_groups.add(group)
                yield order[starts[group] : starts[group + 1]]

    def _build_index(self) -> _Index:
        self._index = _Index(self)
        return self._index


# Up to this many rows the index is built by sorting (C speed, ≈ 72 bytes a row while it
# runs); above it, by a counting sort (Python speed, 12 bytes a row): a nation's 12 million
# rows would need 860 MB just to be sorted.
SORT_UP_TO = 4_000_000


class _Index:
    """The rows grouped per (unit, indicator), each group in read order (a stable sort on
    the group code ``unit × width + indicator``), and where each group starts: an array
    indexed by group code (no dictionary per group: a nation has millions of them)."""

    def __init__(self, store: ObservationStore) -> None:
        self.days = False  # whether the store's days() holds every as_of of these rows
        self.width = width = max(1, len(store.indicator_names))
        groups = len(store.unit_names) * width
        codes = array("q", map(add, map(mul, store.units, repeat(width)), store.indicators))
        for row in store.dropped:
            codes[row] = groups  # dropped rows go to a bucket nobody asks for
        counts = array("q", bytes(8 * (groups + 1)))
        if len(codes) <= SORT_UP_TO:
            self.order = array("i", sorted(range(len(codes)), key=codes.__getitem__))
            for code, count in Counter(codes).items():
                counts[code] = count
        else:
            for code in codes:
                counts[code] += 1
        self.starts = array("q", accumulate(counts, initial=0))
        if len(codes) > SORT_UP_TO:
            self.order = _counting_sort(codes, self.starts)

    def rows(self, code: int) -> Sequence[int]:
        return self.order[self.starts[code] : self.starts[code + 1]]


def _counting_sort(codes: array[int], starts: array[int]) -> array[int]:
    """Row numbers ordered by code, stable: each row put at the next place of its group."""
    fill = array("q", starts)
    order = array("i", bytes(4 * len(codes)))
    for row, code in enumerate(codes):
        at = fill[code]
        order[at] = row
        fill[code] = at + 1
    return order


@dataclass(init=False)
class Submissions:
    """Everything read from submission files: used rows (observations in a column store,
    milestone reports, receipts) and the rows and files that could not be used."""

    store: ObservationStore
    milestones: list[MilestoneReport] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)
    rejected: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)  # how each file was read, for --verbose
    skipped: list[Skipped] = field(default_factory=list)  # files and sheets not read

    def __init__(
        self,
        observations: Iterable[Observation] = (),
        milestones: Iterable[MilestoneReport] = (),
        receipts: Iterable[Receipt] = (),
        rejected: Iterable[RowIssue] = (),
        warnings: Iterable[RowIssue] = (),
        rows_read: int = 0,
        notes: Iterable[str] = (),
        skipped: Iterable[Skipped] = (),
    ) -> None:
        self.store = ObservationStore(observations)
        self.milestones = list(milestones)
        self.receipts = list(receipts)
        self.rejected = list(rejected)
        self.warnings = list(warnings)
        self.rows_read = rows_read
        self.notes = list(notes)
        self.skipped = list(skipped)

    @property
    def observations(self) -> list[Observation]:
        """The kept observations as named tuples, in read order (built on each call)."""
        return list(self.store)
