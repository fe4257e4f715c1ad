"""Rates from their numerator and denominator (CONTRACT §1.1 `ratio_of`), as loading makes
them: computed, checked against a reported rate, bounded, and subject to the checks."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from medreform_check.errors import Location, Severity
from medreform_check.language.expressions import parse_rule
from medreform_check.loading.checks import Check
from medreform_check.loading.ratios import tolerance
from medreform_check.loading.submissions import read_submissions
from medreform_check.model import Catalogue, Indicator, Submissions, Unit

from helpers import plan, task

CATALOGUE = Catalogue(
    {
        "visit_rate": Indicator(
            "visit_rate", "县域内就诊率", "rate", "%", better="higher", ratio_of=("local", "all")
        ),
        "local": Indicator("local", "县域内就诊人次", "count", "人次", min=0, better="higher"),
        "all": Indicator("all", "总就诊人次", "count", "人次", min=0, better="higher"),
    }
)
PLAN = plan(task(indicator="visit_rate", target=">= 80", deadline="2024-12-31", owners=("a",)))
HEAD = "unit,period,indicator,value\n"


def read(tmp_path: Path, rows: str, checks: list[Check] | None = None) -> Submissions:
    path = tmp_path / "s.csv"
    path.write_text(HEAD + rows, encoding="utf-8")
    return read_submissions([path], [PLAN], CATALOGUE, checks or [])


def values(subs: Submissions) -> list[tuple[str, float, int | None]]:
    return sorted((o.indicator, round(float(o.value), 6), o.at.line) for o in subs.observations)  # type: ignore[arg-type]


def test_the_rate_is_computed_from_numerator_and_denominator(tmp_path: Path) -> None:
    subs = read(tmp_path, "a,2024-Q2,local,412\na,2024-Q2,all,500\n")
    # 100 × 412 ÷ 500 = 82.4, placed at the numerator's row (line 2), dated like it.
    assert values(subs) == [("all", 500, 3), ("local", 412, 2), ("visit_rate", 82.4, 2)]
    rate = next(o for o in subs.observations if o.indicator == "visit_rate")
    assert rate.as_of == date(2024, 6, 30)
    assert subs.rejected == [] and subs.warnings == []


def test_a_rate_that_agrees_within_rounding_takes_the_computed_value(tmp_path: Path) -> None:
    # 82 is 82.4 rounded to a whole number: no warning, and 82.4 is the unit's rate.
    subs = read(tmp_path, "a,2024-Q2,visit_rate,82\na,2024-Q2,local,412\na,2024-Q2,all,500\n")
    assert values(subs) == [("all", 500, 4), ("local", 412, 3), ("visit_rate", 82.4, 2)]
    assert subs.warnings == []


def test_a_rate_that_disagrees_is_a_warning_and_the_computed_rate_counts(tmp_path: Path) -> None:
    # 82.6 shows one decimal: it would agree within 0.05; 82.4 is 0.2 away.
    subs = read(tmp_path, "a,2024-Q2,visit_rate,82.6\na,2024-Q2,local,412\na,2024-Q2,all,500\n")
    assert ("visit_rate", 82.4, 2) in values(subs)
    (warning,) = subs.warnings
    assert (warning.at.line, warning.code) == (2, "row-ratio")
    assert "82.6" in warning.reason and "82.4" in warning.reason
    assert subs.rejected == []


def test_components_on_different_dates_make_no_rate(tmp_path: Path) -> None:
    subs = read(tmp_path, "a,2024-Q1,local,412\na,2024-Q2,all,500\n")
    assert [o.indicator for o in subs.observations] == ["local", "all"]


def test_a_computed_rate_outside_its_bounds_rejects_both_rows(tmp_path: Path) -> None:
    # 100 × 600 ÷ 500 = 120, above a rate's 100.
    subs = read(tmp_path, "a,2024-Q2,local,600\na,2024-Q2,all,500\n")
    assert subs.observations == []
    assert [(r.at.line, r.code) for r in subs.rejected] == [(2, "row-value"), (3, "row-value")]
    assert "120" in subs.rejected[0].reason and "0–100" in subs.rejected[0].reason


def test_a_denominator_of_zero_is_a_warning_and_a_reported_rate_stands(tmp_path: Path) -> None:
    subs = read(tmp_path, "a,2024-Q2,visit_rate,80\na,2024-Q2,local,0\na,2024-Q2,all,0\n")
    assert ("visit_rate", 80, 2) in values(subs)
    (warning,) = subs.warnings
    assert (warning.at.line, warning.code) == (4, "row-ratio")


def test_checks_apply_to_the_computed_rate_and_reject_its_components(tmp_path: Path) -> None:
    ceiling = Check(
        "at-most-90",
        parse_rule("visit_rate <= 90"),
        Severity.ERROR,
        "就诊率不应超过90%",
        Location("checks.yaml", 3),
    )
    subs = read(tmp_path, "a,2024-Q2,local,95\na,2024-Q2,all,100\n", [ceiling])
    # 95 % fails the check: the rate (at the numerator's row) and both components go.
    assert subs.observations == []
    assert [(r.at.line, r.code) for r in subs.rejected] == [(2, "row-check"), (3, "row-check")]
    assert "at-most-90" in subs.rejected[0].reason
    assert "visit_rate" in subs.rejected[1].reason


def test_the_latest_row_of_a_component_is_the_one_used(tmp_path: Path) -> None:
    # Two numerators for one date: the later row (450) counts, as everywhere else.
    subs = read(tmp_path, "a,2024-Q2,local,412\na,2024-Q2,local,450\na,2024-Q2,all,500\n")
    assert ("visit_rate", 90, 3) in values(subs)


@pytest.mark.parametrize(
    ("reported", "computed", "agrees"),
    [
        (82, 82.4, True),  # a whole number agrees within half a unit
        (82, 82.6, False),
        (82.5, 82.46, True),  # one decimal: within 0.05
        (82.5, 82.56, False),
        (82.46, 82.464, True),  # two decimals: within 0.005
        (82.46, 82.47, False),
    ],
)
def test_agreement_is_judged_by_the_decimals_the_reported_rate_shows(
    reported: float, computed: float, agrees: bool
) -> None:
    assert (abs(reported - computed) <= tolerance(reported)) is agrees


def test_a_unit_is_named_by_an_alias_in_a_submission(tmp_path: Path) -> None:
    units = {"a": Unit("a", "高新区综合医院", aliases=("综合医院",))}
    aliased = dataclasses.replace(PLAN, units=units)
    path = tmp_path / "s.csv"
    path.write_text("单位,报告期,指标,数值\n综合医院,2024-Q2,visit_rate,80\n", encoding="utf-8")
    subs = read_submissions([path], [aliased], CATALOGUE)
    assert [(o.unit, o.value) for o in subs.observations] == [("a", 80)]
