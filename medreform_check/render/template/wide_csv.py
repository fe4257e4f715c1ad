"""``template --layout wide --format csv``: the 汇总表 as CSV (UTF-8 with a BOM for Excel)."""

from __future__ import annotations

import csv
import io

from medreform_check.commands.template import WideTemplate
from medreform_check.render import RenderOptions
from medreform_check.render.template.wide import rows


def render(template: WideTemplate, options: RenderOptions) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows(template, options.lang))
    return "\ufeff" + buffer.getvalue()  # a BOM: Excel opens the Chinese headings correctly
