"""CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Chinese), CRLF lines, and no cell
that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
# A cell starting with one of these is a formula (or a DDE payload) to Excel and LibreOffice.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A cell's text, neutralised against formula injection; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text.startswith(_FORMULA_STARTS) and not _NUMBER.match(text):
        return "'" + text  # shown as text, never evaluated
    return text


def to_csv(headings: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headings])
    writer.writerows([[safe_cell(v) for v in row] for row in rows])
    return "\ufeff" + buffer.getvalue()
