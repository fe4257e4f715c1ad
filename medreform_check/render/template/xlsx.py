"""``template --format xlsx``: a workbook to fill in — styled header, yes/no choices for the
done column, widths that fit, the header frozen, hints in the note column."""

from __future__ import annotations

import io

from medreform_check.commands.template import Template
from medreform_check.render import RenderOptions
from medreform_check.render.template.common import COLUMNS, cells, headings
from medreform_check.render.workbook import DATE_FORMAT, put
from medreform_check.vocabulary import word

_WIDTHS = {
    "unit": 20,
    "period": 10,
    "indicator": 28,
    "task": 24,
    "value": 12,
    "done": 10,
    "completed_on": 13,
    "as_of": 13,
    "evidence": 24,
    "submitted": 13,
    "note": 70,
}


def render(template: Template, options: RenderOptions) -> bytes:
    # Imported here: openpyxl costs ~90 ms and only Excel output needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = options.lang
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = word("sheet.template", lang, period=template.period.label)
    for col, heading in enumerate(headings(lang), 1):
        put(sheet.cell(1, col), heading)
    as_of = COLUMNS.index("as_of")
    for row_number, row in enumerate(template.rows, 2):
        values: list[object] = list(cells(template, row, lang))
        values[as_of] = row.as_of  # a date cell, not the ISO text of the CSV
        for col, value in enumerate(values, 1):
            if value != "":
                put(sheet.cell(row_number, col), value)
    header_fill = PatternFill("solid", start_color="1F4E78")
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for index, name in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[name]
    last = max(2, len(template.rows) + 1)
    done = get_column_letter(COLUMNS.index("done") + 1)
    choices = f'"{word("template.yes_no", lang)}"'
    validation = DataValidation(type="list", formula1=choices, allow_blank=True)
    validation.error = word("template.choose", lang)
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(f"{done}2:{done}{last}")
    # A date typed as 2024-07-05 shows as a date; the reader takes date cells as dates.
    for column in ("completed_on", "as_of", "submitted"):
        letter = get_column_letter(COLUMNS.index(column) + 1)
        for (cell,) in sheet[f"{letter}2:{letter}{last}"]:
            cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
