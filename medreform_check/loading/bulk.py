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
from itertools import groupby
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
        self.dates: dict[str, int | None] = {}  # raw text -> ordinal, _BLANK for a blank
        self.periods: dict[str, Period | None] = {}


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


def _numbers(cells: Sequence[str], plain: Callable[[object], float | None]) -> list[float | None]:
    """Each cell as a finite float, or None. ``float`` over the whole column in C; only a
    column with an odd cell (a word, a percent sign, 1_000, nan) goes cell by cell."""
    try:
        numbers = array("d", map(float, cells))
    except ValueError:
        return list(map(plain, cells))
    if "_" in "".join(cells) or not all(map(math.isfinite, numbers)):
        return list(map(plain, cells))
    return list(numbers)


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
    _fill(caches.units, units, interpreter.unit_id)
    found: dict[str, list[Any]] = {"unit": list(map(caches.units.__getitem__, units))}
    found["indicator"] = list(map(interpreter.limits.get, columns[index["indicator"]]))
    found["value"] = _numbers(columns[index["value"]], interpreter.plain_number)
    for name in ("as_of", "submitted"):
        cells = columns[index[name]] if name in index else [""] * len(units)
        _fill(caches.dates, cells, _date)
        found[name] = list(map(caches.dates.__getitem__, cells))
    if "period" in index:
        periods = columns[index["period"]]
        _fill(caches.periods, periods, _period)
        found["period"] = list(map(caches.periods.__getitem__, periods))
        found["as_of"] = [
            (None if p is None else p.end.toordinal()) if d == _BLANK else d
            for d, p in zip(found["as_of"], found["period"], strict=True)
        ]
    found["submitted"] = [NOT_GIVEN if d == _BLANK else d for d in found["submitted"]]
    return found


def _good_rows(
    found: dict[str, list[Any]], index: dict[str, int], columns: list[Sequence[str]]
) -> list[bool]:
    """Which rows the fast path settles: every plain cell resolved, in bounds, no cell in a
    column only the general path reads (a task, a completion). A blank period goes the
    general way too (it has no receipt, and its date must come from as_of)."""
    rows = zip(
        found["unit"], found["indicator"], found["value"], found["as_of"], found["submitted"],
        found.get("period") or [True] * len(found["unit"]), strict=True,
    )  # fmt: skip
    good = [
        u is not None
        and k is not None
        and x is not None
        and d is not None
        and d != _BLANK
        and s is not None
        and p is not None
        and k[1] <= x <= k[2]
        and (not k[3] or x == int(x))
        for u, k, x, d, s, p in rows
    ]
    for name, k in index.items():
        if name not in PLAIN_COLUMNS:  # a task or completion column: blank, or the general way
            blank = [not cell or cell.isspace() for cell in columns[k]]
            good = list(map(bool.__and__, good, blank))
    return good


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
        array("d", found["value"][low:high]),
        range(seq, seq + count),
        store.path_code(batch.path),
        batch.lines[low:high],
    )
    out.rows_read += count
    if "period" in found:
        _receipts(interpreter, batch, found, low, high, out)
    return seq + count


def _receipts(
    interpreter: RowInterpreter,
    batch: CleanRows,
    found: dict[str, list[Any]],
    low: int,
    high: int,
    out: Submissions,
) -> None:
    """A receipt for each (unit, period, submitted) first seen in these rows, in row order."""
    store = out.store
    units, periods = found["unit"][low:high], found["period"][low:high]
    keys = list(zip(units, periods, found["submitted"][low:high], strict=True))
    first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
    seen = interpreter.receipts_seen
    for (unit, period, day), k in sorted(first.items(), key=lambda item: item[1]):
        sent: date | None = None if day == NOT_GIVEN else store.day(day)
        key = (unit, period, sent, batch.path)
        if key not in seen:
            seen.add(key)
            at = Location(batch.path, batch.lines[low + k])
            out.receipts.append(Receipt(unit, period, sent, at))
