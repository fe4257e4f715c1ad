"""Submission readers: one per file format, each yielding raw rows or rejections.

A reader only splits a file into rows of named fields; what the fields mean is decided
once, for every format, in ``submissions.py``. A new format is a new reader in
``READERS`` and nothing else.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medreform_check.errors import Location, MedreformError
from medreform_check.language.values import normalise, shown
from medreform_check.limits import MAX_CSV_BYTES, MAX_XLSX_UNPACKED_BYTES, size_problem
from medreform_check.loading.yamldoc import decode_text, load_yaml
from medreform_check.model import FIELDS, RowIssue
from medreform_check.schemas.validation import Violation, locate_violation, violations
from medreform_check.vocabulary import Message, field_name

# Each field of a submission row with the heading offices usually give its column (templates
# write these headings too).
CHINESE_HEADINGS: Mapping[str, str] = {name: field_name(name, "zh") for name in FIELDS}
# Every column heading read, after NFKC and lower-casing: the names, the usual headings, and
# the other words offices use.
HEADINGS: Mapping[str, str] = {
    **{name: name for name in FIELDS},
    **{heading: name for name, heading in CHINESE_HEADINGS.items()},
    "填报单位": "unit",
    "期间": "period",
    "值": "value",
    "完成时间": "completed_on",
    "统计截至日期": "as_of",
    "佐证": "evidence",
    "填报日期": "submitted",
    "报送日期": "submitted",
}


@dataclass(frozen=True, slots=True)
class RawRow:
    """One row as read: field name -> raw value, and where each field was written."""

    at: Location
    fields: Mapping[str, Any]
    cells: Mapping[str, Location] = field(default_factory=dict)  # YAML: each value's position
    # Tables: the column of each field, one mapping shared by every row of the file (a
    # Location per cell would cost more than reading the cell).
    columns: Mapping[str, int] = field(default_factory=dict)
    # A YAML file with no values still tells us the unit reported for the period.
    receipt_only: bool = False

    def where(self, name: str) -> Location:
        if name in self.cells:
            return self.cells[name]
        column = self.columns.get(name)
        return Location(self.at.path, self.at.line, column) if column else self.at


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A row (or a whole file) that could not be read, or a warning about one."""

    issue: RowIssue
    warning: bool = False


@dataclass(frozen=True, slots=True)
class ReadNote:
    """What a reader found out about a file (its format, its encoding), for --verbose."""

    text: str


@dataclass(frozen=True, slots=True)
class CleanRows:
    """A run of CSV rows under a header whose every column is known, each row as wide as
    the header: the usual case, handed over in bulk so the interpreter can take its fast
    path (see submissions.py). Cells may still be blank."""

    path: str
    names: tuple[str, ...]  # the field of each column
    columns: Mapping[str, int]  # field -> 1-based column, for locating a problem
    rows: list[tuple[int, list[str]]]  # (line, cells)


ReadItem = RawRow | ReadProblem | ReadNote | CleanRows
Reader = Callable[[Path], Iterator[ReadItem]]


def read_yaml(path: Path) -> Iterator[ReadItem]:
    doc = load_yaml(path)
    yield ReadNote(f"{path}: YAML")
    errors = [f for f in doc.findings if f.is_error]
    data = doc.data
    if data is None:
        yield from (ReadProblem(RowIssue(f.where, None, f.message, f.code)) for f in errors)
        return
    values = data.get("values") if isinstance(data, dict) else None
    rows = values if isinstance(values, list) else []
    starts = [doc.locate(("values", k)).line or 0 for k in range(len(rows))]

    def row_of(line: int) -> int | None:
        k = bisect_right(starts, line) - 1
        return k if k >= 0 else None

    row_problems: dict[int, list[tuple[str, str]]] = {}
    header_problems: list[RowIssue] = []
    for finding in errors:  # duplicate keys and disallowed tags, placed by line
        k = row_of(finding.where.line or 0)
        if k is None:
            header_problems.append(RowIssue(finding.where, None, finding.message, finding.code))
        else:
            row_problems.setdefault(k, []).append((finding.code, finding.message))
    for violation in violations(data, "submission"):
        if (
            len(violation.path) >= 2
            and violation.path[0] == "values"
            and isinstance(violation.path[1], int)
        ):
            problem = ("schema", _row_message(violation))
            row_problems.setdefault(violation.path[1], []).append(problem)
        else:
            where = locate_violation(doc, violation)
            header_problems.append(RowIssue(where, None, violation.message, "schema"))

    yield from (ReadProblem(issue) for issue in header_problems)
    if not isinstance(data, dict):
        return  # not a mapping at all: the schema said so, above
    header = {k: data[k] for k in ("unit", "period", "submitted") if k in data}
    header_cells = {k: doc.locate((k,)) for k in header}
    for k, row in enumerate(rows):
        at = doc.locate(("values", k))
        unit = row.get("unit", header.get("unit")) if isinstance(row, dict) else header.get("unit")
        if header_problems:
            first = header_problems[0]
            reason = Message("row.file_has_errors", {"line": first.at.line})
            yield ReadProblem(RowIssue(at, _text(unit), reason, first.code))
        elif k in row_problems:
            codes, messages = zip(*row_problems[k], strict=True)
            yield ReadProblem(RowIssue(at, _text(unit), "; ".join(messages), codes[0]))
        else:
            cells = {**header_cells, **{name: doc.locate(("values", k, name)) for name in row}}
            yield RawRow(at, {**header, **row}, cells)
    if not rows and not header_problems:
        yield RawRow(doc.locate(), header, header_cells, receipt_only=True)


def _row_message(violation: Violation) -> str:
    inner = violation.path[2:]
    return (
        f"{inner[0]}: {violation.message}"
        if inner and not violation.about_key
        else violation.message
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def decode_table(raw: bytes, path: Path) -> tuple[str, str]:
    """Text of a CSV exported by Excel, and which encoding it was: UTF-8 (with or without
    BOM) or GB18030."""
    # UTF-8 first: most UTF-8 Chinese also decodes as GB18030, garbled; GBK never as UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030":
            return text, "GB18030"
        return text, "UTF-8 with BOM" if raw.startswith(codecs.BOM_UTF8) else "UTF-8"
    _, problem = decode_text(raw, str(path))
    where = problem.where if problem else Location(str(path))
    raise MedreformError("not readable text (expected UTF-8, UTF-8 with BOM or GB18030)", where)


def _heading(cell: str) -> str:
    return normalise(cell).lower().replace(" ", "_")


def read_csv(path: Path) -> Iterator[ReadItem]:
    name = str(path)
    too_large = size_problem(path, path.stat().st_size, MAX_CSV_BYTES, "split it by period or unit")
    if too_large:
        yield ReadProblem(RowIssue(Location(name, 1, 1), None, too_large, "file-too-large"))
        return
    try:
        text, encoding = decode_table(path.read_bytes(), path)
    except MedreformError as exc:
        yield ReadProblem(RowIssue(exc.where or Location(name), None, exc.message, "encoding"))
        return
    yield ReadNote(f"{name}: CSV, {encoding}")
    buffer = io.StringIO(text, newline="")
    reader = csv.reader(buffer)
    try:
        header = next(reader)
    except StopIteration:
        empty = Message("file.empty_table")
        yield ReadProblem(RowIssue(Location(name, 1, 1), None, empty, "empty-file"))
        return
    except csv.Error as exc:
        reason = Message("csv.header", {"reason": _csv_reason(exc, buffer.tell())})
        yield ReadProblem(RowIssue(Location(name, 1), None, reason, "csv-syntax"))
        return
    yield from _table_rows(name, header, _csv_rows(buffer, name, reader.line_num), text_only=True)


def _csv_reason(exc: csv.Error, consumed: int) -> Message:
    """Why the csv module gave up, after reading ``consumed`` characters of the row. Its
    usual reason is a cell over its size limit, told by the length read, not its wording."""
    limit = csv.field_size_limit()
    if consumed > limit:
        return Message("csv.cell_too_long", {"limit": f"{limit:,}"})
    return Message("text", {"text": str(exc)})


def _csv_rows(
    buffer: io.StringIO, name: str, consumed: int
) -> Iterator[tuple[int, list[Any]] | ReadProblem]:
    """Rows after the header with the line each starts on. A row the csv module cannot read
    is rejected and reading goes on from the next line: one bad cell loses one row."""
    reader = csv.reader(buffer)  # reads on from where the header reader stopped
    line = 0
    while True:
        start, position = consumed + line + 1, buffer.tell()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = Message("csv.row", {"reason": _csv_reason(exc, buffer.tell() - position)})
            yield ReadProblem(RowIssue(Location(name, start), None, reason, "csv-syntax"))
            consumed += reader.line_num
            reader, line = csv.reader(buffer), 0
            continue
        line = reader.line_num
        yield start, row


def _table_rows(
    name: str,
    header: list[Any],
    rows: Iterator[tuple[int, list[Any]] | ReadProblem],
    text_only: bool = False,
) -> Iterator[ReadItem]:
    """Rows of a table (CSV or sheet) with a header row, as raw rows or rejections.

    ``text_only`` says every cell is a string (CSV), which allows faster tests for blanks.
    """
    columns: dict[int, str] = {}
    problems: list[RowIssue] = []
    for col, cell in enumerate(header):
        heading = _heading(str(cell)) if cell is not None else ""
        if not heading:
            continue
        field_name = HEADINGS.get(heading)
        if field_name is None:
            known = ", ".join(FIELDS)
            reason = Message("column.unused", {"column": cell, "known": known})
            where = Location(name, 1, col + 1)
            yield ReadProblem(RowIssue(where, None, reason, "unknown-column"), warning=True)
        elif field_name in columns.values():
            reason = Message("column.repeated", {"column": cell, "field": field_name})
            problems.append(RowIssue(Location(name, 1, col + 1), None, reason, "csv-header"))
        else:
            columns[col] = field_name
    if not columns:
        reason = Message("header.no_known_column")
        problems.append(RowIssue(Location(name, 1, 1), None, reason, "csv-header"))
    yield from (ReadProblem(issue) for issue in problems)
    width = len(header)
    names = [columns.get(c) for c in range(width)]
    mapped = [n for n in names if n is not None]
    complete = len(mapped) == width
    column_of = {field_name: c + 1 for c, field_name in columns.items()}
    batch: list[tuple[int, list[str]]] = []
    bulk = text_only and complete and not problems
    for item in rows:
        if isinstance(item, ReadProblem):
            if batch:
                yield CleanRows(name, tuple(mapped), column_of, batch)
                batch = []
            yield item
            continue
        line, cells = item
        if bulk and len(cells) == width:
            batch.append((line, cells))
            continue
        if batch:  # keep the rows in file order: a later row wins a tie
            yield CleanRows(name, tuple(mapped), column_of, batch)
            batch = []
        at = Location(name, line)
        fields = filled_fields(names, cells, text_only)
        if fields is None:
            continue  # a blank line is not a row
        if problems:
            reason = Message("row.header_has_errors")
            yield ReadProblem(RowIssue(at, _text(fields.get("unit")), reason, "csv-header"))
        elif len(cells) != width:
            reason = Message("row.cells", {"count": len(cells), "width": width})
            yield ReadProblem(RowIssue(at, _text(fields.get("unit")), reason, "row-cells"))
        else:
            yield RawRow(at, fields, columns=column_of)
    if batch:
        yield CleanRows(name, tuple(mapped), column_of, batch)


def filled_fields(
    names: Sequence[str | None], cells: Sequence[Any], text_only: bool
) -> dict[str, Any] | None:
    """The row's non-blank cells by field name; None when every cell is blank."""
    if text_only:
        fields = {n: v for n, v in zip(names, cells, strict=False) if n and v and not v.isspace()}
        return fields if fields or "".join(cells).strip() else None
    fields = {n: v for n, v in zip(names, cells, strict=False) if n and _present(v)}
    return fields if fields or any(_present(c) for c in cells) else None


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


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


def _sheet_rows(sheet: Any, name: str, width: int) -> Iterator[tuple[int, list[Any]] | ReadProblem]:
    """Rows of a worksheet as plain values; a formula cell rejects its row, unevaluated.
    Where the sheet turns out damaged, one rejection says from which line nothing was read."""
    rows = sheet.iter_rows(min_row=2)
    try:
        yield from _rows_of(rows, name, width)
    finally:
        rows.close()  # the iterator holds a stream into the zip


def _rows_of(rows: Any, name: str, width: int) -> Iterator[tuple[int, list[Any]] | ReadProblem]:
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
        yield line, values + [None] * (width - len(values))


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
            path, unpacked, MAX_XLSX_UNPACKED_BYTES, "send it as CSV", "unpacks to"
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
        yield from _table_rows(name, header, _sheet_rows(sheet, name, len(header)))
    finally:
        workbook.close()


READERS: dict[str, Reader] = {
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".csv": read_csv,
    ".xlsx": read_xlsx,
}
