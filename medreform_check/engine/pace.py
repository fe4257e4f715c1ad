"""The pro-rata pace (序时进度, CONTRACT §2 "Pace"): the straight line from where a task starts
— its baseline, or for a later stage the previous stage's target at that stage's deadline — to
its target at its deadline. A task whose value at D is on the wrong side of the line is behind
the pace, and so at risk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from medreform_check.engine.instances import Instance
from medreform_check.report import Note

_RISING_OPS = (">=", ">")
_FALLING_OPS = ("<=", "<")


@dataclass(frozen=True, slots=True)
class PaceLine:
    """From ``start_value`` on ``start`` to ``end_value`` on ``end``; ``rising`` when the
    target asks for more (``>=``), so that falling below the line is falling behind."""

    start: date
    start_value: float
    end: date
    end_value: float
    rising: bool

    def at(self, day: date) -> float:
        """The value the line reaches on ``day``."""
        span = (self.end - self.start).days
        done = (day - self.start).days
        return self.start_value + (self.end_value - self.start_value) * done / span


def pace_line(instance: Instance) -> PaceLine | None:
    """The instance's pace line, or None when it has none: no baseline, not a comparison
    target, an ``every`` instance (each period starts afresh), or a line that would not run
    forward in time (a baseline dated on or after the deadline: ``validate`` warns)."""
    task, target = instance.task, instance.target
    if task.baseline is None or instance.period is not None or target is None:
        return None
    if target.number is None or target.op not in (*_RISING_OPS, *_FALLING_OPS, "=="):
        return None
    start, start_value = task.baseline.as_of, task.baseline.value
    if instance.stage is not None and instance.stage > 1:
        previous = task.stages[instance.stage - 2]
        if previous.deadline is None or previous.target is None or previous.target.number is None:
            return None
        start, start_value = previous.deadline, previous.target.number
    if start >= instance.deadline:
        return None
    if target.op == "==":
        # Exactly a value: behind is short of it, on whichever side the line starts.
        if start_value == target.number:
            return None
        rising = target.number > start_value
    else:
        rising = target.op in _RISING_OPS
    return PaceLine(start, start_value, instance.deadline, target.number, rising)


def behind_pace(line: PaceLine, day: date, value: float) -> float | None:
    """The pace value on ``day`` when ``value`` is on its wrong side, else None.

    Only between the line's start and end: before its start (a later stage while the earlier
    one still runs) the line says nothing. Values on the line are on pace; computed values
    are compared to 1 part in 10⁹, as targets are.
    """
    if not line.start <= day <= line.end:
        return None
    expected = line.at(day)
    slack = 1e-9 * max(1.0, abs(expected), abs(value))
    short = value < expected - slack if line.rising else value > expected + slack
    return expected if short else None


def pace_note(instance: Instance, as_of: date, actual: object) -> Note | None:
    """Behind the pace as of ``as_of``: a note with what the value should be by now (the
    pace value) and what it is; None when on pace or when there is no line or no number."""
    line = pace_line(instance)
    if line is None or not isinstance(actual, int | float) or isinstance(actual, bool):
        return None
    expected = behind_pace(line, as_of, float(actual))
    return None if expected is None else Note("pace", {"expected": expected, "actual": actual})
