"""The per-unit scorecard as every human format lays it out: ranked rows of a unit, its
parent, what it owes, met and let lapse, and its completion rate — per unit, and with a
hierarchy also per parent group. Layout only: the scores are computed in ``Summaries``."""

from __future__ import annotations

from medreform_check.render.common import percent
from medreform_check.report import Report, UnitScore
from medreform_check.vocabulary import word

COUNTS = ("due_count", "met_count", "overdue_count")


def has_hierarchy(report: Report) -> bool:
    return any(score.parent for score in report.summaries.units)


def scorecards(report: Report) -> list[tuple[str, tuple[UnitScore, ...]]]:
    """The tables to show, each with the key of its heading: units, then parent groups."""
    tables = [("units_ranking", report.summaries.units)] if report.summaries.units else []
    if report.summaries.unit_groups:
        tables.append(("groups_ranking", report.summaries.unit_groups))
    return tables


def headings(report: Report, lang: str) -> list[str]:
    first = [word("rank", lang), word("unit", lang)]
    if has_hierarchy(report):
        first.append(word("parent", lang))
    return first + [word(k, lang) for k in (*COUNTS, "completion_rate")]


def name_of(unit: str | None, report: Report) -> str:
    return "" if unit is None else report.unit_names.get(unit, unit)


def rows(report: Report, scores: tuple[UnitScore, ...]) -> list[list[str]]:
    """Rank, name, (parent,) due, met, overdue and rate, as text."""
    hierarchy = has_hierarchy(report)
    found = []
    for rank, score in enumerate(scores, 1):
        row = [str(rank), score.name]
        if hierarchy:
            row.append(name_of(score.parent, report) or "—")
        row += [str(score.due), str(score.met), str(score.overdue), percent(score.rate)]
        found.append(row)
    return found
