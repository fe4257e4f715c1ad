"""Excel workbooks (.xlsx), read with openpyxl; formulas are never evaluated."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Any

from medreform_check.errors import Location
from medreform_check.language.values import shown
from medreform_check.limits import MAX_WORKBOOK_UNPACKED_BYTES, size_problem
from medreform_check.loading.readers.rows import ReadItem, ReadNote, ReadProblem, RowChunk
from medreform_check.loading.readers.tables import table_rows
from medreform_check.model import RowIssue
from medreform_check.vocabulary import Message


def _column(index: int) -> str:
    """Excel's name for a 0-based column: 0 → A, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


# What openpyxl raises on a damaged workbook: sheet XML that does not parse (a SyntaxError),
# a corrupt zip member, a cell it cannot make sense of.
_DAMAGED = (SyntaxError, ValueError, TypeError, KeyError, IndexError, EOFError, zipfile.BadZipFile,
            zlib.error)  # fmt: skip


def _sheet_rows(sheet: Any, name: str, width: int) -> Iterator[RowChunk | ReadProblem]:
    """Rows of a worksheet as plain values; a formula cell rejects its row, unevaluated.
    Where the sheet turns out damaged, one rejection says from which line nothing was read."""
    rows = sheet.iter_rows(min_row=2)
    try:
        yield from _rows_of(rows, name, width)
    finally:
        rows.close()  # the iterator holds a stream into the zip


def _rows_of(rows: Any, name: str, width: int) -> Iterator[RowChunk | ReadProblem]:
    last = 1
    while True:
        try:
            cells = next(rows, None)
        except _DAMAGED as exc:
            reason = Message("xlsx.damaged_here", {"detail": str(exc)})
            yield ReadProblem(RowIssue(Location(name, last + 1), None, reason, "xlsx-unreadable"))
            return
        if cells is None:
            return
        line = next((c.row for c in cells if getattr(c, "row", None)), None)
        if line is None:
            continue
        formulas = [c for c in cells if getattr(c, "data_type", None) == "f"]
        if formulas:
            first = formulas[0]
            where = Location(name, line, first.column)
            last = line
            cell = f"{_column(first.column - 1)}{line}"
            reason = Message("xlsx.formula", {"cell": cell, "formula": shown(first.value)})
            yield ReadProblem(RowIssue(where, None, reason, "row-cells"))
            continue
        last = line
        values = [_cell_value(c) for c in cells]
        while len(values) > width and values[-1] is None:
            values.pop()  # empty cells to the right of the table are not cells of the row
        yield RowChunk([values + [None] * (width - len(values))], [line])


def _cell_value(cell: Any) -> Any:
    value = cell.value
    # Excel keeps 82.5% as 0.825 with a percent format; the figure people see is 82.5.
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in (cell.number_format or "")
    ):
        return round(value * 100, 10)
    return value


def read_xlsx(path: Path) -> Iterator[ReadItem]:
    """The first sheet of a workbook: a header row, then one value per row."""
    from openpyxl import load_workbook  # only when an .xlsx is touched: ~90 ms to import
    from openpyxl.utils.exceptions import InvalidFileException

    name = str(path)
    start = Location(name, 1, 1)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        too_large = size_problem(
            path, unpacked, MAX_WORKBOOK_UNPACKED_BYTES, "send it as CSV", "unpacks to"
        )
        if too_large:
            yield ReadProblem(RowIssue(start, None, too_large, "file-too-large"))
            return
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        reason = Message("xlsx.not_workbook", {"detail": str(exc)})
        yield ReadProblem(RowIssue(start, None, reason, "xlsx-unreadable"))
        return
    try:
        sheet = workbook.worksheets[0]
        yield ReadNote(f"{name}: XLSX, sheet '{sheet.title}'")
        # Each row iterator holds a stream into the zip: close it, or the file stays open.
        header_rows = sheet.iter_rows(max_row=1, values_only=True)
        try:
            header_row = next(header_rows, None)
        except _DAMAGED as exc:
            yield ReadProblem(
                RowIssue(
                    start, None, Message("xlsx.damaged", {"detail": str(exc)}), "xlsx-unreadable"
                )
            )
            return
        finally:
            header_rows.close()
        header = list(header_row or [])
        while header and header[-1] is None:
            header.pop()
        if not header:
            yield ReadProblem(
                RowIssue(
                    Location(name, 1, 1),
                    None,
                    Message("file.empty_sheet"),
                    "empty-file",
                )
            )
            return
        first = RowChunk([header], [1])
        yield from table_rows(name, chain([first], _sheet_rows(sheet, name, len(header))))
    finally:
        workbook.close()
