"""How in-scope units' values combine into the task's value (CONTRACT §2 "Aggregates").

`mean`, `sum`, `min` and `max` combine the values as they are. `pooled` and `weighted_mean`
weigh each unit: `pooled` adds up the numerators and the denominators of a ratio indicator
(100 × Σ numerators ÷ Σ denominators, the way a statistical office pools a rate, so that a
city of ten million weighs ten times one of a million); `weighted_mean` weighs each unit's
value by its latest value of the `weight` indicator as of the same date. A unit whose value
cannot be weighed — a rate reported without its numerator and denominator, a value without a
weight — counts as missing, and the note says why. With `by: parent` the units are judged in
groups, one per parent.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from medreform_check.engine.evidence import Evidence, Series, Window
from medreform_check.model import Indicator, Plan, Task, Value
from medreform_check.report import Note

WEIGHING = ("pooled", "weighted_mean")
_Pair = tuple[Series[Value] | None, Series[Value] | None]  # a numerator and a denominator


def combine(aggregate: str, values: Sequence[Value]) -> Value:
    """`mean`, `sum`, `min` or `max` of the values (compositions: the mean of each part)."""
    first = values[0]
    if isinstance(first, dict):
        # Compositions combine part by part (only `mean` is allowed for them).
        parts = [v for v in values if isinstance(v, dict)]
        return {p: sum(c[p] for c in parts) / len(parts) for p in first}
    numbers: Sequence[float] = values  # type: ignore[assignment]  # an indicator's values share its kind
    if aggregate == "sum":
        return sum(numbers)
    if aggregate == "min":
        return min(numbers)
    if aggregate == "max":
        return max(numbers)
    return sum(numbers) / len(numbers)


@dataclass(frozen=True, slots=True)
class Weighed:
    """The task's value at one date, and which units it could use."""

    value: Value | None  # None: no unit could be weighed, or the weights add up to nothing
    used: frozenset[str]
    excluded: tuple[str, ...]  # units with a value that could not be weighed


def _on(series: Series[Value] | None, day: date) -> float | None:
    """The series' entry dated exactly ``day``, if there is one."""
    if series is None:
        return None
    k = bisect_left(series.dates, day)
    if k == len(series.dates) or series.dates[k] != day:
        return None
    value = series.items[k]
    return None if isinstance(value, dict) else float(value)


class Weighing:
    """What a `pooled` or `weighted_mean` task needs besides its units' values: each unit's
    numerator and denominator series, or its weight series, looked up once per task."""

    def __init__(
        self,
        task: Task,
        indicator: Indicator,
        rates: Sequence[tuple[str, Series[Value]]],
        evidence: Evidence,
    ) -> None:
        self.pooled = task.aggregate == "pooled"
        self.rates = rates
        self.weight = task.weight or ""
        self.components: dict[str, _Pair] = {}
        self.weights: dict[str, Series[Value] | None] = {}
        numerator, denominator = indicator.ratio_of or ("", "")
        for unit, _ in rates:
            if self.pooled:
                pair = evidence.values(unit, numerator), evidence.values(unit, denominator)
                self.components[unit] = pair
            else:
                self.weights[unit] = evidence.values(unit, self.weight)
        self.memo: dict[tuple[date, Window | None], Weighed] = {}

    def at(self, t: date, window: Window | None, present: Mapping[str, Value]) -> Weighed:
        """The weighed value as of ``t``; ``present`` is each unit's value then."""
        key = (t, window)
        if key not in self.memo:
            self.memo[key] = self._pool(t, window) if self.pooled else self._weigh(t, present)
        return self.memo[key]

    def note(self, units: tuple[str, ...]) -> Note:
        """Why ``units`` could not be weighed."""
        if self.pooled:
            return Note("rate_only", {"units": units})
        return Note("no_weight", {"units": units, "weight": self.weight})

    def _pool(self, t: date, window: Window | None) -> Weighed:
        """100 × Σ numerators ÷ Σ denominators, each unit's pair taken from the date of its
        latest rate: a rate computed from them (loading/ratios.py) has both on that date, a
        rate reported alone has not."""
        numerators = denominators = 0.0
        used: set[str] = set()
        excluded: list[str] = []
        for unit, series in self.rates:
            low, high = series.span(t, window)
            if high <= low:
                continue  # nothing reported: missing, not excluded
            day = series.dates[high - 1]
            numerator_series, denominator_series = self.components[unit]
            numerator = _on(numerator_series, day)
            denominator = _on(denominator_series, day)
            if numerator is None or denominator is None:
                excluded.append(unit)
                continue
            numerators += numerator
            denominators += denominator
            used.add(unit)
        value = 100.0 * numerators / denominators if used and denominators else None
        return Weighed(value, frozenset(used), tuple(excluded))

    def _weigh(self, t: date, present: Mapping[str, Value]) -> Weighed:
        """Σ weight × value ÷ Σ weight, part by part for a composition."""
        total = 0.0
        sums: dict[str, float] = {}
        used: set[str] = set()
        excluded: list[str] = []
        for unit, value in present.items():
            series = self.weights.get(unit)
            weight = series.latest(t) if series is not None else None
            if weight is None or isinstance(weight, dict):
                excluded.append(unit)
                continue
            # A composition's values are shares already (Evidence gives them so).
            parts = value if isinstance(value, dict) else {"": float(value)}
            for part, number in parts.items():
                sums[part] = sums.get(part, 0.0) + float(weight) * number
            total += float(weight)
            used.add(unit)
        if not used or not total:
            return Weighed(None, frozenset(used), tuple(excluded))
        combined = {part: number / total for part, number in sums.items()}
        return Weighed(combined.get("", combined), frozenset(used), tuple(excluded))


def missing_notes(missing: tuple[str, ...], unusable: Note | None) -> list[Note]:
    """Who did not report, and apart from them, with the reason, the units that reported
    what could not be weighed."""
    skipped = set(unusable.args["units"]) if unusable is not None else set()
    unreported = tuple(u for u in missing if u not in skipped)
    notes = [Note("missing_units", {"units": unreported})] if unreported else []
    return notes + ([unusable] if unusable is not None else [])


def unit_groups(plan: Plan, task: Task) -> list[tuple[str | None, tuple[str, ...]]]:
    """The units a task's instances are judged over: all of its units at once, or with
    `by: parent` one group per parent, in the order the units come (a unit without a parent,
    which lint refuses, makes a group of its own with no parent)."""
    units = plan.units_in_scope(task)
    if task.by != "parent":
        return [(None, units)]
    groups: dict[str | None, list[str]] = {}
    for ident in units:
        unit = plan.units.get(ident)
        groups.setdefault(unit.parent if unit is not None else None, []).append(ident)
    return [(parent, tuple(members)) for parent, members in groups.items()]
