"""The per-unit scorecard (CONTRACT §3.1 "units", 各单位完成情况): for each unit, the
instances it owns that are due by the as-of date, how many of them it met and how many are
overdue; with a hierarchy, the same added up per parent over the units below it.

A unit's part of a shared `all`/`any` instance, and of a milestone, is judged on its own
values (the engine names the units whose part was met); of any other aggregate — a mean, a
pooled rate — by the instance's status, which every unit of it shares. Waived instances are
not owed, as in every completion rate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from medreform_check.report import Result, Status, UnitScore

DONE = (Status.MET, Status.MET_LATE)


def _ranked(scores: Iterable[UnitScore]) -> tuple[UnitScore, ...]:
    """Best rate first (nothing due last), then fewer overdue, then by id."""
    return tuple(
        sorted(scores, key=lambda s: (s.rate is None, -(s.rate or 0.0), s.overdue, s.unit))
    )


def _tallies(results: Iterable[Result], as_of: date) -> dict[str, list[int]]:
    """unit → [due, met, overdue], for every unit that owns some instance. Counted in C over
    all of an instance's units at once, and once for all the instances that share their
    units and their outcome (a nation's tasks each have the same fifty thousand)."""
    owners: dict[str, None] = {}
    shared: Counter[tuple[int, str]] = Counter()  # (units, outcome) -> instances
    units_of: dict[int, tuple[str, ...]] = {}
    due, met, overdue = Counter[str](), Counter[str](), Counter[str]()
    for result in results:
        if id(result.units) not in units_of:
            units_of[id(result.units)] = result.units
            owners.update(dict.fromkeys(result.units))
        if result.deadline > as_of or result.status is Status.WAIVED:
            continue
        if result.units_met is None:
            outcome = "met" if result.status in DONE else "overdue" if result.status.overdue else ""
            shared[id(result.units), outcome] += 1
            continue
        due.update(result.units)
        met.update(result.units_met)  # (a subset of its units)
        if result.deadline < as_of:  # past its deadline and not met: overdue
            passed = set(result.units_met)
            overdue.update(unit for unit in result.units if unit not in passed)
    for (units, outcome), times in shared.items():
        counted = dict.fromkeys(units_of[units], times)
        due.update(counted)
        if outcome:
            (met if outcome == "met" else overdue).update(counted)
    return {unit: [due[unit], met[unit], overdue[unit]] for unit in owners}


def unit_scores(
    results: Sequence[Result],
    as_of: date,
    names: Mapping[str, str],
    parents: Mapping[str, str | None],
) -> tuple[UnitScore, ...]:
    """Every unit that owns an instance, ranked."""
    return _ranked(
        UnitScore(unit, names.get(unit, unit), parents.get(unit), *tally)
        for unit, tally in _tallies(results, as_of).items()
    )


def group_scores(
    scores: Sequence[UnitScore], names: Mapping[str, str], parents: Mapping[str, str | None]
) -> tuple[UnitScore, ...]:
    """Per parent, the scores of every unit below it (children, their children…) added up,
    ranked; empty when no unit has a parent."""
    totals: dict[str, list[int]] = {}
    for score in scores:
        seen: set[str] = set()
        parent = parents.get(score.unit)
        while parent is not None and parent not in seen:  # lint refuses cycles; never loop
            seen.add(parent)
            total = totals.setdefault(parent, [0, 0, 0])
            total[0] += score.due
            total[1] += score.met
            total[2] += score.overdue
            parent = parents.get(parent)
    return _ranked(
        UnitScore(unit, names.get(unit, unit), parents.get(unit), *total)
        for unit, total in totals.items()
    )
