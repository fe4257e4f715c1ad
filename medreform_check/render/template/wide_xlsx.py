"""``template --layout wide --format xlsx``: the 汇总表 as a workbook — styled header, the
unit and period columns frozen, a choice list of the units (kept on a hidden sheet)."""

from __future__ import annotations

import io

from medreform_check.commands.template import WideTemplate
from medreform_check.render import RenderOptions
from medreform_check.render.template.wide import rows


def render(template: WideTemplate, options: RenderOptions) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "汇总表" if options.lang == "zh" else "summary"
    table = rows(template, options.lang)
    for row in table:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", start_color="1F4E78")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 10
    for k in range(len(template.indicators)):
        sheet.column_dimensions[get_column_letter(k + 3)].width = 18
    if template.units:
        # The choice list of units lives on a hidden sheet: a list written in the rule
        # itself may hold only 255 characters.
        listed = book.create_sheet("units")
        for unit in template.units:
            listed.append([unit.name])
        listed.sheet_state = "hidden"
        source = f"=units!$A$1:$A${len(template.units)}"
        validation = DataValidation(type="list", formula1=source, allow_blank=True)
        sheet.add_data_validation(validation)
        validation.add(f"A2:A{len(table)}")
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
