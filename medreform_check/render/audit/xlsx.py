"""``audit --format xlsx``: a results sheet (frozen header, filters, widths, status cells filled
by status colour) and a summary sheet (counts, completion by lead unit and by section,
reporting). Text from input is always written as text: nothing a
plan or a unit wrote ever becomes a formula. Deadlines, completion dates and the as-of date
are date cells; headings, sheet names and targets are in the reader's language."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from medreform_check.render import RenderOptions
from medreform_check.render.audit import scorecard
from medreform_check.render.audit.csv_ import columns, headings, render_rows
from medreform_check.render.calendar import LEVEL_COLOURS, changes_text, known_by_text
from medreform_check.render.common import (
    STATUS_SYMBOLS,
    completion_text,
    reason_text,
    status_label,
    target_text,
)
from medreform_check.render.workbook import put
from medreform_check.report import Report, Result, Status, skipped_as_issues
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
    "level_label": 10,
    "previous_status": 14,
}


_set = put
# Columns that hold dates: date cells, not the ISO text of the CSV.
DATE_COLUMNS = ("deadline", "completed_on")


def _cells(result: Result, row: Sequence[Any], report: Report, lang: str) -> list[Any]:
    """The CSV row as a workbook wants it: dates as dates, the target in the reader's words."""
    names, values = columns(report), list(row)
    values[names.index("deadline")] = result.deadline
    values[names.index("completed_on")] = result.completed_on
    values[names.index("target")] = target_text(result, report, lang)
    return values


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

    _set(sheet.cell(1, 1), f"{word('summary', lang)} — {word('as_of', lang)}")
    sheet.cell(1, 1).font = Font(bold=True)
    _set(sheet.cell(1, 2), report.as_of)
    sheet.cell(1, 2).font = Font(bold=True)
    if report.known_by is not None:
        _set(sheet.cell(1, 3), known_by_text(report, lang))
    _set(sheet.cell(2, 1), completion_text(report, lang))
    if report.changes is not None:
        _set(sheet.cell(3, 1), changes_text(report, lang))
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


def _units_sheet(sheet: Any, report: Report, lang: str) -> None:
    """The per-unit scorecard, ranked; with a hierarchy, then per parent group."""
    from openpyxl.styles import Font

    top = 1
    hierarchy = scorecard.has_hierarchy(report)
    for title, scores in scorecard.scorecards(report):
        _set(sheet.cell(top, 1), word(title, lang))
        sheet.cell(top, 1).font = Font(bold=True)
        rows = [
            (rank, s.name, *([scorecard.name_of(s.parent, report)] if hierarchy else []),
             s.due, s.met, s.overdue, s.rate)
            for rank, s in enumerate(scores, 1)
        ]  # fmt: skip
        top = _block(sheet, top + 1, scorecard.headings(report, lang), rows)
    sheet.column_dimensions["B"].width = 28
    if hierarchy:
        sheet.column_dimensions["C"].width = 28


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
    names = columns(report)
    for col, (name, heading) in enumerate(zip(names, headings(lang, report), strict=True), 1):
        _set(results.cell(1, col), heading)
        results.cell(1, col).font = Font(bold=True)
        results.column_dimensions[get_column_letter(col)].width = WIDTHS.get(name, 12)
    status_col = names.index("status_label") + 1
    level_col = names.index("level_label") + 1
    for row_number, (result, row) in enumerate(
        zip(report.results, render_rows(report, lang), strict=True), 2
    ):
        for col, value in enumerate(_cells(result, row, report, lang), 1):
            _set(results.cell(row_number, col), value)
        cell = results.cell(row_number, status_col)
        _set(cell, f"{STATUS_SYMBOLS[result.status]} {status_label(result.status, lang)}")
        cell.fill = PatternFill("solid", start_color=FILLS[result.status])
        if result.level is not None:
            ink, tint = LEVEL_COLOURS[result.level]
            level_cell = results.cell(row_number, level_col)
            level_cell.fill = PatternFill("solid", start_color=tint)
            level_cell.font = Font(bold=True, color=ink)
    results.freeze_panes = "A2"
    results.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(1, len(report.results) + 1)}"

    _summary_sheet(book.create_sheet(word("sheet.summary", lang)), report, lang)
    _units_sheet(book.create_sheet(word("sheet.units", lang)), report, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
