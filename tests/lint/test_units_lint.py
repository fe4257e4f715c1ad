"""The lint rules of issue 17, message by message: the hierarchy, grouping by parent, who
reports, weights, pooled rates and what a rate may be a ratio of."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from medreform_check.commands.validate import validate_paths
from medreform_check.lint import lint_plan
from medreform_check.model import Catalogue, Indicator, Plan, Reporting, Unit

from helpers import CATALOGUE, INDICATORS, plan, task


def messages(the_plan: Plan, catalogue: Catalogue = CATALOGUE) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint_plan(the_plan, catalogue)]


def with_units(*units: Unit, **fields: object) -> Plan:
    spec: dict[str, object] = {"owners": tuple(u.id for u in units), **fields}
    return dataclasses.replace(
        plan(task(deadline="2024-12-31", **spec)), units={u.id: u for u in units}
    )


def test_a_tree_three_levels_deep_is_fine() -> None:
    tree = with_units(
        Unit("prov", "省"),
        Unit("city", "市", parent="prov"),
        Unit("county", "县", parent="city"),
        Unit("hosp", "医院", parent="county"),
    )
    assert messages(tree) == []


def test_every_unit_on_a_cycle_is_named_and_one_leading_into_it_is_not() -> None:
    found = messages(
        with_units(
            Unit("a", "甲", parent="b"),
            Unit("b", "乙", parent="c"),
            Unit("c", "丙", parent="a"),
            Unit("d", "丁", parent="a"),  # below the cycle, not on it
            Unit("e", "戊", parent="e"),
        )
    )
    assert found == [
        ("unit-parent", "unit 'a' is its own ancestor: a → b → c → a"),
        ("unit-parent", "unit 'b' is its own ancestor: b → c → a → b"),
        ("unit-parent", "unit 'c' is its own ancestor: c → a → b → c"),
        ("unit-parent", "unit 'e' is its own ancestor: e → e"),
    ]


def test_by_parent_names_every_unit_without_one() -> None:
    found = messages(with_units(Unit("a", "甲"), Unit("b", "乙"), by="parent"))
    assert found == [("by-parent", "by: parent, but a, b have no parent to be grouped under")]


def test_reports_without_plan_reporting_is_a_warning_and_false_is_not() -> None:
    units = (Unit("a", "甲", reports="year"), Unit("b", "乙", reports=False))
    assert messages(with_units(*units)) == [
        (
            "unit-reports",
            "reports: year has no effect: the plan sets no 'reporting' (every, due_days)",
        )
    ]
    reporting = dataclasses.replace(with_units(*units), reporting=Reporting("quarter", 15))
    assert messages(reporting) == []


def measured(**fields: object) -> Plan:
    return plan(task(indicator="rate", target=">= 80", deadline="2024-12-31", **fields))


def test_weights() -> None:
    weights = Catalogue({**INDICATORS, "pop": Indicator("pop", "人口", "amount", better="none")})
    assert messages(measured(aggregate="weighted_mean"), weights) == [
        (
            "aggregate-weight",
            "weighted_mean needs 'weight': the indicator whose value weighs each unit",
        )
    ]
    assert messages(measured(aggregate="mean", weight="pop"), weights) == [
        ("aggregate-weight", "weight applies to aggregate: weighted_mean, not 'mean'")
    ]
    assert messages(measured(aggregate="weighted_mean", weight="people"), weights) == [
        ("aggregate-weight", "unknown weight indicator 'people'")
    ]
    assert messages(measured(aggregate="weighted_mean", weight="mix"), weights) == [
        ("aggregate-weight", "mix is a composition: a weight must be one number per unit")
    ]
    assert messages(measured(aggregate="weighted_mean", weight="pop"), weights) == []


def test_pooled_needs_a_ratio() -> None:
    assert messages(measured(aggregate="pooled")) == [
        (
            "aggregate-kind",
            "pooled adds up numerators and denominators, but rate has no "
            "ratio_of: [numerator, denominator]",
        )
    ]


def catalogue_findings(tmp_path: Path, indicators: str) -> list[tuple[str, int | None, str]]:
    path = tmp_path / "indicators.yaml"
    path.write_text("schema_version: 1\nindicators:\n" + indicators, encoding="utf-8")
    (report,) = validate_paths([path]).files
    return [(f.code, f.where.line, f.message) for f in report.findings]


def test_what_a_rate_may_be_a_ratio_of(tmp_path: Path) -> None:
    found = catalogue_findings(
        tmp_path,
        "  n: {name: N, kind: count, better: higher}\n"
        "  mix: {name: M, kind: composition, parts: [a, b]}\n"
        "  level: {name: L, kind: level, better: higher, ratio_of: [n, n]}\n"
        "  share: {name: S, kind: rate, better: higher, ratio_of: [mix, n]}\n"
        "  fine: {name: F, kind: rate, better: higher, ratio_of: [n, share]}\n",
    )
    assert found == [
        ("ratio-of", 5, "ratio_of on a level: only a rate is 100 × a ratio"),
        ("ratio-of", 5, "numerator and denominator are both 'n'"),
        ("ratio-of", 6, "mix is a composition: a numerator or denominator is one number"),
    ]


def test_a_plans_own_rate_may_be_a_ratio_of_catalogue_indicators(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "indicators.yaml").write_text(
        "schema_version: 1\nindicators:\n"
        "  visits: {name: 就诊人次, kind: count, better: higher}\n"
        "  local: {name: 县域内就诊人次, kind: count, better: higher}\n",
        encoding="utf-8",
    )
    plan_file = tmp_path / "p.yaml"
    plan_file.write_text(
        "schema_version: 1\nplan: {id: p, title: T, period: {start: 2024-01-01, end: 2024-12-31}}\n"
        "indicators:\n"
        "  rate: {name: R, kind: rate, better: higher, ratio_of: [local, visits]}\n"
        "  other: {name: O, kind: rate, better: higher, ratio_of: [local, nothing]}\n"
        "units: [{id: a, name: 甲}]\n"
        "tasks:\n"
        "  - {id: t, title: T, owners: [a], aggregate: pooled, indicator: rate, target: '>= 60', "
        "deadline: 2024}\n",
        encoding="utf-8",
    )
    (report,) = validate_paths([plan_file], rules).files
    assert [(f.code, f.where.line, f.message) for f in report.findings] == [
        ("ratio-of", 5, "unknown indicator 'nothing' in ratio_of")
    ]


def test_by_parent_with_every_unit_under_a_parent_is_fine() -> None:
    found = messages(
        with_units(Unit("top", "省"), Unit("a", "甲", parent="top"), by="parent", owners=("a",))
    )
    assert found == []
