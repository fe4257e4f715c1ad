"""``template --format csv``: UTF-8 with BOM, a row to fill per value, hints in the note column."""

from __future__ import annotations

from medreform_check.commands.template import Template
from medreform_check.render import RenderOptions
from medreform_check.render.csv_ import to_csv
from medreform_check.render.template.common import HEADINGS, cells


def render(template: Template, options: RenderOptions) -> str:
    return to_csv(
        HEADINGS[options.lang], [cells(template, row, options.lang) for row in template.rows]
    )
