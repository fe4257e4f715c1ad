"""diff sees relaxations through indicators: an unchanged target read under a changed unit,
magnitude, bounds or direction (CONTRACT §3: "a target relaxed (also through a change of
the indicator's unit, magnitude or bounds)")."""

from __future__ import annotations

from pathlib import Path

import pytest

from medreform_check.commands.diff import diff_plans
from medreform_check.model import Catalogue, Indicator, Plan

from helpers import CATALOGUE, plan, run_cli, task


def people(unit: str = "万人", **fields: object) -> Indicator:
    return Indicator("served", "服务人数", "amount", unit, min=0, better="higher", **fields)  # type: ignore[arg-type]


def with_indicator(indicator: Indicator, target: str = ">= 1000", **fields: object) -> Plan:
    the_task = task("t", indicator=indicator.id, target=target, deadline="2024-12-31", **fields)
    return plan(the_task, indicators={indicator.id: indicator})


def changes(old: Plan, new: Plan, old_catalogue: Catalogue | None = None) -> list[tuple[str, ...]]:
    result = diff_plans(old, new, CATALOGUE, old_catalogue)
    return [(c.aspect, c.verdict, c.old or "", c.new or "") for c in result.changes]


def test_a_unit_made_10000_times_smaller_relaxes_an_unchanged_target() -> None:
    # >= 1000 万人 is ten million people; >= 1000 人 a thousand: it accepts far more.
    old, new = with_indicator(people("万人")), with_indicator(people("人"))
    assert changes(old, new) == [("indicator unit", "relaxed", "万人", "人")]
    assert diff_plans(old, new, CATALOGUE).failing


def test_the_other_way_round_is_a_tightening() -> None:
    old, new = with_indicator(people("人")), with_indicator(people("万人"))
    assert changes(old, new) == [("indicator unit", "tightened", "人", "万人")]


def test_the_same_target_re_expressed_in_another_magnitude_is_no_change() -> None:
    # 1000万人 under 人 and 1000 under 万人 both ask for 10,000,000 people.
    old = with_indicator(people("人"), ">= 1000万人")
    new = with_indicator(people("万人"), ">= 1000")
    assert changes(old, new) == []


def test_a_target_written_with_its_own_unit_is_not_moved_by_the_indicators() -> None:
    old = with_indicator(people("人"), ">= 1000万人")
    new = with_indicator(people("万人"), ">= 1000万人")
    assert changes(old, new) == []


def test_a_new_target_and_a_new_unit_are_judged_together_and_shown_with_units() -> None:
    # 1000 万人 = 10,000,000; 20,000,000 人 is more: tightened.
    old = with_indicator(people("万人"), ">= 1000")
    new = with_indicator(people("人"), ">= 20000000")
    assert changes(old, new) == [("target", "tightened", ">= 1000 万人", ">= 20000000 人")]


def test_a_unit_of_another_kind_is_a_change_not_a_relaxation() -> None:
    old, new = with_indicator(people("人")), with_indicator(people("元"))
    assert changes(old, new) == [("indicator unit", "changed", "人", "元")]


def test_wider_bounds_let_an_unchanged_target_accept_more() -> None:
    rate = Indicator("cover", "覆盖率", "rate", "%", better="higher")
    wider = Indicator("cover", "覆盖率", "rate", "%", better="higher", max=200)
    # >= 80 accepts 80–100 under a rate's bounds, 80–200 with max 200.
    assert changes(with_indicator(rate, ">= 80"), with_indicator(wider, ">= 80")) == [
        ("indicator bounds", "relaxed", "0–100", "0–200")
    ]
    assert changes(with_indicator(wider, ">= 80"), with_indicator(rate, ">= 80")) == [
        ("indicator bounds", "tightened", "0–200", "0–100")
    ]
    # Bounds beyond what the target reaches change nothing it accepts: <= 30 is 0–30 either way.
    assert changes(with_indicator(rate, "<= 30"), with_indicator(wider, "<= 30")) == []


def test_a_ceiling_on_what_became_higher_is_better_asks_for_nothing_better() -> None:
    lower = Indicator("drugs", "药占比", "rate", "%", better="lower")
    higher = Indicator("drugs", "药占比", "rate", "%", better="higher")
    assert changes(with_indicator(lower, "<= 30"), with_indicator(higher, "<= 30")) == [
        ("indicator better", "relaxed", "lower", "higher")
    ]
    assert changes(with_indicator(higher, "<= 30"), with_indicator(lower, "<= 30")) == [
        ("indicator better", "tightened", "higher", "lower")
    ]
    # A two-sided target asks for no direction: between is unaffected.
    assert (
        changes(
            with_indicator(lower, "between 20 and 30"), with_indicator(higher, "between 20 and 30")
        )
        == []
    )


def test_a_staged_task_takes_the_worst_of_its_stages() -> None:
    stages = [("2024-06-30", ">= 500"), ("2024-12-31", ">= 1000万人")]
    old = plan(
        task("t", indicator="served", deadline=None, stages=stages),
        indicators={"served": people("万人")},
    )
    new = plan(
        task("t", indicator="served", deadline=None, stages=stages),
        indicators={"served": people("人")},
    )
    # Stage 1 (>= 500) is read in the indicator's unit: relaxed. Stage 2 carries its own.
    assert changes(old, new) == [("indicator unit", "relaxed", "万人", "人")]


def test_a_catalogue_change_is_seen_against_the_old_catalogue() -> None:
    the_task = task("t", indicator="served", target=">= 1000", deadline="2024-12-31")
    the_plan = plan(the_task)
    before = Catalogue({"served": people("万人")})
    after = Catalogue({"served": people("人")})
    result = diff_plans(the_plan, the_plan, after, before)
    assert [(c.aspect, c.verdict) for c in result.changes] == [("indicator unit", "relaxed")]
    assert diff_plans(the_plan, the_plan, after).changes == ()  # one catalogue: nothing


PLAN_TEXT = """schema_version: 1
plan:
  id: p
  title: T
  period: {start: 2023-01-01, end: 2025-12-31}
units:
  - {id: bureau, name: 局}
tasks:
  - {id: served, title: 服务人数, lead: bureau, indicator: served, target: ">= 1000", deadline: 2024}
"""


def catalogue_dir(path: Path, unit: str) -> Path:
    path.mkdir()
    (path / "indicators.yaml").write_text(
        "schema_version: 1\nindicators:\n"
        f"  served: {{name: 服务人数, kind: amount, unit: {unit}, min: 0, better: higher}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(("old_unit", "code"), [("万人", 1), ("人", 0)])
def test_cli_rules_old(tmp_path: Path, old_unit: str, code: int) -> None:
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(PLAN_TEXT, encoding="utf-8")
    old_rules = catalogue_dir(tmp_path / "old", old_unit)
    new_rules = catalogue_dir(tmp_path / "new", "人")
    argv = ["diff", str(plan_file), str(plan_file), "--rules", str(new_rules)]
    result = run_cli([*argv, "--rules-old", str(old_rules), "--format", "json", "--lang", "zh"])
    assert result.exit_code == code, result.output
    if code:
        assert '"aspect": "indicator unit"' in result.stdout
        table = run_cli([*argv, "--rules-old", str(old_rules), "--lang", "zh"]).stdout
        assert "指标单位" in table and "放宽" in table


def test_bounds_that_move_both_ends_are_a_change() -> None:
    # between 20 and 120 accepts 20–100 under max 100; under min 50, max 150 it accepts 50–120:
    # neither holds the other.
    old = Indicator("x", "X", "amount", "", min=0, max=100, better="higher")
    new = Indicator("x", "X", "amount", "", min=50, max=150, better="higher")
    assert changes(
        with_indicator(old, "between 20 and 120"), with_indicator(new, "between 20 and 120")
    ) == [("indicator bounds", "changed", "0–100", "50–150")]
    # An exact target inside both ranges accepts the same single value.
    assert changes(with_indicator(old, "== 60"), with_indicator(new, "== 60")) == []


def test_a_direction_dropped_to_none_relaxes_a_one_sided_target() -> None:
    lower = Indicator("drugs", "药占比", "rate", "%", better="lower")
    watched = Indicator("drugs", "药占比", "rate", "%", better="none")
    assert changes(with_indicator(lower, "<= 30"), with_indicator(watched, "<= 30")) == [
        ("indicator better", "relaxed", "lower", "none")
    ]
    # increase / decrease push one way too.
    higher = Indicator("drugs", "药占比", "rate", "%", better="higher")
    assert changes(with_indicator(lower, "decrease"), with_indicator(higher, "decrease")) == [
        ("indicator better", "relaxed", "lower", "higher")
    ]
