"""``audit --format markdown``: a 通报 ready to paste into the bulletin — overall progress,
units ranked by completion, what is overdue, what is at risk, and reporting."""

from __future__ import annotations

from medreform_check.render import RenderOptions
from medreform_check.render.audit import scorecard
from medreform_check.render.calendar import (
    changes_text,
    known_by_text,
    level_text,
    previous_text,
)
from medreform_check.render.common import (
    STATUS_SYMBOLS,
    display_value,
    due_text,
    percent,
    reason_text,
    report_label,
    status_label,
    target_text,
    title_text,
)
from medreform_check.render.markdown import cell, table
from medreform_check.report import Report, Result, skipped_as_issues
from medreform_check.vocabulary import listing, notes_text, word


def _actual(result: Result, report: Report, lang: str) -> str:
    indicator = report.indicators.get(result.indicator) if result.indicator else None
    return f"{display_value(result.actual, indicator, lang)} / {target_text(result, report, lang)}"


def _task(result: Result, report: Report, lang: str) -> str:
    return f"{cell(title_text(result, report, lang))} `{result.task}`"


def _overall(report: Report, lang: str) -> list[str]:
    counts = report.summaries.counts
    listed = listing((f"{status_label(s, lang)} {n}" for s, n in counts.items()), lang)
    overall = report.summaries.overall
    line = word(
        "bulletin.total",
        lang,
        n=len(report.results),
        counts=listed,
        due=overall.due,
        day=report.as_of,
        met=overall.met,
        rate=percent(overall.rate),
    )
    return [f"### {word('bulletin.overall', lang)}", "", line, "", *_changes(report, lang)]


def _changes(report: Report, lang: str) -> list[str]:
    """本期变化: the counts, then each category's tasks, with what they were then."""
    changes = report.changes
    if changes is None:
        return []
    lines = [f"#### {word('changes.heading', lang, day=changes.compared_to)}", ""]
    lines += [changes_text(report, lang), "", word("changes.overlap", lang), ""]
    for name, found in changes.lists():
        lines += [f"**{word(f'changes.{name}', lang)}** ({len(found)})", ""]
        lines += [
            f"- {_task(r, report, lang)} {due_text(r)}: {previous_text(r, lang)} → "
            f"{STATUS_SYMBOLS[r.status]} {status_label(r.status, lang)}"
            for r in found
        ] or [word("none", lang)]
        lines.append("")
    return lines


def _ranking(report: Report, lang: str) -> list[str]:
    rows = [
        [
            str(k),
            cell(r.name or word("bulletin.no_lead", lang)),
            str(r.due),
            str(r.met),
            str(r.overdue),
            percent(r.rate),
        ]
        for k, r in enumerate(report.summaries.by_lead, 1)
    ]
    heads = [word("rank", lang), word("bulletin.lead", lang)]
    heads += [word(k, lang) for k in ("due_count", "met_count", "overdue_count", "completion_rate")]
    return [
        f"### {word('bulletin.ranking', lang)}",
        "",
        *(table(heads, rows) if rows else [word("none", lang)]),
        "",
    ]


def _units(report: Report, lang: str) -> list[str]:
    """各单位完成情况排名: the per-unit scorecard, and per parent group with a hierarchy."""
    lines: list[str] = []
    for title, scores in scorecard.scorecards(report):
        rows = [[cell(text) for text in row] for row in scorecard.rows(report, scores)]
        lines += [f"#### {word(title, lang)}", "", *table(scorecard.headings(report, lang), rows)]
        lines.append("")
    return lines


def _overdue(report: Report, lang: str) -> list[str]:
    rows = [
        [
            cell(
                report.unit_names.get(r.lead, r.lead) if r.lead else word("bulletin.no_lead", lang)
            ),
            _task(r, report, lang),
            due_text(r),
            str(r.days_overdue),
            f"{STATUS_SYMBOLS[r.status]} {status_label(r.status, lang)}",
            level_text(r.level, lang),
            cell(_actual(r, report, lang)),
            cell("、".join(report.unit_names.get(u, u) for u in r.missing_units)),
        ]
        for group in report.summaries.overdue
        for r in group.results
    ]
    heads = [
        word(k, lang)
        for k in (
            "bulletin.lead",
            "task",
            "due",
            "days_overdue",
            "status",
            "level",
            "bulletin.actual",
            "not_reported_by",
        )
    ]
    return [
        f"### {word('bulletin.overdue', lang)}",
        "",
        *(table(heads, rows) if rows else [word("none", lang)]),
        "",
    ]


def _at_risk(report: Report, lang: str) -> list[str]:
    rows = [
        [
            _task(r, report, lang),
            due_text(r),
            str((r.deadline - report.as_of).days),
            level_text(r.level, lang),
            cell(_actual(r, report, lang)),
            cell(notes_text(r.notes, lang, report.unit_names)),
        ]
        for r in report.summaries.at_risk
    ]
    heads = [
        word(k, lang)
        for k in ("task", "due", "bulletin.days_left", "level", "bulletin.actual", "bulletin.note")
    ]
    return [
        f"### {word('bulletin.at_risk', lang)}",
        "",
        *(table(heads, rows) if rows else [word("none", lang)]),
        "",
    ]


def _reporting(report: Report, lang: str) -> list[str]:
    if not report.reporting:
        return []
    rows = []
    for rate in report.summaries.reporting_by_unit:
        late = [
            f"{e.period} {report_label(e.status, lang)}"
            for e in report.summaries.late_reports
            if e.unit == rate.key
        ]
        name = report.unit_names.get(rate.key, rate.key)
        rows.append(
            [
                cell(name),
                str(rate.owed),
                str(rate.received),
                str(rate.on_time),
                cell("、".join(late)),
            ]
        )
    heads = [
        word(k, lang)
        for k in ("unit", "owed", "received_count", "on_time_count", "bulletin.late_missing")
    ]
    return [f"### {word('bulletin.reporting', lang)}", "", *table(heads, rows), ""]


def _rejected(report: Report, lang: str) -> list[str]:
    if not report.rejected:
        return []
    rows = [
        [cell(str(i.at)), cell(i.unit or ""), cell(reason_text(i, lang))] for i in report.rejected
    ]
    return [
        f"### {word('bulletin.rejected', lang)}",
        "",
        *table([word(k, lang) for k in ("bulletin.file", "unit", "reason")], rows),
        "",
    ]


def _skipped(report: Report, lang: str) -> list[str]:
    if not report.skipped:
        return []
    rows = [
        [cell(str(i.at)), cell(reason_text(i, lang))] for i in skipped_as_issues(report.skipped)
    ]
    return [
        f"### {word('bulletin.skipped', lang)}",
        "",
        *table([word(k, lang) for k in ("bulletin.file", "reason")], rows),
        "",
    ]


def render(report: Report, options: RenderOptions) -> str:
    lang = options.lang
    titles = [
        f"{report.plan_titles.get(p, p)}（{report.plan_documents[p]}）"
        if p in report.plan_documents
        else report.plan_titles.get(p, p)
        for p in report.plans
    ]
    lines = [f"# {cell(t)}" for t in titles]
    lines += ["", f"## {word('bulletin.title', lang, day=report.as_of)}", ""]
    if report.known_by:
        lines += [known_by_text(report, lang), ""]
    for part in (_overall, _ranking, _units, _overdue, _at_risk, _reporting, _rejected, _skipped):
        lines += part(report, lang)
    return "\n".join(lines).rstrip() + "\n"
