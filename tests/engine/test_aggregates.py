"""`pooled`, `weighted_mean` and `by: parent` (CONTRACT §2 "Aggregates"), on hand-built
observations, each expected value worked out by hand in the test."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pytest

from medreform_check.commands.audit import build_report
from medreform_check.model import (
    Catalogue,
    Indicator,
    MilestoneReport,
    Observation,
    Plan,
    Submissions,
    Unit,
)
from medreform_check.report import Report, Result, Status
from medreform_check.vocabulary import notes_text

from helpers import INDICATORS, d, obs, plan, task

RATIOS = Catalogue(
    {
        **INDICATORS,
        "visit_rate": Indicator(
            "visit_rate", "县域内就诊率", "rate", "%", better="higher", ratio_of=("local", "all")
        ),
        "local": Indicator("local", "县域内就诊人次", "count", "人次", min=0, better="higher"),
        "all": Indicator("all", "总就诊人次", "count", "人次", min=0, better="higher"),
        "population": Indicator("population", "常住人口", "amount", "万人", min=0, better="none"),
    }
)


def pair(unit: str, local: float, total: float, as_of: str) -> list[Observation]:
    """What loading makes of a unit's numerator and denominator: both rows, and the rate
    computed from them, on the same date."""
    return [
        obs(unit, "local", local, as_of),
        obs(unit, "all", total, as_of),
        obs(unit, "visit_rate", 100 * local / total, as_of),
    ]


def audit(the_plan: Plan, rows: Sequence[Observation | MilestoneReport], as_of: str) -> Report:
    subs = Submissions(
        observations=[r for r in rows if isinstance(r, Observation)],
        milestones=[r for r in rows if isinstance(r, MilestoneReport)],
    )
    return build_report([the_plan], RATIOS, subs, d(as_of))


def one(the_plan: Plan, rows: Sequence[Observation], as_of: str) -> Result:
    found = audit(the_plan, rows, as_of).results
    assert len(found) == 1, found
    return found[0]


def visits(aggregate: str, target: str = ">= 60", **fields: object) -> Plan:
    spec: dict[str, object] = {"deadline": "2023-12-31", "owners": ("a", "b"), **fields}
    return plan(task(indicator="visit_rate", aggregate=aggregate, target=target, **spec))


# City a: 900 of 1,000 visits within the county (90 %); city b: 5,000 of 10,000 (50 %).
TWO_CITIES = [*pair("a", 900, 1_000, "2023-12-31"), *pair("b", 5_000, 10_000, "2023-12-31")]


class TestPooled:
    def test_pooled_and_mean_differ_on_the_same_data(self) -> None:
        # mean of the rates: (90 + 50) / 2 = 70, which meets >= 60;
        # pooled: 100 × (900 + 5,000) / (1,000 + 10,000) = 100 × 5,900 / 11,000 = 53.636…
        mean = one(visits("mean"), TWO_CITIES, "2024-01-31")
        pooled = one(visits("pooled"), TWO_CITIES, "2024-01-31")
        assert (mean.status, mean.actual) == (Status.MET, 70)
        assert pooled.status is Status.MISSED
        assert pooled.actual == pytest.approx(5_900 / 11_000 * 100)
        assert pooled.actual_at_deadline == pytest.approx(53.636363636)

    def test_a_unit_that_reported_only_the_rate_counts_as_missing(self) -> None:
        rows = [*pair("a", 900, 1_000, "2023-12-31"), obs("b", "visit_rate", 50, "2023-12-31")]
        result = one(visits("pooled"), rows, "2024-01-31")
        # b reported (missed, not unreported), but its rate cannot be pooled: only a counts,
        # 100 × 900 / 1,000 = 90 — and the target is not met, b being missing.
        assert (result.status, result.actual, result.missing_units) == (Status.MISSED, 90, ("b",))
        message = notes_text(result.notes, "en", {"b": "城市b"})
        assert (
            message
            == "城市b reported the rate without numerator and denominator (counted as missing)"
        )
        assert "未报" in notes_text(result.notes, "zh", {})

    def test_the_pair_is_taken_on_the_date_of_the_latest_rate(self) -> None:
        # b gave its components in Q3, then only a rate in Q4: as of Q4 its latest rate has
        # no components behind it; as of Q3 it pools (100 × (900 + 6,000) / (1,000 + 10,000)).
        rows = [
            *pair("a", 900, 1_000, "2023-09-30"),
            *pair("b", 6_000, 10_000, "2023-09-30"),
            obs("b", "visit_rate", 65, "2023-12-31"),
        ]
        q3 = one(visits("pooled", deadline="2023-09-30"), rows, "2023-10-31")
        assert q3.actual == pytest.approx(100 * 6_900 / 11_000) and q3.status is Status.MET
        q4 = one(visits("pooled"), rows, "2024-01-31")
        assert q4.missing_units == ("b",) and q4.actual == 90

    def test_a_unit_without_any_report_is_missing_and_named_as_such(self) -> None:
        result = one(visits("pooled"), pair("a", 900, 1_000, "2023-12-31"), "2024-01-31")
        assert result.missing_units == ("b",)
        assert notes_text(result.notes, "en", {}) == "no report from b"

    def test_denominators_adding_up_to_nothing_give_no_value(self) -> None:
        rows = [
            obs("a", "local", 0, "2023-12-31"),
            obs("a", "all", 0, "2023-12-31"),
            obs("a", "visit_rate", 0, "2023-12-31"),
        ]
        p = plan(
            task(indicator="visit_rate", aggregate="pooled", target=">= 60", deadline="2023-12-31")
        )
        assert one(p, rows, "2024-01-31").actual is None

    def test_increase_compares_with_the_pooled_rate_a_year_earlier(self) -> None:
        # A year earlier: 100 × (800 + 4,000) / (1,000 + 10,000) = 43.6; now 53.6: increased.
        rows = [
            *pair("a", 800, 1_000, "2022-12-31"),
            *pair("b", 4_000, 10_000, "2022-12-31"),
            *TWO_CITIES,
        ]
        result = one(visits("pooled", target="increase"), rows, "2024-01-31")
        assert result.status is Status.MET

    def test_increase_without_a_pooled_value_a_year_earlier_is_not_met(self) -> None:
        result = one(visits("pooled", target="increase"), TWO_CITIES, "2024-01-31")
        assert result.status is Status.MISSED
        assert "a year earlier" in notes_text(result.notes, "en", {})


class TestWeightedMean:
    def weighted(self, target: str = ">= 60") -> Plan:
        return visits("weighted_mean", target, weight="population")

    def test_each_value_is_weighted_by_the_weight_as_of_the_same_date(self) -> None:
        # At the deadline: a 90 × 100 (万人), b 50 × 900: (9,000 + 45,000) / 1,000 = 54.
        # Later b's population is 400: (9,000 + 20,000) / 500 = 58 — still below 60.
        rows = [
            obs("a", "visit_rate", 90, "2023-12-31"),
            obs("b", "visit_rate", 50, "2023-12-31"),
            obs("a", "population", 100, "2023-06-30"),
            obs("b", "population", 900, "2023-06-30"),
            obs("b", "population", 400, "2024-03-31"),
        ]
        result = one(self.weighted(), rows, "2024-06-30")
        assert result.actual_at_deadline == pytest.approx(54)
        assert result.actual == pytest.approx(58)
        assert result.status is Status.MISSED
        # The unweighted mean would have met it: (90 + 50) / 2 = 70.
        assert one(visits("mean"), rows, "2024-06-30").status is Status.MET

    def test_a_unit_without_a_weight_counts_as_missing(self) -> None:
        rows = [
            obs("a", "visit_rate", 90, "2023-12-31"),
            obs("b", "visit_rate", 80, "2023-12-31"),
            obs("a", "population", 100, "2023-06-30"),
            obs("b", "population", 900, "2024-03-31"),  # only after the deadline
        ]
        result = one(self.weighted(), rows, "2024-01-31")
        # As of the deadline b has no weight: only a counts (90), and b is missing.
        assert (result.status, result.actual, result.missing_units) == (Status.MISSED, 90, ("b",))
        assert notes_text(result.notes, "en", {}) == (
            "no weight (population) for b (counted as missing)"
        )
        # By 2024-06-30 b has one: (90 × 100 + 80 × 900) / 1,000 = 81, met late.
        late = one(self.weighted(), rows, "2024-06-30")
        assert late.status is Status.MET_LATE and late.actual == pytest.approx(81)

    def test_weights_of_zero_give_no_value(self) -> None:
        rows = [obs("a", "visit_rate", 90, "2023-12-31"), obs("a", "population", 0, "2023-06-30")]
        p = plan(
            task(
                indicator="visit_rate",
                aggregate="weighted_mean",
                weight="population",
                target=">= 60",
                deadline="2023-12-31",
            )
        )
        assert one(p, rows, "2024-01-31").actual is None

    def test_compositions_are_weighted_part_by_part(self) -> None:
        # a: 60:30:10 weighing 1, b: 40:40:20 weighing 3 →
        # a part: (60 + 3 × 40) / 4 = 45; b part: (30 + 120) / 4 = 37.5; c: (10 + 60) / 4 = 17.5.
        rows = [
            obs("a", "mix", {"a": 60, "b": 30, "c": 10}, "2023-12-31"),
            obs("b", "mix", {"a": 40, "b": 40, "c": 20}, "2023-12-31"),
            obs("a", "population", 1, "2023-12-31"),
            obs("b", "population", 3, "2023-12-31"),
        ]
        p = plan(
            task(
                indicator="mix",
                aggregate="weighted_mean",
                weight="population",
                target="ratio 45:37.5:17.5 ± 0.1",
                deadline="2023-12-31",
                owners=("a", "b"),
            )
        )
        result = one(p, rows, "2024-01-31")
        assert result.actual == pytest.approx({"a": 45, "b": 37.5, "c": 17.5})
        assert result.status is Status.MET


def tree(*units: tuple[str, str | None]) -> dict[str, Unit]:
    return {ident: Unit(ident, f"单位{ident}", parent=parent) for ident, parent in units}


# province → two cities → hospitals: h1, h2 under c1; h3, h4 under c2.
HIERARCHY = tree(
    ("prov", None),
    ("c1", "prov"),
    ("c2", "prov"),
    ("h1", "c1"),
    ("h2", "c1"),
    ("h3", "c2"),
    ("h4", "c2"),
)


def grouped(aggregate: str = "mean", **fields: object) -> Plan:
    spec: dict[str, object] = {
        "indicator": "rate",
        "target": ">= 60",
        "deadline": "2023-12-31",
        "owners": ("h1", "h2", "h3", "h4"),
        "by": "parent",
        "lead": "prov",
        **fields,
    }
    return dataclasses.replace(plan(task(aggregate=aggregate, **spec)), units=HIERARCHY)


class TestByParent:
    def test_one_result_per_group_and_a_unit_missing_from_one_group(self) -> None:
        # c1: (70 + 60) / 2 = 65, met. c2: h3 80, h4 never reported → not met, missed.
        rows = [
            obs("h1", "rate", 70, "2023-12-31"),
            obs("h2", "rate", 60, "2023-12-31"),
            obs("h3", "rate", 80, "2023-12-31"),
        ]
        report = audit(grouped(), rows, "2024-01-31")
        found = [(r.group, r.units, r.status, r.actual, r.missing_units) for r in report.results]
        assert found == [
            ("c1", ("h1", "h2"), Status.MET, 65, ()),
            ("c2", ("h3", "h4"), Status.MISSED, 80, ("h4",)),
        ]
        # The task is met only when every group meets: one instance due, not met, overdue.
        overall = report.summaries.overall
        assert (overall.due, overall.met, overall.overdue) == (1, 0, 1)
        assert [(r.key, r.due, r.met) for r in report.summaries.by_lead] == [("prov", 1, 0)]
        # Counts by status are counts of results: one per group.
        assert report.summaries.counts[Status.MET] == report.summaries.counts[Status.MISSED] == 1

    def test_every_group_met_makes_the_instance_met(self) -> None:
        rows = [obs(h, "rate", 61, "2023-12-31") for h in ("h1", "h2", "h3", "h4")]
        report = audit(grouped(), rows, "2024-01-31")
        assert [r.status for r in report.results] == [Status.MET, Status.MET]
        assert report.summaries.overall.met == 1

    def test_groups_are_pooled_each_on_their_own(self) -> None:
        rows = [
            *pair("h1", 900, 1_000, "2023-12-31"),
            *pair("h2", 100, 1_000, "2023-12-31"),
            *pair("h3", 700, 1_000, "2023-12-31"),
            *pair("h4", 500, 1_000, "2023-12-31"),
        ]
        p = grouped("pooled", indicator="visit_rate")
        # c1: 100 × (900 + 100) / 2,000 = 50; c2: 100 × (700 + 500) / 2,000 = 60.
        found = [(r.group, r.actual, r.status) for r in audit(p, rows, "2024-01-31").results]
        assert found == [("c1", 50, Status.MISSED), ("c2", 60, Status.MET)]

    def test_stages_give_one_result_per_stage_and_group_in_deadline_order(self) -> None:
        stages = [("2023-06-30", ">= 50"), ("2023-12-31", ">= 60")]
        p = grouped(deadline=None, target=None, stages=stages)
        found = [(r.deadline.isoformat(), r.group) for r in audit(p, [], "2024-01-31").results]
        assert found == [
            ("2023-06-30", "c1"),
            ("2023-06-30", "c2"),
            ("2023-12-31", "c1"),
            ("2023-12-31", "c2"),
        ]


def test_increase_under_mean_compares_the_mean_a_year_earlier() -> None:
    # A year earlier (50 + 70) / 2 = 60; now (60 + 70) / 2 = 65 > 60: increased.
    rows = [
        obs("a", "rate", 50, "2022-12-31"),
        obs("b", "rate", 70, "2022-12-31"),
        obs("a", "rate", 60, "2023-12-31"),
        obs("b", "rate", 70, "2023-12-31"),
    ]
    p = plan(
        task(
            indicator="rate",
            aggregate="mean",
            target="increase",
            deadline="2023-12-31",
            owners=("a", "b"),
        )
    )
    assert one(p, rows, "2024-01-31").status is Status.MET
    # Without b's value a year earlier there is no mean to compare with.
    assert one(p, rows[:1] + rows[2:], "2024-01-31").status is Status.MISSED
