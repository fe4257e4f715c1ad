"""The fast path for clean table rows: a chunk read column by column.

A province's quarter is hundreds of thousands of rows that all look alike — a unit, a period,
an indicator, a number. Each column of a chunk is resolved at once (``bulk_columns.py``: each
distinct cell once, then ``map`` over a cache, in C; numbers by ``float`` over the column) and
a run of rows that all check out goes into the column store in one ``extend`` per field.
Any other row — a milestone, an unknown name, a value to reject, a magnitude — is read by
the interpreter's general path (``RowInterpreter.read``), in file order, so every rule and
message lives there alone. A property test checks that both paths give the same result.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import groupby, repeat
from operator import add, lshift
from typing import TYPE_CHECKING, Any

from medreform_check.errors import Location
from medreform_check.grouping import DATE_SHIFT, UNIT_SHIFT
from medreform_check.loading.bulk_columns import (
    BulkCaches,
    Cache,
    all_within_bounds,
    as_of_dates,
    date_ordinal,
    numbers,
    period_end,
    period_of,
    repeated,
    rows_within_bounds,
    submitted_ordinal,
    through,
)
from medreform_check.loading.readers import CleanRows
from medreform_check.model import Receipt, Submissions
from medreform_check.observations import NOT_GIVEN, ObservationStore

if TYPE_CHECKING:
    from medreform_check.loading.interpret import RowInterpreter

__all__ = ["PLAIN_COLUMNS", "BulkCaches", "read_bulk"]

# Columns that can only make a plain value row (no task, no completion): the fast path's rows.
PLAIN_COLUMNS = frozenset({"unit", "period", "indicator", "value", "as_of", "submitted", "note"})


def read_bulk(interpreter: RowInterpreter, batch: CleanRows, seq: int, out: Submissions) -> int:
    """Read a chunk of clean rows; returns the next row number in read order."""
    index = {name: k for k, name in enumerate(batch.names)}
    settled = (
        interpreter.fast
        and interpreter.know_units
        and {"unit", "indicator", "value"} <= index.keys()
        and len(batch)
    )
    if not settled:
        for k, line in enumerate(batch.lines):
            seq += interpreter.read_cells(batch, line, batch.row(k), seq, out)
        return seq
    chunk = _Chunk(interpreter, batch, index, out.store)
    if chunk.good is None:
        return chunk.keep(0, len(batch), seq, out)
    for is_good, run in groupby(range(len(batch)), key=chunk.good.__getitem__):
        rows = list(run)
        if is_good:
            seq = chunk.keep(rows[0], rows[-1] + 1, seq, out)
            continue
        for k in rows:
            seq += interpreter.read_cells(batch, batch.lines[k], batch.row(k), seq, out)
    return seq


class _Chunk:
    """A chunk's plain columns resolved, and which rows the fast path settles: ``good`` is
    None when every row is, else a flag per row. A blank period goes the general way (it has
    no receipt, and its date must come from as_of)."""

    def __init__(
        self,
        interpreter: RowInterpreter,
        batch: CleanRows,
        index: dict[str, int],
        store: ObservationStore,
    ) -> None:
        self.interpreter, self.batch = interpreter, batch
        caches = interpreter.bulk
        if caches.store is not store:  # codes are the store's: a cache per store
            caches.store = store
            caches.units, caches.indicators = Cache(), Cache()
        count, cells = len(batch), batch.cells
        units = through(
            caches.units, cells[index["unit"]], lambda raw: _unit_code(interpreter, store, raw)
        )
        indicators = through(
            caches.indicators,
            cells[index["indicator"]],
            lambda raw: _indicator_code(interpreter, store, raw),
        )
        self.units, self.indicators = units.values, indicators.values
        self.values, values_ok = numbers(cells[index["value"]], interpreter.plain_number)
        self.submitted = (
            through(caches.submitted, cells[index["submitted"]], submitted_ordinal)
            if "submitted" in index
            else repeated(NOT_GIVEN, count)
        )
        self.period_cells: Sequence[str] | None = None
        ends = repeated(None, count)
        if "period" in index:
            self.period_cells = cells[index["period"]]
            ends = through(caches.ends, self.period_cells, period_end)
        self.periods_one = ends.one
        given = (
            through(caches.dates, cells[index["as_of"]], date_ordinal) if "as_of" in index else None
        )
        self.as_of = as_of_dates(given, ends)
        settled = (
            units.settled
            and indicators.settled
            and values_ok
            and self.submitted.settled
            and self.as_of.settled
            and (self.period_cells is None or ends.settled)
        )
        self.good: list[bool] | None = None
        if not (
            settled and all_within_bounds(self.indicators, self.values, caches.bounds)  # type: ignore[arg-type]
        ):
            self.good = self._row_by_row(ends.values if self.period_cells is not None else None)
        self._blank_elsewhere(index)

    def _row_by_row(self, ends: list[int | None] | None) -> list[bool]:
        known = rows_within_bounds(self.indicators, self.values, self.interpreter.bulk.bounds)
        columns: list[Sequence[Any]] = [self.units, self.as_of.values, self.submitted.values]
        if ends is not None:
            columns.append(ends)
        rows = zip(*columns, strict=True)
        return [ok and None not in cells for ok, cells in zip(known, rows, strict=True)]

    def _blank_elsewhere(self, index: dict[str, int]) -> None:
        """Rows with a task or a completion written go the general way."""
        for name, k in index.items():
            cells = self.batch.cells[k]
            if name not in PLAIN_COLUMNS and any(cells) and "".join(cells).strip():
                blank = [not cell or cell.isspace() for cell in cells]
                good = self.good or [True] * len(blank)
                self.good = list(map(bool.__and__, good, blank))

    def keep(self, low: int, high: int, seq: int, out: Submissions) -> int:
        """Rows low..high-1, all settled: into the store column by column, and their
        receipts; returns the next row number in read order."""
        count, whole = high - low, low == 0 and high == len(self.batch)
        as_of, submitted = self.as_of, self.submitted
        dates = (
            repeat(as_of.values[low] << DATE_SHIFT)
            if as_of.one
            else map(lshift, as_of.values[low:high], repeat(DATE_SHIFT))
        )
        units = self.units if whole else self.units[low:high]
        indicators = self.indicators if whole else self.indicators[low:high]
        values = self.values if whole else self.values[low:high]
        out.store.extend(
            array("q", map(add, map(add, units, indicators), dates)),
            array("i", submitted.values[low : low + 1]) * count
            if submitted.one
            else array("i", submitted.values[low:high]),
            values if isinstance(values, array) else array("d", values),  # type: ignore[arg-type]
            seq,
            out.store.path_code(self.batch.path),
            self.batch.lines if whole else self.batch.lines[low:high],
        )
        out.rows_read += count
        if self.period_cells is not None:
            self._receipts(units, low, high, out)
        return seq + count

    def _receipts(self, units: list[int], low: int, high: int, out: Submissions) -> None:
        """A receipt for each (unit, period, submitted) first seen in these rows, in row order.
        A chunk repeats a few such keys thousands of times: the new ones are found with set
        operations (a file's period and date are usually one value: then its units alone)."""
        assert self.period_cells is not None
        path = self.batch.path
        cells, days = self.period_cells[low:high], self.submitted.values[low:high]
        seen = self.interpreter.bulk.receipts.setdefault(path, set())
        if self.periods_one and self.submitted.one:
            cell, day, found = cells[0], days[0], 0
            for code in dict.fromkeys(units):
                if (code, cell, day) not in seen:
                    seen.add((code, cell, day))
                    found = units.index(code, found)  # (in row order: after the one before)
                    self._receipt(code, cell, day, low + found, out)
            return
        everything = list(zip(units, cells, days, strict=True))
        first = dict(zip(reversed(everything), range(len(units) - 1, -1, -1), strict=True))
        new = [key for key in first if key not in seen]
        seen.update(new)
        for k, (code, cell, day) in sorted(zip((first[key] for key in new), new, strict=True)):
            self._receipt(code, cell, day, low + k, out)

    def _receipt(self, code: int, cell: str, day: int, row: int, out: Submissions) -> None:
        """The receipt of one unit for a period (its cell) and a submitted date, made at
        ``row`` unless the general path made it already."""
        caches, store, path = self.interpreter.bulk, out.store, self.batch.path
        made = caches.receipt_parts.get((cell, day))
        if made is None:
            period = caches.periods.get(cell) or caches.periods.setdefault(cell, period_of(cell))
            assert period is not None  # rows with an unreadable period go the general way
            sent = None if day == NOT_GIVEN else store.day(day)
            made = caches.receipt_parts[cell, day] = (period, period.label, sent)
        period, label, sent = made
        unit = store.unit_names[code >> UNIT_SHIFT]
        key = (unit, label, sent, path)
        if key not in self.interpreter.receipts_seen:
            self.interpreter.receipts_seen.add(key)
            out.receipts.append(Receipt(unit, period, sent, Location(path, self.batch.lines[row])))


def _unit_code(interpreter: RowInterpreter, store: ObservationStore, raw: str) -> int | None:
    """The unit's code, shifted into its place in a row's key."""
    ident = interpreter.unit_id(raw)
    return None if ident is None else store.unit_code(ident) << UNIT_SHIFT


def _indicator_code(interpreter: RowInterpreter, store: ObservationStore, raw: str) -> int | None:
    known = interpreter.plain_indicator(raw)
    if known is None:
        return None
    code = store.indicator_code(known[0])
    interpreter.bulk.bounds[code] = known[1:]
    return code
