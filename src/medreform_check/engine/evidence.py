"""Observations indexed once per (unit, indicator) and per (unit, task), sorted by date,
so that "the latest value as of t" is a binary search."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Generic, TypeVar

from ..model import MilestoneReport, Observation, Submissions, Value

Window = tuple[date, date]
T = TypeVar("T")

_NEVER = date.min


@dataclass(slots=True)
class _Series(Generic[T]):
    """One unit's reports on one indicator or task: one winner per date, ascending."""

    dates: list[date]
    items: list[T]

    def span(self, upto: date, window: Window | None) -> tuple[int, int]:
        """Index range of the entries dated ≤ ``upto`` and inside ``window``."""
        if window is None:
            return 0, bisect_right(self.dates, upto)
        low = bisect_left(self.dates, window[0])
        high = bisect_right(self.dates, min(upto, window[1]))
        return low, max(low, high)


def _series(reports: list[tuple[date, date | None, int, T]]) -> _Series[T]:
    # Same date: the later `submitted` wins, then the later row (CONTRACT §2).
    reports.sort(key=lambda r: (r[0], r[1] or _NEVER, r[2]))
    dates: list[date] = []
    items: list[T] = []
    for day, _, _, item in reports:
        if dates and dates[-1] == day:
            items[-1] = item
        else:
            dates.append(day)
            items.append(item)
    return _Series(dates, items)


class Evidence:
    """Everything submitted, indexed for the engine's questions."""

    def __init__(
        self, observations: Iterable[Observation], milestones: Iterable[MilestoneReport]
    ) -> None:
        values: dict[tuple[str, str], list[tuple[date, date | None, int, Value]]] = defaultdict(
            list
        )
        for obs in observations:
            values[obs.unit, obs.indicator].append((obs.as_of, obs.submitted, obs.seq, obs.value))
        reports: dict[tuple[str, str], list[tuple[date, date | None, int, MilestoneReport]]] = (
            defaultdict(list)
        )
        for rep in milestones:
            reports[rep.unit, rep.task].append((rep.dated, rep.submitted, rep.seq, rep))
        self._values = {key: _series(rows) for key, rows in values.items()}
        self._reports = {key: _series(rows) for key, rows in reports.items()}
        self._sums = {
            key: [0.0, *accumulate(v for v in s.items if isinstance(v, (int, float)))]
            for key, s in self._values.items()
            if all(isinstance(v, (int, float)) for v in s.items)
        }

    @classmethod
    def of(cls, submissions: Submissions) -> Evidence:
        return cls(submissions.observations, submissions.milestones)

    def value(
        self, unit: str, indicator: str, t: date, window: Window | None = None
    ) -> Value | None:
        """The unit's latest value as of ``t`` (inside ``window`` when given)."""
        series = self._values.get((unit, indicator))
        if series is None:
            return None
        low, high = series.span(t, window)
        return series.items[high - 1] if high > low else None

    def total(self, unit: str, indicator: str, t: date, window: Window) -> float | None:
        """A count's sum over the window up to ``t``; None when nothing was reported."""
        series = self._values.get((unit, indicator))
        if series is None:
            return None
        low, high = series.span(t, window)
        if high == low:
            return None
        sums = self._sums[unit, indicator]
        return sums[high] - sums[low]

    def report(
        self, unit: str, task: str, t: date, window: Window | None = None
    ) -> MilestoneReport | None:
        """The unit's latest report on a milestone as of ``t``."""
        series = self._reports.get((unit, task))
        if series is None:
            return None
        low, high = series.span(t, window)
        return series.items[high - 1] if high > low else None

    def value_dates(
        self, unit: str, indicator: str, t: date, window: Window | None = None
    ) -> list[date]:
        series = self._values.get((unit, indicator))
        if series is None:
            return []
        low, high = series.span(t, window)
        return series.dates[low:high]

    def report_dates(
        self, unit: str, task: str, t: date, window: Window | None = None
    ) -> list[date]:
        series = self._reports.get((unit, task))
        if series is None:
            return []
        low, high = series.span(t, window)
        return series.dates[low:high]
