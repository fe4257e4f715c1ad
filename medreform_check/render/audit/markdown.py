"""``audit --format markdown``: a 通报 ready to paste into the bulletin — overall progress,
units ranked by completion, what is overdue, what is at risk, and reporting."""

from __future__ import annotations

from medreform_check.render import RenderOptions
from medreform_check.render.common import display_value, due_text, percent, target_text
from medreform_check.render.labels import (
    REPORT_STATUS_LABELS,
    STATUS_SYMBOLS,
    notes_text,
    status_label,
    word,
)
from medreform_check.render.markdown import cell, table
from medreform_check.report import Report, Result

_TEXT = {
    "title": {"en": "Progress report as of {day}", "zh": "截至{day}进展通报"},
    "overall": {"en": "1. Overall", "zh": "一、总体情况"},
    "ranking": {"en": "2. Completion by lead unit", "zh": "二、各牵头单位完成率排名"},
    "overdue": {"en": "3. Overdue", "zh": "三、逾期任务"},
    "at_risk": {"en": "4. At risk", "zh": "四、预警任务"},
    "reporting": {"en": "5. Reporting", "zh": "五、报表报送情况"},
    "rejected": {"en": "Annex: rejected rows", "zh": "附：未采用的数据行"},
    "total": {
        "en": "{n} task instances: {counts}. Of the {due} due by {day}, {met} were met ({rate}).",
        "zh": "共{n}项任务节点：{counts}。截至{day}已到期{due}项，完成{met}项，完成率{rate}。",
    },
    "lead": {"en": "Lead unit", "zh": "牵头单位"},
    "task": {"en": "Task", "zh": "任务"},
    "deadline": {"en": "Due", "zh": "期限"},
    "days": {"en": "Days overdue", "zh": "逾期天数"},
    "days_left": {"en": "Days left", "zh": "剩余天数"},
    "status": {"en": "Status", "zh": "状态"},
    "actual": {"en": "Actual / target", "zh": "实际 / 目标"},
    "missing": {"en": "Not reported by", "zh": "未报单位"},
    "note": {"en": "Why", "zh": "说明"},
    "unit": {"en": "Unit", "zh": "单位"},
    "owed": {"en": "Owed", "zh": "应报"},
    "received": {"en": "Received", "zh": "已报"},
    "on_time": {"en": "On time", "zh": "按时"},
    "late_missing": {"en": "Missing or late", "zh": "未报或迟报"},
    "file": {"en": "Where", "zh": "位置"},
    "reason": {"en": "Reason", "zh": "原因"},
    "no_lead": {"en": "(no lead unit)", "zh": "（未指定牵头单位）"},
}


def _t(key: str, lang: str, **args: object) -> str:
    return _TEXT[key][lang].format(**args)


def _actual(result: Result, report: Report, lang: str) -> str:
    indicator = report.indicators.get(result.indicator) if result.indicator else None
    return f"{display_value(result.actual, indicator, lang)} / {target_text(result, lang)}"


def _task(result: Result) -> str:
    return f"{cell(result.title)} `{result.task}`"


def _overall(report: Report, lang: str) -> list[str]:
    counts = report.summaries.counts
    listed = ("、" if lang == "zh" else ", ").join(
        f"{status_label(s, lang)} {n}" for s, n in counts.items()
    )
    overall = report.summaries.overall
    line = _t(
        "total",
        lang,
        n=len(report.results),
        counts=listed,
        due=overall.due,
        day=report.as_of,
        met=overall.met,
        rate=percent(overall.rate),
    )
    return [f"### {_t('overall', lang)}", "", line, ""]


def _ranking(report: Report, lang: str) -> list[str]:
    rows = [
        [
            str(k),
            cell(r.name or _t("no_lead", lang)),
            str(r.due),
            str(r.met),
            str(r.overdue),
            percent(r.rate),
        ]
        for k, r in enumerate(report.summaries.by_lead, 1)
    ]
    heads = [word("rank", lang), _t("lead", lang)]
    heads += [word(k, lang) for k in ("due_count", "met_count", "overdue_count", "completion_rate")]
    return [
        f"### {_t('ranking', lang)}",
        "",
        *(table(heads, rows) if rows else [word("none", lang)]),
        "",
    ]


def _overdue(report: Report, lang: str) -> list[str]:
    rows = [
        [
            cell(report.unit_names.get(r.lead, r.lead) if r.lead else _t("no_lead", lang)),
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
        _t(k, lang) for k in ("lead", "task", "deadline", "days", "status", "actual", "missing")
    ]
    return [
        f"### {_t('overdue', lang)}",
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
    heads = [_t(k, lang) for k in ("task", "deadline", "days_left", "actual", "note")]
    return [
        f"### {_t('at_risk', lang)}",
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
            f"{e.period} {REPORT_STATUS_LABELS[e.status][lang]}"
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
    heads = [_t(k, lang) for k in ("unit", "owed", "received", "on_time", "late_missing")]
    return [f"### {_t('reporting', lang)}", "", *table(heads, rows), ""]


def _rejected(report: Report, lang: str) -> list[str]:
    if not report.rejected:
        return []
    rows = [[cell(str(i.at)), cell(i.unit or ""), cell(i.reason)] for i in report.rejected]
    return [
        f"### {_t('rejected', lang)}",
        "",
        *table([_t(k, lang) for k in ("file", "unit", "reason")], rows),
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
    lines += ["", f"## {_t('title', lang, day=report.as_of)}", ""]
    for part in (_overall, _ranking, _overdue, _at_risk, _reporting, _rejected):
        lines += part(report, lang)
    return "\n".join(lines).rstrip() + "\n"
