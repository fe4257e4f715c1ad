"""The observation store read two ways: grouped per unit and indicator, and as a panel.

``GroupIndex`` sorts the kept rows by unit, indicator and as_of (rows of one date in read
order), so that one unit's values of one indicator are a slice. It costs a sort of every
row; a nation's 12 million rows are grouped by a counting sort instead (Python speed, but
12 bytes a row where sorting would hold 860 MB).

``Panel`` needs no sort. Quarterly submissions usually arrive as blocks of one date each —
a quarter's file, every unit, every indicator, in the order the plan and the catalogue list
them — and then the store, in read order, is already sorted by its keys (date first, see
``observations.DATE_SHIFT``). When every block of one date holds each of its units' values
of each of its indicators once (a grid), an indicator's values at a date are one strided
slice of the values column: ``values[start + j : end : width]``.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate, compress, count, islice, repeat
from operator import and_, eq, gt, lshift, lt, ne, or_, rshift, sub

# A row of the store is known by one 64-bit key: its as_of, unit and indicator, in that order
# of weight. Rows sorted by it are sorted by date, then unit, then indicator — the order a
# quarter's files list them in.
INDICATOR_BITS, UNIT_BITS, DATE_BITS = 16, 25, 22  # 65,536 indicators, 33 million units
UNIT_SHIFT = INDICATOR_BITS
DATE_SHIFT = INDICATOR_BITS + UNIT_BITS  # the as_of ordinal (9999-12-31 is below 2²²)
INDICATOR_MASK = (1 << INDICATOR_BITS) - 1
UNIT_MASK = (1 << UNIT_BITS) - 1
GROUP_MASK = (1 << DATE_SHIFT) - 1  # unit and indicator: which series a row belongs to
DATE_MASK = (1 << DATE_BITS) - 1
_LAST = (1 << 63) - 1  # the key of a dropped row: sorted after every kept one


class GroupIndex:
    """The kept rows sorted by (unit, indicator, as_of), rows of one date in read order.

    ``keys[k]`` is ``group << DATE_BITS | as_of`` for the row ``order[k]`` (a group is
    ``key & GROUP_MASK`` of the store's key: a unit and an indicator); ``ties`` holds the
    groups with two rows on one date."""

    def __init__(
        self, keys: array[int], values: array[float], dropped: set[int], sort_up_to: int
    ) -> None:
        self._values = values
        # group << DATE_BITS | as_of: sorted, a group's rows in date order
        groups = map(lshift, map(and_, keys, repeat(GROUP_MASK)), repeat(DATE_BITS))
        grouped = array("q", map(or_, groups, map(rshift, keys, repeat(DATE_SHIFT))))
        for row in dropped:
            grouped[row] = _LAST
        if len(grouped) <= sort_up_to:
            self.order = array("i", sorted(range(len(grouped)), key=grouped.__getitem__))
        else:
            self.order = _counting_sort(grouped)
        del self.order[len(grouped) - len(dropped) :]
        self.keys = array("q", map(grouped.__getitem__, self.order))
        if len(grouped) > sort_up_to:
            self._sort_within_groups()
        self.ties = self._ties()
        self._dates: array[int] | None = None
        self._days: dict[int, date] | None = None
        self._sorted_values: array[float] | None = None

    def span(self, group: int) -> tuple[int, int]:
        """Where the rows of ``group`` lie in ``order`` (and ``keys``)."""
        low = bisect_left(self.keys, group << DATE_BITS)
        return low, bisect_left(self.keys, (group + 1) << DATE_BITS, low)

    @property
    def dates(self) -> array[int]:
        """The as_of ordinal of each row, in the index's order."""
        if self._dates is None:
            self._dates = array("i", map(and_, self.keys, repeat(DATE_MASK)))
        return self._dates

    @property
    def days(self) -> dict[int, date]:
        """Every as_of date of the index by ordinal, one object each."""
        if self._days is None:
            self._days = {day: date.fromordinal(day) for day in set(self.dates)}
        return self._days

    @property
    def values(self) -> array[float]:
        """The value of each row, in the index's order (NaN: a composition)."""
        if self._sorted_values is None:
            self._sorted_values = array("d", map(self._values.__getitem__, self.order))
        return self._sorted_values

    def _ties(self) -> set[int]:
        keys = self.keys
        if all(map(lt, keys, islice(keys, 1, None))):
            return set()
        same = compress(count(1), map(eq, keys, islice(keys, 1, None)))
        return {keys[k] >> DATE_BITS for k in same}

    def _sort_within_groups(self) -> None:
        """After a counting sort (read order within each group), each group whose dates do
        not increase in read order sorted by date, stably."""
        keys, order = self.keys, self.order
        done: set[int] = set()
        for k in list(compress(count(1), map(gt, keys, islice(keys, 1, None)))):
            group = keys[k] >> DATE_BITS  # (a fall in key is always inside one group)
            if group in done:
                continue
            done.add(group)
            low, high = self.span(group)  # bisect finds a group whose dates are unsorted too
            rows = sorted(range(low, high), key=keys.__getitem__)
            order[low:high] = array("i", [order[r] for r in rows])
            keys[low:high] = array("q", [keys[r] for r in rows])


def _counting_sort(grouped: array[int]) -> array[int]:
    """Row numbers ordered by group (``key >> DATE_BITS``), stable: each row put at the next
    place of its group. The groups are numbered densely first (units × indicators seen)."""
    groups = sorted(set(map(rshift, grouped, repeat(DATE_BITS))))
    dense = {group: k for k, group in enumerate(groups)}
    codes = array("i", map(dense.__getitem__, map(rshift, grouped, repeat(DATE_BITS))))
    counts = array("q", bytes(8 * len(groups)))
    for code in codes:
        counts[code] += 1
    fill = array("q", accumulate(counts, initial=0))
    order = array("i", bytes(4 * len(codes)))
    for row, code in enumerate(codes):
        at = fill[code]
        order[at] = row
        fill[code] = at + 1
    return order


@dataclass(frozen=True, slots=True)
class Block:
    """Rows ``start``..``end`` of the store: one as_of date, each of ``units`` (unit codes,
    ascending) reporting each of the indicators once, row ``start + u * width + j`` holding
    unit ``units[u]``'s value of the indicator in column ``j`` (``columns``: code -> j)."""

    start: int
    end: int
    date: int  # the as_of ordinal
    submitted: int | None  # the block's one submitted ordinal, if it has one
    units: array[int]
    columns: dict[int, int]

    @property
    def width(self) -> int:
        return len(self.columns)


def panel(keys: array[int], submitted: array[int]) -> list[Block] | None:
    """The rows (their keys rising in read order) as blocks of one date, each a grid of
    units × indicators; None when a block is not a grid."""
    blocks = []
    start = 0
    while start < len(keys):
        day = keys[start] >> DATE_SHIFT
        end = bisect_left(keys, (day + 1) << DATE_SHIFT, start)
        block = _grid(keys, submitted, start, end, day)
        if block is None:
            return None
        blocks.append(block)
        start = end
    return blocks


def _grid(keys: array[int], submitted: array[int], start: int, end: int, day: int) -> Block | None:
    """Rows start..end (one date, keys rising) as a grid of units × indicators, if they are:
    the first unit's rows name the indicators, every run of that many rows names them in the
    same order, and each run is one unit's (its first and last rows are: rows rise, so a run
    that begins and ends with one unit holds nothing else)."""
    first_unit = keys[start] >> UNIT_SHIFT & UNIT_MASK
    next_unit = (day << UNIT_BITS | first_unit + 1) << UNIT_SHIFT
    width = bisect_left(keys, next_unit, start, end) - start
    if (end - start) % width:
        return None
    indicators = [key & INDICATOR_MASK for key in keys[start : start + width]]
    if not _repeats(keys, start, end, indicators):
        return None
    firsts, lasts = keys[start:end:width], keys[start + width - 1 : end : width]
    span = indicators[width - 1] - indicators[0]  # last minus first key of a unit's run
    if any(map(ne, map(sub, lasts, firsts), repeat(span))):
        return None
    days = submitted[start:end]
    one_day = days[:1].tobytes() * len(days) == days.tobytes()  # (compared in C)
    units = array("i", map(and_, map(rshift, firsts, repeat(UNIT_SHIFT)), repeat(UNIT_MASK)))
    columns = {code: j for j, code in enumerate(indicators)}
    return Block(start, end, day, days[0] if one_day else None, units, columns)


def _repeats(keys: array[int], start: int, end: int, indicators: list[int]) -> bool:
    """Whether the rows start..end name ``indicators`` in turn, over and over. Compared as
    bytes — the low 16 bits of each key, in place — where the machine stores numbers
    little-end first (every one this runs on, in practice); else number by number."""
    count = (end - start) // len(indicators)
    if sys.byteorder == "little" and keys.itemsize == 8:
        halves = memoryview(keys).cast("B").cast("H")  # four per key, its lowest first
        found = halves[4 * start : 4 * end : 4].tobytes()
        return found == array("H", indicators).tobytes() * count
    named = list(map(and_, islice(keys, start, end), repeat(INDICATOR_MASK)))
    return named == indicators * count


def tie_runs(keys: Sequence[int], low: int, high: int) -> list[tuple[int, int]]:
    """The runs of equal keys in keys[low:high] (sorted): (start, end) of each run of two or
    more."""
    runs = []
    k = low
    while k < high:
        end = k + 1
        while end < high and keys[end] == keys[k]:
            end += 1
        if end - k > 1:
            runs.append((k, end))
        k = end
    return runs
