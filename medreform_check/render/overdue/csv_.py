"""``overdue --format csv``: one row per item to chase, for a spreadsheet."""

from __future__ import annotations

from medreform_check.commands.overdue import OverdueList
from medreform_check.render import RenderOptions
from medreform_check.render.common import (
    display_value,
    due_text,
    status_label,
    target_text,
    title_text,
)
from medreform_check.render.csv_ import to_csv
from medreform_check.vocabulary import notes_text, word


def render(overdue: OverdueList, options: RenderOptions) -> str:
    lang, report = options.lang, overdue.report
    names = report.unit_names
    headings = [
        word(k, lang)
        for k in (
            "lead",
            "task",
            "title",
            "due",
            "status",
            "days_overdue",
            "target",
            "actual",
            "not_reported_by",
            "source",
            "note",
        )
    ]
    rows = []
    for group in overdue.groups:
        for r in group.results:
            indicator = report.indicators.get(r.indicator) if r.indicator else None
            rows.append(
                [
                    group.name or word("no_lead", lang),
                    r.task,
                    title_text(r, report, lang),
                    due_text(r),
                    status_label(r.status, lang),
                    r.days_overdue,
                    target_text(r, report, lang),
                    display_value(r.actual, indicator, lang),
                    "、".join(names.get(u, u) for u in r.missing_units),
                    r.source or "",
                    notes_text(r.notes, lang, names),
                ]
            )
    return to_csv(headings, rows)
