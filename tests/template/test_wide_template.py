"""``template --layout wide``: the 汇总表 an office sends to every unit, filled in and read
back as a wide sheet; and ``--unit`` found by any name, with a hint when it is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import ROOT, SMALL_PLAN, run_cli

RULES = str(ROOT / "rules")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("plan.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    return tmp_path


def test_the_wide_form_filled_in_audits_like_any_submission(here: Path) -> None:
    from openpyxl import load_workbook

    made = run_cli(["template", "plan.yaml", "--period", "2023-Q4", "--layout", "wide",
                    "--format", "xlsx", "--output", "form.xlsx", "--lang", "zh", "--rules", RULES])  # fmt: skip
    assert made.exit_code == 0, made.stderr
    book = load_workbook("form.xlsx")
    sheet = book["汇总表"]
    header = [cell.value for cell in sheet[1]]
    # The small plan's indicators due in 2023-Q4: EMR level (级) and the local visit rate (%).
    assert header == [
        "单位",
        "报告期",
        "电子病历系统应用水平分级（级）",
        "县域（旗域）内就诊率（%）",
    ]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["综合医院"]
    assert book["units"].sheet_state == "hidden" and sheet.data_validations.dataValidation
    sheet["C2"], sheet["D2"] = 3, 85  # the hospital fills in its row
    book.save("form.xlsx")
    audit = run_cli(["audit", "plan.yaml", "-s", "form.xlsx", "--as-of", "2024-06-30", "--rules",
                     RULES, "--format", "json", "--fail-on", "none"])  # fmt: skip
    report = json.loads(audit.stdout)
    assert report["rejected"] == []
    statuses = {r["task"]: (r["status"], r["actual"]) for r in report["results"]}
    # emr: 3 >= 3 by 2023-12-31: met; visits: 85 >= 80: met.
    assert statuses["emr"] == ("met", 3) and statuses["visits"] == ("met", 85)


def test_the_wide_form_is_a_table(here: Path) -> None:
    result = run_cli(
        ["template", "plan.yaml", "--period", "2023-Q4", "--layout", "wide", "--rules", RULES]
    )
    assert result.exit_code == 2
    assert "--layout wide: the 汇总表 is a table; use --format csv or xlsx" in result.stderr
    csv = run_cli(
        [
            "template",
            "plan.yaml",
            "--period",
            "2023-Q4",
            "--layout",
            "wide",
            "-f",
            "csv",
            "--rules",
            RULES,
        ]
    )
    assert csv.stdout.splitlines()[1] == "综合医院,2023-Q4,,"


def test_a_unit_by_any_name_and_a_hint_for_a_typo(here: Path) -> None:
    by_name = run_cli(
        ["template", "plan.yaml", "--period", "2023-Q4", "--unit", "综合医院", "--rules", RULES]
    )
    assert by_name.exit_code == 0
    typo = run_cli(
        ["template", "plan.yaml", "--period", "2023-Q4", "--unit", "hospitl", "--rules", RULES]
    )
    assert typo.exit_code == 2
    assert "--unit: no unit 'hospitl' in the plans (did you mean 'hospital'?)" in typo.stderr
    missing = run_cli(["template", "plan.yaml", "--period", "2023-Q4", "--rules", RULES])
    assert missing.exit_code == 2 and "--unit: which unit's form?" in missing.stderr
