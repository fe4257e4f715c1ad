"""The fast path for clean table rows: a chunk read column by column.

A province's quarter is hundreds of thousands of rows that all look alike — a unit, a period,
an indicator, a number. Each column of a chunk is mapped at once (distinct cells resolved
once, then ``map`` over a cache, in C), the numbers converted in one ``array('d', …)``, and
a run of rows that all check out goes into the column store in one ``extend`` per field.
Any other row — a milestone, an unknown name, a value to reject, a magnitude — is read by
the interpreter's general path (``RowInterpreter.read``), in file order, so every rule and
message lives there alone. A property test checks that both paths give the same result.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Sequence
from datetime import date
from itertools import compress, groupby
from operator import gt, itemgetter, le
from typing import TYPE_CHECKING, Any

from medreform_check.errors import Location, ParseError
from medreform_check.language.periods import Period, parse_date, parse_period
from medreform_check.loading.readers import CleanRows
from medreform_check.model import Receipt, Submissions
from medreform_check.observations import NOT_GIVEN

if TYPE_CHECKING:
    from medreform_check.loading.interpret import RowInterpreter

# Columns that can only make a plain value row (no task, no completion): the fast path's rows.
PLAIN_COLUMNS = frozenset({"unit", "period", "indicator", "value", "as_of", "submitted", "note"})


_BLANK = -1  # a blank date cell: the period's end (as_of), or none given (submitted)


class BulkCaches:
    """Each distinct cell text resolved once: None where the general path must decide."""

    def __init__(self) -> None:
        self.units: dict[str, str | None] = {}  # raw text -> unit id
        # raw text -> (id, low, high, whole numbers) of a plain (not composition) indicator
        self.indicators: dict[str, tuple[str, float, float, bool] | None] = {}
        self.dates: dict[str, int | None] = {}  # raw text -> ordinal, _BLANK for a blank
        self.submitted: dict[str, int | None] = {}  # raw text -> ordinal, NOT_GIVEN if blank
        self.periods: dict[str, Period | None] = {}
        self.ends: dict[str, int | None] = {}  # raw period -> the ordinal of its last day
        # file -> the (unit, period cell, submitted) whose receipt is made
        self.receipts: dict[str, set[tuple[str, str, int]]] = {}


def _fill(cache: dict[str, Any], column: Sequence[str], resolve: Callable[[str], Any]) -> None:
    for raw in set(column).difference(cache):
        cache[raw] = resolve(raw)


def _date(raw: str) -> int | None:
    if not raw or raw.isspace():
        return _BLANK
    try:
        return parse_date(raw).toordinal()
    except ParseError:
        return None


def _period(raw: str) -> Period | None:
    try:
        return parse_period(raw)
    except ParseError:
        return None


def _numbers(
    cells: Sequence[str], plain: Callable[[object], float | None]
) -> array[float] | list[float | None]:
    """Each cell as a finite float, or None. ``float`` over the whole column in C (an array,
    then: every cell a number); only a column with an odd cell (a word, a percent sign,
    1_000, nan) goes cell by cell."""
    try:
        numbers = array("d", map(float, cells))
    except ValueError:
        return list(map(plain, cells))
    if "_" in "".join(cells) or not all(map(math.isfinite, numbers)):
        return list(map(plain, cells))
    return numbers


def read_bulk(interpreter: RowInterpreter, batch: CleanRows, seq: int, out: Submissions) -> int:
    """Read a chunk of clean rows; returns the next row number in read order."""
    index = {name: k for k, name in enumerate(batch.names)}
    settled = (
        interpreter.fast
        and interpreter.know_units
        and {"unit", "indicator", "value"} <= index.keys()
        and batch.rows
    )
    if not settled:
        for line, cells in zip(batch.lines, batch.rows, strict=True):
            seq += interpreter.read_cells(batch, line, cells, seq, out)
        return seq
    columns: list[Sequence[str]] = list(zip(*batch.rows, strict=True))
    found = _resolved(interpreter, index, columns)
    good = _good_rows(found, index, columns)
    for is_good, run in groupby(range(len(batch.rows)), key=good.__getitem__):
        rows = list(run)
        if is_good:
            seq = _keep(interpreter, batch, found, rows[0], rows[-1] + 1, seq, out)
            continue
        for k in rows:
            seq += interpreter.read_cells(batch, batch.lines[k], batch.rows[k], seq, out)
    return seq


def _resolved(
    interpreter: RowInterpreter, index: dict[str, int], columns: list[Sequence[str]]
) -> dict[str, list[Any]]:
    """Each plain column of the chunk mapped through the caches (None: not settled here)."""
    caches = interpreter.bulk
    units = columns[index["unit"]]
    count = len(units)
    _fill(caches.units, units, interpreter.unit_id)
    found: dict[str, list[Any]] = {"unit": list(map(caches.units.__getitem__, units))}
    indicators = columns[index["indicator"]]
    _fill(caches.indicators, indicators, interpreter.plain_indicator)
    found["indicator"] = list(map(caches.indicators.__getitem__, indicators))
    found["value"] = _numbers(columns[index["value"]], interpreter.plain_number)  # type: ignore[assignment]
    if "submitted" in index:
        cells = columns[index["submitted"]]
        _fill(caches.submitted, cells, _submitted)
        found["submitted"] = list(map(caches.submitted.__getitem__, cells))
    else:
        found["submitted"] = [NOT_GIVEN] * count
    if "period" in index:
        periods = columns[index["period"]]
        _fill(caches.periods, periods, _period)
        found["period"] = list(map(caches.periods.__getitem__, periods))
        found["period_cells"] = list(periods)
        unreadable = {raw for raw in set(periods) if caches.periods[raw] is None}
        found["bad_periods"] = [True] if unreadable else []
        _fill(caches.ends, periods, _end)
        ends = list(map(caches.ends.__getitem__, periods))
    else:
        ends = [None] * count
    if "as_of" in index:
        cells = columns[index["as_of"]]
        _fill(caches.dates, cells, _date)
        as_of = list(map(caches.dates.__getitem__, cells))
        if _BLANK in as_of:  # a blank as_of: the last day of the period
            as_of = [e if d == _BLANK else d for d, e in zip(as_of, ends, strict=True)]
        if "period" in index and _any_after(as_of, ends):
            # an as_of after its period's end is rejected, the general way (as-of-after-period)
            as_of = [None if d and e and d > e else d for d, e in zip(as_of, ends, strict=True)]
        found["as_of"] = as_of
    else:
        found["as_of"] = ends
    return found


def _any_after(as_of: list[int | None], ends: list[int | None]) -> bool:
    if None in as_of or None in ends:
        return any(d and e and d > e for d, e in zip(as_of, ends, strict=True))
    return any(map(gt, as_of, ends))  # type: ignore[arg-type]  # no None here


def _submitted(raw: str) -> int | None:
    day = _date(raw)
    return NOT_GIVEN if day == _BLANK else day


def _end(raw: str) -> int | None:
    period = _period(raw)
    return None if period is None else period.end.toordinal()


def _good_rows(
    found: dict[str, list[Any]], index: dict[str, int], columns: list[Sequence[str]]
) -> list[bool]:
    """Which rows the fast path settles: every plain cell resolved, in bounds, no cell in a
    column only the general path reads (a task, a completion). A blank period goes the
    general way too (it has no receipt, and its date must come from as_of)."""
    lists = [found[name] for name in ("unit", "indicator", "value", "as_of", "submitted")]
    units, indicators, values = lists[0], lists[1], lists[2]
    if isinstance(values, array):
        del lists[2]  # every cell a number: no None to look for
    # Periods are compared by their cells: a Period's == is Python code, a string's is C.
    bad_periods = found.get("bad_periods", ())
    if any(None in column for column in lists) or bad_periods or not _in_bounds(indicators, values):
        if bad_periods:
            lists.append([None if p is None else True for p in found["period"]])
        good = [
            None not in cells and _one_in_bounds(k, x)
            for k, x, cells in zip(indicators, values, zip(*lists, strict=True), strict=True)
        ]  # (a value of None fails in _one_in_bounds)
    else:
        good = [True] * len(units)
    for name, k in index.items():
        cells = columns[k]
        if name not in PLAIN_COLUMNS and any(cells) and "".join(cells).strip():
            # a task or completion written in some rows: those rows go the general way
            blank = [not cell or cell.isspace() for cell in cells]
            good = list(map(bool.__and__, good, blank))
    return good


def _one_in_bounds(known: tuple[str, float, float, bool] | None, value: float | None) -> bool:
    if known is None or value is None:
        return False
    return known[1] <= value <= known[2] and (not known[3] or value.is_integer())


def _in_bounds(indicators: list[Any], values: list[float]) -> bool:
    """Every value within its indicator's bounds and whole where it must be (all in C)."""
    lows = map(itemgetter(1), indicators)
    highs = map(itemgetter(2), indicators)
    whole = list(map(itemgetter(3), indicators))
    return (
        all(map(le, lows, values))
        and all(map(le, values, highs))
        and all(map(float.is_integer, compress(values, whole)))
    )


def _keep(
    interpreter: RowInterpreter,
    batch: CleanRows,
    found: dict[str, list[Any]],
    low: int,
    high: int,
    seq: int,
    out: Submissions,
) -> int:
    """Rows low..high-1, all settled: into the store column by column, and their receipts."""
    count = high - low
    store = out.store
    units = found["unit"][low:high]
    unit_codes = {unit: store.unit_code(unit) for unit in set(units)}
    indicators = [k[0] for k in found["indicator"][low:high]]
    indicator_codes = {ident: store.indicator_code(ident) for ident in set(indicators)}
    store.extend(
        list(map(unit_codes.__getitem__, units)),
        list(map(indicator_codes.__getitem__, indicators)),
        found["as_of"][low:high],
        found["submitted"][low:high],
        _doubles(found["value"], low, high),
        range(seq, seq + count),
        store.path_code(batch.path),
        batch.lines[low:high],
    )
    out.rows_read += count
    if "period" in found:
        _receipts(interpreter, batch, found, low, high, out)
    return seq + count


def _doubles(values: array[float] | list[float], low: int, high: int) -> array[float]:
    return values[low:high] if isinstance(values, array) else array("d", values[low:high])


def _receipts(
    interpreter: RowInterpreter,
    batch: CleanRows,
    found: dict[str, list[Any]],
    low: int,
    high: int,
    out: Submissions,
) -> None:
    """A receipt for each (unit, period, submitted) first seen in these rows, in row order.
    A chunk repeats a few such keys thousands of times: keys are made of the period's cell
    text (a string hashes in C; a Period's hash is Python code), and the new ones found with
    set operations."""
    store, path = out.store, batch.path
    cells = found["period_cells"][low:high]
    keys = list(zip(found["unit"][low:high], cells, found["submitted"][low:high], strict=True))
    seen = interpreter.bulk.receipts.setdefault(path, set())
    new = set(keys) - seen
    if not new:
        return
    seen |= new
    first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
    periods = interpreter.bulk.periods
    for k in sorted(first[key] for key in new):
        unit, cell, day = keys[k]
        period = periods[cell]
        assert period is not None  # rows with an unreadable period go the general way
        sent: date | None = None if day == NOT_GIVEN else store.day(day)
        key = (unit, period, sent, path)
        if key not in interpreter.receipts_seen:
            interpreter.receipts_seen.add(key)
            out.receipts.append(Receipt(unit, period, sent, Location(path, batch.lines[low + k])))
