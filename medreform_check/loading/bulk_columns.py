"""The fast path's view of a chunk: each plain column resolved at once, in C.

Every distinct cell of a column is resolved once (a unit's name to its code in the store, a
date to its ordinal, a period to its last day) and the column mapped through the cache with
``map``; a column that holds one value throughout (a file's period, its date) is resolved
once and repeated. Numbers are converted by ``float`` over the whole column. Whether a value
lies within its indicator's bounds is checked over slices: rows usually repeat the indicators
in a cycle (every unit reports the same list), so each indicator's values are a slice ``k::p``
of the column and its bounds one ``min`` and one ``max``.

None anywhere means "not settled here": that row goes the general way (``bulk.py``).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import compress
from operator import gt, le
from typing import Any, NamedTuple

from medreform_check.errors import ParseError
from medreform_check.language.periods import Period, parse_date, parse_period
from medreform_check.observations import NOT_GIVEN

BLANK = -1  # a blank date cell: the period's end (as_of), or none given (submitted)

Bounds = tuple[float, float, bool]  # low, high, whole numbers only


class Cache(dict[str, Any]):
    """Cell text -> what it resolves to (None: the general path decides); ``holes`` says
    whether any cell resolved to None, so a column of settled cells needs no search for one."""

    __slots__ = ("holes",)

    def __init__(self) -> None:
        super().__init__()
        self.holes = False

    def fill(self, cells: Iterable[str], resolve: Callable[[str], Any]) -> None:
        for raw in cells:
            value = self[raw] = resolve(raw)
            if value is None:
                self.holes = True


class BulkCaches:
    """Each distinct cell text resolved once."""

    def __init__(self) -> None:
        self.store: object = None  # the store whose codes ``units`` and ``indicators`` hold
        self.units = Cache()  # raw text -> the unit's code in the store, shifted (see keys)
        self.indicators = Cache()  # raw text -> a plain indicator's code
        self.bounds: dict[int, Bounds] = {}  # indicator code -> its bounds
        self.dates = Cache()  # raw text -> ordinal, BLANK for a blank
        self.submitted = Cache()  # raw text -> ordinal, NOT_GIVEN if blank
        self.ends = Cache()  # raw period -> the ordinal of its last day
        self.periods: dict[str, Period | None] = {}
        # (raw period, submitted ordinal) -> the receipt's period, its label, its date
        self.receipt_parts: dict[tuple[str, int], tuple[Period, str, date | None]] = {}
        # file -> the (unit code, period cell, submitted) whose receipt is made
        self.receipts: dict[str, set[tuple[int, str, int]]] = {}


class Resolved(NamedTuple):
    """A column resolved: each cell's value; whether none is None; whether it is one value
    repeated (a file's period or date, usually)."""

    values: list[Any]
    settled: bool
    one: bool


def one_value(column: Sequence[Any]) -> bool:
    """Whether every cell of ``column`` is the same."""
    first = column[0]
    return bool(column[-1] == first and column.count(first) == len(column))


def through(cache: Cache, column: Sequence[str], resolve: Callable[[str], Any]) -> Resolved:
    """Each cell of ``column`` through ``cache`` (each distinct cell resolved once)."""
    if one_value(column):
        first = column[0]
        if first not in cache:
            cache.fill((first,), resolve)
        value = cache[first]
        return Resolved([value] * len(column), value is not None, True)
    try:
        values = list(map(cache.__getitem__, column))
    except KeyError:  # cells never seen: resolved once each, then the column mapped again
        cache.fill(set(column).difference(cache), resolve)
        values = list(map(cache.__getitem__, column))
    return Resolved(values, not cache.holes or None not in values, False)


def repeated(value: Any, count: int) -> Resolved:
    return Resolved([value] * count, value is not None, True)


def date_ordinal(raw: str) -> int | None:
    if not raw or raw.isspace():
        return BLANK
    try:
        return parse_date(raw).toordinal()
    except ParseError:
        return None


def submitted_ordinal(raw: str) -> int | None:
    day = date_ordinal(raw)
    return NOT_GIVEN if day == BLANK else day


def period_of(raw: str) -> Period | None:
    try:
        return parse_period(raw)
    except ParseError:
        return None


def period_end(raw: str) -> int | None:
    period = period_of(raw)
    return None if period is None else period.end.toordinal()


def numbers(
    cells: Sequence[str], plain: Callable[[object], float | None]
) -> tuple[array[float] | list[float | None], bool]:
    """Each cell as a finite float, or None; and whether none is None. ``float`` over the
    whole column in C; only a column with an odd cell (a word, a percent sign, 1_000, nan)
    goes cell by cell."""
    try:
        found = array("d", map(float, cells))
    except ValueError:
        checked = list(map(plain, cells))
        return checked, None not in checked
    # A sum is finite when every value is (a sum of finite values may overflow: look then).
    if "_" in "".join(cells) or not (math.isfinite(sum(found)) or all(map(math.isfinite, found))):
        checked = list(map(plain, cells))
        return checked, None not in checked
    return found, True


def as_of_dates(given: Resolved | None, ends: Resolved) -> Resolved:
    """Each row's as_of: the date given, or the end of its period where the cell is blank (or
    there is no as_of column); None where it is unreadable, or after the period's end (the
    general path rejects it, as-of-after-period)."""
    if given is None:
        return ends
    dates = given.values
    if BLANK in dates:
        if given.one:
            return ends
        dates = [e if d == BLANK else d for d, e in zip(dates, ends.values, strict=True)]
        given = Resolved(dates, None not in dates, False)
    if given.settled and ends.settled:
        if any(map(gt, dates, ends.values)):
            after = [None if d > e else d for d, e in zip(dates, ends.values, strict=True)]
            return Resolved(after, False, False)
        return given
    after = [None if d and e and d > e else d for d, e in zip(dates, ends.values, strict=True)]
    return Resolved(after, given.settled and None not in after, False)


def cycle(column: Sequence[Any]) -> int | None:
    """The period of a column that repeats the same cells in a cycle (1: one value), or None."""
    try:
        period = column.index(column[0], 1)
    except ValueError:
        return None
    return period if column[period:] == column[:-period] else None


def within_bounds(
    codes: Sequence[int], values: array[float], bounds: dict[int, Bounds]
) -> bool | None:
    """Whether every value lies within its indicator's bounds (and is whole where it must
    be), each indicator's values a slice when the codes repeat in a cycle; None when they do
    not (the caller checks row by row)."""
    period = cycle(codes)
    if period is None:
        return None
    for start in range(min(period, len(codes))):
        low, high, whole = bounds[codes[start]]
        part = values[start::period]
        if min(part) < low or max(part) > high:
            return False
        if whole and not all(map(float.is_integer, part)):
            return False
    return True


def rows_within_bounds(
    codes: Sequence[int | None], values: Sequence[float | None], bounds: dict[int, Bounds]
) -> list[bool]:
    """Row by row: whether the row's indicator and value are known, the value within the
    indicator's bounds and whole where it must be."""
    found = []
    for code, value in zip(codes, values, strict=True):
        if code is None or value is None:
            found.append(False)
            continue
        low, high, whole = bounds[code]
        found.append(low <= value <= high and (not whole or value.is_integer()))
    return found


def all_within_bounds(
    codes: Sequence[int], values: array[float], bounds: dict[int, Bounds]
) -> bool:
    """Whether every value lies within its indicator's bounds, in C either way."""
    sliced = within_bounds(codes, values, bounds)
    if sliced is not None:
        return sliced
    lows = {code: bound[0] for code, bound in bounds.items()}
    highs = {code: bound[1] for code, bound in bounds.items()}
    whole = {code: bound[2] for code, bound in bounds.items()}
    return (
        all(map(le, map(lows.__getitem__, codes), values))
        and all(map(le, values, map(highs.__getitem__, codes)))
        and all(map(float.is_integer, compress(values, map(whole.__getitem__, codes))))
    )
