"""Reporting completeness and timeliness (CONTRACT §2.1), at the boundary days."""

from __future__ import annotations

import dataclasses
from datetime import date

from medreform_check.engine.reporting import reporting_duties, reporting_entries
from medreform_check.language.periods import Period
from medreform_check.model import Receipt, Reporting, Unit

from helpers import HERE, d, plan, task

Q1, Q2 = Period("quarter", 2024, 1), Period("quarter", 2024, 2)


def quarterly(**fields: object) -> object:
    return plan(
        task(deadline="2024-12-31", owners=("a", "b")),
        reporting=Reporting("quarter", 15),
        start="2024-01-01",
        **fields,
    )


def statuses(
    receipts: list[Receipt], as_of: str, **fields: object
) -> list[tuple[str, str, str, date | None]]:
    entries = reporting_entries(quarterly(**fields), receipts, d(as_of))  # type: ignore[arg-type]
    return [(e.unit, e.period, e.status.value, e.submitted) for e in entries]


def receipt(unit: str, period: Period, submitted: str | None) -> Receipt:
    return Receipt(unit, period, d(submitted) if submitted else None, HERE)


def test_a_period_is_listed_only_after_its_last_day() -> None:
    assert statuses([], "2024-03-31") == []
    assert statuses([], "2024-04-01") == [
        ("a", "2024-Q1", "due", None),
        ("b", "2024-Q1", "due", None),
    ]


def test_due_on_the_due_day_missing_the_day_after() -> None:
    # Q1 ends 2024-03-31; due 15 days later, 2024-04-15.
    assert statuses([], "2024-04-15")[0][2] == "due"
    assert statuses([], "2024-04-16")[0][2] == "missing"


def test_on_time_on_the_due_day_late_a_day_after() -> None:
    found = statuses([receipt("a", Q1, "2024-04-15"), receipt("b", Q1, "2024-04-16")], "2024-05-01")
    assert found == [
        ("a", "2024-Q1", "on_time", d("2024-04-15")),
        ("b", "2024-Q1", "late", d("2024-04-16")),
    ]


def test_received_without_a_submitted_date() -> None:
    assert statuses([receipt("a", Q1, None)], "2024-05-01")[0] == ("a", "2024-Q1", "received", None)


def test_the_first_dated_submission_decides() -> None:
    found = statuses([receipt("a", Q1, "2024-05-01"), receipt("a", Q1, "2024-04-10")], "2024-05-02")
    assert found[0] == ("a", "2024-Q1", "on_time", d("2024-04-10"))


def test_a_report_for_another_period_does_not_count() -> None:
    assert statuses([receipt("a", Q2, "2024-04-10")], "2024-05-01")[0][2] == "missing"


def test_periods_ended_before_the_plan_was_issued_are_not_owed() -> None:
    found = statuses([], "2024-07-01", issued=d("2024-05-20"))
    assert {period for _, period, _, _ in found} == {"2024-Q2"}


def test_no_reporting_without_plan_reporting() -> None:
    assert reporting_entries(plan(task(deadline="2024-12-31")), [], d("2025-01-01")) == []


def test_rates_per_unit_and_per_period() -> None:
    from medreform_check.commands.summaries import reporting_rates

    receipts = [
        receipt("a", Q1, "2024-04-10"),
        receipt("a", Q2, "2024-07-20"),
        receipt("b", Q1, None),
    ]
    entries = reporting_entries(quarterly(), receipts, d("2024-07-10"))  # type: ignore[arg-type]
    # Q1 (due 04-15): a on time, b received without a date. Q2 (due 07-15): not yet due, not owed.
    by_unit = {
        r.key: (r.owed, r.received, r.on_time, r.rate, r.on_time_rate)
        for r in reporting_rates(entries, "unit")
    }
    assert by_unit == {"a": (1, 1, 1, 1.0, 1.0), "b": (1, 1, 0, 1.0, 0.0)}
    # As of 07-16 Q2 is owed and nobody has reported: a sends its report on 07-20.
    on_16 = reporting_entries(quarterly(), receipts, d("2024-07-16"))  # type: ignore[arg-type]
    assert {r.key: (r.owed, r.received, r.on_time) for r in reporting_rates(on_16, "period")} == {
        "2024-Q1": (2, 2, 1),
        "2024-Q2": (2, 0, 0),
    }
    on_21 = reporting_entries(quarterly(), receipts, d("2024-07-21"))  # type: ignore[arg-type]
    assert {r.key: (r.owed, r.received, r.on_time) for r in reporting_rates(on_21, "period")} == {
        "2024-Q1": (2, 2, 1),
        "2024-Q2": (2, 1, 0),
    }


def test_a_report_sent_after_the_as_of_date_has_not_arrived() -> None:
    assert statuses([receipt("a", Q1, "2024-04-20")], "2024-04-18")[0][2] == "missing"
    assert statuses([receipt("a", Q1, "2024-04-20")], "2024-04-20")[0][2] == "late"


def test_who_owes_reports_follows_each_units_reports_key() -> None:
    """Owners report at the plan's frequency (a); `reports: false` owes none (b); an
    annual-only owner is chased once a year, not every quarter (c); a unit that owns
    nothing owes reports when its `reports:` says so (d), else none (e)."""
    units = {
        "a": Unit("a", "A"),
        "b": Unit("b", "B", reports=False),
        "c": Unit("c", "C", reports="year"),
        "d": Unit("d", "D", reports="quarter"),
        "e": Unit("e", "E"),
    }
    the_plan = dataclasses.replace(
        plan(
            task(deadline="2024-12-31", owners=("a", "b", "c")),
            reporting=Reporting("quarter", 15),
            start="2024-01-01",
        ),
        units=units,
    )
    annual = receipt("c", Period("year", 2024, 1), "2025-01-10")
    entries = reporting_entries(the_plan, [annual], d("2025-01-20"))
    # Q1–Q4 2024 have ended; 2024 too (due 2025-01-15, like Q4). Ordered by the period's
    # last day, then by unit (owners first, then the others that report).
    assert [(e.unit, e.period, e.status.value) for e in entries] == [
        ("a", "2024-Q1", "missing"),
        ("d", "2024-Q1", "missing"),
        ("a", "2024-Q2", "missing"),
        ("d", "2024-Q2", "missing"),
        ("a", "2024-Q3", "missing"),
        ("d", "2024-Q3", "missing"),
        ("a", "2024-Q4", "missing"),
        ("c", "2024", "on_time"),
        ("d", "2024-Q4", "missing"),
    ]
    assert reporting_duties(the_plan) == [("a", "quarter"), ("c", "year"), ("d", "quarter")]


def test_without_plan_reporting_nobody_owes_reports() -> None:
    the_plan = dataclasses.replace(
        plan(task(deadline="2024-12-31")), units={"a": Unit("a", "A", reports="quarter")}
    )
    assert reporting_duties(the_plan) == []
    assert reporting_entries(the_plan, [], d("2025-01-20")) == []


def test_the_reports_a_plan_owes_are_counted_at_each_units_frequency() -> None:
    from medreform_check.engine.reporting import count_reports

    units = {
        "a": Unit("a", "A"),  # owner: quarterly, 4 in 2024
        "b": Unit("b", "B", reports=False),  # none
        "c": Unit("c", "C", reports="year"),  # 1
        "d": Unit("d", "D", reports="month"),  # owns nothing but must report: 12
    }
    the_plan = dataclasses.replace(
        plan(
            task(deadline="2024-12-31", owners=("a", "b", "c")),
            reporting=Reporting("quarter", 15),
            start="2024-01-01",
            end="2024-12-31",
        ),
        units=units,
    )
    assert count_reports(the_plan) == 4 + 0 + 1 + 12
    assert count_reports(the_plan, cap=10) > 10  # counting stops once past the cap
