"""Rows of a table (a CSV file or a sheet) under its header: each row handed on as a run of
clean rows, a raw row or a located problem — in the long and form layouts as they are, in the
wide layout (汇总表) one value per (row, indicator column)."""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from typing import Any

from medreform_check.errors import Location
from medreform_check.loading.names import Names
from medreform_check.loading.readers.header import Header, find_header, form_fields, read_header
from medreform_check.loading.readers.rows import (
    CleanRows,
    ColumnChunk,
    RawRow,
    ReadItem,
    ReadNote,
    ReadProblem,
    RowChunk,
    filled_fields,
    text_or_none,
)
from medreform_check.model import RowIssue, Skipped
from medreform_check.vocabulary import Message

_FIRST_ROWS = 20
_WIDE_FIELDS = frozenset({"unit", "period", "as_of", "submitted"})  # read beside the values


def table_rows(
    name: str,
    items: Iterator[RowChunk | ColumnChunk | ReadProblem],
    text_only: bool = False,
    names: Names | None = None,
    sheet: str | None = None,
    file: str | None = None,
) -> Iterator[ReadItem | Skipped]:
    """Rows of a table under its header (see header.py), as runs of clean rows, raw rows or
    rejections. ``sheet`` names a workbook's sheet: one without a recognisable header is
    skipped (and listed), where a CSV's first row is taken as its header and its problems
    reported."""
    head: list[list[Any]] = []
    head_lines: list[int] = []
    table: Table | None = None
    for item in items:
        if isinstance(item, ReadProblem):
            yield item
            continue
        if table is None:
            head += item.rows
            head_lines += list(item.lines)
            if len(head) < _FIRST_ROWS:
                continue
            table = yield from _start(name, head, head_lines, text_only, names, sheet, file)
            if table is None:
                return
            continue
        yield from table.chunk(item)
    if table is None and head:
        yield from _start(name, head, head_lines, text_only, names, sheet, file)
    elif table is None:
        reason = "file.empty_sheet" if sheet is not None else "file.empty_table"
        if sheet is not None:
            yield Skipped(file or name, sheet, Message(reason))
            return
        yield ReadProblem(RowIssue(Location(name, 1, 1), None, Message(reason), "empty-file"))


def table_of(
    name: str, items: Iterator[RowChunk | ColumnChunk | ReadProblem], names: Names | None
) -> Table | None:
    """The table a CSV's first rows set up (header, layout, columns), without reading its
    rows: for reading a later part of the file on its own (csv_cut.py). None when the first
    rows hold no header that makes every column's rows a clean run (then a part cannot be
    read apart from what comes before it)."""
    head: list[list[Any]] = []
    lines: list[int] = []
    for item in items:
        if isinstance(item, ReadProblem):
            return None
        head += item.rows
        lines += list(item.lines)
        if len(head) >= _FIRST_ROWS:
            break
    if not head:
        return None
    starting = _start(name, head, lines, True, names, None, None)
    try:
        while True:
            next(starting)
    except StopIteration as done:
        table: Table | None = done.value
    if table is None or not table.bulk or table.wide:
        return None
    return table


def _start(
    name: str,
    head: list[list[Any]],
    lines: list[int],
    text_only: bool,
    names: Names | None,
    sheet: str | None,
    file: str | None,
) -> Generator[ReadItem | Skipped, None, Table | None]:
    """Find the header among the first rows, note it, and read the rows below it; returns
    the table (None when a sheet has no header and is skipped)."""
    at = find_header(head, names)
    if at is None:
        if sheet is not None:
            yield Skipped(file or name, sheet, Message("sheet.no_header"))
            return None
        at = next((k for k, row in enumerate(head) if any(_filled(c) for c in row)), 0)
    defaults = form_fields(head[:at], names)
    header = read_header(name, lines[at], head[at], names, defaults)
    table = Table(name, header, text_only)
    yield ReadNote(f"{name}: header on line {header.line}, {header.layout} layout")
    yield from header.problems
    yield from table.rows(head[at + 1 :], lines[at + 1 :])
    return table


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""


class Table:
    """A header's columns, and the rows under it."""

    def __init__(self, name: str, header: Header, text_only: bool) -> None:
        self.name, self.text_only, self.header = name, text_only, header
        self.broken = header.broken
        self.width = width = max(header.width, 1)
        self.names = [header.fields.get(c) for c in range(width)]
        self.defaults = {
            k: v for k, v in header.defaults.items() if k not in header.fields.values()
        }
        self.extra = tuple(self.defaults)  # form fields, added to every row as columns
        self.mapped = tuple(n for n in self.names if n is not None) + self.extra
        self.column_of = {field_name: c + 1 for c, field_name in header.fields.items()}
        self.wide = header.layout == "wide"
        known = len(header.fields) + len(header.indicators)
        self.bulk = text_only and known == width and not self.broken
        # Columns without a heading: their cells are not read, and the first one filled in
        # is reported (an unknown heading is reported by the header already).
        self.unheaded = [c for c in range(header.width) if not header.heading_at(c)]
        self.pending: list[ReadProblem] = []

    def chunk(self, item: RowChunk | ColumnChunk) -> Iterator[ReadItem]:
        """A reader's chunk under the header: rows given column by column, as wide as the
        header, go on as they are (no row is made of them); any other chunk row by row."""
        if (
            isinstance(item, ColumnChunk)
            and self.bulk
            and not self.wide
            and len(item.columns) == self.width
            and item.lines
        ):
            yield self._clean_columns(item.columns, item.lines)
            return
        yield from self.rows(item.rows, item.lines)

    def rows(self, rows: list[list[Any]], lines: Sequence[int]) -> Iterator[ReadItem]:
        if self.wide:
            yield from self._wide(rows, lines)
            return
        width = self.width
        if self.bulk and rows and set(map(len, rows)) == {width}:
            yield self._clean(rows, lines)
            return
        start = 0  # rows[start:k] are clean and not yet handed on
        for k, cells in enumerate(rows):
            if self.bulk and len(cells) == width:
                continue
            if k > start and self.bulk:
                yield self._clean(rows[start:k], lines[start:k])
            start = k + 1
            item = self._one(cells, lines[k])
            yield from self.pending
            self.pending.clear()
            if item is not None:
                yield item
        if self.bulk and start < len(rows):
            yield self._clean(rows[start:], lines[start:])

    def _clean(self, rows: list[list[Any]], lines: Sequence[int]) -> CleanRows:
        return self._clean_columns(list(zip(*rows, strict=True)), lines)

    def _clean_columns(self, columns: Sequence[Sequence[str]], lines: Sequence[int]) -> CleanRows:
        if self.extra:  # form fields: a column each, the same value in every row
            count = len(lines)
            columns = [*columns, *([str(v)] * count for v in self.defaults.values())]
        return CleanRows(self.name, self.mapped, self.column_of, columns, lines)

    def _one(self, cells: list[Any], line: int) -> ReadItem | None:
        fields = filled_fields(self.names, cells, self.text_only)
        if fields is None:
            return None  # a blank line is not a row
        if self.defaults and fields:
            fields = {**self.defaults, **fields}
        at, unit = Location(self.name, line), text_or_none(fields.get("unit"))
        if self.broken:
            reason = Message("row.header_has_errors", {"line": self.header.line})
            return ReadProblem(RowIssue(at, unit, reason, "csv-header"))
        if len(cells) > self.width and any(_filled(c) for c in cells[self.width :]):
            reason = Message("row.cells", {"count": len(cells), "width": self.width})
            return ReadProblem(RowIssue(at, unit, reason, "row-cells"))
        if len(cells) < self.width and self.text_only:
            reason = Message("row.cells", {"count": len(cells), "width": self.width})
            return ReadProblem(RowIssue(at, unit, reason, "row-cells"))
        self._unheaded_filled(cells, line)
        if not fields:  # something is written, but only under headings nobody knows
            first = next(c for c, cell in enumerate(cells) if _filled(cell))
            reason = Message("row.only_unknown_columns", {"column": first + 1})
            return ReadProblem(RowIssue(at, None, reason, "row-subject"))
        return RawRow(at, fields, columns=self.column_of)

    def _unheaded_filled(self, cells: list[Any], line: int) -> None:
        for col in self.unheaded:
            if col < len(cells) and _filled(cells[col]):
                self.unheaded.remove(col)
                where = Location(self.name, line, col + 1)
                reason = Message("column.no_heading", {"column": col + 1})
                self.pending.append(
                    ReadProblem(RowIssue(where, None, reason, "unknown-column"), True)
                )
                return

    def _wide(self, rows: list[list[Any]], lines: Sequence[int]) -> Iterator[ReadItem]:
        """A 汇总表: for each indicator column, one clean row per unit row with a value there
        (unit, period and dates from their columns or the form fields)."""
        header = self.header
        base = [(c, f) for c, f in header.fields.items() if f in _WIDE_FIELDS]
        names = (*(f for _, f in base), *self.extra, "indicator", "value")
        extra = [str(v) for v in self.defaults.values()]
        blank_rows: list[int] = []
        for k, cells in enumerate(rows):
            if len(cells) > self.width and any(_filled(c) for c in cells[self.width :]):
                reason = Message("row.cells", {"count": len(cells), "width": self.width})
                yield ReadProblem(
                    RowIssue(Location(self.name, lines[k]), None, reason, "row-cells")
                )
                blank_rows.append(k)
        skip = set(blank_rows)
        for col, (ident, unit) in header.indicators.items():
            found, found_lines = [], []
            for k, cells in enumerate(rows):
                value = cells[col] if col < len(cells) else None
                if k in skip or not _filled(value):
                    continue
                text = str(value) if unit is None else _with_unit(value, unit)
                found.append([*(str(cells[c]) if c < len(cells) else "" for c, _ in base),
                              *extra, ident, text])  # fmt: skip
                found_lines.append(lines[k])
            if found:
                columns = {**{f: c + 1 for c, f in base}, "indicator": col + 1, "value": col + 1}
                cells = list(zip(*found, strict=True))
                yield CleanRows(self.name, names, columns, cells, found_lines)
        for k, cells in enumerate(rows):
            if k in skip or not any(_filled(c) for c in cells):
                continue
            if not any(_filled(cells[c]) for c in header.indicators if c < len(cells)):
                yield self._blank_wide_row(cells, lines[k])

    def _blank_wide_row(self, cells: list[Any], line: int) -> ReadProblem:
        """A unit row with no value under any indicator: nothing reported — listed, and
        rejected when it holds something under a heading nobody knows."""
        unit_col = next((c for c, f in self.header.fields.items() if f == "unit"), None)
        unit = str(cells[unit_col]) if unit_col is not None and unit_col < len(cells) else None
        at = Location(self.name, line)
        known = set(self.header.fields) | set(self.header.indicators)
        stray = [c for c in range(len(cells)) if c not in known and _filled(cells[c])]
        if stray:
            reason = Message("row.only_unknown_columns", {"column": stray[0] + 1})
            return ReadProblem(RowIssue(at, unit, reason, "row-subject"))
        reason = Message("row.blank", {"subject": unit or ""})
        return ReadProblem(RowIssue(at, unit, reason, "row-blank"), warning=True)


def _with_unit(value: Any, unit: str) -> str:
    """A wide table's cell under ``指标（万人）``: the number with the heading's unit, so that
    it is converted (or refused) like any value written with its unit."""
    text = str(value).strip()
    return text if not text or not text[-1].isdigit() else f"{text}{unit}"
