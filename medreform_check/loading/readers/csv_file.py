"""CSV submissions as Excel saves them: UTF-8, UTF-8 with BOM or GB18030, detected."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medreform_check.errors import Location, MedreformError
from medreform_check.limits import MAX_CSV_BYTES, size_problem
from medreform_check.loading.readers.rows import ReadItem, ReadNote, ReadProblem
from medreform_check.loading.readers.tables import table_rows
from medreform_check.loading.yamldoc import decode_text
from medreform_check.model import RowIssue
from medreform_check.vocabulary import Message


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
    yield from table_rows(name, header, _csv_rows(buffer, name, reader.line_num), text_only=True)


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
