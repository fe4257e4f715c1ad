"""The office's calendar (CONTRACT §2 "Known by", "Pace", "Changes", "Escalation"), each
expectation worked out by hand from the contract."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from medreform_check.commands.audit import build_report
from medreform_check.errors import Location
from medreform_check.language.periods import parse_period
from medreform_check.model import (
    Baseline,
    MilestoneReport,
    Observation,
    Plan,
    Receipt,
    Reporting,
    Submissions,
)
from medreform_check.report import Level, Report, ReportStatus, Result, Status
from medreform_check.vocabulary import notes_text

from helpers import CATALOGUE, d, done, obs, only, plan, task

Row = Observation | MilestoneReport


def audit(
    the_plan: Plan,
    rows: Sequence[Row],
    as_of: str,
    known_by: str | None = None,
    compare_to: str | None = None,
    receipts: Sequence[Receipt] = (),
) -> Report:
    subs = Submissions(
        observations=[r for r in rows if isinstance(r, Observation)],
        milestones=[r for r in rows if isinstance(r, MilestoneReport)],
        receipts=list(receipts),
    )
    return build_report(
        [the_plan],
        CATALOGUE,
        subs,
        d(as_of),
        d(known_by) if known_by else None,
        d(compare_to) if compare_to else None,
    )


def one(report: Report) -> Result:
    assert len(report.results) == 1, report.results
    return report.results[0]


class TestKnownBy:
    """A late Q4 report and an annual report sent in March, audited as of 2024-01-31."""

    RATE = task(indicator="rate", target=">= 80", deadline="2023-12-31")
    LEVEL = task(indicator="level", target=">= 3", deadline="2023-12-31")

    def test_a_late_q4_report_is_not_known_before_it_was_sent(self) -> None:
        # The Q4 figure (82 as of 2023-12-31) was sent on 2024-02-20.
        rows = [obs("a", "rate", 82, "2023-12-31", submitted="2024-02-20")]
        p = plan(self.RATE)
        # Without --known-by the figure counts: met at T.
        assert one(audit(p, rows, "2024-01-31")).status is Status.MET
        # Known by 2024-01-31: nothing had arrived; D − T = 31 days, so unreported.
        blind = one(audit(p, rows, "2024-01-31", known_by="2024-01-31"))
        assert (blind.status, blind.days_overdue, blind.actual) == (Status.UNREPORTED, 31, None)
        # Known by the day it was sent: it counts (submitted ≤ K).
        assert one(audit(p, rows, "2024-01-31", known_by="2024-02-20")).status is Status.MET

    def test_a_march_annual_report_does_not_change_a_january_audit(self) -> None:
        # Q3 report: level 2 as of 2023-09-30, sent 2023-10-10. The annual report (level 3 as
        # of 2023-12-31) was sent on 2024-03-25.
        rows = [
            obs("a", "level", 2, "2023-09-30", submitted="2023-10-10"),
            obs("a", "level", 3, "2023-12-31", submitted="2024-03-25"),
        ]
        p = plan(self.LEVEL)
        assert one(audit(p, rows, "2024-01-31")).status is Status.MET
        # Known by 2024-01-31: the value at T is 2 < 3 → missed, 31 days overdue.
        published = one(audit(p, rows, "2024-01-31", known_by="2024-01-31"))
        assert (published.status, published.actual, published.days_overdue) == (
            Status.MISSED,
            2,
            31,
        )
        # Reproduced in April, with the annual report on file: the same verdict.
        again = one(audit(p, rows, "2024-01-31", known_by="2024-01-31"))
        assert again == published

    def test_a_row_without_a_submitted_date_counts_as_known(self) -> None:
        p = plan(self.RATE)
        rows = [obs("a", "rate", 82, "2023-12-31")]
        assert one(audit(p, rows, "2024-01-31", known_by="2024-01-01")).status is Status.MET

    def test_milestone_reports_follow_the_same_rule(self) -> None:
        p = plan(task(deadline="2023-12-31"))
        late = replace(done("a", "t", "2023-12-20", "2023-12-31"), submitted=d("2024-04-25"))
        assert one(audit(p, [late], "2024-01-31")).status is Status.MET
        blind = one(audit(p, [late], "2024-01-31", known_by="2024-01-31"))
        assert blind.status is Status.UNREPORTED

    def test_the_reporting_table_follows_the_same_rule(self) -> None:
        # 2023-Q4 is due 15 days after 2023-12-31, on 2024-01-15.
        p = plan(self.RATE, reporting=Reporting("quarter", 15), start="2023-10-01")
        at = Location("q4.yaml")
        q4 = parse_period("2023-Q4")
        receipts = [Receipt("a", q4, d("2024-02-20"), at)]
        late = audit(p, [], "2024-03-31", receipts=receipts).reporting
        assert [(e.period, e.status) for e in late] == [("2023-Q4", ReportStatus.LATE)]
        blind = audit(p, [], "2024-03-31", known_by="2024-01-31", receipts=receipts).reporting
        assert [(e.period, e.status) for e in blind] == [("2023-Q4", ReportStatus.MISSING)]
        undated = [Receipt("a", q4, None, at)]
        kept = audit(p, [], "2024-03-31", known_by="2024-01-31", receipts=undated).reporting
        assert [e.status for e in kept] == [ReportStatus.RECEIVED]

    def test_the_report_echoes_known_by(self) -> None:
        p = plan(self.RATE)
        assert audit(p, [], "2024-01-31").known_by is None
        assert audit(p, [], "2024-01-31", known_by="2024-01-31").known_by == d("2024-01-31")


class TestPace:
    """序时进度: the straight line from the baseline to the target at the deadline."""

    def test_behind_the_line_is_at_risk_and_says_the_pace_value(self) -> None:
        t = task(
            indicator="rate",
            target=">= 90",
            deadline="2024-12-31",
            baseline=Baseline(70, d("2023-12-31")),
        )
        # 2023-12-31 → 2024-06-30 is 182 days of the 366 to 2024-12-31 (2024 is a leap year):
        # the line stands at 70 + (90 − 70) × 182 / 366 = 79.945…
        expected = 70 + 20 * 182 / 366
        behind = only(plan(t), [obs("a", "rate", 79.9, "2024-06-30")], "2024-06-30")
        assert behind.status is Status.AT_RISK
        (note,) = [n for n in behind.notes if n.code == "pace"]
        assert note.args["expected"] == pytest.approx(expected)
        assert note.args["actual"] == 79.9
        assert notes_text(behind.notes, "zh", {}) == "序时进度应达 79.95，实际 79.9"
        assert notes_text(behind.notes, "en", {}) == "pro-rata pace requires 79.95, actual 79.9"
        # 80 is above the line: on pace, and 184 days before the deadline, so pending.
        on_pace = only(plan(t), [obs("a", "rate", 80, "2024-06-30")], "2024-06-30")
        assert on_pace.status is Status.PENDING
        assert on_pace.level is None

    def test_for_an_upper_limit_behind_is_above_the_line(self) -> None:
        t = task(
            indicator="share",
            target="<= 20",
            deadline="2024-12-31",
            baseline=Baseline(30, d("2023-12-31")),
        )
        # The line falls from 30 to 20: 30 − 10 × 182 / 366 = 25.03 on 2024-06-30.
        above = only(plan(t), [obs("a", "share", 25.1, "2024-06-30")], "2024-06-30")
        assert above.status is Status.AT_RISK
        below = only(plan(t), [obs("a", "share", 25.0, "2024-06-30")], "2024-06-30")
        assert below.status is Status.PENDING

    def test_a_later_stage_starts_at_the_previous_stage_target_and_deadline(self) -> None:
        t = task(
            indicator="rate",
            stages=[("2024-06-30", ">= 80"), ("2025-12-31", ">= 90")],
            baseline=Baseline(70, d("2023-12-31")),
        )
        rows = [obs("a", "rate", 84, "2025-03-31")]
        stage1, stage2 = [r for r in audit(plan(t), rows, "2025-03-31").results]
        # Stage 1: nothing by 2024-06-30, 84 ≥ 80 now: met late.
        assert stage1.status is Status.MET_LATE
        # Stage 2's line: 80 on 2024-06-30 → 90 on 2025-12-31, 549 days; 2025-03-31 is 274
        # days in: 80 + 10 × 274 / 549 = 84.99. (From the baseline it would be 82.48 and 84
        # would be on pace: the stage's own line decides.)
        assert stage2.status is Status.AT_RISK
        (note,) = [n for n in stage2.notes if n.code == "pace"]
        assert note.args["expected"] == pytest.approx(80 + 10 * 274 / 549)

    def test_a_stage_line_says_nothing_before_it_starts(self) -> None:
        t = task(
            indicator="rate",
            stages=[("2024-06-30", ">= 80"), ("2025-12-31", ">= 90")],
            baseline=Baseline(70, d("2023-12-31")),
        )
        # As of 2024-03-31 stage 1's line (70 → 80 over 182 days) is at 70 + 10 × 91 / 182
        # = 75: 76 is on pace. Stage 2's line has not started: no pace note either.
        rows = [obs("a", "rate", 76, "2024-03-31")]
        for result in audit(plan(t), rows, "2024-03-31").results:
            assert result.status is Status.PENDING
            assert not [n for n in result.notes if n.code == "pace"]

    def test_no_pace_without_a_baseline_or_for_a_milestone(self) -> None:
        plain = task(indicator="rate", target=">= 90", deadline="2024-12-31")
        assert only(plan(plain), [obs("a", "rate", 1, "2024-06-30")], "2024-06-30").status is (
            Status.PENDING
        )
        milestone = task(deadline="2024-12-31", baseline=Baseline(0, d("2023-12-31")))
        assert only(plan(milestone), [], "2024-06-30").status is Status.PENDING


class TestLevels:
    """三色督办: blue at risk, yellow overdue ≤ escalate_days, red longer."""

    @pytest.mark.parametrize(
        ("as_of", "escalate_days", "level"),
        [
            ("2024-01-30", 30, Level.YELLOW),  # 30 days overdue: still yellow
            ("2024-01-31", 30, Level.RED),  # 31 days: red
            ("2024-01-01", 30, Level.YELLOW),  # the first day overdue
            ("2024-01-10", 10, Level.YELLOW),  # 10 days with escalate_days 10
            ("2024-01-11", 10, Level.RED),  # 11 days
            ("2024-01-11", 0, Level.RED),  # escalate_days 0: red from the first day
        ],
    )
    def test_overdue_levels(self, as_of: str, escalate_days: int, level: Level) -> None:
        p = plan(
            task(indicator="rate", target=">= 80", deadline="2023-12-31"),
            escalate_days=escalate_days,
        )
        assert one(audit(p, [], as_of)).level is level

    def test_at_risk_is_blue_and_other_statuses_have_none(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31"))
        assert one(audit(p, [], "2023-12-15")).level is Level.BLUE  # due in 16 days
        assert one(audit(p, [], "2023-06-30")).level is None  # pending
        met = [obs("a", "rate", 85, "2023-12-31")]
        assert one(audit(p, met, "2024-06-30")).level is None

    def test_red_comes_before_yellow_in_the_overdue_list(self) -> None:
        # Two plans: one escalates after 100 days, the other after 10. As of 2024-03-01
        # both tasks are 61 days overdue: yellow in the first, red in the second.
        slow = plan(
            task("slow", indicator="rate", target=">= 80", deadline="2023-12-31"),
            id="slow",
            escalate_days=100,
        )
        fast = plan(
            task("fast", indicator="rate", target=">= 80", deadline="2023-12-31"),
            id="fast",
            escalate_days=10,
        )
        report = build_report([slow, fast], CATALOGUE, Submissions(), d("2024-03-01"))
        listed = [r.task for g in report.summaries.overdue for r in g.results]
        assert listed == ["fast", "slow"]


class TestChanges:
    """As of 2024-06-30 compared with 2024-03-31."""

    def _report(self) -> Report:
        p = plan(
            # At risk at D0 (due that day, 70 < 80); met late now (85 on 2024-05-31).
            task("late", indicator="rate", target=">= 80", deadline="2024-03-31"),
            # Missed at D0; met late now: newly met and recovered.
            task("recovered", indicator="level", target=">= 3", deadline="2024-01-31"),
            # Unreported at both dates.
            task("silent", indicator="share", target="<= 30", deadline="2024-01-31"),
            # Pending at D0 (61 days left), unreported now.
            task("slipped", indicator="share", target="<= 30", deadline="2024-05-31"),
            # Quarterly from 2024: Q1 at risk at D0 (due that day) and unreported now; Q2
            # did not exist at D0 and is met now (one meeting on 2024-05-10).
            task(
                "quarterly",
                indicator="meetings",
                target=">= 1",
                every="quarter",
                start="2024-01-01",
            ),
        )
        rows = [
            obs("a", "rate", 70, "2024-03-31"),
            obs("a", "rate", 85, "2024-05-31"),
            obs("a", "level", 2, "2024-01-31"),
            obs("a", "level", 3, "2024-05-31"),
            obs("a", "meetings", 1, "2024-05-10"),
        ]
        return audit(p, rows, "2024-06-30", compare_to="2024-03-31")

    def test_each_result_carries_its_status_at_the_earlier_date(self) -> None:
        found = {(r.task, r.period): (r.previous_status, r.status) for r in self._report().results}
        assert found == {
            ("late", None): (Status.AT_RISK, Status.MET_LATE),
            ("recovered", None): (Status.MISSED, Status.MET_LATE),
            ("silent", None): (Status.UNREPORTED, Status.UNREPORTED),
            ("slipped", None): (Status.PENDING, Status.UNREPORTED),
            ("quarterly", "2024-Q1"): (Status.AT_RISK, Status.UNREPORTED),
            ("quarterly", "2024-Q2"): (None, Status.MET),
        }

    def test_the_four_categories(self) -> None:
        changes = self._report().changes
        assert changes is not None
        assert changes.compared_to == d("2024-03-31")

        def named(results: tuple[Result, ...]) -> list[str]:
            return [f"{r.task}{' ' + r.period if r.period else ''}" for r in results]

        assert named(changes.newly_met) == ["late", "recovered", "quarterly 2024-Q2"]
        assert named(changes.newly_overdue) == ["slipped", "quarterly 2024-Q1"]
        assert named(changes.still_overdue) == ["silent"]
        assert named(changes.recovered) == ["recovered"]

    def test_summaries_are_built_from_the_compared_results(self) -> None:
        report = self._report()
        listed = [r for g in report.summaries.overdue for r in g.results]
        expected = {Status.UNREPORTED, Status.PENDING, Status.AT_RISK}
        assert {r.previous_status for r in listed} == expected

    def test_without_compare_to_there_are_no_changes(self) -> None:
        p = plan(task(indicator="rate", target=">= 80", deadline="2023-12-31"))
        report = audit(p, [], "2024-06-30")
        assert report.changes is None
        assert one(report).previous_status is None

    def test_known_by_applies_to_both_dates(self) -> None:
        # Met on 2024-02-15 by a row sent on 2024-05-01. Known by 2024-04-30: not met at
        # either date (missed now and then) — still overdue, not newly met.
        p = plan(task(indicator="rate", target=">= 80", deadline="2024-01-31"))
        rows = [
            obs("a", "rate", 70, "2024-01-31", submitted="2024-02-05"),
            obs("a", "rate", 85, "2024-02-15", submitted="2024-05-01"),
        ]
        report = audit(p, rows, "2024-06-30", known_by="2024-04-30", compare_to="2024-03-31")
        result = one(report)
        assert (result.previous_status, result.status) == (Status.MISSED, Status.MISSED)
        assert report.changes is not None
        assert [r.task for r in report.changes.still_overdue] == ["t"]
        assert report.changes.newly_met == ()
