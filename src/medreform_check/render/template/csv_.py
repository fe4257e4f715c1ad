"""``template --format csv``: UTF-8 with BOM, a row to fill per value, hints in the note column."""

from __future__ import annotations

from ...template import Template
from .. import RenderOptions
from ..csv_ import to_csv
from .common import HEADINGS, cells


def render(template: Template, options: RenderOptions) -> str:
    return to_csv(
        HEADINGS[options.lang], [cells(template, row, options.lang) for row in template.rows]
    )
