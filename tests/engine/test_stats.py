"""Completion rates by lead unit and by section, worked out by hand."""

from __future__ import annotations

from helpers import done, obs, plan, run, task


def test_rates_count_only_instances_due_by_the_as_of_date() -> None:
    report = run(
        plan(
            task("a1", lead="x", section="一", deadline="2024-03-31"),  # met
            task("a2", lead="x", section="一", deadline="2024-03-31"),  # unreported
            task("a3", lead="x", section="二", deadline="2024-12-31"),  # not due: not counted
            task(
                "b1",
                lead="y",
                section="二",
                indicator="rate",
                target=">= 80",
                deadline="2024-03-31",
            ),  # met late
            task("c1", section="二", deadline="2024-01-31"),  # no lead, missed
            units=("a", "x", "y"),
        ),
        [
            done("a", "a1", "2024-03-01", "2024-03-31"),
            obs("a", "rate", 70, "2024-03-31"),
            obs("a", "rate", 85, "2024-05-31"),
            done("a", "c1", None, "2024-03-31", is_done=False),
        ],
        "2024-06-30",
    )
    by_lead = [(r.key, r.due, r.met, r.overdue, r.rate) for r in report.summaries.by_lead]
    # y: 1 of 1; x: 1 of 2 (a3 is not due); no lead: 0 of 1. Best rate first.
    assert by_lead == [("y", 1, 1, 0, 1.0), ("x", 2, 1, 1, 0.5), (None, 1, 0, 1, 0.0)]
    by_section = [(r.key, r.due, r.met) for r in report.summaries.by_section]
    assert by_section == [
        ("一", 2, 1),
        ("二", 2, 1),
    ]  # equal rates: the one with more due first, then name
    names = {r.key: r.name for r in report.summaries.by_lead}
    assert names["x"] == "单位x"
