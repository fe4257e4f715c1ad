"""One task instance seen through the evidence: each in-scope unit's value, the task's value
and whether it meets its target, at any date; and the questions about its history (when was it
first met, what are its trend points). The rules that turn these into a status are in
``evaluate.py``."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import compress
from typing import Any

from medreform_check.engine.aggregates import combine
from medreform_check.engine.evidence import Series, Window
from medreform_check.engine.instances import Instance
from medreform_check.engine.margins import unit_margins
from medreform_check.engine.panel import UnitValues, columns_of
from medreform_check.engine.sources import TaskSources
from medreform_check.language.periods import year_earlier, year_later
from medreform_check.language.targets import Target
from medreform_check.language.values import shares
from medreform_check.model import (
    Indicator,
    MilestoneReport,
    Task,
    Value,
)
from medreform_check.report import (
    Completion,
    Note,
)

Comparable = float | tuple[float, ...]


@dataclass(frozen=True, slots=True)
class State:
    """An instance as of one date: met or not, the value shown, who has not reported."""

    met: bool
    actual: Value | bool | None
    missing: tuple[str, ...]
    no_baseline: bool = False
    passing: tuple[str, ...] = ()  # all, any, milestones: the units whose own part is met
    unusable: Note | None = None  # pooled, weighted_mean: units counted missing, and why


class InstanceView:
    """One instance seen through the evidence: its state at any date."""

    def __init__(self, instance: Instance, indicator: Indicator | None, sources: TaskSources):
        self.instance = instance
        self.task: Task = instance.task
        self.indicator = indicator
        self.units = sources.units
        self.value_series = sources.value_series
        self.report_series = sources.report_series
        self.panel = sources.panel
        self.memo = sources.memo
        self.weighing = sources.weighing
        running = indicator is not None and indicator.cumulative == "year"  # totals: differences
        is_count = running or (indicator is not None and indicator.kind == "count")
        self.counting = is_count
        self.indicator_is_composition = indicator is not None and indicator.kind == "composition"
        # Counts, and every kind in `every` instances, only count inside the instance period.
        self.window: Window | None = (
            (instance.start, instance.deadline) if is_count or instance.period is not None else None
        )

    # --- values -----------------------------------------------------------------------

    def values_at(self, t: date, window: Window | None) -> Mapping[str, Value]:
        """Each unit's value as of ``t`` (summed over the window for counts), if it has one.

        The dict returned may be shared with other instances of the task: read it only.
        """
        key = (t, window)
        if key not in self.memo:
            self.memo[key] = self._values_at(t, window)
        return self.memo[key]

    def _values_at(self, t: date, window: Window | None) -> Mapping[str, Value]:
        if self.panel is not None:
            if self.counting:
                assert window is not None
                return self.panel.totals(t, window)
            return self.panel.latest(t, window)
        found: dict[str, Value] = {}
        if self.counting:
            assert window is not None
            for unit, series in self.value_series:
                total = series.total(t, window)
                if total is not None:
                    found[unit] = total
            return found
        # The loop body is Series.latest inlined: it runs once per unit per date.
        if window is None:
            for unit, series in self.value_series:
                high = bisect_right(series.dates, t)
                if high:
                    value = series.items[high - 1]
                    found[unit] = shares(value) if isinstance(value, dict) else value
            return found
        first, last = window[0], min(t, window[1])
        for unit, series in self.value_series:
            low, high = bisect_left(series.dates, first), bisect_right(series.dates, last)
            if high > low:
                value = series.items[high - 1]
                found[unit] = shares(value) if isinstance(value, dict) else value
        return found

    def _comparable(self, value: Value) -> Comparable:
        if isinstance(value, dict):
            assert self.indicator is not None
            return tuple(value[p] for p in self.indicator.parts)
        return float(value)

    def _baseline_window(self) -> Window | None:
        if self.window is None:
            return None
        return (year_earlier(self.window[0]), year_earlier(self.window[1]))

    # --- state at a date ----------------------------------------------------------------

    def state(self, t: date) -> State:
        if self.indicator is None:
            return self._milestone_state(t)
        present = self.values_at(t, self.window)
        missing = (
            ()
            if len(present) == len(self.units)
            else tuple(u for u in self.units if u not in present)
        )
        if not present:
            return State(False, None, missing)
        if self.weighing is not None:
            return self._weighed(t, present)
        target = self.instance.target
        assert target is not None
        baselines: dict[str, float | None] = {}
        if target.needs_baseline:
            earlier = self.values_at(year_earlier(t), self._baseline_window())
            if not earlier:
                baselines = dict.fromkeys(present)  # nobody reported a year earlier
            elif self.indicator_is_composition:
                baselines = {u: number_of(earlier.get(u)) for u in present}
            elif (
                isinstance(present, UnitValues)
                and isinstance(earlier, UnitValues)
                and (earlier.units is present.units)
            ):  # the same units, in the same order: their values a year earlier as they are
                baselines = dict(zip(present.units, earlier.numbers, strict=True))
            else:  # plain values are floats already: number_of would return each as it is
                baselines = dict(zip(present, map(earlier.get, present), strict=True))  # type: ignore[arg-type]
        if self.task.aggregate in ("all", "any"):
            return self._unit_by_unit(present, missing, baselines)
        combined = combine(self.task.aggregate, columns_of(present)[1])
        baseline: float | None = None
        if target.needs_baseline and all(b is not None for b in baselines.values()):
            known = [b for b in baselines.values() if b is not None]
            baseline = number_of(combine(self.task.aggregate, known))
        met = not missing and target.meets(self._comparable(combined), baseline)
        return State(met, combined, missing, target.needs_baseline and baseline is None)

    def _weighed(self, t: date, present: Mapping[str, Value]) -> State:
        """`pooled` and `weighted_mean`: a unit that cannot be weighed counts as missing."""
        assert self.weighing is not None and self.instance.target is not None
        target = self.instance.target
        now = self.weighing.at(t, self.window, present)
        missing = tuple(u for u in self.units if u not in now.used)
        baseline: float | None = None
        if target.needs_baseline:
            day, window = year_earlier(t), self._baseline_window()
            baseline = number_of(self.weighing.at(day, window, self.values_at(day, window)).value)
        met = (
            not missing
            and now.value is not None
            and target.meets(self._comparable(now.value), baseline)
        )
        unusable = self.weighing.note(now.excluded) if now.excluded else None
        no_baseline = target.needs_baseline and baseline is None
        return State(met, now.value, missing, no_baseline, unusable=unusable)

    def _unit_by_unit(
        self,
        present: Mapping[str, Value],
        missing: tuple[str, ...],
        baselines: dict[str, float | None],
    ) -> State:
        """`all` and `any`: each unit judged on its own value (and its own year-earlier value)."""
        target = self.instance.target
        assert target is not None
        if not baselines and not self.indicator_is_composition:
            fast = self._units_judged(present, missing, target)
            if fast is not None:
                return fast
        margins: dict[str, float] = {}
        passing: list[str] = []
        for unit, value in present.items():
            comparable, baseline = self._comparable(value), baselines.get(unit)
            margin = target.margin(comparable, baseline)
            margins[unit] = float("-inf") if margin is None else margin
            if target.meets(comparable, baseline):
                passing.append(unit)
        if self.task.aggregate == "all":
            met = not missing and len(passing) == len(present)
            decider = min(margins, key=margins.__getitem__)  # the worst unit's value is shown
        else:
            met = bool(passing)
            decider = max(margins, key=margins.__getitem__)  # the best unit's value is shown
        no_baseline = target.needs_baseline and any(b is None for b in baselines.values())
        return State(met, present[decider], missing, no_baseline, tuple(passing))

    def _units_judged(
        self, present: Mapping[str, Value], missing: tuple[str, ...], target: Target
    ) -> State | None:
        """`all` and `any` over plain numbers and a comparison or `between` target: every
        unit's margin at once (engine/margins.py); None for other targets."""
        units, numbers = columns_of(present)
        judged = unit_margins(target, numbers)
        if judged is None:
            return None
        margins, meets = judged
        passing = tuple(compress(units, meets))
        if self.task.aggregate == "all":
            met = not missing and len(passing) == len(present)
            decider = margins.index(min(margins))  # the worst unit's value is shown
        else:
            met = bool(passing)
            decider = margins.index(max(margins))  # the best unit's value is shown
        return State(met, numbers[decider], missing, False, passing)

    def _reports_at(self, t: date) -> dict[str, MilestoneReport]:
        found = {}
        for unit, series in self.report_series:
            report = series.latest(t, self.window)
            if report is not None:
                found[unit] = report
        return found

    def _milestone_state(self, t: date) -> State:
        reports = self._reports_at(t)
        done = sum(r.done for r in reports.values())
        missing = tuple(u for u in self.units if u not in reports)
        met = done == len(self.units) if self.task.aggregate == "all" else done > 0
        actual = None if not reports else met
        passing = tuple(u for u, r in reports.items() if r.done)
        return State(met, actual, missing, passing=passing)

    # --- questions about history ----------------------------------------------------------

    def dates(self, upto: date) -> list[date]:
        """Every date on which some in-scope unit reported, up to ``upto``."""
        if self.panel is not None:
            return self.panel.dates(upto, self.window)
        found: set[date] = set()
        every: list[Series[Any]] = [s for _, s in self.value_series] + [
            s for _, s in self.report_series
        ]
        for series in every:
            low, high = series.span(upto, self.window)
            found.update(series.dates[low:high])
        return sorted(found)

    def completions(self, upto: date) -> tuple[Completion, ...]:
        """Each in-scope unit's latest milestone report, for showing who finished when."""
        reports = self._reports_at(upto)
        if not reports:
            return ()
        return tuple(
            Completion(u, reports[u].done, reports[u].completed_on, reports[u].evidence)
            for u in self.units
            if u in reports
        )

    def has_evidence(self, upto: date) -> bool:
        return bool(self.dates(upto))

    def history(self, upto: date) -> list[tuple[date, float]]:
        """The task's numeric value at each reported date: the points of the trend line."""
        if self.indicator is None or self.indicator.kind == "composition":
            return []
        points = []
        for day in self.dates(upto):
            actual = self.state(day).actual
            if isinstance(actual, (int, float)) and not isinstance(actual, bool):
                points.append((day, float(actual)))
        return points

    def first_met(self, after: date, upto: date) -> date:
        """The first date in (after, upto] on which the instance was met."""
        candidates = set(self.dates(upto))
        target = self.instance.target
        if target is not None and target.needs_baseline:
            # A trend target can also become met when last year's value drops out.
            earlier, window = year_earlier(upto), self._baseline_window()
            if self.panel is not None:
                candidates.update(year_later(day) for day in self.panel.dates(earlier, window))
            for _, series in self.value_series:
                low, high = series.span(earlier, window)
                candidates.update(year_later(day) for day in series.dates[low:high])
        for day in sorted(d for d in candidates if after < d <= upto):
            if self.state(day).met:
                return day
        return upto


def number_of(value: Value | None) -> float | None:
    """A plain number (a composition has none)."""
    return None if value is None or isinstance(value, dict) else float(value)
