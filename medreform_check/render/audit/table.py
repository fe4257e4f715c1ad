"""``--format table``: the terminal view, one row per task instance.

Status is shown by colour *and* by symbol and word, so it still reads when printed
in black and white. Text from input is never parsed as rich markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from medreform_check.model import RowIssue
from medreform_check.render import RenderOptions
from medreform_check.render.audit import scorecard
from medreform_check.render.calendar import changes_text, known_by_text, level_text
from medreform_check.render.common import (
    STATUS_SYMBOLS,
    completion_text,
    display_value,
    due_text,
    percent,
    reason_text,
    report_label,
    status_label,
    target_text,
    title_text,
)
from medreform_check.render.terminal import safe, titled_table, to_text
from medreform_check.report import Level, Report, ReportStatus, Result, Status, skipped_as_issues
from medreform_check.vocabulary import notes_text, word

STATUS_STYLES: dict[Status, str] = {
    Status.MET: "green",
    Status.MET_LATE: "cyan",
    Status.MISSED: "bold red",
    Status.UNREPORTED: "bold magenta",
    Status.AT_RISK: "yellow",
    Status.PENDING: "default",
    Status.WAIVED: "dim",
}
REPORT_STYLES: dict[ReportStatus, str] = {
    ReportStatus.ON_TIME: "green",
    ReportStatus.LATE: "yellow",
    ReportStatus.RECEIVED: "default",
    ReportStatus.MISSING: "bold red",
    ReportStatus.DUE: "dim",
}


LEVEL_STYLES: dict[Level, str] = {Level.BLUE: "bold blue", Level.YELLOW: "bold yellow",
                                  Level.RED: "bold red"}  # fmt: skip


def status_text(status: Status, lang: str, level: Level | None = None) -> Text:
    """The status as a symbol and a word, and under it the 三色督办 level, if any."""
    text = Text(
        f"{STATUS_SYMBOLS[status]} {status_label(status, lang)}", style=STATUS_STYLES[status]
    )
    if level is not None:
        text.append("\n")
        text.append(level_text(level, lang), style=LEVEL_STYLES[level])
    return text


def _task_cell(result: Result, report: Report, lang: str) -> Text:
    text = Text(safe(title_text(result, report, lang)))
    if result.aspirational:
        text.append(" " + word("aspirational_mark", lang), style="italic")
    text.append(f"\n{result.task}", style="dim")
    # The title already says "aspirational"; the other notes explain the verdict.
    notes = tuple(n for n in result.notes if n.code != "aspirational")
    message = notes_text(notes, lang, report.unit_names)
    if message:
        text.append(f"\n{safe(message)}", style="dim italic")
    return text


def results_table(report: Report, results: Sequence[Result], lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    table.add_column(word("task", lang), ratio=1, overflow="fold")
    table.add_column(word("due", lang), no_wrap=True)
    table.add_column(word("target", lang), no_wrap=True, max_width=16)
    table.add_column(word("actual", lang), no_wrap=True, max_width=16)
    table.add_column(word("status", lang), no_wrap=True)
    for result in results:
        indicator = report.indicators.get(result.indicator) if result.indicator else None
        table.add_row(
            _task_cell(result, report, lang),
            Text(due_text(result)),
            Text(safe(target_text(result, report, lang)), overflow="ellipsis"),
            Text(safe(display_value(result.actual, indicator, lang)), overflow="ellipsis"),
            status_text(result.status, lang, result.level),
        )
    return table


def summary_lines(report: Report, lang: str) -> list[Text]:
    """The footer: counts by status, then how much of what is due has been met."""
    counts = report.summaries.counts
    when = f"{word('as_of', lang)} {report.as_of}"
    if report.known_by:
        when += f"{word('separator', lang)}{known_by_text(report, lang)}"
    line = Text(f"{word('summary', lang)} ({when})", style="bold")
    statuses = Text()
    for k, status in enumerate(Status):
        if k:
            statuses.append(" · ")
        statuses.append(
            f"{STATUS_SYMBOLS[status]} {status_label(status, lang)} {counts[status]}",
            style=STATUS_STYLES[status],
        )
    done = Text(completion_text(report, lang))
    if report.changes is None:
        return [line, statuses, done]
    return [line, statuses, done, Text(changes_text(report, lang))]


def issues_block(title: str, issues: tuple[RowIssue, ...], lang: str) -> Group:
    lines: list[RenderableType] = [Text(f"{title} ({len(issues)})", style="bold")]
    for issue in issues:
        at, unit, reason = issue.at, issue.unit, reason_text(issue, lang)
        line = Text(f"  {at}  ")
        if unit:
            line.append(f"[{safe(unit)}] ", style="dim")
        line.append(safe(reason))
        lines.append(line)
    return Group(*lines)


def unit_tables(report: Report, lang: str) -> list[RenderableType]:
    """The per-unit scorecard, ranked; with a hierarchy also per parent group."""
    tables: list[RenderableType] = []
    for title, scores in scorecard.scorecards(report):
        table = titled_table(word(title, lang))
        for k, heading in enumerate(scorecard.headings(report, lang)):
            text_column = 0 < k < 2 or (k == 2 and scorecard.has_hierarchy(report))
            table.add_column(heading, justify="left" if text_column else "right")
        for row in scorecard.rows(report, scores):
            table.add_row(*(Text(cell) for cell in row))
        tables.append(table)
    return tables


def reporting_tables(report: Report, lang: str) -> list[RenderableType]:
    """Reporting and on-time rates per unit and per period, then the missing reports."""
    tables: list[RenderableType] = []
    for by, title in (("unit", "reporting_by_unit"), ("report_period", "reporting_by_period")):
        table = titled_table(word(title, lang))
        for key in (
            by,
            "owed",
            "received_count",
            "on_time_count",
            "reporting_rate",
            "on_time_rate",
        ):
            table.add_column(word(key, lang), justify="left" if key == by else "right")
        rates = (
            report.summaries.reporting_by_unit
            if by == "unit"
            else report.summaries.reporting_by_period
        )
        for rate in rates:
            name = report.unit_names.get(rate.key, rate.key) if by == "unit" else rate.key
            table.add_row(
                Text(safe(name)),
                str(rate.owed),
                str(rate.received),
                str(rate.on_time),
                percent(rate.rate),
                percent(rate.on_time_rate),
            )
        tables.append(table)
    late = report.summaries.late_reports
    if late:
        table = titled_table(word("missing_or_late", lang))
        for key in ("unit", "report_period", "due", "submitted", "status"):
            table.add_column(word(key, lang))
        for entry in late:
            table.add_row(
                Text(safe(report.unit_names.get(entry.unit, entry.unit))),
                Text(safe(entry.period)),
                Text(entry.due.isoformat()),
                Text(entry.submitted.isoformat() if entry.submitted else "—"),
                Text(report_label(entry.status, lang), style=REPORT_STYLES[entry.status]),
            )
        tables.append(table)
    return tables


def render(report: Report, options: RenderOptions) -> str:
    lang = options.lang
    parts: list[RenderableType] = []
    for plan in report.plans:
        heading = Text(safe(report.plan_titles.get(plan, plan)), style="bold")
        if plan in report.plan_documents:
            heading.append(f"  {safe(report.plan_documents[plan])}", style="dim")
        parts.append(heading)
    if not report.results:
        parts.append(Text(word("no_results", lang)))
    for group in report.summaries.sections:
        section = safe(group.section) if group.section else word("no_section", lang)
        parts.append(Text(f"\n{section}", style="bold underline"))
        parts.append(results_table(report, group.results, lang))
    parts += summary_lines(report, lang)
    parts += unit_tables(report, lang)
    if report.reporting:
        parts += reporting_tables(report, lang)
    if report.rejected:
        parts.append(issues_block(word("rejected", lang), report.rejected, lang))
    if report.warnings:
        parts.append(issues_block(word("warnings", lang), report.warnings, lang))
    if report.skipped:
        skipped = skipped_as_issues(report.skipped)
        parts.append(issues_block(word("skipped", lang), skipped, lang))
    return to_text(parts, options)
