"""``template --format yaml``: a submission file with blanks to fill and a comment per row."""

from __future__ import annotations

import json

from medreform_check.commands.template import Template
from medreform_check.render import RenderOptions
from medreform_check.render.template.common import hint
from medreform_check.vocabulary import word


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def _quoted(text: object) -> str:
    """A double-quoted YAML scalar (JSON's string syntax is YAML's): an id such as ``no`` or
    ``0012`` comes back as the same text, not as false or 12."""
    return json.dumps(str(text), ensure_ascii=False)


def render(template: Template, options: RenderOptions) -> str:
    lang = options.lang
    unit, period = template.unit, template.period
    lines = [
        _comment(word("template.title", lang, unit=unit.name, period=period.label)),
        _comment(word("template.how", lang)),
        "schema_version: 1",
        f"unit: {_quoted(unit.id)}",
        f"period: {_quoted(period.label)}",
        "submitted:        " + _comment(word("template.submitted", lang)),
        "values:" if template.rows else "values: []",
    ]
    for row in template.rows:
        lines.append("  " + _comment(hint(row, lang)))
        if row.indicator is not None:
            lines.append(f"  - indicator: {_quoted(row.indicator.id)}")
            if row.as_of is not None:
                lines.append(f"    as_of: {_quoted(row.as_of)}")
            lines.append("    value:")
        elif row.task is not None:
            lines += [f"  - task: {_quoted(row.task.id)}", "    done:", "    completed_on:"]
            if row.evidence_required:
                lines.append("    evidence:")
    return "\n".join(lines) + "\n"
