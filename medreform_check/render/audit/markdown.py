"""``audit --format markdown``: a 通报 ready to paste into the bulletin — overall progress,
units ranked by completion, what is overdue, what is at risk, and reporting."""

from __future__ import annotations

from medreform_check.render import RenderOptions
from medreform_check.render.common import (
    STATUS_SYMBOLS,
    display_value,
    due_text,
    percent,
    reason_text,
    report_label,
    status_label,
    target_text,
)
from medreform_check.render.markdown import cell, table
from medreform_check.report import Report, Result, skipped_as_issues
from medreform_check.vocabulary import listing, notes_text, word


def _actual(result: Result, report: Report, lang: str) -> str:
    indicator = report.indicators.get(result.indicator) if result.indicator else None
    return f"{display_value(result.actual, indicator, lang)} / {target_text(result, report, lang)}"


def _task(result: Result) -> str:
    return f"{cell(result.title)} `{result.task}`"


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
    return [f"### {word('bulletin.overall', lang)}", "", line, ""]


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


def _overdue(report: Report, lang: str) -> list[str]:
    rows = [
        [
            cell(
                report.unit_names.get(r.lead, r.lead) if r.lead else word("bulletin.no_lead", lang)
            ),
            _task(r),
            due_text(r),
            str(r.days_overdue),
            f"{STATUS_SYMBOLS[r.status]} {status_label(r.status, lang)}",
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
            _task(r),
            due_text(r),
            str((r.deadline - report.as_of).days),
            cell(_actual(r, report, lang)),
            cell(notes_text(r.notes, lang, report.unit_names)),
        ]
        for r in report.summaries.at_risk
    ]
    heads = [
        word(k, lang)
        for k in ("task", "due", "bulletin.days_left", "bulletin.actual", "bulletin.note")
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
    for part in (_overall, _ranking, _overdue, _at_risk, _reporting, _rejected, _skipped):
        lines += part(report, lang)
    return "\n".join(lines).rstrip() + "\n"
