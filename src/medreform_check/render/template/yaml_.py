"""``template --format yaml``: a submission file with blanks to fill and a comment per row."""

from __future__ import annotations

import json

from ...template import Template
from .. import RenderOptions
from .common import hint


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def render(template: Template, options: RenderOptions) -> str:
    zh = options.lang == "zh"
    unit, period = template.unit, template.period
    lines = [
        _comment(
            f"{unit.name} {period.label} 填报模板（medreform-check template）"
            if zh
            else f"{unit.name} {period.label}: submission template (medreform-check template)"
        ),
        _comment(
            "填写 value（数值），或 done（是/否）与 completed_on（完成日期）；未填写的行视为未报。"
            if zh
            else "Fill in value, or done (yes/no) and completed_on; a blank row reports nothing."
        ),
        "schema_version: 1",
        f"unit: {json.dumps(unit.id)}",
        f"period: {period.label}",
        "submitted:        "
        + _comment("报送日期，如 2024-07-05" if zh else "the date you send this, e.g. 2024-07-05"),
        "values:" if template.rows else "values: []",
    ]
    for row in template.rows:
        lines.append("  " + _comment(hint(row, options.lang)))
        if row.indicator is not None:
            lines.append(f"  - indicator: {row.indicator.id}")
            if row.as_of is not None:
                lines.append(f"    as_of: {row.as_of}")
            lines.append("    value:")
        elif row.task is not None:
            lines += [f"  - task: {row.task.id}", "    done:", "    completed_on:"]
            if row.evidence_required:
                lines.append("    evidence:")
    return "\n".join(lines) + "\n"
