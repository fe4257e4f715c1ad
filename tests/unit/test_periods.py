"""Periods and deadlines, in every form the contract lists."""

from __future__ import annotations

from datetime import date

import pytest

from medreform_check.language.periods import (
    Period,
    parse_date,
    parse_deadline,
    parse_period,
    periods_overlapping,
    year_earlier,
)


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2024-Q2", "2024-Q2", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024q2", "2024-Q2", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024年第二季度", "2024-Q2", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024年二季度", "2024-Q2", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024-H1", "2024-H1", date(2024, 1, 1), date(2024, 6, 30)),
        ("2024年下半年", "2024-H2", date(2024, 7, 1), date(2024, 12, 31)),
        ("2024", "2024", date(2024, 1, 1), date(2024, 12, 31)),
        (2024, "2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024年度", "2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-02", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023年2月", "2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        ("２０２４－Ｑ２", "2024-Q2", date(2024, 4, 1), date(2024, 6, 30)),
    ],
)
def test_periods(text: object, label: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize(
    "text", ["2024-Q5", "2024-13", "Q2", "", "2024年第五季度", True, 3.5, "0000"]
)
def test_bad_periods(text: object) -> None:
    with pytest.raises(ValueError, match=r"period|month|year"):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-31", date(2024, 5, 31)),
        (date(2024, 5, 31), date(2024, 5, 31)),
        ("2024-05", date(2024, 5, 31)),
        ("2024-02", date(2024, 2, 29)),
        ("2024-Q2", date(2024, 6, 30)),
        ("2024-H1", date(2024, 6, 30)),
        ("2024", date(2024, 12, 31)),
        (2024, date(2024, 12, 31)),
        ("2023年底", date(2023, 12, 31)),
        ("2023年末", date(2023, 12, 31)),
        ("2023年12月31日", date(2023, 12, 31)),
        ("2024年5月底前", date(2024, 5, 31)),
        ("2024年5月31日前", date(2024, 5, 31)),
        ("2024年上半年", date(2024, 6, 30)),
        ("2024年第二季度", date(2024, 6, 30)),
        ("到2025年", date(2025, 12, 31)),
        ("2025年底前", date(2025, 12, 31)),
        ("力争到2023年底", date(2023, 12, 31)),
        ("2024年5月", date(2024, 5, 31)),
        ("2024年2月底", date(2024, 2, 29)),
    ],
)
def test_deadlines(text: object, expected: date) -> None:
    parsed = parse_deadline(text)
    assert (parsed.day, parsed.ambiguous) == (expected, False)


def test_2025_nian_qian_is_ambiguous_and_means_the_year_end() -> None:
    parsed = parse_deadline("2025年前")
    assert (parsed.day, parsed.ambiguous) == (date(2025, 12, 31), True)


@pytest.mark.parametrize(
    "text", ["明年", "2024年13月底", "2023-02-30", "9999-01-01", "2024-5-32", "soon", None]
)
def test_bad_deadlines(text: object) -> None:
    with pytest.raises(ValueError):
        parse_deadline(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-20", date(2024, 5, 20)),
        ("2024/5/20", date(2024, 5, 20)),
        ("2024.5.20", date(2024, 5, 20)),
        ("2024年5月20日", date(2024, 5, 20)),
        ("20240520", date(2024, 5, 20)),
        ("2024-05-20 00:00:00", date(2024, 5, 20)),
        ("２０２４－０５－２０", date(2024, 5, 20)),
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "not a calendar date"),
        ("0000-01-01", "out of range"),
        ("9999-12-31", "out of range"),
        ("2024-05", "not a date"),
        ("yesterday", "not a date"),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_periods_overlapping_cover_partial_ends() -> None:
    found = [p.label for p in periods_overlapping("quarter", date(2023, 9, 28), date(2024, 1, 1))]
    assert found == ["2023-Q3", "2023-Q4", "2024-Q1"]


def test_next_period_rolls_over_the_year() -> None:
    assert Period("month", 2023, 12).next() == Period("month", 2024, 1)
    assert Period("half", 2023, 2).next() == Period("half", 2024, 1)


def test_year_earlier_of_a_leap_day() -> None:
    assert year_earlier(date(2024, 2, 29)) == date(2023, 2, 28)
    assert year_earlier(date(2024, 3, 1)) == date(2023, 3, 1)
