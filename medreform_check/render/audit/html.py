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
from medreform_check.render.audit.html_style import STATUS_COLOURS, stylesheet
from medreform_check.render.audit.html_units import units_section
from medreform_check.render.calendar import (
    LEVEL_MARK,
    changes_text,
    known_by_text,
    level_label,
    previous_text,
)
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
from medreform_check.render.svg import composition, meter, progress_bar, sparkline
from medreform_check.report import Level, Report, Result, Status, skipped_as_issues
from medreform_check.vocabulary import format_number, notes_text, word

RATE_FILL = "#274c77"  # the completion bars


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


def level_badge(level: Level | None, lang: str) -> str:
    """The 三色督办 level: a coloured mark and its word; empty when there is none."""
    if level is None:
        return ""
    return (
        f'<span class="level lv-{level.value}"><span class="mark">{LEVEL_MARK}</span> '
        f"{_e(level_label(level, lang))}</span>"
    )


# --- the parts of the page, in order -----------------------------------------------------


def _header(report: Report, lang: str) -> str:
    titles = "".join(f"<h1>{_e(report.plan_titles.get(p, p))}</h1>" for p in report.plans)
    documents = "、".join(
        report.plan_documents[p] for p in report.plans if p in report.plan_documents
    )
    facts = [word("page.heading", lang), documents, word("page.as_of", lang, day=report.as_of)]
    facts.append(known_by_text(report, lang))
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


def changes_section(report: Report, lang: str) -> str:
    """本期变化: the counts, then each category's tasks with what they were then."""
    changes = report.changes
    if changes is None:
        return ""
    parts = [
        f'<section class="changes"><h2>{_e(word("changes.heading", lang, day=changes.compared_to))}'
        f'</h2><p class="overall">{_e(changes_text(report, lang))}</p>'
        f'<p class="legend">{_e(word("changes.overlap", lang))}</p>'
    ]
    for name, found in changes.lists():
        parts.append(f"<h3>{_e(word(f'changes.{name}', lang))} ({len(found)})</h3>")
        items = [
            f"<li>{_e(r.title)} <code>{_e(r.task)}</code> {_e(due_text(r))}: "
            f"{_e(previous_text(r, lang))} → {badge(r.status, lang)}</li>"
            for r in found
        ]
        parts.append(f"<ul>{''.join(items)}</ul>" if items else f"<p>{_e(word('none', lang))}</p>")
    return "".join(parts) + "</section>"


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
    title = _e(title_text(result, report, lang))
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
    if result.level is not None:
        html += f"<div>{level_badge(result.level, lang)}</div>"
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
        changes_section(report, lang),
        _rates(report, "lead", lang),
        _rates(report, "section", lang),
        units_section(report, lang),
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
        f"<style>{stylesheet()}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main>\n</body>\n</html>\n"
    )
