"""Submissions that form a panel (every unit's value of every indicator on each date, in the
order quarterly files list them) are read off it as slices (engine/panel.py); the verdicts,
values, trends and missing units must be exactly those of the unit-by-unit series. Drawn as
random plans over random panels, some with a value taken out or given twice (no panel)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medreform_check.commands.audit import build_report
from medreform_check.grouping import panel
from medreform_check.model import Observation, ObservationStore, Plan, Submissions
from medreform_check.report import Report

from helpers import CATALOGUE, HERE, plan, task

UNITS = ("a", "b", "c", "d")
NUMERIC = ("rate", "level", "share", "meetings")  # (mix, a composition, is never a panel)
DAYS = [date(2023, 3, 31), date(2023, 5, 15), date(2023, 6, 30), date(2023, 9, 30),
        date(2023, 12, 31), date(2024, 3, 31), date(2024, 6, 30), date(2024, 12, 31),
        date(2025, 6, 30)]  # fmt: skip
TARGETS = [">= 50", "<= 40", "> 60", "< 20", "== 3", "between 2 and 5", "increase", "decrease"]
DEADLINES = ["2023-06-30", "2023-12-31", "2024-06-30", "2024-12-31", "2025-12-31"]


def _value(draw: st.DrawFn, indicator: str) -> float:
    if indicator in ("level", "meetings"):
        return float(draw(st.integers(min_value=0, max_value=8)))
    return draw(st.sampled_from([0.0, 3.0, 12.5, 40.0, 50.0, 55.5, 60.0, 61.25, 99.9, 100.0]))


@st.composite
def tasks(draw: st.DrawFn, units: tuple[str, ...]) -> list[Any]:
    found = []
    for k in range(draw(st.integers(min_value=1, max_value=4))):
        fields: dict[str, Any] = {
            "indicator": draw(st.sampled_from(NUMERIC)),
            "aggregate": draw(st.sampled_from(["all", "any", "mean", "sum", "min", "max"])),
            "owners": tuple(draw(st.lists(st.sampled_from(units), min_size=1, unique=True))),
        }
        timing = draw(st.sampled_from(["deadline", "stages", "every"]))
        if timing == "deadline":
            fields["target"] = draw(st.sampled_from(TARGETS))
            fields["deadline"] = draw(st.sampled_from(DEADLINES))
        elif timing == "stages":
            first, second = sorted(
                draw(st.lists(st.sampled_from(DEADLINES), min_size=2, max_size=2, unique=True))
            )
            targets = draw(st.lists(st.sampled_from(TARGETS[:6]), min_size=2, max_size=2))
            fields["stages"] = [(first, targets[0]), (second, targets[1])]
        else:
            fields["target"] = draw(st.sampled_from(TARGETS))
            fields["every"] = draw(st.sampled_from(["quarter", "half", "year"]))
        found.append(task(f"t{k}", **fields))
    return found


@st.composite
def cases(draw: st.DrawFn) -> tuple[Plan, list[Observation], date, date | None, str]:
    units = UNITS[: draw(st.integers(min_value=1, max_value=4))]
    days = sorted(draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=5, unique=True)))
    indicators = [i for i in NUMERIC if draw(st.booleans())] or ["rate"]
    rows: list[Observation] = []
    seq = 0
    for day in days:
        sent = draw(
            st.sampled_from([None, day.replace(day=1).replace(month=min(day.month + 1, 12))])
        )
        for unit in units:
            for indicator in indicators:
                seq += 1
                value = _value(draw, indicator)
                rows.append(Observation(unit, indicator, value, day, sent, seq, HERE))
    shape = draw(st.sampled_from(["panel", "panel", "panel", "gap", "twice"]))
    if shape == "gap" and len(rows) > 1:
        del rows[draw(st.integers(min_value=0, max_value=len(rows) - 1))]
    elif shape == "twice":
        again = rows[draw(st.integers(min_value=0, max_value=len(rows) - 1))]
        rows.append(again._replace(value=again.value + 1, seq=seq + 1))
    the_plan = plan(*draw(tasks(units)), units=units)
    as_of = draw(st.sampled_from([*DAYS, date(2026, 1, 31)]))
    known_by = draw(st.sampled_from([None, date(2023, 7, 15), date(2024, 4, 2)]))
    return the_plan, rows, as_of, known_by, shape


def _audit(the_plan: Plan, rows: list[Observation], as_of: date, known_by: date | None) -> Report:
    return build_report([the_plan], CATALOGUE, Submissions(observations=rows), as_of, known_by)


def _seen(report: Report) -> list[dict[str, Any]]:
    """Everything a result says, its trend points included."""
    found = []
    for result in report.results:
        fields = dataclasses.asdict(dataclasses.replace(result, history=None))  # type: ignore[arg-type]
        fields["history"] = tuple(result.history)
        found.append(fields)
    return found


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_a_panel_gives_what_the_unit_by_unit_series_give(
    case: tuple[Plan, list[Observation], date, date | None, str],
) -> None:
    the_plan, rows, as_of, known_by, shape = case
    if shape == "panel":
        store = ObservationStore(rows)
        assert store.panel() is not None  # the panel is read as one
    read_off = _seen(_audit(the_plan, rows, as_of, known_by))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ObservationStore, "panel", lambda self: None)
        unit_by_unit = _seen(_audit(the_plan, rows, as_of, known_by))
    assert read_off == unit_by_unit


def _keys(rows: list[tuple[int, int, int]]) -> Any:
    from array import array

    from medreform_check.grouping import DATE_SHIFT, UNIT_SHIFT

    return array("q", [day << DATE_SHIFT | unit << UNIT_SHIFT | ind for day, unit, ind in rows])


def test_a_block_is_a_panel_only_when_every_unit_has_every_indicator_once() -> None:
    from array import array

    full = [(9, u, i) for u in (1, 2, 3) for i in (0, 4)]
    sent = array("i", [0] * len(full))
    blocks = panel(_keys(full), sent)
    assert blocks is not None and list(blocks[0].units) == [1, 2, 3]
    assert blocks[0].columns == {0: 0, 4: 1}
    # Unit 2 without indicator 4, unit 3 with it twice over: as many rows, no grid.
    odd = [(9, 1, 0), (9, 1, 4), (9, 2, 0), (9, 3, 0), (9, 3, 4), (9, 4, 4)]
    assert panel(_keys(odd), sent) is None
    # The first unit names the indicators; a later unit with another one is no grid.
    other = [(9, 1, 0), (9, 1, 4), (9, 2, 0), (9, 2, 5)]
    assert panel(_keys(other), array("i", [0] * 4)) is None
