"""Observations indexed once per (unit, indicator) and per (unit, task), sorted by date,
so that "the latest value as of t" is a binary search."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import Generic, TypeVar

from medreform_check.model import MilestoneReport, Observation, Submissions, Value

Window = tuple[date, date]
T = TypeVar("T")

_NEVER = date.min


@dataclass(slots=True)
class Series(Generic[T]):
    """One unit's reports on one indicator or task: one winner per date, ascending."""

    dates: list[date]
    items: list[T]
    _sums: list[float] | None = field(default=None, repr=False)

    def span(self, upto: date, window: Window | None) -> tuple[int, int]:
        """Index range of the entries dated ≤ ``upto`` and inside ``window``."""
        if window is None:
            return 0, bisect_right(self.dates, upto)
        low = bisect_left(self.dates, window[0])
        high = bisect_right(self.dates, min(upto, window[1]))
        return low, max(low, high)

    def latest(self, upto: date, window: Window | None = None) -> T | None:
        low, high = self.span(upto, window)
        return self.items[high - 1] if high > low else None

    def total(self, upto: date, window: Window) -> float | None:
        """The sum of the entries in the window up to ``upto`` (counts); None if there are none."""
        low, high = self.span(upto, window)
        if high == low:
            return None
        if self._sums is None:  # only count indicators are ever summed: prefix sums on demand
            self._sums = [0.0, *accumulate(float(v) for v in self.items)]  # type: ignore[arg-type]
        return self._sums[high] - self._sums[low]


def _series(reports: list[tuple[date, date, int, T]]) -> Series[T]:
    # Same date: the later `submitted`, then the later row, wins (CONTRACT §2).
    reports.sort()
    dates: list[date] = []
    items: list[T] = []
    for day, _, _, item in reports:
        if dates and dates[-1] == day:
            items[-1] = item
        else:
            dates.append(day)
            items.append(item)
    return Series(dates, items)


def _value_series(observations: list[Observation]) -> Series[Value]:
    # Reports usually arrive in date order, one per date: then there is nothing to sort.
    dates = [obs.as_of for obs in observations]
    if all(map(date.__lt__, dates, dates[1:])):
        return Series(dates, [obs.value for obs in observations])
    return _series(
        [(obs.as_of, obs.submitted or _NEVER, obs.seq, obs.value) for obs in observations]
    )


class Evidence:
    """Everything submitted, indexed for the engine's questions."""

    def __init__(
        self, observations: Iterable[Observation], milestones: Iterable[MilestoneReport]
    ) -> None:
        grouped: dict[tuple[str, str], list[Observation]] = defaultdict(list)
        for obs in observations:
            grouped[obs.unit, obs.indicator].append(obs)
        reports: dict[tuple[str, str], list[tuple[date, date, int, MilestoneReport]]] = defaultdict(
            list
        )
        for rep in milestones:
            reports[rep.unit, rep.task].append((rep.dated, rep.submitted or _NEVER, rep.seq, rep))
        self._values = {key: _value_series(rows) for key, rows in grouped.items()}
        self._reports = {key: _series(rows) for key, rows in reports.items()}

    @classmethod
    def of(cls, submissions: Submissions, known_by: date | None = None) -> Evidence:
        """The index of ``submissions``; with ``known_by``, only what had been submitted by
        then (a row without a ``submitted`` date counts as known: CONTRACT §2 "Known by")."""
        if known_by is None:
            return cls(submissions.observations, submissions.milestones)
        return cls(
            (o for o in submissions.observations if o.submitted is None or o.submitted <= known_by),
            (m for m in submissions.milestones if m.submitted is None or m.submitted <= known_by),
        )

    def values(self, unit: str, indicator: str) -> Series[Value] | None:
        """The unit's series of values of ``indicator``, if it reported any."""
        return self._values.get((unit, indicator))

    def reports(self, unit: str, task: str) -> Series[MilestoneReport] | None:
        """The unit's series of reports on the milestone ``task``, if it sent any."""
        return self._reports.get((unit, task))
