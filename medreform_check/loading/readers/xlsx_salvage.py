"""The rows of a damaged .xlsx sheet before the damage, read with openpyxl's streaming reader
(python-calamine loads a sheet whole, so a sheet cut mid-row gives it nothing at all)."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medreform_check.errors import Location
from medreform_check.loading.readers.rows import ReadProblem, RowChunk
from medreform_check.model import RowIssue
from medreform_check.vocabulary import Message

# What openpyxl raises on a damaged workbook: sheet XML that does not parse (a SyntaxError),
# a corrupt zip member, a cell it cannot make sense of.
_DAMAGED = (SyntaxError, ValueError, TypeError, KeyError, IndexError, EOFError, zipfile.BadZipFile,
            zlib.error)  # fmt: skip


def salvage(path: Path, sheet_name: str, label: str, text: Any) -> Iterator[RowChunk | ReadProblem]:
    """Rows as text (``text`` turns a cell into text) up to the damage, then one rejection
    naming the line from which nothing was read."""
    from openpyxl import load_workbook

    last = 0
    try:
        book = load_workbook(path, read_only=True, data_only=False)
        sheet = book[sheet_name]
    except (*_DAMAGED, OSError) as exc:
        reason = Message("xlsx.damaged", {"detail": str(exc)})
        yield ReadProblem(RowIssue(Location(label, 1, 1), None, reason, "xlsx-unreadable"))
        return
    rows = sheet.iter_rows()
    try:
        while True:
            try:
                cells = next(rows, None)
            except _DAMAGED as exc:
                reason = Message("xlsx.damaged_here", {"detail": str(exc)})
                issue = RowIssue(Location(label, last + 1), None, reason, "xlsx-unreadable")
                yield ReadProblem(issue)
                return
            if cells is None:
                return
            line = next((c.row for c in cells if getattr(c, "row", None)), None)
            if line is not None:
                last = line
                yield RowChunk([[text(c.value) for c in cells]], [line])
    finally:
        rows.close()
        book.close()
