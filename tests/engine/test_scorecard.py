"""The per-unit scorecard (CONTRACT §3.1 "units"), worked out by hand: a unit's part of a
shared `all`/`any` instance and of a milestone judged on its own values, of any other
aggregate by the instance's status; ranked by rate, then fewer overdue, then id; and per
parent group over a hierarchy three levels deep."""

from __future__ import annotations

import dataclasses

from medreform_check.model import Unit, Waiver
from medreform_check.report import Status, UnitScore

from helpers import done, obs, plan, run, task

AS_OF = "2024-01-31"


def scorecard() -> list[tuple[str, int, int, int, float | None]]:
    tasks = [
        # a 85 meets >= 80, b 70 does not: the instance is missed, a's part met, b's overdue.
        task("t-all", indicator="rate", target=">= 80", deadline="2023-12-31", owners=("a", "b")),
        # (85 + 70 + 30) / 3 = 61.7 >= 60: met, so every unit's part is met.
        task(
            "t-mean",
            indicator="rate",
            aggregate="mean",
            target=">= 60",
            deadline="2023-12-31",
            owners=("a", "b", "c"),
        ),
        # a done, c not: a met, c overdue.
        task("m", deadline="2023-12-31", owners=("a", "c")),
        # c: level 2 at the deadline, 3 later: its part met late, which counts as met.
        task("t-late", indicator="level", target=">= 3", deadline="2023-06-30", owners=("c",)),
        # Waived: owed by nobody.
        task("t-waived", deadline="2023-12-31", owners=("c",), waived=Waiver("并入其他任务")),
        # Due on the as-of date and not met: due, neither met nor overdue (at risk).
        task("t-today", indicator="level", target=">= 5", deadline=AS_OF, owners=("d",)),
        task("m2", deadline="2023-12-31", owners=("d",)),
        # Not due yet: b and e own it, nothing of it counts.
        task("t-future", deadline="2024-12-31", owners=("b", "e")),
    ]
    rows = [
        obs("a", "rate", 85, "2023-12-31"),
        obs("b", "rate", 70, "2023-12-31"),
        obs("c", "rate", 30, "2023-12-31"),
        done("a", "m", "2023-11-01", "2023-12-31"),
        obs("c", "level", 2, "2023-06-30"),
        obs("c", "level", 3, "2023-09-30"),
        obs("d", "level", 4, "2024-01-01"),
        done("d", "m2", "2023-12-01", "2023-12-31"),
    ]
    report = run(plan(*tasks, units=("a", "b", "c", "d", "e")), rows, AS_OF)
    return [(s.unit, s.due, s.met, s.overdue, s.rate) for s in report.summaries.units]


def test_each_unit_is_judged_on_its_part_and_ranked() -> None:
    assert scorecard() == [
        ("a", 3, 3, 0, 1.0),  # t-all, t-mean, m
        ("c", 3, 2, 1, 2 / 3),  # t-mean, t-late met (late); m overdue; t-waived not owed
        ("d", 2, 1, 0, 0.5),  # m2 met; t-today due, not met, not overdue
        ("b", 2, 1, 1, 0.5),  # t-mean met, t-all overdue: 50 % like d, but more overdue
        ("e", 0, 0, 0, None),  # nothing due: last
    ]


def test_units_of_a_group_share_their_group_status() -> None:
    units = {
        "prov": Unit("prov", "省"),
        "c1": Unit("c1", "市一", parent="prov"),
        "c2": Unit("c2", "市二", parent="prov"),
        "h1": Unit("h1", "医院一", parent="c1"),
        "h2": Unit("h2", "医院二", parent="c2"),
    }
    the_task = task(
        indicator="rate",
        aggregate="mean",
        target=">= 60",
        deadline="2023-12-31",
        owners=("h1", "h2"),
        by="parent",
    )
    the_plan = dataclasses.replace(plan(the_task), units=units)
    rows = [obs("h1", "rate", 70, "2023-12-31"), obs("h2", "rate", 50, "2023-12-31")]
    scores = run(the_plan, rows, AS_OF).summaries.units
    # c1's group (h1: 70) met, c2's (h2: 50) missed.
    assert [(s.unit, s.parent, s.met, s.overdue) for s in scores] == [
        ("h1", "c1", 1, 0),
        ("h2", "c2", 0, 1),
    ]


def test_groups_add_up_every_unit_below_them_three_levels_deep() -> None:
    # prov → city → county → hosp; one milestone per unit, hosp has two.
    units = {
        "prov": Unit("prov", "省卫健委"),
        "city": Unit("city", "市卫健委", parent="prov"),
        "county": Unit("county", "县卫健局", parent="city"),
        "hosp": Unit("hosp", "县医院", parent="county"),
    }
    tasks = [
        task("h-done", deadline="2023-12-31", owners=("hosp",)),
        task("h-open", deadline="2023-12-31", owners=("hosp",)),
        task("county-done", deadline="2023-12-31", owners=("county",)),
        task("city-open", deadline="2023-12-31", owners=("city",)),
    ]
    rows = [
        done("hosp", "h-done", "2023-10-01", "2023-12-31"),
        done("county", "county-done", "2023-10-01", "2023-12-31"),
    ]
    the_plan = dataclasses.replace(plan(*tasks), units=units)
    summaries = run(the_plan, rows, AS_OF).summaries
    assert [(s.unit, s.due, s.met, s.overdue) for s in summaries.units] == [
        ("county", 1, 1, 0),
        ("hosp", 2, 1, 1),
        ("city", 1, 0, 1),
    ]
    # county: hosp (2, 1, 1); city: county + hosp (3, 2, 1); prov: all three (4, 2, 2).
    assert summaries.unit_groups == (
        UnitScore("city", "市卫健委", "prov", 3, 2, 1),
        UnitScore("county", "县卫健局", "city", 2, 1, 1),
        UnitScore("prov", "省卫健委", None, 4, 2, 2),
    )


def test_without_a_hierarchy_there_are_no_groups() -> None:
    report = run(plan(task(deadline="2023-12-31")), [], AS_OF)
    assert report.summaries.unit_groups == ()
    assert [s.unit for s in report.summaries.units] == ["a"]
    assert report.results[0].status is Status.UNREPORTED
