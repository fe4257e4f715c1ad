"""Reported values as offices write them."""

from __future__ import annotations

import pytest

from medreform_check.language.values import (
    parse_composition,
    parse_done,
    parse_number,
    shares,
)
from medreform_check.vocabulary import format_number


@pytest.mark.parametrize(
    ("raw", "unit", "expected"),
    [
        (80, "%", 80.0),
        ("80", "%", 80.0),
        ("80%", "%", 80.0),
        ("80 %", "%", 80.0),
        ("８０％", "%", 80.0),
        ("８０．５", None, 80.5),
        ("3级", "级", 3.0),
        ("-5.51", None, -5.51),
        ("1,234.5", None, 1234.5),
        ("5.2‰", "‰", 5.2),
        (" 42 ", None, 42.0),
    ],
)
def test_numbers(raw: object, unit: str | None, expected: float) -> None:
    assert parse_number(raw, unit) == expected


@pytest.mark.parametrize(
    ("raw", "unit", "message"),
    [
        ("80%", "级", "has unit '%'"),
        ("80%", None, "expected no unit"),
        ("abc", None, "not a number"),
        ("nan", None, "not a number"),
        ("1e400", None, "too large a number"),
        (float("inf"), None, "not a finite number"),
        (True, None, "expected a number"),
        ("", None, "not a number"),
        ("1,23", None, "not a number"),
    ],
)
def test_bad_numbers(raw: object, unit: str | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(raw, unit)


@pytest.mark.parametrize(
    "raw", [True, "true", "YES", "y", 1, "1", "是", "完成", "已完成", "ｙｅｓ"]
)
def test_done_words(raw: object) -> None:
    assert parse_done(raw) is True


@pytest.mark.parametrize("raw", [False, "false", "no", 0, "0", "否", "未完成"])
def test_not_done_words(raw: object) -> None:
    assert parse_done(raw) is False


@pytest.mark.parametrize("raw", ["maybe", 2, None, "完成了吗"])
def test_bad_done_words(raw: object) -> None:
    with pytest.raises(ValueError, match="yes/no"):
        parse_done(raw)


def test_compositions_as_text_or_mapping() -> None:
    parts = ("a", "b", "c")
    assert parse_composition("41.2:33.5:25.3", parts) == {"a": 41.2, "b": 33.5, "c": 25.3}
    assert parse_composition("41.2：33.5：25.3", parts) == {"a": 41.2, "b": 33.5, "c": 25.3}
    assert parse_composition({"a": 5, "b": "3", "c": 2}, parts) == {"a": 5, "b": 3, "c": 2}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("1:2", "has 2 part"),
        ({"a": 1, "b": 2}, "missing part"),
        ({"a": 1, "b": 1, "c": 1, "d": 1}, "unknown part"),
        ("0:0:0", "zero"),
        ("-1:2:3", "negative"),
    ],
)
def test_bad_compositions(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_composition(raw, ("a", "b", "c"))


def test_shares_are_percentages() -> None:
    assert shares({"a": 2, "b": 1, "c": 1}) == {"a": 50.0, "b": 25.0, "c": 25.0}


@pytest.mark.parametrize(
    ("value", "text"), [(3.0, "3"), (82.456, "82.46"), (0.5, "0.5"), (-5.51, "-5.51")]
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text
