"""``audit --format html``: one self-contained page to show at the 季调度 meeting and print.

Inline CSS and inline SVG only — no script, font, image or link to fetch — so the file opens
offline and prints on A4 as it looks on screen. Status is always a symbol and a word as well
as a colour, so a greyscale print still reads. Every string from input is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from medreform_check import __version__
from medreform_check.model import RowIssue
from medreform_check.render import RenderOptions
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
)
from medreform_check.render.svg import composition, meter, progress_bar, sparkline
from medreform_check.report import Report, ReportStatus, Result, Status, skipped_as_issues
from medreform_check.vocabulary import format_number, notes_text, word

# Dark enough to print as distinct greys; the light tints are the badge backgrounds.
STATUS_COLOURS: Mapping[Status, tuple[str, str]] = {
    Status.MET: ("#1e7b34", "#e3f3e6"),
    Status.MET_LATE: ("#0b6e8a", "#e0f1f6"),
    Status.MISSED: ("#b42318", "#fbe7e5"),
    Status.UNREPORTED: ("#7a2e8e", "#f3e6f7"),
    Status.AT_RISK: ("#a15c00", "#fdf0da"),
    Status.PENDING: ("#52606d", "#eef0f2"),
    Status.WAIVED: ("#7b8794", "#f5f6f7"),
}
RATE_FILL = "#274c77"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _table(headings: Sequence[str], rows: Iterable[str], css: str = "") -> str:
    head = "".join(f'<th class="c{k}">{_e(h)}</th>' for k, h in enumerate(headings, 1))
    body = "\n".join(rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'


def _cells(*cells: str) -> str:
    """A row of cells whose contents are already HTML."""
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def badge(status: Status, lang: str) -> str:
    return (
        f'<span class="badge st-{status.value}">'
        f"{STATUS_SYMBOLS[status]} {_e(status_label(status, lang))}</span>"
    )


# --- the parts of the page, in order -----------------------------------------------------


def _header(report: Report, lang: str) -> str:
    titles = "".join(f"<h1>{_e(report.plan_titles.get(p, p))}</h1>" for p in report.plans)
    documents = "、".join(
        report.plan_documents[p] for p in report.plans if p in report.plan_documents
    )
    facts = [word("page.heading", lang), documents, word("page.as_of", lang, day=report.as_of)]
    line = " · ".join(_e(f) for f in facts if f)
    return f'<header>{titles}<p class="facts">{line}</p></header>'


def _summary(report: Report, lang: str) -> str:
    tiles = "".join(
        f'<div class="tile st-{s.value}"><span class="sym">{STATUS_SYMBOLS[s]}</span>'
        f"<b>{n}</b><span>{_e(status_label(s, lang))}</span></div>"
        for s, n in report.summaries.counts.items()
    )
    line = completion_text(report, lang)
    return (
        f'<section class="summary"><h2>{_e(word("summary", lang))}</h2>'
        f'<div class="tiles">{tiles}</div><p class="overall">{_e(line)}</p></section>'
    )


def _rate_rows(report: Report, by: str, lang: str) -> list[str]:
    rows = []
    rates = report.summaries.by_lead if by == "lead" else report.summaries.by_section
    for k, rate in enumerate(rates, 1):
        name = rate.name or (word("no_lead", lang) if by == "lead" else word("no_section", lang))
        label = word("page.chart_rate", lang, met=rate.met, due=rate.due)
        bar = progress_bar(rate.rate, RATE_FILL, label)
        rows.append(
            _cells(
                str(k),
                _e(name),
                f'<span class="rate">{bar} <b>{percent(rate.rate)}</b></span>',
                str(rate.met),
                str(rate.due),
                str(rate.overdue),
            )
        )
    return rows


def _rates(report: Report, by: str, lang: str) -> str:
    rows = _rate_rows(report, by, lang)
    first = word("lead", lang) if by == "lead" else word("section", lang)
    heads = [word("rank", lang), first, word("completion_rate", lang)]
    heads += [word(k, lang) for k in ("met_count", "due_count", "overdue_count")]
    title = word("page.by_lead" if by == "lead" else "page.by_section", lang)
    content = _table(heads, rows, "rates") if rows else f"<p>{_e(word('none', lang))}</p>"
    return f'<section class="rates"><h2>{_e(title)}</h2>{content}</section>'


def _task_cell(result: Result, report: Report, lang: str) -> str:
    title = _e(result.title)
    if result.aspirational:
        title += f' <span class="mark">{_e(word("aspirational_mark", lang))}</span>'
    lead = report.unit_names.get(result.lead, result.lead) if result.lead else None
    meta = " · ".join(_e(p) for p in (result.task, result.source, lead) if p)
    notes = tuple(n for n in result.notes if n.code != "aspirational")
    html = f'<div class="title">{title}</div><div class="meta">{meta}</div>'
    if notes:
        html += f'<div class="notes">{_e(notes_text(notes, lang, report.unit_names))}</div>'
    return html + _completions(result, report, lang)


def _completions(result: Result, report: Report, lang: str) -> str:
    """A milestone's reports, unit by unit: done when, on what evidence."""
    if not result.completions:
        return ""
    items = []
    for c in result.completions:
        state = (
            word("page.completed", lang, day=c.completed_on)
            if c.done and c.completed_on
            else word("done" if c.done else "not_done", lang)
        )
        evidence = (
            word("page.evidence", lang, text=c.evidence)
            if c.evidence
            else word("page.no_evidence", lang)
        )
        name = report.unit_names.get(c.unit, c.unit)
        line = word("page.completion", lang, unit=name, state=state, evidence=evidence)
        items.append(f"<li>{_e(line)}</li>")
    return f'<ul class="completions">{"".join(items)}</ul>'


def _status_cell(result: Result, lang: str) -> str:
    html = badge(result.status, lang)
    if result.days_overdue:
        html += (
            f'<div class="days">{_e(word("page.overdue_days", lang, n=result.days_overdue))}</div>'
        )
    return html


def _actual_cell(result: Result, report: Report, lang: str) -> str:
    indicator = report.indicators.get(result.indicator) if result.indicator else None
    text = _e(display_value(result.actual, indicator, lang))
    if isinstance(result.actual, bool) and result.completed_on:
        text += (
            f'<div class="meta">{_e(word("page.completed", lang, day=result.completed_on))}</div>'
        )
    target, actual = result.target_spec, result.actual
    if target is None or actual is None or isinstance(actual, bool):
        return text
    shown = display_value(actual, indicator, lang)
    label = word("page.chart_actual", lang, a=shown, t=target_text(result, report, lang))
    colour = STATUS_COLOURS[result.status][0]
    if isinstance(actual, Mapping) and target.op == "ratio":
        return f"{text}<br>{composition(actual, target, label)}"
    if isinstance(actual, float | int) and target.projectable:
        percent = indicator is not None and indicator.unit == "%"
        return f"{text}<br>{meter(float(actual), target, colour, label, percent)}"
    return text


def _trend_cell(result: Result, lang: str) -> str:
    history = result.history.points
    if not history or isinstance(result.actual, bool):
        return ""
    points = "; ".join(f"{day} {format_number(value)}" for day, value in history)
    label = word("page.chart_trend", lang, points=points, d=result.deadline)
    return sparkline(history, result.target_spec, result.deadline, label)


def _result_row(result: Result, report: Report, lang: str) -> str:
    cells = (
        _status_cell(result, lang),
        _task_cell(result, report, lang),
        f"<div>{_e(due_text(result))}</div>"
        f'<div class="target">{_e(target_text(result, report, lang))}</div>',
        _actual_cell(result, report, lang),
        _trend_cell(result, lang),
    )
    data = (
        f'data-task="{_e(result.task)}" data-due="{_e(due_text(result))}" '
        f'data-status="{result.status.value}"'
    )
    return f'<tr class="result" {data}>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _sections(report: Report, lang: str) -> str:
    if not report.results:
        return f"<section><p>{_e(word('no_results', lang))}</p></section>"
    heads = [word("status", lang), word("task", lang)]
    heads += [
        f"{word('due', lang)} / {word('target', lang)}",
        word("actual", lang),
        word("page.trend", lang),
    ]
    parts = [
        f'<h2 class="tasks">{_e(word("page.tasks", lang))}</h2>',
        f'<p class="legend">{_e(word("page.legend", lang))}</p>',
    ]
    for group in report.summaries.sections:
        rows = [_result_row(r, report, lang) for r in group.results]
        title = group.section or word("no_section", lang)
        parts.append(
            f'<section class="group"><h3>{_e(title)}</h3>{_table(heads, rows, "results")}</section>'
        )
    return "\n".join(parts)


def _reporting(report: Report, lang: str) -> str:
    if not report.reporting:
        return ""
    rows = []
    for rate in report.summaries.reporting_by_unit:
        rows.append(
            _cells(
                _e(report.unit_names.get(rate.key, rate.key)),
                str(rate.owed),
                str(rate.received),
                str(rate.on_time),
                percent(rate.rate),
                percent(rate.on_time_rate),
            )
        )
    heads = [word("unit", lang)]
    heads += [word(k, lang) for k in ("owed", "received_count", "on_time_count")]
    heads += [word("reporting_rate", lang), word("on_time_rate", lang)]
    late = [
        _cells(
            _e(report.unit_names.get(e.unit, e.unit)),
            _e(e.period),
            _e(e.due),
            _e(e.submitted or "—"),
            f'<span class="badge rs-{e.status.value}">{_e(report_label(e.status, lang))}</span>',
        )
        for e in report.summaries.late_reports
    ]
    late_heads = [
        word(k, lang) for k in ("unit", "report_period", "deadline", "submitted", "status")
    ]
    late_table = _table(late_heads, late, "late") if late else f"<p>{_e(word('none', lang))}</p>"
    return (
        f'<section class="reporting"><h2>{_e(word("reporting", lang))}</h2>'
        f"{_table(heads, rows, 'reporting')}"
        f"<h3>{_e(word('missing_or_late', lang))}</h3>{late_table}</section>"
    )


def _issues(title: str, issues: Sequence[RowIssue], lang: str, note: str = "") -> str:
    if not issues:
        return ""
    rows = [
        _cells(f"<code>{_e(i.at)}</code>", _e(i.unit or ""), _e(reason_text(i, lang)))
        for i in issues
    ]
    heads = [word(k, lang) for k in ("file", "unit", "reason")]
    intro = f"<p>{_e(note)}</p>" if note else ""
    table = _table(heads, rows, "issues")
    return f'<section class="issues"><h2>{_e(title)}</h2>{intro}{table}</section>'


def render(report: Report, options: RenderOptions) -> str:
    lang = options.lang
    title = " / ".join(report.plan_titles.get(p, p) for p in report.plans) or word(
        "page.heading", lang
    )
    body = [
        _header(report, lang),
        _summary(report, lang),
        _rates(report, "lead", lang),
        _rates(report, "section", lang),
        f'<p class="legend">{_e(word("page.rate_note", lang))}</p>',
        _sections(report, lang),
        _reporting(report, lang),
        _issues(word("rejected", lang), report.rejected, lang, word("page.rejected_note", lang)),
        _issues(word("warnings", lang), report.warnings, lang),
        _issues(
            word("skipped", lang),
            skipped_as_issues(report.skipped),
            lang,
            word("skipped_note", lang),
        ),
        f"<footer>{_e(word('page.made_by', lang, v=__version__))}</footer>",
    ]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)} — {_e(word('page.as_of', lang, day=report.as_of))}</title>\n"
        f"<style>{_stylesheet()}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main>\n</body>\n</html>\n"
    )


def _stylesheet() -> str:
    statuses = "".join(
        f".st-{s.value}{{color:{ink};background:{tint};border-color:{ink}}}"
        for s, (ink, tint) in STATUS_COLOURS.items()
    )
    reports = "".join(
        f".rs-{s.value}{{color:{ink};background:{tint};border-color:{ink}}}"
        for s, (ink, tint) in (
            (ReportStatus.MISSING, STATUS_COLOURS[Status.MISSED]),
            (ReportStatus.LATE, STATUS_COLOURS[Status.AT_RISK]),
        )
    )
    return _CSS + statuses + reports


# No url(), @import or font file: the fonts are the reader's own, CJK ones first.
_CSS = """
:root{--ink:#1f2933;--muted:#52606d;--rule:#cbd2d9;
font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB",
"Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans SC",system-ui,sans-serif;
color:var(--ink);-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;font-size:14px;line-height:1.45}
main{max-width:1080px;margin:0 auto;padding:24px}
header{border-bottom:3px solid var(--ink);padding-bottom:8px;margin-bottom:16px}
h1{font-size:21px;margin:0 0 6px;line-height:1.35}
h2{font-size:17px;margin:22px 0 8px;border-left:5px solid var(--ink);padding-left:8px}
h3{font-size:15px;margin:18px 0 6px}
.facts{margin:0;color:var(--muted)}
.tiles{display:flex;flex-wrap:wrap;gap:8px}
.tile{border:1px solid;border-radius:6px;padding:6px 10px;min-width:92px;display:flex;
flex-direction:column;align-items:flex-start}
.tile .sym{font-size:16px}.tile b{font-size:22px;line-height:1.1}
.overall{font-weight:600}
.legend{color:var(--muted);font-size:12px;margin:4px 0}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}
th,td{border-bottom:1px solid var(--rule);padding:5px 6px;text-align:left;vertical-align:top}
th{background:#f0f2f4;font-weight:600;white-space:nowrap}
thead{display:table-header-group}
tr{break-inside:avoid}
td .title{font-weight:600}
.meta,.notes,.days{color:var(--muted);font-size:12px}
.notes{font-style:italic}
.mark{font-weight:400;color:var(--muted)}
.badge{display:inline-block;border:1px solid;border-radius:4px;padding:0 5px;white-space:nowrap;
font-size:13px}
table.results{table-layout:fixed}
.results .c1{width:104px}.results .c3{width:116px}.results .c4,.results .c5{width:160px}
.results td:nth-child(3){white-space:nowrap}
.rates .c1{width:40px}.rates td:nth-child(1){text-align:right}
.rates .c3{width:230px}.rates .c4,.rates .c5,.rates .c6{width:56px}
.rate{white-space:nowrap}.rate svg{vertical-align:middle}
.completions{margin:4px 0 0;padding-left:18px;font-size:12px}
svg.chart{display:inline-block;overflow:visible}
code{font-size:12px;word-break:break-all}
footer{margin-top:24px;color:var(--muted);font-size:12px;border-top:1px solid var(--rule);
padding-top:6px}
@page{size:A4;margin:14mm 12mm}
@media print{body{font-size:10pt}main{max-width:none;padding:0}
h2{break-after:avoid}h3{break-after:avoid}section.group{break-inside:auto}
.summary{break-inside:avoid}th{background:#e4e7eb}
.tiles{flex-wrap:nowrap;gap:4px}.tile{min-width:0;flex:1;padding:3px 6px}.tile b{font-size:15pt}
.results .c1{width:74px}.results .c3{width:88px}.results .c4,.results .c5{width:122px}
.results svg.chart{width:118px;height:auto}.rate svg.chart{width:140px;height:auto}
.badge{font-size:9pt}.meta,.notes,.days,.completions,.legend{font-size:8pt}
.rates .c3{width:190px}}
"""
