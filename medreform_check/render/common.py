"""Value formatting shared by renderers."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from medreform_check.language.targets import Target
from medreform_check.model import Indicator, RowIssue
from medreform_check.report import Report, ReportStatus, Result, Status
from medreform_check.vocabulary import format_number, say, word


def percent(value: float | None) -> str:
    """A rate as people read it: ``0.746`` → ``75%``; ``—`` when there is nothing to rate."""
    return "—" if value is None else f"{value * 100:.0f}%"


def completion_text(report: Report, lang: str) -> str:
    """ "Due by now: 63; met: 47 (75%)." — the line under every summary."""
    overall = report.summaries.overall
    return word("completion", lang).format(
        due=overall.due, met=overall.met, rate=percent(overall.rate)
    )


def json_number(value: float) -> int | float | None:
    """Floating-point noise removed (3.2000000000000003 → 3.2); whole numbers as integers;
    null for what JSON cannot hold (infinity, NaN — never a value we accept, but a report
    is written whatever happens)."""
    if not math.isfinite(value):
        return None
    rounded = round(value, 10)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 2**53 else rounded


def json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return json_number(value)
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def display_value(value: Any, indicator: Indicator | None, lang: str) -> str:
    """A value as a person reads it: ``3.2 级``, ``82.5%``, ``41.2:33.5:25.3``, ``done``."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return word("done" if value else "not_done", lang)
    if isinstance(value, Mapping):
        return ":".join(format_number(v, 1) for v in value.values())
    unit = indicator.unit if indicator else ""
    text = format_number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}"


def target_phrase(target: Target | None, unit: str, lang: str) -> str:
    """A target as plans write it: the contract's notation in English (``>= 80``), the
    office's words in Chinese (``不低于80%``); None is a milestone's "done" (完成)."""
    if target is None:
        return word("target.done", lang)
    if lang == "en":
        return str(target)

    def n(value: float) -> str:
        return format_number(value, 6)

    if target.op == "between":
        assert target.low is not None and target.high is not None
        return word("target.between", lang, low=n(target.low), high=n(target.high), unit=unit)
    if target.op == "ratio":
        parts = ":".join(n(p) for p in target.parts)
        if not target.tolerance:
            return word("target.ratio", lang, parts=parts)
        return word("target.ratio_tolerance", lang, parts=parts, tolerance=n(target.tolerance))
    if target.number is None:  # increase, decrease
        return word(f"target.{target.op}", lang)
    return word(f"target.{target.op}", lang, n=n(target.number), unit=unit)


def target_text(result: Result, report: Report, lang: str) -> str:
    """A result's target as shown to people (see ``target_phrase``)."""
    if result.indicator is None:
        return word("target.done", lang)
    if lang == "en":
        return result.target
    indicator = report.indicators.get(result.indicator)
    return target_phrase(result.target_spec, indicator.unit if indicator else "", lang)


def title_text(result: Result, report: Report, lang: str) -> str:
    """A result's title; with `by: parent`, followed by the group it judges."""
    if result.group is None:
        return result.title
    group = report.unit_names.get(result.group, result.group)
    return word("group_title", lang, title=result.title, group=group)


def due_text(result: Result) -> str:
    return result.period or result.deadline.isoformat()


# Symbols of width one in every terminal, so a status reads in black and white too.
STATUS_SYMBOLS: Mapping[Status, str] = {
    Status.MET: "✓",
    Status.MET_LATE: "↻",
    Status.MISSED: "✗",
    Status.UNREPORTED: "?",
    Status.AT_RISK: "⚠",
    Status.PENDING: "◌",
    Status.WAIVED: "⊘",
}


def status_label(status: Status, lang: str) -> str:
    return word(f"status.{status.value}", lang)


def report_label(status: ReportStatus, lang: str) -> str:
    return word(f"report.{status.value}", lang)


def change_label(verdict: str, lang: str) -> str:
    return word(f"change.{verdict}", lang)


def aspect_label(aspect: str, lang: str) -> str:
    """What changed in a task, as diff names it; stage aspects carry their number
    (``stage 2 target`` → 第2阶段目标)."""
    if aspect.startswith("stage ") and aspect.split()[1].isdigit():
        _, number, rest = aspect.split(" ", 2)
        return word("aspect.stage", lang, number=number, aspect=aspect_label(rest, lang))
    return word(f"aspect.{aspect}", lang)


def reason_text(issue: RowIssue, lang: str) -> str:
    """Why a row was rejected or warned about, in the reader's language."""
    return issue.message if isinstance(issue.message, str) else say(issue.message, lang)
