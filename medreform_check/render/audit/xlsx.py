"""``audit --format xlsx``: a results sheet (frozen header, filters, widths, status cells filled
by status colour) and a summary sheet (counts, completion by lead unit and by section,
reporting). Text from input is always written as text: nothing a
plan or a unit wrote ever becomes a formula."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from medreform_check.render import RenderOptions
from medreform_check.render.audit.csv_ import COLUMNS, headings, render_rows
from medreform_check.render.common import STATUS_SYMBOLS, completion_text, reason_text, status_label
from medreform_check.report import Report, Status, skipped_as_issues
from medreform_check.vocabulary import word

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


def _block(sheet: Any, top: int, headings: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """A bold heading row and its rows from ``top``; fractions shown as percentages.
    Returns the first row after the block and a blank line."""
    from openpyxl.styles import Font

    for col, heading in enumerate(headings, 1):
        _set(sheet.cell(top, col), heading)
        sheet.cell(top, col).font = Font(bold=True)
    for row_number, row in enumerate(rows, top + 1):
        for col, value in enumerate(row, 1):
            _set(sheet.cell(row_number, col), value)
            if isinstance(value, float):
                sheet.cell(row_number, col).number_format = "0%"
    return top + len(rows) + 2


def _summary_sheet(sheet: Any, report: Report, lang: str) -> None:
    """Counts by status; completion by lead unit and by section; reporting by unit."""
    from openpyxl.styles import Font, PatternFill

    _set(sheet.cell(1, 1), f"{word('summary', lang)} — {word('as_of', lang)} {report.as_of}")
    sheet.cell(1, 1).font = Font(bold=True)
    _set(sheet.cell(2, 1), completion_text(report, lang))
    for row_number, (status, count) in enumerate(report.summaries.counts.items(), 4):
        _set(sheet.cell(row_number, 1), f"{STATUS_SYMBOLS[status]} {status_label(status, lang)}")
        sheet.cell(row_number, 1).fill = PatternFill("solid", start_color=FILLS[status])
        sheet.cell(row_number, 2).value = count
    top = len(Status) + 5
    for by, rates in (("lead", report.summaries.by_lead), ("section", report.summaries.by_section)):
        rows: list[tuple[Any, ...]] = [
            (r.name or "—", r.due, r.met, r.overdue, r.rate) for r in rates
        ]
        top = _block(
            sheet,
            top,
            [
                word(k, lang)
                for k in (by, "due_count", "met_count", "overdue_count", "completion_rate")
            ],
            rows,
        )
    if report.reporting:
        heads = [word(k, lang) for k in ("unit", "owed", "received_count", "on_time_count")]
        heads += [word("reporting_rate", lang), word("on_time_rate", lang)]
        rows = [
            (report.unit_names.get(r.key, r.key), r.owed, r.received, r.on_time, r.rate,
             r.on_time_rate)
            for r in report.summaries.reporting_by_unit
        ]  # fmt: skip
        top = _block(sheet, top, heads, rows)
    if report.skipped:  # files and sheets not read, so that none is lost without a word
        skipped = [(str(i.at), reason_text(i, lang)) for i in skipped_as_issues(report.skipped)]
        _block(sheet, top, [word("skipped", lang), word("reason", lang)], skipped)
    sheet.column_dimensions["A"].width = 36


def render(report: Report, options: RenderOptions) -> bytes:
    # Imported here: openpyxl costs ~90 ms and only Excel output needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = options.lang
    book = Workbook()
    results = book.active
    assert results is not None
    results.title = word("sheet.results", lang)
    for col, (name, heading) in enumerate(zip(COLUMNS, headings(lang), strict=True), 1):
        _set(results.cell(1, col), heading)
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

    _summary_sheet(book.create_sheet(word("sheet.summary", lang)), report, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
