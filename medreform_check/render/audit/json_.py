"""``--format json``: exactly the object of CONTRACT §3.1."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from medreform_check.model import RowIssue
from medreform_check.render import RenderOptions
from medreform_check.render.common import json_value, reason_text
from medreform_check.report import Report, ReportingEntry, Result
from medreform_check.vocabulary import notes_text, say


def say_text(reason: object, lang: str) -> str:
    return reason if isinstance(reason, str) else say(reason, lang)  # type: ignore[arg-type]


def result_object(result: Result, report: Report, lang: str) -> dict[str, Any]:
    return {
        "plan": result.plan,
        "task": result.task,
        "title": result.title,
        "lead": result.lead,
        "period": result.period,
        "deadline": result.deadline.isoformat(),
        "target": result.target,
        "status": result.status.value,
        "actual": json_value(result.actual),
        "actual_at_deadline": json_value(result.actual_at_deadline),
        "units": list(result.units),
        "missing_units": list(result.missing_units),
        "days_overdue": result.days_overdue,
        "completed_on": json_value(result.completed_on),
        "message": notes_text(result.notes, lang, report.unit_names),
    }


def issue_object(issue: RowIssue, lang: str) -> dict[str, Any]:
    return {
        "file": issue.at.path,
        "line": issue.at.line,
        "unit": issue.unit,
        "reason": reason_text(issue, lang),
    }


def report_object(
    report: Report,
    lang: str,
    results: Sequence[Result] | None = None,
    reporting: Sequence[ReportingEntry] | None = None,
) -> dict[str, Any]:
    """The audit object; ``results`` and ``reporting`` narrow it (the overdue list)."""
    return {
        "as_of": report.as_of.isoformat(),
        "plans": list(report.plans),
        "summary": {status.value: n for status, n in report.summaries.counts.items()},
        "results": [
            result_object(r, report, lang) for r in (report.results if results is None else results)
        ],
        "rejected": [issue_object(i, lang) for i in report.rejected],
        "warnings": [issue_object(i, lang) for i in report.warnings],
        "reporting": [
            {
                "unit": e.unit,
                "period": e.period,
                "due": e.due.isoformat(),
                "submitted": json_value(e.submitted),
                "status": e.status.value,
            }
            for e in (report.reporting if reporting is None else reporting)
        ],
        "skipped": [
            {"file": s.file, "sheet": s.sheet, "reason": say_text(s.reason, lang)}
            for s in report.skipped
        ],
    }


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(report_object(report, options.lang), ensure_ascii=False, indent=2) + "\n"
