"""``overdue --format markdown``: the list for the meeting's papers, one section per lead."""

from __future__ import annotations

from medreform_check.commands.overdue import OverdueList
from medreform_check.render import RenderOptions
from medreform_check.render.calendar import level_text
from medreform_check.render.common import (
    STATUS_SYMBOLS,
    display_value,
    due_text,
    status_label,
    target_text,
    title_text,
)
from medreform_check.render.markdown import cell, table
from medreform_check.render.overdue.notice import addressee_lines, reply_lines
from medreform_check.render.overdue.notice import title as notice_title
from medreform_check.vocabulary import word


def render(overdue: OverdueList, options: RenderOptions) -> str:
    lang, report = options.lang, overdue.report
    names = report.unit_names
    if overdue.addressee is None:
        lines = [f"## {word('overdue.heading', lang, day=report.as_of)}", ""]
    else:
        lines = [f"## {notice_title(overdue, lang)}", ""]
        lines += [x for line in addressee_lines(overdue, lang) for x in (cell(line), "")]
    if overdue.within is not None:
        lines += [word("due_within", lang).format(n=overdue.within), ""]
    if not overdue.results:
        lines += [word("nothing_overdue", lang), ""]
    headings = [
        word(k, lang)
        for k in (
            "task",
            "due",
            "status",
            "level",
            "days_overdue",
            "target",
            "actual",
            "not_reported_by",
        )
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
                    f"{cell(title_text(r, report, lang))} `{r.task}`",
                    due_text(r),
                    f"{STATUS_SYMBOLS[r.status]} {status_label(r.status, lang)}",
                    level_text(r.level, lang),
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
    reply = reply_lines(overdue, lang)
    if reply:
        lines += [f"### {word('notice.reply', lang)}", ""]
        lines += [x for line in reply for x in (line, "")]
    return "\n".join(lines)
