"""Reporting completeness and timeliness (CONTRACT §2.1), at the boundary days."""

from __future__ import annotations

from datetime import date

from medreform_check.engine.reporting import reporting_entries
from medreform_check.model import Receipt, Reporting
from medreform_check.periods import Period

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
