"""``audit --format xlsx``: a results sheet (frozen header, filters, widths, status cells filled
by status colour) and a summary sheet. Text from input is always written as text: nothing a
plan or a unit wrote ever becomes a formula."""

from __future__ import annotations

import io
from typing import Any

from ...report import Report, Status
from ...stats import completion_rates
from .. import RenderOptions
from ..labels import STATUS_SYMBOLS, status_label, word
from .csv_ import COLUMNS, render_rows

# Light fills that stay distinguishable in greyscale, and the symbol says it anyway.
FILLS = {
    Status.MET: "C6EFCE",
    Status.MET_LATE: "DDEBF7",
    Status.MISSED: "FFC7CE",
    Status.UNREPORTED: "F4B084",
    Status.AT_RISK: "FFEB9C",
    Status.PENDING: "FFFFFF",
    Status.WAIVED: "D9D9D9",
}
WIDTHS = {
    "title": 48,
    "message": 40,
    "section": 22,
    "task": 24,
    "lead_name": 16,
    "missing_units": 24,
}


def _set(cell: Any, value: Any) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula; this is text from input


def render(report: Report, options: RenderOptions) -> bytes:
    # Imported here: openpyxl costs ~90 ms and only Excel output needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = options.lang
    book = Workbook()
    results = book.active
    assert results is not None
    results.title = "结果" if lang == "zh" else "Results"
    for col, name in enumerate(COLUMNS, 1):
        _set(results.cell(1, col), name)
        results.cell(1, col).font = Font(bold=True)
        results.column_dimensions[get_column_letter(col)].width = WIDTHS.get(name, 12)
    status_col = COLUMNS.index("status_label") + 1
    for row_number, (result, row) in enumerate(
        zip(report.results, render_rows(report, lang), strict=True), 2
    ):
        for col, value in enumerate(row, 1):
            _set(results.cell(row_number, col), value)
        cell = results.cell(row_number, status_col)
        _set(cell, f"{STATUS_SYMBOLS[result.status]} {status_label(result.status, lang)}")
        cell.fill = PatternFill("solid", start_color=FILLS[result.status])
    results.freeze_panes = "A2"
    results.auto_filter.ref = (
        f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(report.results) + 1)}"
    )

    summary = book.create_sheet("汇总" if lang == "zh" else "Summary")
    _set(summary.cell(1, 1), f"{word('summary', lang)} — {word('as_of', lang)} {report.as_of}")
    summary.cell(1, 1).font = Font(bold=True)
    counts = report.summary()
    for row_number, status in enumerate(Status, 3):
        _set(summary.cell(row_number, 1), f"{STATUS_SYMBOLS[status]} {status_label(status, lang)}")
        summary.cell(row_number, 1).fill = PatternFill("solid", start_color=FILLS[status])
        summary.cell(row_number, 2).value = counts[status.value]
    start = len(Status) + 4
    for col, heading in enumerate((word("lead", lang), "due", "met", "overdue", "rate"), 1):
        _set(summary.cell(start, col), heading)
        summary.cell(start, col).font = Font(bold=True)
    for row_number, rate in enumerate(completion_rates(report, "lead"), start + 1):
        _set(summary.cell(row_number, 1), rate.name or "—")
        summary.cell(row_number, 2).value = rate.due
        summary.cell(row_number, 3).value = rate.met
        summary.cell(row_number, 4).value = rate.overdue
        summary.cell(row_number, 5).value = rate.rate
        summary.cell(row_number, 5).number_format = "0%"
    summary.column_dimensions["A"].width = 30
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
