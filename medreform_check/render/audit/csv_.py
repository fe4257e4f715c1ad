"""``audit --format csv``: one row per task instance, for a spreadsheet.

UTF-8 with BOM so Excel reads Chinese; text cells that a spreadsheet would run as a formula
are neutralised; numbers are written as numbers (``-5.51`` stays a value).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from medreform_check.render import RenderOptions
from medreform_check.render.calendar import level_text
from medreform_check.render.common import json_number, status_label
from medreform_check.render.csv_ import to_csv
from medreform_check.report import Report
from medreform_check.vocabulary import notes_text, word

COLUMNS = (
    "plan",
    "task",
    "title",
    "section",
    "source",
    "lead",
    "lead_name",
    "period",
    "deadline",
    "target",
    "actual",
    "actual_at_deadline",
    "status",
    "status_label",
    "level",
    "level_label",
    "days_overdue",
    "completed_on",
    "aspirational",
    "missing_units",
    "message",
    "group",
    "group_name",
)


# With --compare-to, the status each instance had at the earlier date (CONTRACT §2 "Changes").
COMPARED_COLUMNS = ("previous_status",)


def columns(report: Report) -> tuple[str, ...]:
    """The columns of this report: ``previous_status`` only when it was compared."""
    return COLUMNS + (COMPARED_COLUMNS if report.changes is not None else ())


def _value(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return ":".join(str(json_number(v)) for v in value.values())
    return json_number(value)


def render_rows(report: Report, lang: str) -> list[list[Any]]:
    """One row per result, in COLUMNS order, values as they should land in a cell."""
    names = report.unit_names
    compared = report.changes is not None
    return [
        [
            r.plan,
            r.task,
            r.title,
            r.section,
            r.source,
            r.lead,
            names.get(r.lead, r.lead) if r.lead else None,
            r.period,
            r.deadline.isoformat(),
            r.target,
            _value(r.actual),
            _value(r.actual_at_deadline),
            r.status.value,
            status_label(r.status, lang),
            r.level.value if r.level else None,
            level_text(r.level, lang) or None,
            r.days_overdue,
            r.completed_on.isoformat() if r.completed_on else None,
            r.aspirational,
            " ".join(r.missing_units),
            notes_text(r.notes, lang, names),
            r.group,
            names.get(r.group, r.group) if r.group else None,
        ]
        + ([r.previous_status.value if r.previous_status else None] if compared else [])
        for r in report.results
    ]


def headings(lang: str, report: Report) -> list[str]:
    """The columns' names: the JSON field names in English, the office's words in Chinese."""
    return [word(f"column.{name}", lang) for name in columns(report)]


def render(report: Report, options: RenderOptions) -> str:
    return to_csv(headings(options.lang, report), render_rows(report, options.lang))
