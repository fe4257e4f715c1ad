"""``overdue --format markdown``: the list for the meeting's papers, one section per lead."""

from __future__ import annotations

from medreform_check.commands.overdue import OverdueList
from medreform_check.render import RenderOptions
from medreform_check.render.common import (
    STATUS_SYMBOLS,
    display_value,
    due_text,
    status_label,
    target_text,
)
from medreform_check.render.markdown import cell, table
from medreform_check.vocabulary import word


def render(overdue: OverdueList, options: RenderOptions) -> str:
    lang, report = options.lang, overdue.report
    names = report.unit_names
    lines = [f"## {word('overdue.heading', lang, day=report.as_of)}", ""]
    if overdue.within is not None:
        lines += [word("due_within", lang).format(n=overdue.within), ""]
    if not overdue.results:
        lines += [word("nothing_overdue", lang), ""]
    headings = [
        word(k, lang)
        for k in ("task", "due", "status", "days_overdue", "target", "actual", "not_reported_by")
    ]
    for group in overdue.groups:
        heading = (
            f"{cell(group.name)} (`{group.lead}`)" if group.lead else cell(word("no_lead", lang))
        )
        rows = []
        for r in group.results:
            indicator = report.indicators.get(r.indicator) if r.indicator else None
            rows.append(
                [
                    f"{cell(r.title)} `{r.task}`",
                    due_text(r),
                    f"{STATUS_SYMBOLS[r.status]} {status_label(r.status, lang)}",
                    str(r.days_overdue or ""),
                    cell(target_text(r, report, lang)),
                    cell(display_value(r.actual, indicator, lang)),
                    cell("、".join(names.get(u, u) for u in r.missing_units)),
                ]
            )
        lines += [f"### {heading}", "", *table(headings, rows), ""]
    if overdue.missing_reports:
        lines += [f"### {word('missing_reports', lang)}", ""]
        rows = [
            [cell(names.get(m.unit, m.unit)), ", ".join(m.periods)] for m in overdue.missing_reports
        ]
        lines += [*table([word("unit", lang), word("periods", lang)], rows), ""]
    return "\n".join(lines)
