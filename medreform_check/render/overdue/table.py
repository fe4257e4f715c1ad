"""``overdue --format table``: the terminal and print view, one table per lead unit."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from medreform_check.commands.overdue import OverdueList
from medreform_check.render import RenderOptions
from medreform_check.render.audit.table import status_text
from medreform_check.render.common import display_value, due_text, target_text, title_text
from medreform_check.render.overdue.notice import addressee_lines, reply_lines
from medreform_check.render.overdue.notice import title as notice_title
from medreform_check.render.terminal import safe, titled_table, to_text
from medreform_check.vocabulary import word


def render(overdue: OverdueList, options: RenderOptions) -> str:
    lang, report = options.lang, overdue.report
    names = report.unit_names
    heading = Text(
        f"{notice_title(overdue, lang) if overdue.addressee else word('overdue_title', lang)}"
        f" — {word('as_of', lang)} {report.as_of}",
        style="bold",
    )
    parts: list[RenderableType] = [heading]
    parts += [Text(line) for line in addressee_lines(overdue, lang)]
    if overdue.within is not None:
        parts.append(Text(word("due_within", lang).format(n=overdue.within)))
    if not overdue.results:
        parts.append(Text(word("nothing_overdue", lang)))
    for group in overdue.groups:
        title = f"{safe(group.name)} ({group.lead})" if group.lead else word("no_lead", lang)
        table = titled_table(title, expand=True)
        table.add_column(word("task", lang), ratio=3, overflow="fold")
        table.add_column(word("due", lang), no_wrap=True)
        table.add_column(word("days", lang), justify="right", no_wrap=True)
        table.add_column(word("status", lang), no_wrap=True)
        table.add_column(
            f"{word('actual', lang)} / {word('target', lang)}", no_wrap=True, min_width=12
        )
        table.add_column(word("not_reported_by", lang), ratio=1, overflow="fold")
        for r in group.results:
            indicator = report.indicators.get(r.indicator) if r.indicator else None
            task = Text(safe(title_text(r, report, lang)))
            task.append(f"\n{r.task}", style="dim")
            actual = f"{display_value(r.actual, indicator, lang)} / {target_text(r, report, lang)}"
            table.add_row(
                task,
                Text(due_text(r)),
                Text(str(r.days_overdue or "")),
                status_text(r.status, lang, r.level),  # the level under the status
                Text(safe(actual)),
                Text(safe("、".join(names.get(u, u) for u in r.missing_units))),
            )
        parts.append(table)
    if overdue.missing_reports:
        table = titled_table(word("missing_reports", lang))
        table.add_column(word("unit", lang))
        table.add_column(word("periods", lang))
        for missing in overdue.missing_reports:
            table.add_row(
                Text(safe(names.get(missing.unit, missing.unit))), Text(", ".join(missing.periods))
            )
        parts.append(table)
    reply = reply_lines(overdue, lang)
    if reply:
        parts += [Text(""), Text(word("notice.reply", lang), style="bold")]
        parts += [Text(f"{line}\n") for line in reply]
    return to_text(parts, options)
