"""Submissions as offices write them (CONTRACT §1.1, §1.4): names and aliases, magnitudes,
running totals, completion dates, duplicates, fractions, and the three layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from medreform_check.engine.evaluate import evaluate
from medreform_check.loading.submissions import read_submissions
from medreform_check.model import Catalogue, Indicator, Submissions, Unit

from helpers import INDICATORS, d, plan, task

EXTRA = {
    "people": Indicator("people", "服务人数", "count", "人", min=0, better="higher"),
    "wan": Indicator("wan", "服务人次", "amount", "万人", min=0, better="higher"),
    "visits": Indicator(
        "visits", "县域内就诊率", "rate", "%", aliases=("旗域内就诊率",), better="higher"
    ),
    "checkups": Indicator(
        "checkups", "免费体检人数", "count", "人", min=0, better="higher", cumulative="year"
    ),
    "spent": Indicator(
        "spent", "累计支出", "amount", "万元", min=0, better="higher", cumulative="year"
    ),
}
CATALOGUE = Catalogue({**INDICATORS, **EXTRA})
PLAN = plan(
    task("t", indicator="rate", target=">= 80", deadline="2024-12-31", owners=("a", "b")),
    task("m", deadline="2024-06-30", owners=("a",)),
)
UNITS = {
    "a": Unit("a", "高新区综合医院", aliases=("综合医院",)),
    "b": Unit("b", "乌斯太镇中心卫生院"),
}
NAMED = type(PLAN)(**{**{f: getattr(PLAN, f) for f in PLAN.__dataclass_fields__}, "units": UNITS})


def read(
    tmp_path: Path, files: dict[str, str], plans: tuple[object, ...] = (NAMED,)
) -> Submissions:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return read_submissions([tmp_path / n for n in files], plans, CATALOGUE)  # type: ignore[arg-type]


def values(subs: Submissions) -> list[tuple[str, str, float]]:
    return [(o.unit, o.indicator, o.value) for o in subs.observations]  # type: ignore[misc]


def test_units_and_indicators_by_name_alias_and_folded_forms(tmp_path: Path) -> None:
    text = (
        "单位,指标,数值,截至日期\n"
        "综合医院,旗域内就诊率,81,2024-06-30\n"  # unit alias, indicator alias
        "乌斯太镇中心卫生院,县域内就诊率,82,2024-06-30\n"  # names
        "Ａ,VISITS,83,2024-06-30\n"  # full-width id, id in upper case
    )
    subs = read(tmp_path, {"s.csv": text})
    assert subs.rejected == []
    assert values(subs) == [("a", "visits", 81), ("b", "visits", 82), ("a", "visits", 83)]


def test_magnitudes_are_converted_exactly(tmp_path: Path) -> None:
    text = (
        "unit,indicator,value,as_of\n"
        "a,people,12.6万,2024-06-30\n"  # 12.6 × 10⁴ = 126000 人, not 125999.99…
        "a,wan,126000人,2024-06-30\n"  # 126000 人 in 万人: 12.6
        "b,people,1.2亿,2024-06-30\n"  # 1.2 × 10⁸
        "b,people,3元,2024-06-30\n"  # 元 is not 人: rejected
    )
    subs = read(tmp_path, {"s.csv": text})
    assert values(subs) == [("a", "people", 126000), ("a", "wan", 12.6), ("b", "people", 120000000)]
    ((line, reason),) = [(r.at.line, r.reason) for r in subs.rejected]
    assert line == 5 and "'元'" in reason


def test_a_completion_date_alone_means_done(tmp_path: Path) -> None:
    subs = read(tmp_path, {"s.csv": "unit,task,completed_on\na,m,2024-05-20\n"})
    ((report,),) = [subs.milestones]
    assert (report.done, report.completed_on) == (True, d("2024-05-20"))


def test_an_as_of_after_the_period_is_rejected(tmp_path: Path) -> None:
    text = "unit,period,indicator,value,as_of\na,2024-Q1,rate,80,2024-06-30\na,2024-Q2,rate,80,2024-03-31\n"
    subs = read(tmp_path, {"s.csv": text})
    # Q1 ends 03-31: June is after it; an earlier as_of in Q2's report is fine.
    assert [(r.at.line, r.code) for r in subs.rejected] == [(2, "as-of-after-period")]
    assert values(subs) == [("a", "rate", 80)]


@pytest.mark.parametrize("indicator", ["checkups", "spent"])  # a count and an amount
def test_a_period_of_running_totals_is_a_difference_never_a_sum(
    tmp_path: Path, indicator: str
) -> None:
    running = plan(
        task(
            "c",
            indicator=indicator,
            target=">= 40",
            every="quarter",
            owners=("a",),
            start="2024-01-01",
            until="2024-12-31",
        ),
    )
    text = f"unit,indicator,value,as_of\na,{indicator},30,2024-01-31\na,{indicator},65,2024-02-29\na,{indicator},100,2024-05-31\n"
    subs = read(tmp_path, {"s.csv": text}, (running,))
    results = evaluate([running], CATALOGUE, subs, d("2024-12-31")).results
    # Q1: the latest running total in Q1 is 65, none before it this year: 65 (not 30 + 65).
    # Q2: 100 − 65 = 35 < 40: missed. Q3, Q4: nothing inside them: unreported.
    statuses = [(r.period, r.status.value, r.actual) for r in results]
    assert statuses[:2] == [("2024-Q1", "met", 65), ("2024-Q2", "missed", 35)]


def test_duplicates_within_a_file_and_conflicts_between_files(tmp_path: Path) -> None:
    first = "unit,indicator,value,as_of,submitted\na,rate,70,2024-06-30,2024-07-01\na,rate,71,2024-06-30,2024-07-01\n"
    second = "unit,indicator,value,as_of,submitted\na,rate,75,2024-06-30,2024-07-09\n"
    subs = read(tmp_path, {"x.csv": first, "y.csv": second})
    codes = sorted((r.code, Path(r.at.path).name, r.at.line) for r in subs.warnings)
    # x.csv line 3 repeats line 2 (duplicate-value); y.csv, submitted later, counts, and
    # disagrees with x.csv's 70 and 71 (one warning for each).
    assert codes == [
        ("conflicting-value", "y.csv", 2),
        ("conflicting-value", "y.csv", 2),
        ("duplicate-value", "x.csv", 3),
    ]
    conflict = next(r.reason for r in subs.warnings if r.code == "conflicting-value")
    assert "x.csv:2" in conflict and "70" in conflict and "75" in conflict


def test_the_order_of_the_files_never_decides(tmp_path: Path) -> None:
    one = "unit,indicator,value,as_of\na,rate,70,2024-06-30\n"
    two = "unit,indicator,value,as_of\na,rate,90,2024-06-30\n"
    for name, text in (("one.csv", one), ("two.csv", two)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    forward = read_submissions([tmp_path / "one.csv", tmp_path / "two.csv"], [NAMED], CATALOGUE)
    backward = read_submissions([tmp_path / "two.csv", tmp_path / "one.csv"], [NAMED], CATALOGUE)
    for subs in (forward, backward):
        # Neither has a submitted date: the later row in path order (two.csv) counts.
        result = evaluate([NAMED], CATALOGUE, subs, d("2024-06-30")).results[0]
        assert result.actual == 90


@pytest.mark.parametrize(
    ("value", "others", "warned"), [("0.853", "85", True), ("0.5", "0.6", False)]
)
def test_a_rate_typed_as_a_fraction(tmp_path: Path, value: str, others: str, warned: bool) -> None:
    text = f"unit,indicator,value,as_of\nb,share,{others},2024-03-31\nb,share,{value},2024-06-30\n"
    subs = read(tmp_path, {"s.csv": text})
    # share has no task with a target above 1 here: only the unit's other value can tell.
    found = [(r.at.line, r.reason) for r in subs.warnings if r.code == "rate-looks-fractional"]
    assert found == (
        [
            (
                3,
                f"{value} looks like a fraction: a rate is in percent points (did you mean {float(value) * 100:g}?)",
            )
        ]
        if warned
        else []
    )


MAGNITUDE_PLAN = """schema_version: 1
plan: {id: m, title: 万, period: {start: 2024-01-01, end: 2024-12-31}}
indicators:
  served: {name: 服务人次, kind: amount, unit: 人, min: 0, better: higher}
units: [{id: hospital, name: 医院}]
tasks:
  - {id: big, title: 服务1000万人次以上, owners: [hospital], indicator: served, target: 1000万以上, deadline: 2024-12-31}
"""


def test_a_target_with_a_magnitude_is_met_in_the_indicators_unit(tmp_path: Path) -> None:
    import json

    from helpers import ROOT, run_cli

    (tmp_path / "plan.yaml").write_text(MAGNITUDE_PLAN, encoding="utf-8")
    (tmp_path / "s.csv").write_text(
        "unit,indicator,value,as_of\nhospital,served,1200万,2024-12-31\n", encoding="utf-8"
    )
    result = run_cli(["audit", str(tmp_path / "plan.yaml"), "-s", str(tmp_path / "s.csv"), "--rules",
                      str(ROOT / "rules"), "--as-of", "2024-12-31", "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    (only,) = json.loads(result.stdout)["results"]
    # 1200万 = 12,000,000 人 >= 1000万 = 10,000,000 人
    assert (only["status"], only["actual"], only["target"]) == ("met", 12000000, ">= 10000000")
    wrong = MAGNITUDE_PLAN.replace("target: 1000万以上", "target: 1000万元以上")
    (tmp_path / "plan.yaml").write_text(wrong, encoding="utf-8")
    refused = run_cli(["validate", str(tmp_path / "plan.yaml"), "--rules", str(ROOT / "rules")])
    assert "target unit '万元' does not match served ('人') [target-unit]" in refused.stdout


def test_a_plan_names_an_unknown_unit_or_indicator_with_a_hint(tmp_path: Path) -> None:
    from helpers import ROOT, SMALL_PLAN, run_cli

    typo = SMALL_PLAN.replace(
        "owners: [hospital]\n    indicator: emr_level",
        "owners: [hospitl]\n    indicator: emr_levle",
    )
    (tmp_path / "plan.yaml").write_text(typo, encoding="utf-8")
    result = run_cli(["validate", str(tmp_path / "plan.yaml"), "--rules", str(ROOT / "rules")])
    assert (
        "owner 'hospitl' is not a unit of this plan (did you mean 'hospital'?) [unknown-unit]"
        in result.stdout
    )
    assert (
        "unknown indicator 'emr_levle' (did you mean 'emr_level'?) [unknown-indicator]"
        in result.stdout
    )
