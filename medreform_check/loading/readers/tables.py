"""Rows of a table (a CSV file or a sheet) under a header row: the header mapped to fields,
each row handed on as a raw row, a run of clean rows, or a located problem."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from medreform_check.errors import Location
from medreform_check.loading.readers.rows import (
    HEADINGS,
    CleanRows,
    RawRow,
    ReadItem,
    ReadProblem,
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
    header: list[Any],
    rows: Iterator[tuple[int, list[Any]] | ReadProblem],
    text_only: bool = False,
) -> Iterator[ReadItem]:
    """Rows of a table (CSV or sheet) with a header row, as raw rows or rejections.

    ``text_only`` says every cell is a string (CSV), which allows faster tests for blanks.
    """
    columns, header_problems = _header_fields(name, header)
    yield from header_problems
    broken = any(not problem.warning for problem in header_problems)
    width = len(header)
    names = [columns.get(c) for c in range(width)]
    mapped = tuple(n for n in names if n is not None)
    column_of = {field_name: c + 1 for c, field_name in columns.items()}
    batch: list[tuple[int, list[str]]] = []
    bulk = text_only and len(mapped) == width and not broken
    for item in rows:
        if not isinstance(item, ReadProblem) and bulk and len(item[1]) == width:
            batch.append(item)
            continue
        if batch:  # keep the rows in file order: a later row wins a tie
            yield CleanRows(name, mapped, column_of, batch)
            batch = []
        if isinstance(item, ReadProblem):
            yield item
            continue
        line, cells = item
        fields = filled_fields(names, cells, text_only)
        if fields is None:
            continue  # a blank line is not a row
        at, unit = Location(name, line), text_or_none(fields.get("unit"))
        if broken:
            yield ReadProblem(RowIssue(at, unit, Message("row.header_has_errors"), "csv-header"))
        elif len(cells) != width:
            reason = Message("row.cells", {"count": len(cells), "width": width})
            yield ReadProblem(RowIssue(at, unit, reason, "row-cells"))
        else:
            yield RawRow(at, fields, columns=column_of)
    if batch:
        yield CleanRows(name, mapped, column_of, batch)
