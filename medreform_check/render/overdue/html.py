"""``overdue --format html``: the 督办清单 as one self-contained page — one table per lead unit,
each item with its 三色督办 level as a coloured mark and a word — or, with ``--split-by``, a
unit's 督办单 with the lines for its reply. The audit page's look (inline CSS, no script, no
link to fetch, A4 print); every string from input is escaped."""

from __future__ import annotations

from medreform_check import __version__
from medreform_check.commands.overdue import OverdueList
from medreform_check.render import RenderOptions
from medreform_check.render.audit.html import _cells, _e, _table, badge, level_badge
from medreform_check.render.audit.html_style import stylesheet
from medreform_check.render.calendar import known_by_text
from medreform_check.render.common import display_value, due_text, target_text
from medreform_check.render.overdue.notice import addressee_lines, reply_lines, title
from medreform_check.report import Result
from medreform_check.vocabulary import listing, word


def _row(result: Result, overdue: OverdueList, lang: str) -> str:
    report = overdue.report
    indicator = report.indicators.get(result.indicator) if result.indicator else None
    actual = display_value(result.actual, indicator, lang)
    missing = listing((report.unit_names.get(u, u) for u in result.missing_units), lang)
    return _cells(
        f'<div class="title">{_e(result.title)}</div><div class="meta">{_e(result.task)}</div>',
        _e(due_text(result)),
        _e(result.days_overdue or ""),
        badge(result.status, lang),
        level_badge(result.level, lang),
        f"{_e(actual)} / {_e(target_text(result, report, lang))}",
        _e(missing),
    )


def _groups(overdue: OverdueList, lang: str) -> list[str]:
    heads = [word(k, lang) for k in ("task", "due", "days_overdue", "status", "level",
                                     "bulletin.actual", "not_reported_by")]  # fmt: skip
    parts = []
    for group in overdue.groups:
        name = f"{group.name} ({group.lead})" if group.lead else word("no_lead", lang)
        rows = [_row(r, overdue, lang) for r in group.results]
        parts.append(f"<section><h2>{_e(name)}</h2>{_table(heads, rows, 'overdue')}</section>")
    return parts


def _missing(overdue: OverdueList, lang: str) -> str:
    if not overdue.missing_reports:
        return ""
    names = overdue.report.unit_names
    rows = [
        _cells(_e(names.get(m.unit, m.unit)), _e(", ".join(m.periods)))
        for m in overdue.missing_reports
    ]
    table = _table([word("unit", lang), word("periods", lang)], rows, "missing")
    return f"<section><h2>{_e(word('missing_reports', lang))}</h2>{table}</section>"


def _reply(overdue: OverdueList, lang: str) -> str:
    lines = reply_lines(overdue, lang)
    if not lines:
        return ""
    *asked, sign = lines
    fields = "".join(f'<p class="ask">{_e(line)}</p><div class="space"></div>' for line in asked)
    return (
        f'<section class="reply"><h2>{_e(word("notice.reply", lang))}</h2>{fields}'
        f'<p class="sign">{_e(sign)}</p></section>'
    )


def _header(overdue: OverdueList, lang: str) -> str:
    report = overdue.report
    facts = [word("page.as_of", lang, day=report.as_of), known_by_text(report, lang)]
    lines = [f'<p class="facts">{_e(" · ".join(f for f in facts if f))}</p>']
    lines += [f"<p>{_e(line)}</p>" for line in addressee_lines(overdue, lang)]
    if overdue.within is not None:
        lines.append(f"<p>{_e(word('due_within', lang, n=overdue.within))}</p>")
    lines.append(f'<p class="legend">{_e(word("level.legend", lang))}</p>')
    if not overdue.results:
        lines.append(f"<p>{_e(word('nothing_overdue', lang))}</p>")
    return f"<header><h1>{_e(title(overdue, lang))}</h1>{''.join(lines)}</header>"


def render(overdue: OverdueList, options: RenderOptions) -> str:
    lang = options.lang
    body = [
        _header(overdue, lang),
        *_groups(overdue, lang),
        _missing(overdue, lang),
        _reply(overdue, lang),
        f"<footer>{_e(word('page.made_by', lang, v=__version__))}</footer>",
    ]
    page_title = f"{title(overdue, lang)} — {word('page.as_of', lang, day=overdue.report.as_of)}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(page_title)}</title>\n"
        f"<style>{stylesheet()}{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main>\n</body>\n</html>\n"
    )


_CSS = """
table.overdue{table-layout:fixed}
.overdue .c2{width:92px}.overdue .c3{width:64px}.overdue .c4{width:104px}.overdue .c5{width:64px}
.overdue .c6{width:140px}.overdue .c7{width:150px}
.reply .space{height:64px;border-bottom:1px solid var(--rule)}
.reply .ask{font-weight:600;margin:12px 0 0}.reply .sign{margin-top:28px}
"""
