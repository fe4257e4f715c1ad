"""Every word a reader sees, in English and Chinese; and how notes are worded."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from medreform_check.language.values import format_number
from medreform_check.report import Note, ReportStatus, Status

LANGS = ("en", "zh")

STATUS_LABELS: Mapping[Status, Mapping[str, str]] = {
    Status.MET: {"en": "met", "zh": "已达标"},
    Status.MET_LATE: {"en": "met late", "zh": "逾期达标"},
    Status.MISSED: {"en": "missed", "zh": "逾期未达标"},
    Status.UNREPORTED: {"en": "unreported", "zh": "逾期未报"},
    Status.AT_RISK: {"en": "at risk", "zh": "预警"},
    Status.PENDING: {"en": "pending", "zh": "未到期"},
    Status.WAIVED: {"en": "waived", "zh": "豁免"},
}

# Symbols of width one in every terminal, so the column reads in black and white.
STATUS_SYMBOLS: Mapping[Status, str] = {
    Status.MET: "✓",
    Status.MET_LATE: "↻",
    Status.MISSED: "✗",
    Status.UNREPORTED: "?",
    Status.AT_RISK: "⚠",
    Status.PENDING: "◌",
    Status.WAIVED: "⊘",
}

REPORT_STATUS_LABELS: Mapping[ReportStatus, Mapping[str, str]] = {
    ReportStatus.ON_TIME: {"en": "on time", "zh": "按时报送"},
    ReportStatus.LATE: {"en": "late", "zh": "迟报"},
    ReportStatus.RECEIVED: {"en": "received", "zh": "已报送"},
    ReportStatus.MISSING: {"en": "missing", "zh": "未报送"},
    ReportStatus.DUE: {"en": "due", "zh": "待报送"},
}

DIFF_LABELS: Mapping[str, Mapping[str, str]] = {
    "added": {"en": "added", "zh": "新增"},
    "removed": {"en": "removed", "zh": "删除"},
    "tightened": {"en": "tightened", "zh": "收紧"},
    "relaxed": {"en": "relaxed", "zh": "放宽"},
    "earlier": {"en": "earlier", "zh": "提前"},
    "later": {"en": "later", "zh": "推迟"},
    "changed": {"en": "changed", "zh": "变更"},
}

# What changed in a task, as diff names it (stage aspects carry their number: "stage 2 target").
_ASPECTS_ZH: Mapping[str, str] = {
    "task": "任务",
    "target": "目标",
    "deadline": "期限",
    "timing": "时间形式",
    "final deadline": "最终期限",
    "stages": "阶段",
    "every": "频次",
    "from": "起始日期",
    "until": "截止日期",
    "indicator": "指标",
    "aggregate": "汇总方式",
    "aspirational": "力争",
    "waived": "豁免",
    "waived until": "豁免期限",
    "evidence optional": "佐证材料非必需",
    "lead": "牵头单位",
    "owners": "责任单位",
    "owner_class": "责任单位类别",
    "title": "名称",
    "section": "章节",
    "source": "出处",
}


def aspect_label(aspect: str, lang: str) -> str:
    if lang != "zh":
        return aspect
    if aspect.startswith("stage ") and aspect.split()[1].isdigit():
        _, number, rest = aspect.split(" ", 2)
        return f"第{number}阶段{_ASPECTS_ZH.get(rest, rest)}"
    return _ASPECTS_ZH.get(aspect, aspect)


_WORDS: Mapping[str, Mapping[str, str]] = {
    "task": {"en": "Task", "zh": "任务"},
    "due": {"en": "Due", "zh": "期限"},
    "period": {"en": "Period", "zh": "周期"},
    "deadline": {"en": "Deadline", "zh": "截止日期"},
    "target": {"en": "Target", "zh": "目标"},
    "actual": {"en": "Actual", "zh": "实际"},
    "status": {"en": "Status", "zh": "状态"},
    "lead": {"en": "Lead", "zh": "牵头单位"},
    "unit": {"en": "Unit", "zh": "单位"},
    "file": {"en": "File", "zh": "文件"},
    "reason": {"en": "Reason", "zh": "原因"},
    "section": {"en": "Section", "zh": "章节"},
    "note": {"en": "Note", "zh": "说明"},
    "as_of": {"en": "as of", "zh": "截至"},
    "audit_title": {"en": "Audit", "zh": "审核结果"},
    "summary": {"en": "Summary", "zh": "汇总"},
    "rejected": {"en": "Rejected rows", "zh": "被拒绝的数据行"},
    "warnings": {"en": "Warnings", "zh": "警告"},
    "reporting": {"en": "Reporting", "zh": "报送情况"},
    "submitted": {"en": "Submitted", "zh": "报送日期"},
    "no_results": {"en": "No task instances to judge.", "zh": "没有需要评估的任务。"},
    "done": {"en": "done", "zh": "已完成"},
    "not_done": {"en": "not done", "zh": "未完成"},
    "total": {"en": "total", "zh": "合计"},
    "aspirational_mark": {"en": "(aspirational)", "zh": "（力争）"},
    "overdue_title": {"en": "Overdue", "zh": "逾期任务清单"},
    "days_overdue": {"en": "Days overdue", "zh": "逾期天数"},
    "days": {"en": "Days", "zh": "逾期天数"},
    "missing_reports": {"en": "Missing reports", "zh": "未报送报表"},
    "no_lead": {"en": "No lead unit", "zh": "未指定牵头单位"},
    "not_reported_by": {"en": "Not reported by", "zh": "未报单位"},
    "nothing_overdue": {"en": "Nothing is overdue.", "zh": "没有逾期任务。"},
    "due_within": {"en": "and at risk, due within {n} days", "zh": "及{n}天内到期的预警任务"},
    "periods": {"en": "Periods", "zh": "报告期"},
    "plan": {"en": "Plan", "zh": "方案"},
    "source": {"en": "Source", "zh": "出处"},
    "title": {"en": "Title", "zh": "名称"},
    "aspect": {"en": "What", "zh": "内容"},
    "reporting_by_unit": {"en": "Reporting by unit", "zh": "各单位报送情况"},
    "reporting_by_period": {"en": "Reporting by period", "zh": "各报告期报送情况"},
    "report_period": {"en": "Period", "zh": "报告期"},
    "no_section": {"en": "(no section)", "zh": "（未分章节）"},
    "completion": {
        "en": "Due by now: {due}; met: {met} ({rate}).",
        "zh": "截至目前已到期 {due} 项，完成 {met} 项（{rate}）。",
    },
    "owed": {"en": "Owed", "zh": "应报"},
    # Completion-rate tables (by lead unit, by section) in every format.
    "rank": {"en": "Rank", "zh": "排名"},
    "due_count": {"en": "Due", "zh": "到期"},
    "met_count": {"en": "Met", "zh": "完成"},
    "overdue_count": {"en": "Overdue", "zh": "逾期"},
    "completion_rate": {"en": "Completion", "zh": "完成率"},
    "none": {"en": "None.", "zh": "无。"},
    "received_count": {"en": "Received", "zh": "已报"},
    "on_time_count": {"en": "On time", "zh": "按时"},
    "reporting_rate": {"en": "Reporting rate", "zh": "报送率"},
    "on_time_rate": {"en": "On-time rate", "zh": "及时率"},
    "missing_or_late": {"en": "Missing and late reports", "zh": "未报及迟报"},
    "change": {"en": "Change", "zh": "变化"},
    "old": {"en": "Old", "zh": "原"},
    "new": {"en": "New", "zh": "新"},
    "no_changes": {"en": "No task changed.", "zh": "任务无变化。"},
    "fails_review": {
        "en": "Relaxed targets, later deadlines or removed tasks: review needed.",
        "zh": "存在放宽目标、推迟期限或删除任务，需要审核。",
    },
}


def word(key: str, lang: str) -> str:
    return _WORDS[key][lang]


def status_label(status: Status, lang: str) -> str:
    return STATUS_LABELS[status][lang]


def _units(args: Mapping[str, Any], names: Mapping[str, str], separator: str = ", ") -> str:
    return separator.join(names.get(u, u) for u in args["units"])


def _date(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


_NOTES: Mapping[str, Mapping[str, Callable[[Mapping[str, Any], Mapping[str, str]], str]]] = {
    "stage": {
        "en": lambda a, n: f"stage {a['index']} of {a['count']}",
        "zh": lambda a, n: f"第{a['index']}阶段（共{a['count']}个）",
    },
    "waived": {
        "en": lambda a, n: (
            f"waived: {a['reason']}" + (f" (until {_date(a['until'])})" if a.get("until") else "")
        ),
        "zh": lambda a, n: (
            f"豁免：{a['reason']}" + (f"（至{_date(a['until'])}）" if a.get("until") else "")
        ),
    },
    "due_soon": {
        "en": lambda a, n: f"due in {a['days']} day(s)" if a["days"] else "due today",
        "zh": lambda a, n: f"距截止还有{a['days']}天" if a["days"] else "今天到期",
    },
    "trend": {
        "en": lambda a, n: (
            f"trend reaches {format_number(a['projected'])} by {_date(a['deadline'])}"
        ),
        "zh": lambda a, n: f"按趋势至{_date(a['deadline'])}仅达{format_number(a['projected'])}",
    },
    "missing_units": {
        "en": lambda a, n: f"no report from {_units(a, n)}",
        "zh": lambda a, n: f"未报：{_units(a, n, '、')}",
    },
    "no_baseline": {
        "en": lambda a, n: "no value a year earlier to compare with",
        "zh": lambda a, n: "缺少上年同期数据，无法比较",
    },
    "aspirational": {
        "en": lambda a, n: "aspirational target (力争)",
        "zh": lambda a, n: "力争目标",
    },
}


def note_text(note: Note, lang: str, unit_names: Mapping[str, str] | None = None) -> str:
    return _NOTES[note.code][lang](note.args, unit_names or {})


def notes_text(
    notes: tuple[Note, ...], lang: str, unit_names: Mapping[str, str] | None = None
) -> str:
    separator = "; " if lang == "en" else "；"
    return separator.join(note_text(n, lang, unit_names) for n in notes)


def default_lang(environ: Mapping[str, str]) -> str:
    """``zh`` when the locale says Chinese (LC_ALL, LC_MESSAGES or LANG), else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
