"""Cells of the workbooks we write (the audit's and the template), one way for both.

Text from input is written as text — never a formula, whatever it starts with — with the
control characters a workbook cannot hold spelt out (``\\x1b``), so a title with an escape
character in it neither crashes the writer nor disappears. Dates are date cells with a date
format, numbers are numbers.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

DATE_FORMAT = "yyyy-mm-dd"
# What the XML of a workbook cannot carry (openpyxl refuses it): C0 controls but tab, LF, CR.
_NOT_IN_A_CELL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def cell_text(text: str) -> str:
    return _NOT_IN_A_CELL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def put(cell: Any, value: Any) -> None:
    """Write ``value`` into an openpyxl cell: text as text, a date as a date cell."""
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"  # openpyxl would store "=…" as a formula; this is text from input
        return
    cell.value = value
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
