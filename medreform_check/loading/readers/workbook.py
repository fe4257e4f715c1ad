"""Workbooks — .xlsx, .xls and .ods — read with python-calamine (a Rust reader: 100,000 rows
in about a seventh of openpyxl's time); formulas are never evaluated.

Every sheet is read, hidden ones too (noted for --verbose). Each sheet's cells become text
(dates as ISO dates, numbers as their shortest exact form, a percentage-formatted cell as the
figure shown), so a sheet goes through the same table reading as a CSV file, fast path
included. An .xlsx is first scanned as XML (xlsx_parts.py): formula cells reject their rows,
percentage cells are scaled, and a workbook built to exhaust the reader is refused with the
limit named. A sheet's rows are located by the sheet's own row numbers; the first sheet as
``file.xlsx:7``, any other as ``file.xlsx[sheet]:7``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from medreform_check.errors import Location
from medreform_check.language.values import shown
from medreform_check.limits import MAX_CELLS_PER_SHEET, MAX_WORKBOOK_UNPACKED_BYTES, size_problem
from medreform_check.loading.names import Names
from medreform_check.loading.readers.rows import ReadItem, ReadNote, ReadProblem, RowChunk
from medreform_check.loading.readers.tables import table_rows
from medreform_check.loading.readers.xlsx_parts import (
    SheetFacts,
    WorkbookRefused,
    column_letters,
    refuse_entities,
    scan_xlsx,
)
from medreform_check.loading.readers.xlsx_salvage import salvage
from medreform_check.model import RowIssue
from medreform_check.vocabulary import Message

CHUNK = 4096


def cell_text(value: Any) -> str:
    """A cell as text the row interpreter reads exactly as the value it was."""
    if value.__class__ is str:
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _refused(name: str, reason: Message | str, code: str) -> ReadProblem:
    return ReadProblem(RowIssue(Location(name, 1, 1), None, reason, code))


def _check_zip(path: Path) -> dict[str, SheetFacts]:
    """Facts of an .xlsx's sheets; for an .ods, only its size and entities are checked."""
    name = str(path)
    if path.suffix.lower() == ".xlsx":
        return scan_xlsx(name, MAX_WORKBOOK_UNPACKED_BYTES)
    if path.suffix.lower() == ".ods" and zipfile.is_zipfile(name):
        with zipfile.ZipFile(name) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            too_large = size_problem(
                path, unpacked, MAX_WORKBOOK_UNPACKED_BYTES, "send it as CSV", "unpacks to"
            )
            if too_large:
                raise WorkbookRefused(too_large, "file-too-large")
            for info in archive.infolist():
                if info.filename.endswith(".xml"):
                    refuse_entities(archive, info.filename)
    return {}


def read_workbook(path: Path, names: Names | None = None) -> Iterator[ReadItem]:
    """Every sheet of a workbook: its header found, then its rows."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum  # only when one is read

    name = str(path)
    try:
        facts = _check_zip(path)
        book = CalamineWorkbook.from_path(name)
    except WorkbookRefused as refused:
        yield _refused(name, refused.reason, refused.code)
        return
    except Exception as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError)):
            raise
        detail = {"kind": path.suffix.lower(), "detail": f"{type(exc).__name__}: {exc}"}
        yield _refused(name, Message("workbook.unreadable", detail), "xlsx-unreadable")
        return
    try:
        for index, meta in enumerate(book.sheets_metadata):
            label = name if index == 0 else f"{name}[{meta.name}]"
            hidden = meta.visible != SheetVisibleEnum.Visible
            kind = path.suffix.lstrip(".").upper()
            yield ReadNote(f"{name}: {kind}, sheet '{meta.name}'" + (" (hidden)" if hidden else ""))
            yield from _sheet(book, meta.name, label, name, facts.get(meta.name), names)
    finally:
        book.close()


def _sheet(
    book: Any, sheet_name: str, label: str, file: str, facts: SheetFacts | None, names: Names | None
) -> Iterator[ReadItem]:
    if facts is not None and facts.too_large is not None:
        yield ReadProblem(RowIssue(Location(label, 1, 1), None, facts.too_large, "too-many-cells"))
        return
    try:
        sheet = book.get_sheet_by_name(sheet_name)
    except Exception as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError)):
            raise
        if not file.lower().endswith(".xlsx"):
            reason = Message("xlsx.damaged", {"detail": f"{type(exc).__name__}: {exc}"})
            yield ReadProblem(RowIssue(Location(label, 1, 1), None, reason, "xlsx-unreadable"))
            return
        rows = salvage(Path(file), sheet_name, label, cell_text)
        yield from table_rows(label, rows, text_only=True, names=names, sheet=sheet_name, file=file)
        return
    try:
        start = sheet.start or (0, 0)
        if sheet.height * max(sheet.width, 1) > MAX_CELLS_PER_SHEET:
            span = f"A1:{column_letters(start[1] + sheet.width)}{start[0] + sheet.height}"
            cells = {"span": span, "cells": f"{sheet.height * sheet.width:,}",
                     "limit": f"{MAX_CELLS_PER_SHEET:,}"}  # fmt: skip
            yield ReadProblem(
                RowIssue(
                    Location(label, 1, 1), None, Message("limit.cells", cells), "too-many-cells"
                )
            )
            return
        merged = sheet.merged_cell_ranges or []
        rows = _rows(sheet.iter_rows(), start, facts, merged, label)
        yield from table_rows(label, rows, text_only=True, names=names, sheet=sheet_name, file=file)
    except Exception as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError)):
            raise
        reason = Message("xlsx.damaged", {"detail": f"{type(exc).__name__}: {exc}"})
        yield ReadProblem(RowIssue(Location(label, 1, 1), None, reason, "xlsx-unreadable"))


def _rows(
    source: Iterator[list[Any]],
    start: tuple[int, int],
    facts: SheetFacts | None,
    merged: list[tuple[tuple[int, int], tuple[int, int]]],
    label: str,
) -> Iterator[RowChunk | ReadProblem]:
    """The sheet's rows as text, in chunks, each with its row number; a row with a formula
    is rejected in its place (unevaluated)."""
    # python-calamine's rows start at the sheet's first row (A1's), its cells at the first
    # column holding data: lines count from 1, columns are padded back to A
    # (tests/unit/test_office_layouts.py holds it to that).
    first_col = start[1]
    pad = [""] * first_col
    merges: dict[int, list[tuple[int, int, int]]] = {}  # line -> (first col, last col, last line)
    for (r1, c1), (r2, c2) in merged:
        merges.setdefault(r1 + 1, []).append((c1, c2, r2 + 1))
    fills: dict[int, list[tuple[int, str]]] = {}  # line -> (col, text) to fill in
    formulas = facts.formulas if facts else {}
    percent = facts.percent if facts else set()
    rows: list[list[str]] = []
    lines: list[int] = []
    for k, cells in enumerate(source):
        line = k + 1
        texts = pad + [cell_text(c) for c in cells] if first_col else list(map(cell_text, cells))
        if formulas or percent:
            problem = _special_cells(texts, cells, line, first_col, formulas, percent, label)
            if problem is not None:
                yield problem
                continue
        yield from _merges_from(line, texts, merges.pop(line, ()), fills, label)
        for col, text in fills.pop(line, ()):
            if col < len(texts) and not texts[col]:
                texts[col] = text
        rows.append(texts)
        lines.append(line)
        if len(rows) == CHUNK:
            yield RowChunk(rows, lines)
            rows, lines = [], []
    if rows:
        yield RowChunk(rows, lines)


def _merges_from(
    line: int,
    texts: list[str],
    starting: Any,
    fills: dict[int, list[tuple[int, str]]],
    label: str,
) -> Iterator[ReadProblem]:
    """Merges whose top-left cell is on this line. A merged name or period (a unit written
    once beside its rows) is read in every cell of the merge; a merged number is not copied
    (it would count twice) and the merge is reported."""
    for first, last, last_line in starting:
        top_left = texts[first] if first < len(texts) else ""
        if not top_left:
            continue
        if _is_number(top_left):
            cells = f"{column_letters(first + 1)}{line}:{column_letters(last + 1)}{last_line}"
            reason = Message("xlsx.merged", {"cells": cells})
            yield ReadProblem(
                RowIssue(Location(label, line, first + 1), None, reason, "xlsx-merged"), True
            )
            continue
        for fill_line in range(line, last_line + 1):
            fills.setdefault(fill_line, []).extend((c, top_left) for c in range(first, last + 1))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _special_cells(
    texts: list[str],
    cells: list[Any],
    line: int,
    first_col: int,
    formulas: dict[tuple[int, int], str],
    percent: set[tuple[int, int]],
    label: str,
) -> ReadProblem | None:
    for col in range(1, len(texts) + 1):
        formula = formulas.get((line, col))
        if formula is not None:
            cell = f"{column_letters(col)}{line}"
            reason = Message("xlsx.formula", {"cell": cell, "formula": shown("=" + formula)})
            return ReadProblem(RowIssue(Location(label, line, col), None, reason, "row-cells"))
        if (line, col) in percent:
            value = cells[col - 1 - first_col]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                texts[col - 1] = cell_text(round(value * 100, 10))
    return None
