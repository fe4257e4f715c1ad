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
from collections.abc import Callable, Sequence
from itertools import compress
from operator import gt, le
from typing import Any

from medreform_check.errors import ParseError
from medreform_check.language.periods import Period, parse_date, parse_period
from medreform_check.observations import NOT_GIVEN

BLANK = -1  # a blank date cell: the period's end (as_of), or none given (submitted)

Bounds = tuple[float, float, bool]  # low, high, whole numbers only


class BulkCaches:
    """Each distinct cell text resolved once: None where the general path must decide."""

    def __init__(self) -> None:
        self.store: object = None  # the store whose codes ``units`` and ``indicators`` hold
        self.units: dict[str, int | None] = {}  # raw text -> the unit's code in the store
        self.indicators: dict[str, int | None] = {}  # raw text -> a plain indicator's code
        self.bounds: dict[int, Bounds] = {}  # indicator code -> its bounds
        self.dates: dict[str, int | None] = {}  # raw text -> ordinal, BLANK for a blank
        self.submitted: dict[str, int | None] = {}  # raw text -> ordinal, NOT_GIVEN if blank
        self.periods: dict[str, Period | None] = {}
        self.ends: dict[str, int | None] = {}  # raw period -> the ordinal of its last day
        # file -> the (unit code, period cell, submitted) whose receipt is made
        self.receipts: dict[str, set[tuple[int, str, int]]] = {}


def one_value(column: Sequence[Any]) -> bool:
    """Whether every cell of ``column`` is the same (a file's period or date: usually)."""
    first = column[0]
    return bool(column[-1] == first and column.count(first) == len(column))


def through(
    cache: dict[str, Any], column: Sequence[str], resolve: Callable[[str], Any]
) -> tuple[list[Any], bool]:
    """Each cell of ``column`` through ``cache``, and whether none of them is None."""
    if one_value(column):
        first = column[0]
        value = cache[first] if first in cache else cache.setdefault(first, resolve(first))
        return [value] * len(column), value is not None
    distinct = set(column)
    for raw in distinct.difference(cache):
        cache[raw] = resolve(raw)
    settled = all(cache[raw] is not None for raw in distinct)
    return list(map(cache.__getitem__, column)), settled


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


def as_of_dates(
    given: tuple[list[int | None], bool] | None, ends: tuple[list[int | None], bool]
) -> tuple[list[int | None], bool]:
    """Each row's as_of: the date given, or the end of its period where the cell is blank (or
    there is no as_of column); None where it is unreadable, or after the period's end (the
    general path rejects it, as-of-after-period)."""
    if given is None:
        return ends
    dates, settled = given
    if BLANK in dates:
        if one_value(dates):
            return ends
        dates = [e if d == BLANK else d for d, e in zip(dates, ends[0], strict=True)]
        settled = None not in dates
    if settled and ends[1]:
        if any(map(gt, dates, ends[0])):  # type: ignore[arg-type]  # no None here
            return [None if d > e else d for d, e in zip(dates, ends[0], strict=True)], False  # type: ignore[operator]
        return dates, True
    after = [None if d and e and d > e else d for d, e in zip(dates, ends[0], strict=True)]
    return after, settled and None not in after


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
