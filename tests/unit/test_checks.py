"""The consistency-check language and how checks treat submitted rows."""

from __future__ import annotations

import re

import pytest

from medreform_check.errors import Severity
from medreform_check.language.expressions import (
    RuleError,
    ZeroDivision,
    evaluate,
    holds,
    parse_rule,
)
from medreform_check.loading.checks import Check, checks_from
from medreform_check.loading.consistency import apply_checks
from medreform_check.loading.yamldoc import load_yaml_text
from medreform_check.model import Submissions

from helpers import CATALOGUE, HERE, obs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7),  # * before +
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),  # left to right
        ("12 / 3 / 2", 2),
        ("2 * -3 + 10", 4),  # unary minus binds to its factor
        ("-(2 + 3) * 2", -10),
        ("a + b.x * 2", 1 + 20),
    ],
)
def test_precedence(text: str, expected: float) -> None:
    rule = parse_rule(f"{text} == 0")
    assert evaluate(rule.left, {"a": 1, "b": {"x": 10}}) == expected


@pytest.mark.parametrize(
    ("text", "message", "col"),
    [
        ("a <= b +", "expected a number, an indicator or '('", 9),
        ("a b", "expected a comparison", 3),
        ("a <= (b", "expected ')'", 8),
        ("a <= b <= c", "unexpected '<='", 8),
        ("a = b", "unexpected character '='", 3),
        ("a <= b; import os", "unexpected character ';'", 7),
        ("__import__('os') == 1", "unexpected character '''", 12),
    ],
)
def test_syntax_errors_say_where(text: str, message: str, col: int) -> None:
    with pytest.raises(RuleError, match=re.escape(message)) as info:
        parse_rule(text)
    assert info.value.col == col


def test_comparisons_and_tolerance() -> None:
    values = {"a": 50.0, "b": 30.0, "c": 20.2}
    assert holds(parse_rule("a + b + c == 100"), values, tolerance=0.5)[0]
    assert not holds(parse_rule("a + b + c == 100"), values)[0]
    assert holds(parse_rule("a + b + c != 100"), values)[0]
    assert holds(parse_rule("a >= b"), values) == (True, 50.0, 30.0)
    assert not holds(parse_rule("a < b"), values)[0]


def test_division_by_zero_is_reported_not_raised_as_a_crash() -> None:
    with pytest.raises(ZeroDivision) as info:
        holds(parse_rule("a / (b - 30) > 1"), {"a": 1, "b": 30})
    assert str(info.value.divisor) != ""


def test_unknown_identifiers_are_findings() -> None:
    doc = load_yaml_text(
        "schema_version: 1\nchecks:\n"
        "  - {id: a, rule: rate <= levle, severity: error, message: m}\n"
        "  - {id: b, rule: mix <= 100, severity: error, message: m}\n"
        "  - {id: c, rule: mix.q <= 100, severity: error, message: m}\n"
        "  - {id: d, rule: rate.x <= 100, severity: error, message: m}\n"
        "  - {id: e, rule: 'rate <=', severity: error, message: m}\n",
        "c.yaml",
    )
    checks, findings = checks_from(doc, CATALOGUE)
    assert checks == []
    assert [(f.code, f.where.line, f.message) for f in findings] == [
        ("check-unknown", 3, "unknown indicator 'levle' (at character 9 of the rule)"),
        ("check-unknown", 4, "mix is a composition: name a part (mix.a, mix.b, mix.c)"),
        ("check-unknown", 5, "mix has no part 'q' (parts: a, b, c)"),
        ("check-unknown", 6, "rate is a rate, it has no part 'x'"),
        (
            "check-syntax",
            7,
            "expected a number, an indicator or '(', found the end of the rule (at character 8 of the rule)",
        ),
    ]


def check(rule: str, severity: Severity = Severity.ERROR, tolerance: float = 0.0) -> Check:
    return Check("c1", parse_rule(rule), severity, "说明", HERE, tolerance)


def test_an_error_check_rejects_the_conflicting_rows_only() -> None:
    subs = Submissions(
        observations=[
            obs("a", "share", 55, "2024-06-30"),
            obs("a", "rate", 50, "2024-06-30"),
            obs("a", "share", 40, "2024-03-31"),  # another date: not compared with the June rate
            obs("b", "share", 45, "2024-06-30"),
            obs("b", "rate", 50, "2024-06-30"),
        ]
    )
    apply_checks(subs, [check("share <= rate")])
    assert [(r.unit, r.reason) for r in subs.rejected] == [
        ("a", "check 'c1': 说明 (share <= rate: 55 <= 50 is false)"),
        ("a", "check 'c1': 说明 (share <= rate: 55 <= 50 is false)"),
    ]
    assert [(o.unit, o.indicator, o.value) for o in subs.observations] == [
        ("a", "share", 40),
        ("b", "share", 45),
        ("b", "rate", 50),
    ]


def test_a_warning_check_keeps_the_rows() -> None:
    subs = Submissions(
        observations=[obs("a", "share", 55, "2024-06-30"), obs("a", "rate", 50, "2024-06-30")]
    )
    apply_checks(subs, [check("share <= rate", Severity.WARNING)])
    assert subs.rejected == [] and len(subs.observations) == 2
    assert [w.code for w in subs.warnings] == ["row-check-warning"]


def test_a_check_with_a_missing_operand_is_skipped() -> None:
    subs = Submissions(observations=[obs("a", "share", 55, "2024-06-30")])
    apply_checks(subs, [check("share <= rate")])
    assert subs.rejected == [] and subs.warnings == [] and len(subs.observations) == 1


def test_division_by_zero_skips_the_check_with_a_warning() -> None:
    subs = Submissions(
        observations=[obs("a", "share", 5, "2024-06-30"), obs("a", "rate", 0, "2024-06-30")]
    )
    apply_checks(subs, [check("share / rate <= 1")])
    assert subs.rejected == [] and len(subs.observations) == 2
    assert [w.reason for w in subs.warnings] == [
        "check 'c1' skipped for 2024-06-30: it divides by rate, which is zero"
    ]


def test_only_the_latest_row_of_a_date_is_checked() -> None:
    # The unit corrected its share from 55 to 45 in a later submission for the same date.
    subs = Submissions(
        observations=[
            obs("a", "share", 55, "2024-06-30", submitted="2024-07-01"),
            obs("a", "share", 45, "2024-06-30", submitted="2024-07-05"),
            obs("a", "rate", 50, "2024-06-30", submitted="2024-07-01"),
        ]
    )
    apply_checks(subs, [check("share <= rate")])
    assert subs.rejected == []


def test_composition_parts_sum_with_tolerance() -> None:
    rows = [obs("a", "mix", {"a": 50.0, "b": 30.0, "c": 20.4}, "2024-06-30")]
    ok = Submissions(observations=list(rows))
    apply_checks(ok, [check("mix.a + mix.b + mix.c == 100", tolerance=0.5)])
    assert ok.rejected == []
    off = Submissions(
        observations=[obs("a", "mix", {"a": 50.0, "b": 30.0, "c": 21.0}, "2024-06-30")]
    )
    apply_checks(off, [check("mix.a + mix.b + mix.c == 100", tolerance=0.5)])
    assert [r.code for r in off.rejected] == ["row-check"]


def test_the_shipped_checks_load(rules_dir: object) -> None:
    from pathlib import Path

    from medreform_check.loading.rules import read_catalogue, read_checks

    directory = Path(str(rules_dir))
    checks = read_checks(directory, read_catalogue(directory))
    assert {c.id for c in checks} >= {
        "grassroots-not-above-local",
        "revenue-structure-sums-to-100",
        "key-population-first",
    }
    by_id = {c.id: c for c in checks}
    assert by_id["key-population-first"].severity is Severity.WARNING
    assert by_id["revenue-structure-sums-to-100"].tolerance == 0.5
