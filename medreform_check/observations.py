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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import compress, count, islice, repeat
from operator import and_, lt

from medreform_check.errors import Location, MedreformError
from medreform_check.grouping import (
    DATE_SHIFT,
    INDICATOR_MASK,
    UNIT_MASK,
    UNIT_SHIFT,
    Block,
    GroupIndex,
    panel,
)

# The records a row becomes (records.py), named here too: the store hands them out.
from medreform_check.records import (
    FIELDS,
    Composition,
    MilestoneReport,
    Observation,
    Receipt,
    RowIssue,
    Skipped,
    Value,
)

__all__ = [
    "FIELDS",
    "NOT_GIVEN",
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

NOT_GIVEN = 0  # the ordinal kept for "no submitted date" (date.min's ordinal is 1)

# Up to this many rows the store is grouped by sorting (C speed, ≈ 72 bytes a row while it
# runs); above it, by a counting sort (Python speed, 12 bytes a row): a nation's 12 million
# rows would need 860 MB just to be sorted.
SORT_UP_TO = 4_000_000


def _codes() -> array[int]:
    return array("i")


_NATURALS = array("i")  # 0, 1, 2, …: sliced for runs of consecutive numbers, grown on demand


def _counted(first: int, count: int) -> array[int]:
    """first, first + 1, …, ``count`` numbers: a slice of one shared array (a copy in C,
    where building them one by one costs a call each)."""
    end = first + count
    if end > len(_NATURALS):
        _NATURALS.extend(range(len(_NATURALS), end + max(end // 4, 1 << 16)))
    return _NATURALS[first:end]


class ObservationStore:
    """Every observation accepted from the submissions, in read order: one array per field.

    ``keys`` holds each row's as_of, unit and indicator in one number (see ``DATE_SHIFT``);
    ``index()`` groups the rows per unit and indicator once they are all read.
    """

    def __init__(self, observations: Iterable[Observation] = ()) -> None:
        self.unit_names: list[str] = []
        self.indicator_names: list[str] = []
        self.paths: list[str] = []
        self._unit_code: dict[str, int] = {}
        self._indicator_code: dict[str, int] = {}
        self._path_code: dict[str, int] = {}
        self.keys = array("q")  # as_of, unit and indicator of each row (see DATE_SHIFT)
        self.submitted = _codes()  # an ordinal, NOT_GIVEN when the file gave none
        self.values = array("d")  # NaN where the value is a composition (kept aside)
        self.compositions: dict[int, Composition] = {}
        self.seqs = _codes()  # read order across every file: the last tie-breaker
        self.files = _codes()
        self.lines = _codes()
        self.cols = _codes()  # 0: no column
        self.dropped: set[int] = set()  # rows a consistency check rejected after reading
        self.cumulative: set[str] = set()  # indicators reported as running totals in the year
        self._index: GroupIndex | None = None
        self._panel: list[Block] | None = None
        # Worked out over the first rows, kept as rows are appended: (rows looked at, answer)
        self._rises: tuple[int, bool] = (0, True)
        self._least: tuple[int, float] = (0, math.inf)
        self._days: dict[int, date] = {}
        for obs in observations:
            self.add(obs)

    # --- codes ------------------------------------------------------------------------

    def unit_code(self, unit: str) -> int:
        code = self._unit_code.get(unit)
        if code is None:
            if len(self.unit_names) > UNIT_MASK:
                raise MedreformError(f"more than {UNIT_MASK + 1:,} reporting units")
            code = self._unit_code[unit] = len(self.unit_names)
            self.unit_names.append(unit)
        return code

    def indicator_code(self, indicator: str) -> int:
        code = self._indicator_code.get(indicator)
        if code is None:
            if len(self.indicator_names) > INDICATOR_MASK:
                raise MedreformError(f"more than {INDICATOR_MASK + 1:,} indicators")
            code = self._indicator_code[indicator] = len(self.indicator_names)
            self.indicator_names.append(indicator)
        return code

    def path_code(self, path: str) -> int:
        code = self._path_code.get(path)
        if code is None:
            code = self._path_code[path] = len(self.paths)
            self.paths.append(path)
        return code

    def name_first(self, units: Iterable[str], indicators: Iterable[str]) -> None:
        """Code these units and indicators first, in this order: the codes (and so the
        order of the groups) then do not depend on which rows happen to be read first."""
        for unit in units:
            self.unit_code(unit)
        for indicator in indicators:
            self.indicator_code(indicator)

    def group(self, unit: str, indicator: str) -> int | None:
        """The group (``key & GROUP_MASK``) of a unit's values of an indicator; None when
        either was never named."""
        u, i = self._unit_code.get(unit), self._indicator_code.get(indicator)
        return None if u is None or i is None else u << UNIT_SHIFT | i

    # --- adding -----------------------------------------------------------------------

    def changed(self, appended: bool = False) -> None:
        """Rows were added, changed or dropped: what was worked out from them is stale (what
        was worked out over the first rows holds still, when rows were only ``appended``)."""
        self._index, self._panel = None, None
        if not appended:
            self._rises, self._least = (0, True), (0, math.inf)

    def cut_back(self, rows: int) -> None:
        """Forget every row from ``rows`` on (a hand-over that did not complete)."""
        for column in (self.keys, self.submitted, self.values, self.seqs, self.files):
            del column[rows:]
        for column in (self.lines, self.cols):
            del column[rows:]
        for row in [r for r in self.compositions if r >= rows]:
            del self.compositions[row]
        self.changed()

    def add(self, obs: Observation) -> None:
        """Keep one observation (the general way: one row at a time)."""
        row = len(self.keys)
        unit, indicator = self.unit_code(obs.unit), self.indicator_code(obs.indicator)
        self.keys.append(obs.as_of.toordinal() << DATE_SHIFT | unit << UNIT_SHIFT | indicator)
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
        self.changed(appended=True)

    def extend(
        self,
        keys: array[int],
        submitted: array[int],
        values: array[float],
        seq: int,
        file: int,
        lines: Sequence[int],
    ) -> None:
        """Keep a run of plain numeric observations read from one file, column by column
        (the fast path: each column is appended in C), numbered in read order from ``seq``."""
        count = len(keys)
        self.keys.extend(keys)
        self.submitted.extend(submitted)
        self.values.extend(values)
        self.seqs.extend(_counted(seq, count))
        self.files.extend(array("i", (file,)) * count)
        if isinstance(lines, range) and lines.step == 1:
            self.lines.extend(_counted(lines.start, count))
        else:
            self.lines.extend(array("i", lines))
        self.cols.extend(array("i", (0,)) * count)
        self.changed(appended=True)

    def set_value(self, row: int, value: float) -> None:
        """Give a kept row another number (a reported rate takes the one its numerator and
        denominator give)."""
        self.values[row] = value
        self.changed()

    def drop(self, row: int) -> None:
        """Take a row back out (a failed consistency check rejected it)."""
        self.dropped.add(row)
        self.changed()

    # --- reading ----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.keys) - len(self.dropped)

    @property
    def rows(self) -> int:
        """Rows kept or dropped: the next row's number."""
        return len(self.keys)

    def unit_of(self, row: int) -> str:
        return self.unit_names[self.keys[row] >> UNIT_SHIFT & UNIT_MASK]

    def indicator_of(self, row: int) -> str:
        return self.indicator_names[self.keys[row] & INDICATOR_MASK]

    def date_of(self, row: int) -> int:
        """The row's as_of, as an ordinal."""
        return self.keys[row] >> DATE_SHIFT

    def day(self, ordinal: int) -> date:
        """The date of an ordinal, one shared object per distinct date."""
        found = self._days.get(ordinal)
        if found is None:
            found = self._days[ordinal] = date.fromordinal(ordinal)
        return found

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
            self.unit_of(row),
            self.indicator_of(row),
            self.value(row),
            self.day(self.date_of(row)),
            None if submitted == NOT_GIVEN else self.day(submitted),
            self.seqs[row],
            self.location(row),
        )

    def __iter__(self) -> Iterator[Observation]:
        """Every kept observation, in read order, as a named tuple (for tests and small
        questions; the engine reads the columns)."""
        dropped = self.dropped
        return (self.observation(r) for r in range(len(self.keys)) if r not in dropped)

    def rising(self) -> bool:
        """Whether the keys rise in read order: then no row repeats another's unit,
        indicator and date, and the rows are sorted by date, unit and indicator already.
        (Rows appended since the last answer are the only ones looked at.)"""
        return self._rise_to(len(self.keys)) and not self.dropped

    def least_above_zero(self) -> float:
        """The smallest value above 0 of any row (infinity when there is none), looked for
        in C (and again only over rows appended since)."""
        return self._least_to(len(self.values))

    def _rise_to(self, end: int) -> bool:
        seen, rises = self._rises
        if rises and seen < end:
            start, keys = max(seen - 1, 0), self.keys
            rises = all(map(lt, islice(keys, start, end), islice(keys, start + 1, end)))
        self._rises = (max(seen, end), rises)
        return rises

    def _least_to(self, end: int) -> float:
        seen, least = self._least
        if seen < end:
            values = islice(self.values, seen, end)
            least = min(least, min(filter((0.0).__lt__, values), default=math.inf))
            self._least = (end, least)
        return least

    def adopt(self, first: int, rises: bool, least: float) -> None:
        """Rows from ``first`` on were appended whole, and were looked at where they were
        read (parallel.py): their answers taken with this store's for the rows before."""
        before = self._rise_to(first)
        boundary = first in (0, len(self.keys)) or self.keys[first - 1] < self.keys[first]
        self._rises = (len(self.keys), before and rises and boundary)
        self._least = (len(self.values), min(self._least_to(first), least))

    def panel(self) -> list[Block] | None:
        """The rows as blocks of one date, each a grid of units × indicators, when they are
        (see grouping.py); None when they are not."""
        if self._panel is None and self.rising():
            self._panel = panel(self.keys, self.submitted) or []
        return self._panel or None

    def unit_codes(self, units: Iterable[str]) -> list[tuple[str, int | None]]:
        """Each unit with its code (None: never named)."""
        return [(unit, self._unit_code.get(unit)) for unit in units]

    def indicator_code_of(self, indicator: str) -> int | None:
        return self._indicator_code.get(indicator)

    def index(self) -> GroupIndex:
        """The kept rows grouped per unit and indicator (built once, when first asked)."""
        if self._index is None:
            self._index = GroupIndex(self.keys, self.values, self.dropped, SORT_UP_TO)
        return self._index

    def rows_of(self, unit: str, indicator: str) -> Sequence[int]:
        """The kept rows of one unit's reports of one indicator, in read order."""
        group = self.group(unit, indicator)
        if group is None:
            return ()
        index = self.index()
        low, high = index.span(group)
        return sorted(index.order[low:high])

    def rows_of_indicators(self, indicators: Iterable[str]) -> list[int]:
        """Every kept row of any of ``indicators``, in read order."""
        wanted = {self._indicator_code[i] for i in indicators if i in self._indicator_code}
        if not wanted:
            return []
        codes = map(and_, self.keys, repeat(INDICATOR_MASK))
        found = compress(count(), map(wanted.__contains__, codes))
        dropped = self.dropped
        return [row for row in found if row not in dropped] if dropped else list(found)


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
