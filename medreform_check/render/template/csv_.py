"""``template --format csv``: UTF-8 with BOM, a row to fill per value, hints in the note column."""

from __future__ import annotations

from medreform_check.commands.template import Template
from medreform_check.render import RenderOptions
from medreform_check.render.csv_ import to_csv
from medreform_check.render.template.common import cells, headings


def render(template: Template, options: RenderOptions) -> str:
    lang = options.lang
    return to_csv(headings(lang), [cells(template, row, lang) for row in template.rows])
