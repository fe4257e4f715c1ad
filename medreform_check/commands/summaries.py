"""Summaries of an audit for people: completion rates by lead unit and by section.

Computed here, once, from the verdicts; renderers only show them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from medreform_check.report import Report, Result, Status

DONE = (Status.MET, Status.MET_LATE)


@dataclass(frozen=True, slots=True)
class CompletionRate:
    """Of the instances due by the as-of date (waived ones aside), how many were met."""

    key: str | None
    name: str
    due: int
    met: int
    overdue: int

    @property
    def rate(self) -> float | None:
        return self.met / self.due if self.due else None


def _is_due(result: Result, report: Report) -> bool:
    return result.deadline <= report.as_of and result.status is not Status.WAIVED


def completion_rates(report: Report, by: str) -> list[CompletionRate]:
    """Completion per ``lead`` (named) or per ``section``, best rate first, then most due."""
    key: Callable[[Result], str | None] = (
        (lambda r: r.lead) if by == "lead" else (lambda r: r.section)
    )
    tallies: dict[str | None, list[int]] = {}
    for result in report.results:
        if not _is_due(result, report):
            continue
        tally = tallies.setdefault(key(result), [0, 0, 0])
        tally[0] += 1
        tally[1] += result.status in DONE
        tally[2] += result.status.overdue
    rates = [
        CompletionRate(k, (report.unit_names.get(k, k) if by == "lead" else k) if k else "", *t)
        for k, t in tallies.items()
    ]
    return sorted(rates, key=lambda r: (-(r.rate or 0.0), -r.due, r.name))


def overall_completion(report: Report) -> CompletionRate:
    """Every instance due by the as-of date, whoever leads it."""
    rates = completion_rates(report, "lead")
    totals = (sum(r.due for r in rates), sum(r.met for r in rates), sum(r.overdue for r in rates))
    return CompletionRate(None, "", *totals)
