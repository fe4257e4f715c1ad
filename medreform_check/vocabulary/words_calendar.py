"""The words of the office's calendar (issue 18): what was known when, 三色督办 levels, what
changed since the last audit, the 通报 and 督办清单 as Word documents, and the 督办单 a unit
signs and returns."""

from __future__ import annotations

from collections.abc import Mapping

Entry = Mapping[str, str]

WORDS: Mapping[str, Entry] = {
    # --- 三色督办 levels ------------------------------------------------------------------
    "level.blue": {"en": "blue", "zh": "蓝"},
    "level.yellow": {"en": "yellow", "zh": "黄"},
    "level.red": {"en": "red", "zh": "红"},
    "level": {"en": "Level", "zh": "督办等级"},
    "level.legend": {
        "en": "Levels: ● blue — at risk; ● yellow — overdue; ● red — long overdue.",
        "zh": "督办等级：●蓝——预警；●黄——逾期；●红——逾期较长。",
    },
    "column.level": {"en": "level", "zh": "督办等级代码"},
    "column.level_label": {"en": "level_label", "zh": "督办等级"},
    "column.previous_status": {"en": "previous_status", "zh": "上期状态"},
    # --- what was known when ----------------------------------------------------------------
    "known_by": {
        "en": "on reports submitted by {day}",
        "zh": "以{day}（含）前报送的数据为准",
    },
    # --- changes since the last audit ---------------------------------------------------------
    "changes.heading": {"en": "Changes since {day}", "zh": "本期变化（与{day}相比）"},
    "changes.newly_met": {"en": "newly met", "zh": "新完成"},
    "changes.newly_overdue": {"en": "newly overdue", "zh": "新增逾期"},
    "changes.still_overdue": {"en": "still overdue", "zh": "持续逾期"},
    "changes.recovered": {"en": "recovered", "zh": "逾期后完成"},
    "changes.summary": {"en": "Since {day}: {items}.", "zh": "与{day}相比：{items}。"},
    "changes.overlap": {
        "en": "A task may be in more than one list: one recovered is also newly met.",
        "zh": "同一任务可能列入多类：逾期后完成的也计入新完成。",
    },
    "changes.was": {"en": "was {status}", "zh": "上期{status}"},
    "changes.new": {"en": "not yet begun then", "zh": "上期尚未开始"},
    "previous_status": {"en": "Previous status", "zh": "上期状态"},
    # --- the 通报 as a Word document ------------------------------------------------------------
    "docx.bulletin": {"en": "Health-reform progress bulletin", "zh": "医改任务进展情况通报"},
    "docx.basis": {"en": "Plan: {title}", "zh": "依据：{title}"},
    "docx.overall": {"en": "Overall", "zh": "总体情况"},
    "docx.ranking": {"en": "Completion by lead unit", "zh": "各牵头单位完成情况排名"},
    "docx.overdue": {"en": "Overdue tasks", "zh": "逾期任务"},
    "docx.at_risk": {"en": "Tasks at risk", "zh": "预警任务"},
    "docx.reporting": {"en": "Reporting", "zh": "报表报送情况"},
    "docx.annex": {"en": "Annex: rejected rows", "zh": "附件：未采用的数据行"},
    "docx.days_left": {"en": "Days left", "zh": "剩余天数"},
    # --- the 督办清单 and each unit's 督办单 --------------------------------------------------
    "notice.list_title": {"en": "Overdue list", "zh": "督办清单"},
    "notice.title": {"en": "Supervision notice", "zh": "督办单"},
    "notice.to": {"en": "To: {unit}", "zh": "督办对象：{unit}"},
    "notice.intro": {
        "en": (
            "As of {day}, the tasks below are overdue or due soon. State your corrective "
            "measures and the expected completion date, then sign and date your reply."
        ),
        "zh": (
            "截至{day}，你单位以下任务逾期未完成或临近到期，请抓紧推进，"
            "填写整改措施和预计完成时间后签字反馈。"
        ),
    },
    "notice.reply": {"en": "Reply", "zh": "整改反馈"},
    "notice.measures": {"en": "Corrective measures (整改措施):", "zh": "整改措施："},
    "notice.expected": {"en": "Expected completion date (预计完成时间):", "zh": "预计完成时间："},
    "notice.sign": {
        "en": "Unit (seal): ____________  Person in charge (signature): ____________  "
        "Date: ____-__-__",
        "zh": "单位（盖章）：__________　负责人（签字）：__________　日期：____年__月__日",
    },
    "notice.no_lead_file": {"en": "no lead unit", "zh": "未指定牵头单位"},
    "column.measures": {"en": "measures", "zh": "整改措施"},
    "column.expected_completion": {"en": "expected_completion", "zh": "预计完成时间"},
}
