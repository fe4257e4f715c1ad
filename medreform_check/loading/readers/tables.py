"""Rows of a table (a CSV file or a sheet) under a header row: the header mapped to fields,
each row handed on as a raw row, a run of clean rows, or a located problem."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from medreform_check.errors import Location
from medreform_check.loading.readers.rows import (
    HEADINGS,
    CleanRows,
    RawRow,
    ReadItem,
    ReadProblem,
    RowChunk,
    filled_fields,
    heading_key,
    text_or_none,
)
from medreform_check.model import FIELDS, RowIssue
from medreform_check.vocabulary import Message


def _header_fields(name: str, header: list[Any]) -> tuple[dict[int, str], list[ReadProblem]]:
    """Which field each header cell names (0-based column -> field), and the problems found:
    unknown columns (warnings), a repeated field or no known field at all (errors)."""
    columns: dict[int, str] = {}
    problems: list[ReadProblem] = []
    for col, cell in enumerate(header):
        heading = heading_key(str(cell)) if cell is not None else ""
        if not heading:
            continue
        field_name = HEADINGS.get(heading)
        where = Location(name, 1, col + 1)
        if field_name is None:
            known = ", ".join(FIELDS)
            reason = Message("column.unused", {"column": cell, "known": known})
            problems.append(ReadProblem(RowIssue(where, None, reason, "unknown-column"), True))
        elif field_name in columns.values():
            reason = Message("column.repeated", {"column": cell, "field": field_name})
            problems.append(ReadProblem(RowIssue(where, None, reason, "csv-header")))
        else:
            columns[col] = field_name
    if not columns:
        reason = Message("header.no_known_column")
        problems.append(ReadProblem(RowIssue(Location(name, 1, 1), None, reason, "csv-header")))
    return columns, problems


def table_rows(
    name: str,
    items: Iterator[RowChunk | ReadProblem],
    text_only: bool = False,
) -> Iterator[ReadItem]:
    """Rows of a table (CSV or sheet) under its header row, as runs of clean rows, raw
    rows or rejections. The header is the first row.

    ``text_only`` says every cell is a string (CSV), which allows faster tests for blanks.
    """
    header: list[Any] | None = None
    table: _Table | None = None
    for item in items:
        if isinstance(item, ReadProblem):
            yield item
            continue
        rows, lines = item.rows, item.lines
        if header is None:
            if not rows:
                continue
            header = list(rows[0])
            while header and header[-1] is None:
                header.pop()
            table = _Table(name, header, text_only)
            yield from table.problems
            rows, lines = rows[1:], lines[1:]
        assert table is not None
        yield from table.rows(rows, lines)
    if header is None:
        yield ReadProblem(
            RowIssue(Location(name, 1, 1), None, Message("file.empty_table"), "empty-file")
        )


class _Table:
    """A header's columns, and the rows under it."""

    def __init__(self, name: str, header: list[Any], text_only: bool) -> None:
        self.name, self.text_only = name, text_only
        columns, self.problems = _header_fields(name, header)
        self.broken = any(not problem.warning for problem in self.problems)
        self.width = width = len(header)
        self.names = [columns.get(c) for c in range(width)]
        self.mapped = tuple(n for n in self.names if n is not None)
        self.column_of = {field_name: c + 1 for c, field_name in columns.items()}
        self.bulk = text_only and len(self.mapped) == width and not self.broken

    def rows(self, rows: list[list[Any]], lines: Sequence[int]) -> Iterator[ReadItem]:
        width = self.width
        if self.bulk and rows and set(map(len, rows)) == {width}:
            yield self._clean(rows, lines)
            return
        start = 0  # rows[start:k] are clean and not yet handed on
        for k, cells in enumerate(rows):
            if self.bulk and len(cells) == width:
                continue
            if k > start:
                yield CleanRows(
                    self.name, self.mapped, self.column_of, rows[start:k], lines[start:k]
                )
            start = k + 1
            item = self._one(cells, lines[k])
            if item is not None:
                yield item
        if self.bulk and start < len(rows):
            yield self._clean(rows[start:], lines[start:])

    def _clean(self, rows: list[list[Any]], lines: Sequence[int]) -> CleanRows:
        return CleanRows(self.name, self.mapped, self.column_of, rows, lines)

    def _one(self, cells: list[Any], line: int) -> ReadItem | None:
        fields = filled_fields(self.names, cells, self.text_only)
        if fields is None:
            return None  # a blank line is not a row
        at, unit = Location(self.name, line), text_or_none(fields.get("unit"))
        if self.broken:
            return ReadProblem(RowIssue(at, unit, Message("row.header_has_errors"), "csv-header"))
        if len(cells) != self.width:
            reason = Message("row.cells", {"count": len(cells), "width": self.width})
            return ReadProblem(RowIssue(at, unit, reason, "row-cells"))
        return RawRow(at, fields, columns=self.column_of)
