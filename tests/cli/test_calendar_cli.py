"""--known-by and --compare-to through the command line, and the overdue list's HTML and
Excel formats. The small plan: emr (>= 3 by 2023-12-31), centre (a milestone due 2024-05-31)
and visits (力争 80% by 2023-12-31); one hospital submission sent 2024-01-10 with level 3,
a 75% visit rate and the centre done on 2024-05-20."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from helpers import run_cli


def cli(files: dict[str, Path], rules: Path, *args: str) -> Any:
    argv = [args[0], str(files["plan"]), "-s", str(files["subs"]), "--rules", str(rules),
            *args[1:]]  # fmt: skip
    return run_cli(argv, env={"LANG": "C"})


def test_known_by_before_the_submission_sees_nothing(
    files: dict[str, Path], rules_dir: Path
) -> None:
    result = cli(files, rules_dir, "audit", "--as-of", "2024-06-30", "--known-by", "2024-01-09",
                 "-f", "json")  # fmt: skip
    data = json.loads(result.stdout)
    assert data["known_by"] == "2024-01-09"
    # Nothing was sent by 2024-01-09: every instance is past its deadline and unreported.
    assert [(r["task"], r["status"]) for r in data["results"]] == [
        ("emr", "unreported"), ("centre", "unreported"), ("visits", "unreported"),
    ]  # fmt: skip
    seen = cli(files, rules_dir, "audit", "--as-of", "2024-06-30", "--known-by", "2024-01-10",
               "-f", "json")  # fmt: skip
    assert json.loads(seen.stdout)["results"][0]["status"] == "met"


def test_compare_to_in_json_table_and_csv(files: dict[str, Path], rules_dir: Path) -> None:
    args = ("audit", "--as-of", "2024-06-30", "--compare-to", "2024-03-31", "--fail-on", "none")
    data = json.loads(cli(files, rules_dir, *args, "-f", "json").stdout)
    assert data["compared_to"] == "2024-03-31"
    # centre: due 2024-05-31, 61 days left at D0 and not yet done → pending; met now.
    assert [(r["task"], r["previous_status"], r["status"]) for r in data["results"]] == [
        ("emr", "met", "met"), ("centre", "pending", "met"), ("visits", "missed", "missed"),
    ]  # fmt: skip
    assert data["changes"] == {"newly_met": 1, "newly_overdue": 0, "still_overdue": 1,
                               "recovered": 0}  # fmt: skip
    table = cli(files, rules_dir, *args).stdout
    assert "Since 2024-03-31: newly met 1, newly overdue 0, still overdue 1, recovered 0." in table
    rows = list(csv.DictReader(io.StringIO(cli(files, rules_dir, *args, "-f", "csv").stdout[1:])))
    assert [r["previous_status"] for r in rows] == ["met", "pending", "missed"]
    assert [r["level"] for r in rows] == ["", "", "red"]  # visits: 182 days overdue


def test_compare_to_must_be_earlier(files: dict[str, Path], rules_dir: Path) -> None:
    result = cli(files, rules_dir, "audit", "--as-of", "2024-06-30", "--compare-to", "2024-06-30")
    assert result.exit_code == 2
    assert "--compare-to 2024-06-30 is not before the as-of date 2024-06-30" in result.stderr


def test_a_bad_known_by_date(files: dict[str, Path], rules_dir: Path) -> None:
    result = cli(files, rules_dir, "overdue", "--known-by", "2024-02-30")
    assert result.exit_code == 2 and "--known-by" in result.stderr


def test_overdue_html_shows_levels_and_escapes(files: dict[str, Path], rules_dir: Path) -> None:
    html = cli(files, rules_dir, "overdue", "--as-of", "2024-06-30", "-f", "html",
               "--lang", "zh").stdout  # fmt: skip
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert '<span class="level lv-red"><span class="mark">●</span> 红</span>' in html
    assert "<h1>督办清单</h1>" in html and "就诊率争取达到80%" in html


def test_overdue_xlsx_fills_the_level_cell(files: dict[str, Path], rules_dir: Path) -> None:
    from openpyxl import load_workbook

    data = cli(files, rules_dir, "overdue", "--as-of", "2024-06-30", "-f", "xlsx").stdout_bytes
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["Lead", "Task", "Title", "Due", "Status", "Level", "Days overdue"]
    row = [c.value for c in sheet[2]]
    assert row[1:7] == ["visits", "就诊率争取达到80%", "2023-12-31", "missed", "● red", 182]
    assert sheet.cell(2, 6).fill.start_color.rgb.endswith("FFC7CE")
