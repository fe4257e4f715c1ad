"""``--format json``: exactly the object of CONTRACT §3.1."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from medreform_check.model import RowIssue
from medreform_check.render import RenderOptions
from medreform_check.render.common import json_number, json_value, reason_text
from medreform_check.render.json_text import dumps
from medreform_check.report import Report, ReportingEntry, ReportStatus, Result, UnitScore
from medreform_check.vocabulary import notes_text, say


def say_text(reason: object, lang: str) -> str:
    return reason if isinstance(reason, str) else say(reason, lang)  # type: ignore[arg-type]


def result_object(result: Result, report: Report, lang: str) -> dict[str, Any]:
    found = {
        "plan": result.plan,
        "task": result.task,
        "title": result.title,
        "lead": result.lead,
        "period": result.period,
        "deadline": result.deadline.isoformat(),
        "target": result.target,
        "status": result.status.value,
        "level": result.level.value if result.level else None,
        "actual": json_value(result.actual),
        "actual_at_deadline": json_value(result.actual_at_deadline),
        "units": result.units,  # (a tuple: written as a list, once for all who share it)
        "missing_units": result.missing_units,
        "days_overdue": result.days_overdue,
        "completed_on": json_value(result.completed_on),
        "message": notes_text(result.notes, lang, report.unit_names),
    }
    if report.changes is not None:
        previous = result.previous_status
        found["previous_status"] = previous.value if previous else None
    if result.group is not None:  # with `by: parent`: the parent whose units it judges
        found["group"] = result.group
    return found


def unit_object(score: UnitScore) -> dict[str, Any]:
    """One line of the per-unit scorecard; ``rate`` in percent (100 × met ÷ due)."""
    rate = score.rate
    return {
        "unit": score.unit,
        "name": score.name,
        "parent": score.parent,
        "due": score.due,
        "met": score.met,
        "overdue": score.overdue,
        "rate": None if rate is None else json_number(100 * rate),
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
    found: dict[str, Any] = {
        "as_of": report.as_of.isoformat(),
        "known_by": json_value(report.known_by),
    }
    if report.changes is not None:
        found["compared_to"] = report.changes.compared_to.isoformat()
        found["changes"] = {name: len(listed) for name, listed in report.changes.lists()}
    return found | {
        "plans": list(report.plans),
        "summary": {status.value: n for status, n in report.summaries.counts.items()},
        "results": [
            result_object(r, report, lang) for r in (report.results if results is None else results)
        ],
        "rejected": [issue_object(i, lang) for i in report.rejected],
        "warnings": [issue_object(i, lang) for i in report.warnings],
        "reporting": _reporting(report.reporting if reporting is None else reporting),
        "units": [unit_object(score) for score in report.summaries.units],
        "skipped": [
            {"file": s.file, "sheet": s.sheet, "reason": say_text(s.reason, lang)}
            for s in report.skipped
        ],
    }


def _reporting(entries: Sequence[ReportingEntry]) -> list[dict[str, Any]]:
    """The reporting table: a province's is tens of thousands of entries, sharing a few
    dates (each written once) and statuses."""
    days: dict[date, str] = {}
    statuses = {status: status.value for status in ReportStatus}

    def day(value: date | None) -> str | None:
        if value is None:
            return None
        return days.get(value) or days.setdefault(value, value.isoformat())

    return [
        {
            "unit": e.unit,
            "period": e.period,
            "due": day(e.due),
            "submitted": day(e.submitted),
            "status": statuses[e.status],
        }
        for e in entries
    ]


def render(report: Report, options: RenderOptions) -> str:
    return dumps(report_object(report, options.lang)) + "\n"
