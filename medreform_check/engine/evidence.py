"""Observations indexed once per (unit, indicator) and per (unit, task), sorted by date,
so that "the latest value as of t" is a binary search."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import Generic, TypeVar

from medreform_check.engine.panel import Placement, TaskPanel, place, task_panel
from medreform_check.grouping import DATE_BITS, Block, GroupIndex
from medreform_check.model import (
    Indicator,
    MilestoneReport,
    Observation,
    ObservationStore,
    Submissions,
    Value,
)

Window = tuple[date, date]
T = TypeVar("T")

_NEVER = date.min
_UNSET = object()


@dataclass(slots=True)
class Series(Generic[T]):
    """One unit's reports on one indicator or task: one winner per date, ascending."""

    dates: list[date]
    items: Sequence[T]  # a list, or an array of doubles for numbers
    _sums: list[float] | None = field(default=None, repr=False)
    cumulative: bool = False  # values are running totals since 1 January (cumulative: year)

    def span(self, upto: date, window: Window | None) -> tuple[int, int]:
        """Index range of the entries dated ≤ ``upto`` and inside ``window``."""
        if window is None:
            return 0, bisect_right(self.dates, upto)
        low = bisect_left(self.dates, window[0])
        high = bisect_right(self.dates, min(upto, window[1]))
        return low, max(low, high)

    def _running(self, high: int, start: date) -> float:
        return _running_total(self, high, start)

    def latest(self, upto: date, window: Window | None = None) -> T | None:
        low, high = self.span(upto, window)
        return self.items[high - 1] if high > low else None

    def total(self, upto: date, window: Window) -> float | None:
        """The sum of the entries in the window up to ``upto`` (counts); None if there are none."""
        low, high = self.span(upto, window)
        if high == low:
            return None
        if self.cumulative:
            return self._running(high, window[0])
        if self._sums is None:  # only count indicators are ever summed: prefix sums on demand
            self._sums = [0.0, *accumulate(float(v) for v in self.items)]  # type: ignore[arg-type]
        return self._sums[high] - self._sums[low]


def _running_total(series: Series[T], high: int, start: date) -> float:
    """A period's value from running totals: the latest inside it minus the latest before
    it in the same year (0 if none), CONTRACT §1.1 ``cumulative: year``."""
    latest = float(series.items[high - 1])  # type: ignore[arg-type]
    before = bisect_left(series.dates, start)
    if before and series.dates[before - 1].year == start.year:
        return latest - float(series.items[before - 1])  # type: ignore[arg-type]
    return latest


def _series(reports: list[tuple[date, date, int, T]]) -> Series[T]:
    # Same date: the later `submitted`, then the later row, wins (CONTRACT §2).
    reports.sort()
    dates: list[date] = []
    items: list[T] = []
    for day, _, _, item in reports:
        if dates and dates[-1] == day:
            items[-1] = item
        else:
            dates.append(day)
            items.append(item)
    return Series(dates, items)


def _value_series(
    store: ObservationStore, index: GroupIndex, low: int, high: int, known_by: int
) -> Series[Value]:
    """One unit's values of one indicator: the rows ``low``..``high`` of the store's index
    (sorted by date, a date's rows in read order), those known by ``known_by`` (an ordinal;
    0: all), one per date, ascending. It runs once per unit and indicator — three million
    times for a nation — so the usual case is a few calls into C."""
    order, submitted = index.order, store.submitted
    kept: Sequence[int] = range(low, high)
    if known_by:  # NOT_GIVEN (0) counts as known
        kept = [k for k in kept if submitted[order[k]] <= known_by]
        if not kept:
            return Series([], [])
    values = index.values
    composite = bool(store.compositions) and any(values[k] != values[k] for k in kept)
    if not composite and index.keys[low] >> DATE_BITS not in index.ties:
        if isinstance(kept, range):
            dates, items = index.dates[low:high], values[low:high]
        else:
            dates = array("i", map(index.dates.__getitem__, kept))
            items = array("d", map(values.__getitem__, kept))
        return Series(list(map(index.days.__getitem__, dates)), items)
    rows = [order[k] for k in kept]
    return _series(
        [
            (
                store.day(store.date_of(r)),
                store.day(submitted[r] or 1),
                store.seqs[r],
                store.value(r),
            )
            for r in rows
        ]
    )


class Evidence:
    """Everything submitted, indexed for the engine's questions.

    With ``known_by``, only what was known on that date counts: observations and reports
    whose submission was ``submitted`` on or before it, and those without a date
    (CONTRACT §2 "Known by").
    """

    def __init__(
        self,
        observations: ObservationStore | Iterable[Observation],
        milestones: Iterable[MilestoneReport],
        known_by: date | None = None,
    ) -> None:
        self.known_by = known_by
        self._store = (
            observations
            if isinstance(observations, ObservationStore)
            else ObservationStore(observations)
        )
        self._known_by = known_by.toordinal() if known_by else 0
        self._panel: object = _UNSET
        self._codes: dict[tuple[str, ...], list[tuple[str, int | None]]] = {}
        self._placements: dict[tuple[tuple[str, ...], int], Placement] = {}
        reports: dict[tuple[str, str], list[tuple[date, date, int, MilestoneReport]]] = defaultdict(
            list
        )
        for rep in milestones:
            if known_by is None or rep.submitted is None or rep.submitted <= known_by:
                reports[rep.unit, rep.task].append(
                    (rep.dated, rep.submitted or _NEVER, rep.seq, rep)
                )
        self._reports = {key: _series(rows) for key, rows in reports.items()}

    @classmethod
    def of(cls, submissions: Submissions, known_by: date | None = None) -> Evidence:
        return cls(submissions.store, submissions.milestones, known_by)

    def values(self, unit: str, indicator: str) -> Series[Value] | None:
        """The unit's series of values of ``indicator``, if it reported any (built on each
        call from the store's columns; the caller keeps it as long as it needs it)."""
        group = self._store.group(unit, indicator)
        if group is None:
            return None
        index = self._store.index()
        low, high = index.span(group)
        if low == high:
            return None
        series = _value_series(self._store, index, low, high, self._known_by)
        series.cumulative = indicator in self._store.cumulative
        return series if series.dates else None

    def panel(self, indicator: Indicator, units: tuple[str, ...]) -> TaskPanel | None:
        """The values of ``units`` of ``indicator`` read off the store's panel, when the
        store is one and the indicator's values can be read so (engine/panel.py)."""
        if indicator.kind == "composition" or indicator.id in self._store.cumulative:
            return None
        blocks = self._blocks()
        if blocks is None:
            return None
        store = self._store
        code = store.indicator_code_of(indicator.id)

        def placed(block_units: array[int]) -> Placement:
            # Tasks share their units (and blocks theirs): each pair is placed once.
            key = (units, id(block_units))
            if key not in self._placements:
                if units not in self._codes:
                    self._codes[units] = store.unit_codes(units)
                self._placements[key] = place(self._codes[units], block_units)
            return self._placements[key]

        return task_panel(blocks, store.values, code, placed, store.day)

    def _blocks(self) -> list[Block] | None:
        """The store's panel blocks known by ``known_by`` (a block submitted on several
        dates cannot be cut so: then no panel)."""
        if self._panel is _UNSET:
            blocks = self._store.panel()
            if blocks is not None and self._known_by:
                if any(block.submitted is None for block in blocks):
                    blocks = None
                else:
                    blocks = [b for b in blocks if (b.submitted or 0) <= self._known_by]
            self._panel = blocks
        return self._panel  # type: ignore[return-value]

    def reports(self, unit: str, task: str) -> Series[MilestoneReport] | None:
        """The unit's series of reports on the milestone ``task``, if it sent any."""
        return self._reports.get((unit, task))
