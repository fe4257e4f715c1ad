"""``overdue --format csv``: one row per item to chase — task instances, then the periodic
reports not received (by the unit that owes them) — for a spreadsheet. A unit's own
督办单 (``--split-by``) adds two empty columns per item for its reply (整改措施, 预计完成时间)
and, under the table, the line to sign and date."""

from __future__ import annotations

from typing import Any

from medreform_check.commands.overdue import OverdueList
from medreform_check.render import RenderOptions
from medreform_check.render.calendar import level_text
from medreform_check.render.common import (
    display_value,
    due_text,
    status_label,
    target_text,
    title_text,
)
from medreform_check.render.csv_ import to_csv
from medreform_check.render.overdue.notice import reply_columns, reply_lines
from medreform_check.vocabulary import notes_text, word

HEADINGS = (
    "lead", "task", "title", "due", "status", "level", "days_overdue", "target", "actual",
    "not_reported_by", "source", "note",
)  # fmt: skip


def headings(overdue: OverdueList, lang: str) -> list[str]:
    names = [word(k, lang) for k in HEADINGS]
    return names + [word(f"column.{k}", lang) for k in reply_columns(overdue)]


def rows(overdue: OverdueList, lang: str) -> list[list[Any]]:
    """One row per item, in HEADINGS order (then the empty reply cells of a 督办单)."""
    report = overdue.report
    names = report.unit_names
    blanks = [""] * len(reply_columns(overdue))
    found = []
    for group in overdue.groups:
        for r in group.results:
            indicator = report.indicators.get(r.indicator) if r.indicator else None
            found.append(
                [
                    group.name or word("no_lead", lang),
                    r.task,
                    title_text(r, report, lang),
                    due_text(r),
                    status_label(r.status, lang),
                    level_text(r.level, lang),
                    r.days_overdue,
                    target_text(r, report, lang),
                    display_value(r.actual, indicator, lang),
                    "、".join(names.get(u, u) for u in r.missing_units),
                    r.source or "",
                    notes_text(r.notes, lang, names),
                    *blanks,
                ]
            )
    for entry in overdue.missing:  # the periodic reports not received: the unit's to chase
        name = names.get(entry.unit, entry.unit)
        title = f"{word('missing_reports', lang)} {entry.period}"
        days = (report.as_of - entry.due).days
        missing = word("report.missing", lang)
        found.append([name, "", title, entry.due.isoformat(), missing, "", days, "", "", name,
                      "", "", *blanks])  # fmt: skip
    return found


def render(overdue: OverdueList, options: RenderOptions) -> str:
    lang = options.lang
    table = rows(overdue, lang)
    reply = reply_lines(overdue, lang)
    if reply:  # a blank row, then each reply line in the first cell
        table += [[]] + [[line] for line in reply]
    return to_csv(headings(overdue, lang), table)
