"""Every rule of CONTRACT §2, each with an expectation worked out by hand in the test."""

from __future__ import annotations

from datetime import date

import pytest

from medreform_check.report import Status

from helpers import d, done, obs, only, plan, results, task


class TestDeadlines:
    def test_the_deadline_day_itself_is_not_overdue(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31"))
        on_the_day = only(p, [], "2023-12-31")
        # D = T: not overdue; not met and T − D = 0 ≤ warn_days, so at risk.
        assert on_the_day.status is Status.AT_RISK
        assert on_the_day.days_overdue is None

    def test_the_day_after_is_overdue_by_one_day(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31"))
        day_after = only(p, [], "2024-01-01")
        assert day_after.status is Status.UNREPORTED
        assert day_after.days_overdue == 1

    def test_met_on_the_deadline_stays_met(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31"))
        result = only(p, [obs("a", "rate", 80, "2023-12-31")], "2024-06-30")
        assert result.status is Status.MET
        assert result.actual == 80
        assert result.actual_at_deadline == 80

    def test_actual_is_the_latest_value_and_at_deadline_is_the_value_then(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31"))
        rows = [obs("a", "rate", 85, "2023-09-30"), obs("a", "rate", 79, "2024-03-31")]
        result = only(p, rows, "2024-06-30")
        # Met at T (85 as of 2023-09-30); the value has since fallen to 79.
        assert (result.status, result.actual_at_deadline, result.actual) == (Status.MET, 85, 79)

    def test_actual_at_deadline_is_null_before_the_deadline(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2024-12-31"))
        result = only(p, [obs("a", "rate", 85, "2024-03-31")], "2024-06-30")
        assert (result.status, result.actual, result.actual_at_deadline) == (Status.MET, 85, None)

    def test_an_observation_after_the_as_of_date_is_never_used(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2024-12-31"))
        result = only(p, [obs("a", "rate", 90, "2024-09-30")], "2024-06-30")
        assert result.status is Status.PENDING
        assert result.actual is None


class TestOverdue:
    def test_met_late_dates_the_first_day_it_was_met(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31"))
        rows = [
            obs("a", "rate", 70, "2023-12-31"),
            obs("a", "rate", 78, "2024-03-31"),
            obs("a", "rate", 82, "2024-05-15"),
            obs("a", "rate", 85, "2024-06-30"),
        ]
        result = only(p, rows, "2024-06-30")
        assert result.status is Status.MET_LATE
        assert result.completed_on == d("2024-05-15")
        assert (result.actual, result.actual_at_deadline) == (85, 70)
        assert result.days_overdue is None

    def test_missed_when_reported_but_never_met(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31"))
        result = only(
            p,
            [obs("a", "rate", 70, "2023-12-31"), obs("a", "rate", 75, "2024-03-31")],
            "2024-06-30",
        )
        assert result.status is Status.MISSED
        assert result.days_overdue == (date(2024, 6, 30) - date(2023, 12, 31)).days == 182

    def test_unreported_when_nothing_counts_for_the_instance(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31"))
        result = only(p, [obs("b", "rate", 90, "2023-12-31")], "2024-06-30")  # b is not an owner
        assert result.status is Status.UNREPORTED
        assert result.missing_units == ("a",)

    def test_an_observation_before_from_still_counts_for_non_count_kinds(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31", start="2023-06-01"))
        result = only(p, [obs("a", "rate", 90, "2023-03-31")], "2024-01-31")
        assert result.status is Status.MET


class TestTies:
    def test_same_as_of_the_later_submitted_wins(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2024-12-31"))
        rows = [
            obs(
                "a", "rate", 85, "2024-06-30", submitted="2024-07-10"
            ),  # read first, submitted later
            obs("a", "rate", 60, "2024-06-30", submitted="2024-07-01"),
        ]
        assert only(p, rows, "2024-06-30").actual == 85

    def test_same_as_of_and_submitted_the_later_row_wins(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2024-12-31"))
        rows = [
            obs("a", "rate", 85, "2024-06-30", submitted="2024-07-01"),
            obs("a", "rate", 60, "2024-06-30", submitted="2024-07-01"),
        ]
        assert only(p, rows, "2024-06-30").actual == 60

    def test_a_dated_submission_beats_an_undated_one(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2024-12-31"))
        rows = [
            obs("a", "rate", 85, "2024-06-30", submitted="2024-07-01"),
            obs("a", "rate", 60, "2024-06-30"),
        ]
        assert only(p, rows, "2024-06-30").actual == 85


class TestCounts:
    def test_counts_are_summed_only_inside_each_period(self) -> None:
        p = plan(task(indicator="meetings", target=">= 2", every="year"))
        rows = [
            obs("a", "meetings", 1, "2022-12-20"),  # before the plan: counts for nothing
            obs("a", "meetings", 1, "2023-06-30"),
            obs("a", "meetings", 1, "2023-12-31"),
            obs("a", "meetings", 1, "2024-03-31"),
        ]
        y2023, y2024 = results(p, rows, "2024-06-30")
        assert (y2023.period, y2023.actual, y2023.status) == ("2023", 2, Status.MET)
        assert (y2024.period, y2024.actual, y2024.status) == ("2024", 1, Status.PENDING)

    def test_a_count_for_a_deadline_task_sums_from_the_task_start(self) -> None:
        p = plan(
            task(indicator="meetings", target=">= 3", deadline="2024-12-31", start="2024-01-01")
        )
        rows = [obs("a", "meetings", 5, "2023-11-30"), obs("a", "meetings", 2, "2024-04-30")]
        result = only(p, rows, "2024-06-30")
        assert result.actual == 2  # the 2023 meetings are before `from`

    def test_a_resubmitted_count_replaces_rather_than_adds(self) -> None:
        p = plan(task(indicator="meetings", target=">= 2", every="year"))
        rows = [
            obs("a", "meetings", 1, "2023-06-30", submitted="2023-07-05"),
            obs("a", "meetings", 2, "2023-06-30", submitted="2023-07-20"),  # a correction
        ]
        assert results(p, rows, "2023-12-31")[0].actual == 2

    def test_counts_after_the_period_do_not_make_it_met_late(self) -> None:
        p = plan(task(indicator="meetings", target=">= 2", every="year"))
        rows = [obs("a", "meetings", 1, "2023-06-30"), obs("a", "meetings", 1, "2024-01-15")]
        y2023 = results(p, rows, "2024-06-30")[0]
        assert (y2023.status, y2023.actual) == (Status.MISSED, 1)


class TestEvery:
    def test_instances_exist_only_once_their_period_has_begun(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", every="year"))
        assert [r.period for r in results(p, [], "2024-06-30")] == ["2023", "2024"]
        assert [r.period for r in results(p, [], "2023-12-31")] == ["2023"]
        assert [r.period for r in results(p, [], "2024-01-01")] == ["2023", "2024"]

    def test_never_past_the_plans_end(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", every="year"))
        assert [r.period for r in results(p, [], "2027-01-01")] == ["2023", "2024", "2025"]

    def test_a_partial_first_period_starts_at_from(self) -> None:
        p = plan(task(indicator="meetings", target=">= 1", every="quarter", start="2023-09-28"))
        rows = [obs("a", "meetings", 1, "2023-09-15"), obs("a", "meetings", 1, "2023-09-29")]
        first = results(p, rows, "2023-10-10")[0]
        assert (first.period, first.deadline, first.actual) == ("2023-Q3", d("2023-09-30"), 1)

    def test_until_cuts_the_last_period(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", every="half", until="2024-09-30"))
        found = results(p, [], "2025-06-30")
        assert [(r.period, r.deadline) for r in found][-1] == ("2024-H2", d("2024-09-30"))

    def test_only_values_inside_the_period_count_for_every_instances(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", every="quarter"))
        rows = [obs("a", "rate", 90, "2023-03-31")]
        q1, q2 = results(p, rows, "2023-06-30")
        assert q1.status is Status.MET
        # Q2 has no value of its own: the Q1 value does not carry over.
        assert (q2.actual, q2.status) == (None, Status.AT_RISK)

    def test_monthly_milestones_need_a_completion_inside_each_month(self) -> None:
        p = plan(task(every="month", start="2024-01-01", until="2024-03-31"))
        rows = [
            done("a", "t", "2024-01-20", "2024-01-31"),
            done("a", "t", "2024-03-05", "2024-03-31"),
        ]
        jan, feb, mar = results(p, rows, "2024-04-30")
        assert (jan.status, feb.status, mar.status) == (Status.MET, Status.UNREPORTED, Status.MET)
        assert feb.deadline == d("2024-02-29")  # a leap year

    def test_leap_day_deadline_of_february(self) -> None:
        p = plan(
            task(
                indicator="rate",
                target=">= 80",
                every="month",
                start="2024-02-01",
                until="2024-02-29",
            )
        )
        (feb,) = results(p, [obs("a", "rate", 81, "2024-02-29")], "2024-03-01")
        assert (feb.deadline, feb.status) == (d("2024-02-29"), Status.MET)


class TestAggregates:
    def three(self, aggregate: str, target: str = ">= 3") -> object:
        return plan(
            task(
                indicator="level",
                target=target,
                deadline="2024-12-31",
                owners=("a", "b"),
                aggregate=aggregate,
            )
        )

    def test_mean_with_a_missing_unit_is_not_met(self) -> None:
        result = only(self.three("mean"), [obs("a", "level", 4, "2024-06-30")], "2024-06-30")
        assert result.status is not Status.MET
        assert (result.actual, result.missing_units) == (4, ("b",))

    def test_all_with_a_missing_unit_is_not_met(self) -> None:
        result = only(self.three("all"), [obs("a", "level", 4, "2024-06-30")], "2024-06-30")
        assert result.status is not Status.MET
        assert result.missing_units == ("b",)

    def test_any_needs_only_one_unit(self) -> None:
        result = only(self.three("any"), [obs("a", "level", 4, "2024-06-30")], "2024-06-30")
        assert result.status is Status.MET

    def test_mean_meets_where_all_does_not(self) -> None:
        rows = [obs("a", "level", 2, "2024-06-30"), obs("b", "level", 4, "2024-06-30")]
        mean = only(self.three("mean"), rows, "2024-06-30")
        every_unit = only(self.three("all"), rows, "2024-06-30")
        assert (mean.status, mean.actual) == (Status.MET, 3)
        # `all`: unit a (2) fails; the value shown is the worst unit's.
        assert (every_unit.status, every_unit.actual) == (Status.PENDING, 2)

    @pytest.mark.parametrize(("aggregate", "expected"), [("sum", 6), ("min", 2), ("max", 4)])
    def test_sum_min_max(self, aggregate: str, expected: float) -> None:
        rows = [obs("a", "level", 2, "2024-06-30"), obs("b", "level", 4, "2024-06-30")]
        assert only(self.three(aggregate), rows, "2024-06-30").actual == expected

    def test_owner_class_brings_in_every_unit_of_the_class(self) -> None:
        from medreform_check.model import Unit

        base = plan(
            task(
                indicator="level",
                target=">= 3",
                deadline="2024-12-31",
                owners=(),
                owner_classes=("hosp",),
            )
        )
        units = {
            "a": Unit("a", "A", ("hosp",)),
            "b": Unit("b", "B", ("clinic",)),
            "c": Unit("c", "C", ("hosp",)),
        }
        p = type(base)(
            **{**{f: getattr(base, f) for f in base.__dataclass_fields__}, "units": units}
        )
        result = only(p, [obs("a", "level", 3, "2024-06-30")], "2024-06-30")
        assert result.units == ("a", "c")
        assert result.missing_units == ("c",)


class TestStages:
    def test_staged_met_late_and_pending(self) -> None:
        p = plan(task(indicator="level", stages=[("2023-12-31", ">= 2"), ("2024-12-31", ">= 3")]))
        rows = [obs("a", "level", 1, "2023-12-31"), obs("a", "level", 2, "2024-03-31")]
        first, second = results(p, rows, "2024-06-30")
        assert (first.status, first.completed_on, first.actual_at_deadline) == (
            Status.MET_LATE,
            d("2024-03-31"),
            1,
        )
        assert first.target == ">= 2" and second.target == ">= 3"
        # Stage 2: 1 → 2 over 91 days projects 2 + 275/91 ≈ 5.0 by 2024-12-31: on track.
        assert second.status is Status.PENDING


class TestAtRisk:
    def rate_plan(self, warn_days: int = 30) -> object:
        return plan(
            task(indicator="rate", target=">= 80", deadline="2024-12-31"), warn_days=warn_days
        )

    def test_warn_days_boundary(self) -> None:
        # 2024-12-01 is 30 days before 2024-12-31; 2024-11-30 is 31 days before.
        assert only(self.rate_plan(), [], "2024-12-01").status is Status.AT_RISK
        assert only(self.rate_plan(), [], "2024-11-30").status is Status.PENDING

    def test_plan_warn_days_is_honoured(self) -> None:
        assert only(self.rate_plan(warn_days=10), [], "2024-12-20").status is Status.PENDING
        assert only(self.rate_plan(warn_days=10), [], "2024-12-21").status is Status.AT_RISK

    def test_one_point_is_no_trend(self) -> None:
        result = only(self.rate_plan(), [obs("a", "rate", 10, "2024-06-30")], "2024-06-30")
        assert result.status is Status.PENDING

    def test_two_points_trend_misses(self) -> None:
        # 70 → 74 over 182 days; to 2024-12-31 (184 more days): 74 + 4×184/182 = 78.04 < 80.
        rows = [obs("a", "rate", 70, "2023-12-31"), obs("a", "rate", 74, "2024-06-30")]
        result = only(self.rate_plan(), rows, "2024-06-30")
        assert result.status is Status.AT_RISK
        (trend,) = [n for n in result.notes if n.code == "trend"]
        assert trend.args["projected"] == pytest.approx(74 + 4 * 184 / 182)

    def test_two_points_trend_on_track(self) -> None:
        # 70 → 78: 78 + 8×184/182 = 86.1 ≥ 80.
        rows = [obs("a", "rate", 70, "2023-12-31"), obs("a", "rate", 78, "2024-06-30")]
        assert only(self.rate_plan(), rows, "2024-06-30").status is Status.PENDING

    def test_three_points_use_least_squares(self) -> None:
        # x = 0, 91, 182 days; y = 70, 80, 76. mean x 91, mean y 75.333;
        # slope = (−91·−5.333 + 91·0.667) / (2·91²) = 546 / 16562 = 0.032967 per day;
        # at 2024-12-31 (x = 366): 75.333 + 0.032967 × 275 = 84.40 ≥ 80, so not at risk,
        # although the last two points alone (80 → 76) head down.
        rows = [
            obs("a", "rate", 70, "2023-12-31"),
            obs("a", "rate", 80, "2024-03-31"),
            obs("a", "rate", 76, "2024-06-30"),
        ]
        assert only(self.rate_plan(), rows, "2024-06-30").status is Status.PENDING

    def test_three_points_trend_misses(self) -> None:
        # y = 70, 72, 74 on x = 0, 91, 182: slope 2/91; at x = 366: 72 + 2×275/91 = 78.04 < 80.
        rows = [
            obs("a", "rate", 70, "2023-12-31"),
            obs("a", "rate", 72, "2024-03-31"),
            obs("a", "rate", 74, "2024-06-30"),
        ]
        result = only(self.rate_plan(), rows, "2024-06-30")
        assert result.status is Status.AT_RISK
        (trend,) = [n for n in result.notes if n.code == "trend"]
        assert trend.args["projected"] == pytest.approx(72 + 2 * 275 / 91)

    def test_a_lower_is_better_target_projects_the_other_way(self) -> None:
        p = plan(task(indicator="share", target="<= 30", deadline="2024-12-31"))
        rows = [obs("a", "share", 40, "2023-12-31"), obs("a", "share", 38, "2024-06-30")]
        # 38 − 2×184/182 = 35.98 > 30.
        assert only(p, rows, "2024-06-30").status is Status.AT_RISK


class TestTrendTargets:
    def test_increase_against_the_value_a_year_earlier(self) -> None:
        p = plan(task(indicator="rate", target="increase", deadline="2024-12-31"))
        rows = [obs("a", "rate", 30, "2023-06-30"), obs("a", "rate", 32, "2024-06-30")]
        result = only(p, rows, "2024-06-30")
        assert result.status is Status.MET

    def test_increase_without_a_baseline_is_not_met(self) -> None:
        p = plan(task(indicator="rate", target="increase", deadline="2024-12-31"))
        result = only(p, [obs("a", "rate", 32, "2024-06-30")], "2024-06-30")
        assert result.status is Status.PENDING
        assert [n.code for n in result.notes] == ["no_baseline"]

    def test_equal_to_a_year_earlier_is_not_an_increase(self) -> None:
        p = plan(task(indicator="rate", target="increase", deadline="2024-12-31"))
        rows = [obs("a", "rate", 32, "2023-06-30"), obs("a", "rate", 32, "2024-06-30")]
        assert only(p, rows, "2024-06-30").status is Status.PENDING

    def test_decrease(self) -> None:
        p = plan(task(indicator="share", target="decrease", deadline="2024-12-31"))
        rows = [obs("a", "share", 30, "2023-12-31"), obs("a", "share", 28, "2024-12-31")]
        assert only(p, rows, "2025-01-31").status is Status.MET

    def test_the_baseline_is_the_latest_value_as_of_a_year_earlier(self) -> None:
        p = plan(task(indicator="rate", target="increase", deadline="2024-12-31"))
        rows = [
            obs("a", "rate", 20, "2023-03-31"),
            obs("a", "rate", 40, "2023-09-30"),  # after 2023-06-30: not yet the baseline
            obs("a", "rate", 30, "2024-06-30"),
        ]
        assert only(p, rows, "2024-06-30").status is Status.MET  # 30 > 20

    def test_a_leap_day_looks_back_to_28_february(self) -> None:
        p = plan(task(indicator="rate", target="increase", deadline="2024-12-31"))
        rows = [obs("a", "rate", 30, "2023-02-28"), obs("a", "rate", 31, "2024-02-29")]
        assert only(p, rows, "2024-02-29").status is Status.MET

    def test_increase_met_late_when_the_old_value_drops_out(self) -> None:
        # At T (2024-03-31) the value 30 equals the baseline (30 as of 2023-03-31).
        # On 2024-04-15 the baseline becomes 25 (reported 2023-04-15): 30 > 25, met.
        p = plan(task(indicator="rate", target="increase", deadline="2024-03-31"))
        rows = [
            obs("a", "rate", 30, "2023-03-31"),
            obs("a", "rate", 25, "2023-04-15"),
            obs("a", "rate", 30, "2024-03-31"),
        ]
        result = only(p, rows, "2024-06-30")
        assert (result.status, result.completed_on) == (Status.MET_LATE, d("2024-04-15"))


class TestBetweenAndRatio:
    def test_between_includes_both_ends(self) -> None:
        p = plan(task(indicator="level", target="between 2 and 3", deadline="2024-12-31"))
        assert only(p, [obs("a", "level", 3, "2024-06-30")], "2024-06-30").status is Status.MET
        assert only(p, [obs("a", "level", 2, "2024-06-30")], "2024-06-30").status is Status.MET

    def test_between_outside(self) -> None:
        p = plan(task(indicator="level", target="between 2 and 3", deadline="2024-03-31"))
        assert only(p, [obs("a", "level", 4, "2024-03-31")], "2024-06-30").status is Status.MISSED

    def ratio_plan(self) -> object:
        return plan(task(indicator="mix", target="ratio 5:3:2 ± 5", deadline="2024-12-31"))

    def test_ratio_tolerance_boundary_is_inside(self) -> None:
        # Target shares 50/30/20; 45/35/20 deviates by exactly 5, 5, 0 points.
        result = only(
            self.ratio_plan(),
            [obs("a", "mix", {"a": 45, "b": 35, "c": 20}, "2024-06-30")],
            "2024-06-30",
        )
        assert result.status is Status.MET
        assert result.actual == pytest.approx({"a": 45, "b": 35, "c": 20})

    def test_ratio_just_outside_the_tolerance(self) -> None:
        result = only(
            self.ratio_plan(),
            [obs("a", "mix", {"a": 44.9, "b": 35.1, "c": 20}, "2024-06-30")],
            "2024-06-30",
        )
        assert result.status is Status.PENDING

    def test_ratio_compares_shares_not_amounts(self) -> None:
        # 9000:7000:4000 (yuan) is 45:35:20 in shares.
        rows = [obs("a", "mix", {"a": 9000, "b": 7000, "c": 4000}, "2024-06-30")]
        result = only(self.ratio_plan(), rows, "2024-06-30")
        assert result.status is Status.MET
        assert result.actual == pytest.approx({"a": 45, "b": 35, "c": 20})


class TestMilestones:
    def test_completion_before_the_deadline_is_met_whenever_it_was_reported(self) -> None:
        p = plan(task(deadline="2024-05-31"))
        # Reported in the Q2 file (as_of 2024-06-30) but completed on 2024-05-20.
        result = only(p, [done("a", "t", "2024-05-20", "2024-06-30")], "2024-07-10")
        assert (result.status, result.actual, result.actual_at_deadline) == (Status.MET, True, True)

    def test_completion_after_the_deadline_is_met_late(self) -> None:
        p = plan(task(deadline="2024-05-31"))
        result = only(p, [done("a", "t", "2024-06-10", "2024-06-30")], "2024-06-30")
        assert (result.status, result.completed_on) == (Status.MET_LATE, d("2024-06-10"))

    def test_not_done_is_missed_not_unreported(self) -> None:
        p = plan(task(deadline="2024-05-31"))
        result = only(p, [done("a", "t", None, "2024-03-31", is_done=False)], "2024-06-30")
        assert (result.status, result.actual) == (Status.MISSED, False)

    def test_all_units_must_complete(self) -> None:
        p = plan(task(deadline="2024-05-31", owners=("a", "b")))
        result = only(p, [done("a", "t", "2024-05-01", "2024-05-01")], "2024-06-30")
        assert (result.status, result.missing_units) == (Status.MISSED, ("b",))

    def test_any_unit_completes(self) -> None:
        p = plan(task(deadline="2024-05-31", owners=("a", "b"), aggregate="any"))
        assert (
            only(p, [done("b", "t", "2024-05-01", "2024-05-01")], "2024-06-30").status is Status.MET
        )

    def test_a_later_not_done_report_withdraws_a_completion(self) -> None:
        p = plan(task(deadline="2024-12-31"))
        rows = [
            done("a", "t", "2024-03-01", "2024-03-31"),
            done("a", "t", None, "2024-06-30", is_done=False),
        ]
        assert only(p, rows, "2024-06-30").status is Status.PENDING

    def test_the_target_of_a_milestone_reads_done(self) -> None:
        assert only(plan(task(deadline="2024-05-31")), [], "2024-01-01").target == "done"


class TestWaivers:
    def test_waived_never_fails(self) -> None:
        from medreform_check.model import Waiver

        p = plan(
            task(indicator="rate", target=">= 80", deadline="2023-12-31", waived=Waiver("政策调整"))
        )
        result = only(p, [], "2024-06-30")
        assert (result.status, result.days_overdue) == (Status.WAIVED, None)

    def test_waiver_until_a_date_then_judged_as_usual(self) -> None:
        from medreform_check.model import Waiver

        waiver = Waiver("疫情影响", until=d("2024-03-31"))
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31", waived=waiver))
        assert only(p, [], "2024-03-31").status is Status.WAIVED
        assert only(p, [], "2024-04-01").status is Status.UNREPORTED


class TestOrderAndShape:
    def test_results_follow_plan_then_task_order_then_deadline(self) -> None:
        p = plan(
            task("second-in-file", indicator="rate", target=">= 1", deadline="2023-06-30"),
            task(
                "first-by-date",
                indicator="rate",
                stages=[("2023-03-31", ">= 1"), ("2024-03-31", ">= 2")],
            ),
        )
        found = [(r.task, r.deadline) for r in results(p, [], "2024-06-30")]
        assert found == [
            ("second-in-file", d("2023-06-30")),
            ("first-by-date", d("2023-03-31")),
            ("first-by-date", d("2024-03-31")),
        ]

    def test_every_instance_gets_exactly_one_status_and_summary_counts_all(self) -> None:
        from helpers import run

        p = plan(task(indicator="rate", target=">= 80", every="quarter"))
        report = run(p, [obs("a", "rate", 90, "2023-03-31")], "2024-06-30")
        counts = report.summaries.counts
        assert sum(counts.values()) == len(report.results) == 6
        assert {status.value for status in counts} == {
            "met",
            "met_late",
            "missed",
            "unreported",
            "at_risk",
            "pending",
            "waived",
        }
