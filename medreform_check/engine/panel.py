"""A task's values read off the store's panel: one strided slice per date, in C.

When the submissions form a panel (``grouping.panel``: blocks of one date, each holding
every one of its units' values of every one of its indicators once), the values of a task's
units at a date are one slice of the store's values column, and no series is built per unit.
``TaskPanel`` answers the questions the engine asks of a task's units at a date — each unit's
latest value, or its total over a window for counts — as the unit-by-unit series would
(``evidence.Series``), with the same floating-point operations in the same order.

Used for plain numeric indicators (not compositions, not running totals) whose reporting
units are the same in every block that holds the indicator; any other task is read unit by
unit.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from operator import add, sub
from typing import Any

from medreform_check.grouping import Block

Window = tuple[date, date]


class UnitValues(Mapping[str, float]):
    """Some units' values at one date, read off a panel: the mapping ``values_at`` gives,
    kept as two sequences (the units, their numbers) — a nation has fifty thousand units at
    every date the engine looks at, and most questions (how many, the aggregate, who meets
    the target) need no lookup by unit. An index is built on the first lookup."""

    __slots__ = ("_index", "numbers", "units")

    def __init__(self, units: tuple[str, ...], numbers: Sequence[float]) -> None:
        self.units = units
        self.numbers = numbers
        self._index: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self) -> Iterator[str]:
        return iter(self.units)

    def __contains__(self, unit: object) -> bool:
        return unit in self._lookup()

    def __getitem__(self, unit: str) -> float:
        return self.numbers[self._lookup()[unit]]

    def _lookup(self) -> dict[str, int]:
        if self._index is None:
            self._index = dict(zip(self.units, range(len(self.units)), strict=True))
        return self._index


def columns_of(values: Mapping[str, Any]) -> tuple[Sequence[str], Sequence[Any]]:
    """The units of a mapping of unit values and their values, in its order."""
    if isinstance(values, UnitValues):
        return values.units, values.numbers
    return list(values), list(values.values())


class TaskPanel:
    """The in-scope units that reported a task's indicator (``units``, in scope order) and
    their values at each date the indicator was reported on (``days``, ascending)."""

    def __init__(
        self,
        units: tuple[str, ...],
        days: list[date],
        columns: list[array[float]],
    ) -> None:
        self.units = units
        self.days = days
        self._ordinals = [day.toordinal() for day in days]
        self._columns = columns  # the units' values on each day, in the order of ``units``
        self._sums: list[list[float]] | None = None

    def span(self, upto: date, window: Window | None) -> tuple[int, int]:
        """The dates ≤ ``upto`` and inside ``window``, as ``Series.span`` gives them."""
        ordinals = self._ordinals
        if window is None:
            return 0, bisect_right(ordinals, upto.toordinal())
        low = bisect_left(ordinals, window[0].toordinal())
        high = bisect_right(ordinals, min(upto, window[1]).toordinal())
        return low, max(low, high)

    def latest(self, t: date, window: Window | None) -> UnitValues:
        """Each unit's latest value as of ``t`` inside ``window``."""
        low, high = self.span(t, window)
        if high <= low:
            return UnitValues((), ())
        return UnitValues(self.units, self._columns[high - 1])

    def totals(self, t: date, window: Window) -> UnitValues:
        """Each unit's sum of the values inside ``window`` up to ``t`` (counts): the
        difference of two running sums, as ``Series.total`` computes it."""
        low, high = self.span(t, window)
        if high <= low:
            return UnitValues((), ())
        sums = self._running_sums()
        return UnitValues(self.units, list(map(sub, sums[high], sums[low])))

    def dates(self, upto: date, window: Window | None) -> list[date]:
        low, high = self.span(upto, window)
        return self.days[low:high] if self.units else []

    def _running_sums(self) -> list[list[float]]:
        """For each unit, 0.0 and its running sums, one list per date (the first sum is the
        first value itself, as ``itertools.accumulate`` gives it)."""
        if self._sums is None:
            count = len(self.units)
            sums: list[list[float]] = [[0.0] * count]
            for k, column in enumerate(self._columns):
                sums.append(list(column) if k == 0 else list(map(add, sums[-1], column)))
            self._sums = sums
        return self._sums


Placement = tuple[tuple[str, ...], list[int], bool]


def place(units: Sequence[tuple[str, int | None]], block_units: array[int]) -> Placement:
    """Where ``units`` (each id with its code, in scope order) sit in a block's units: the
    ids found, their rows in the block, and whether they are all of its units in its order
    (then an indicator's slice is their values as it is)."""
    rank = {code: k for k, code in enumerate(block_units)}
    found = [(unit, rank[code]) for unit, code in units if code in rank]
    at = [k for _, k in found]
    return tuple(unit for unit, _ in found), at, at == list(range(len(block_units)))


def task_panel(
    blocks: Sequence[Block],
    values: array[float],
    indicator: int | None,
    placed: Callable[[array[int]], Placement],
    day: Callable[[int], date],
) -> TaskPanel | None:
    """The panel of one indicator (its code) for a task's units (``placed``: where they sit
    in a block's units), or None when the units that reported it differ from one block to
    another (then each unit is read on its own)."""
    chosen = [block for block in blocks if indicator is not None and indicator in block.columns]
    if not chosen:
        return TaskPanel((), [], [])
    present: tuple[str, ...] | None = None
    columns = []
    for block in chosen:
        names, at, whole = placed(block.units)
        if present is not None and names != present:
            return None
        present = names
        j = block.columns[indicator]  # type: ignore[index]  # chosen: it is there
        column = values[block.start + j : block.end : block.width]
        columns.append(column if whole else array("d", map(column.__getitem__, at)))
    assert present is not None
    return TaskPanel(present, [day(block.date) for block in chosen], columns)
