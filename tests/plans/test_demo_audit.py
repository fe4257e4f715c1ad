"""The README's demo audit, as of 2024-06-30, against verdicts worked out by hand from the files.

Each expectation below was derived from examples/submissions and CONTRACT §2 before running
the audit; the comments give the reasoning for the non-obvious ones.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from helpers import ROOT, run_cli


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    argv = ["audit", str(ROOT / "plans" / "alxa-hitech-2023-2025.yaml"), "-s", str(ROOT / "examples" / "submissions"),
            "--as-of", "2024-06-30", "--format", "json", "--rules", str(ROOT / "rules")]  # fmt: skip
    result = run_cli(argv, env={"LANG": "C"})
    assert result.exit_code == 1  # missed and unreported tasks, as in a real quarter
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def status(demo: dict[str, Any], task: str, due: str | None = None) -> dict[str, Any]:
    (found,) = [
        r
        for r in demo["results"]
        if r["task"] == task and due in (None, r["period"], r["deadline"])
    ]
    return found


def test_no_rejected_row_and_every_status_shown(demo: dict[str, Any]) -> None:
    assert demo["rejected"] == [] and demo["warnings"] == []
    assert demo["summary"] == {
        "met": 51,
        "met_late": 4,
        "missed": 9,
        "unreported": 6,
        "at_risk": 2,
        "pending": 30,
        "waived": 0,
    }


HAND_WORKED = {
    # met late: at T the latest report said not done; done on 2024-02-26 (Q1 file).
    ("alliance-committee-chair", None): ("met_late", "2024-02-26"),
    # 60-minute slots at 2023-12-31, 30 from 2024-03-31: <= 30 first holds on 2024-03-31.
    ("appointment-slot-30min", None): ("met_late", "2024-03-31"),
    # all three institutions: 巴彦木仁 said 否 at 2023-12-31 and finished on 2024-01-20.
    ("service-processes-2023", None): ("met_late", "2024-01-20"),
    ("wp-integrity-guideline", None): ("met_late", "2024-03-05"),
    # not done at T nor since.
    ("info-platform-2023", None): ("missed", None),
    # 巴彦木仁 never reported it; the others did: something counts, so missed, not unreported.
    ("results-sharing-2023", None): ("missed", None),
    # February: 巴彦木仁 reported January and March only.
    ("quality-disclosure-monthly", "2024-02"): ("missed", None),
    # June is due on the as-of day and 巴彦木仁 has not disclosed: T − D = 0 ≤ 30.
    ("quality-disclosure-monthly", "2024-06"): ("at_risk", None),
    # 0 inspections reported for 2023.
    ("special-inspection-yearly", "2023"): ("missed", None),
    # 巴彦木仁 30.1 at 2023-12-31 against 30.5 a year earlier: not an increase for `all`.
    ("wp-medical-service-share-2023", None): ("missed", None),
    ("wp-gp-training-2023", None): ("missed", None),  # 66.7 < 100
    ("wp-annual-evaluation-2023", None): ("missed", None),  # reported not done, twice
    # 力争 / 争取 targets missed: shown as missed, never failing the run.
    ("smart-service-level-2023", None): ("missed", None),  # level 1 < 2
    ("wp-local-visit-80", None): ("missed", None),  # 76.8 at T, 78.6 now
    # nothing reported for these.
    ("half-year-bulletin", "2023-H2"): ("unreported", None),
    ("wp-research-incentive", None): ("unreported", None),
    ("wp-drg-parameters", None): ("unreported", None),
    ("wp-sanming-annual", "2023"): ("unreported", None),
    ("wp-senior-post-share-up", None): ("unreported", None),
    ("wp-annual-appraisal", None): ("unreported", None),
    # the deficit deepens (−1.2, −1.9, −2.3, −2.8 over four quarters): the least-squares line
    # reaches about −5.96 by 2025-12-31, below the >= 0 target.
    ("balance-surplus", None): ("at_risk", None),
    # met well before their deadlines.
    ("emr-level", None): ("met", None),  # level 3 at 2023-12-31
    ("one-stop-center", None): ("met", None),  # done 2024-05-20, due 2024-05-31
    ("committee-meetings", "2023"): ("met", None),  # 1 in August + 1 in December = 2
    ("medical-service-share-2024", None): ("met", None),  # 30.1 now against 27.8 at 2023-06-30
    ("quality-nursing-yearly-up", "2023"): ("met", None),  # 52.0 against 45.0 for 2022
    ("cross-region-visits-down", "2024-12-31"): ("met", None),  # 21.2 against 24.6 a year earlier
    # pending: one meeting so far in 2024; a level below target with no trend to judge.
    ("committee-meetings", "2024"): ("pending", None),
    ("nurses-certified-2025", None): ("pending", None),
    ("revenue-structure-532", None): ("pending", None),  # 38.5:38.2:23.3 is 11.5 points off 50
    ("grassroots-visit-share-up", None): ("pending", None),  # no value a year earlier yet
}


@pytest.mark.parametrize(
    ("key", "expected"), list(HAND_WORKED.items()), ids=[f"{t}-{d}" for t, d in HAND_WORKED]
)
def test_hand_worked_verdicts(
    demo: dict[str, Any], key: tuple[str, str | None], expected: tuple[str, str | None]
) -> None:
    result = status(demo, *key)
    assert (result["status"], result["completed_on"]) == expected


def test_the_overdue_have_days_overdue(demo: dict[str, Any]) -> None:
    for result in demo["results"]:
        overdue = result["status"] in ("missed", "unreported")
        assert (result["days_overdue"] is not None) == overdue
    assert status(demo, "info-platform-2023")["days_overdue"] == 182  # 2023-12-31 → 2024-06-30


def test_reporting_as_worked_out(demo: dict[str, Any]) -> None:
    # Seven units owe reports (those that report on some task); periods that ended after the
    # issue date 2023-09-28 and before 2024-06-30: 2023-Q3, 2023-Q4, 2024-Q1.
    statuses = Counter((e["unit"], e["status"]) for e in demo["reporting"])
    assert len(demo["reporting"]) == 21
    assert statuses[("demo-finance-bureau", "missing")] == 3
    assert statuses[("party-building-office", "missing")] == 2
    assert statuses[("party-building-office", "received")] == 1  # its CSV has no 提交日期
    late = {(e["unit"], e["period"]) for e in demo["reporting"] if e["status"] == "late"}
    # 乌斯太 Q3 on 10-16 (due 10-15); 巴彦木仁 Q4 on 01-22 and Q1 on 04-25; 财政金融局 Q1 on 04-20.
    assert late == {
        ("wusitai-health-centre", "2023-Q3"),
        ("bayanmuren-health-centre", "2023-Q4"),
        ("bayanmuren-health-centre", "2024-Q1"),
        ("finance-bureau", "2024-Q1"),
    }
    # 乌斯太 Q1 submitted on its due date 2024-04-15: on time.
    (q1,) = [
        e
        for e in demo["reporting"]
        if e["unit"] == "wusitai-health-centre" and e["period"] == "2024-Q1"
    ]
    assert (q1["status"], q1["submitted"], q1["due"]) == ("on_time", "2024-04-15", "2024-04-15")


def test_the_demo_has_files_as_offices_send_them() -> None:
    from medreform_check.loading.readers import ReadNote, read_csv, read_workbook

    folder = ROOT / "examples" / "submissions"
    gb = next(read_csv(folder / "2023-Q4" / "bayanmuren-health-centre.csv"))
    xlsx = next(read_workbook(folder / "2023-Q4" / "party-building-office.xlsx"))
    assert isinstance(gb, ReadNote) and gb.text.endswith("CSV, GB18030")
    assert isinstance(xlsx, ReadNote) and xlsx.text.endswith("XLSX, sheet '2023年四季度'")


def test_quick_start_command_succeeds() -> None:
    argv = ["audit", str(ROOT / "plans" / "alxa-hitech-2023-2025.yaml"), "-s", str(ROOT / "examples" / "submissions"),
            "--as-of", "2024-06-30", "--fail-on", "none", "--rules", str(ROOT / "rules"), "--no-color"]  # fmt: skip
    result = run_cli(argv, env={"LANG": "C"})
    assert result.exit_code == 0
    assert "Summary (as of 2024-06-30)" in result.stdout
