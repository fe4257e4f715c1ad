"""``overdue --format xlsx``: the overdue list as a sheet — the CSV's rows, with a frozen,
filtered header, sized columns and each 三色督办 level cell in its colour. A unit's 督办单
(``--split-by``) has the two reply columns to fill in and, under the table, the line to sign
and date. Values only: nothing from input ever becomes a formula."""

from __future__ import annotations

import io

from medreform_check.commands.overdue import OverdueList
from medreform_check.render import RenderOptions
from medreform_check.render.audit.xlsx import _set
from medreform_check.render.calendar import LEVEL_COLOURS
from medreform_check.render.overdue.csv_ import HEADINGS, headings, rows
from medreform_check.render.overdue.notice import reply_columns, reply_lines, title
from medreform_check.report import Level

WIDTHS = {"title": 48, "note": 36, "not_reported_by": 24, "lead": 18, "task": 24, "source": 16}


def render(overdue: OverdueList, options: RenderOptions) -> bytes:
    # Imported here: openpyxl costs ~90 ms and only Excel output needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = options.lang
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title(overdue, lang)
    names = [*HEADINGS, *reply_columns(overdue)]
    for col, (name, heading) in enumerate(zip(names, headings(overdue, lang), strict=True), 1):
        _set(sheet.cell(1, col), heading)
        sheet.cell(1, col).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(col)].width = WIDTHS.get(name, 12)
    found = rows(overdue, lang)
    levels = [r.level for group in overdue.groups for r in group.results]
    level_col = names.index("level") + 1
    for row_number, row in enumerate(found, 2):
        for col, value in enumerate(row, 1):
            _set(sheet.cell(row_number, col), value)
        level: Level | None = levels[row_number - 2] if row_number - 2 < len(levels) else None
        if level is not None:
            ink, tint = LEVEL_COLOURS[level]
            cell = sheet.cell(row_number, level_col)
            cell.fill = PatternFill("solid", start_color=tint)
            cell.font = Font(bold=True, color=ink)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(1, len(found) + 1)}"
    for k, line in enumerate(reply_lines(overdue, lang)):
        _set(sheet.cell(len(found) + 3 + 2 * k, 1), line)
        sheet.cell(len(found) + 3 + 2 * k, 1).font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
