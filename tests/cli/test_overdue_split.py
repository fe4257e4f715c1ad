"""``overdue --split-by lead|unit --output-dir DIR``: one 督办单 per responsible unit, named by
its id, each holding only that unit's items; written file by file, atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from helpers import run_cli

PLAN = """schema_version: 1
plan:
  id: split
  title: 督办测试
  period: {start: 2023-01-01, end: 2025-12-31}
units:
  - {id: bureau, name: 疾控局}
  - {id: hospital, name: 综合医院}
  - {id: centre, name: 卫生院}
tasks:
  - {id: emr, title: 电子病历3级, lead: bureau, owners: [hospital], indicator: emr_level,
     target: ">= 3", deadline: 2023-12-31}
  - {id: platform, title: 信息平台, lead: bureau, owners: [hospital, centre], deadline: 2024-05-31}
  - {id: visits, title: 就诊率, lead: hospital, owners: [centre], indicator: local_visit_rate,
     target: ">= 80", deadline: 2024-06-20}
"""
# As of 2024-06-30: emr missed (level 2 < 3), 182 days overdue → red; platform unreported,
# 30 days → yellow (30 ≤ escalate_days 30); visits unreported, 10 days → yellow.
SUBMISSION = "unit,period,indicator,value\nhospital,2023-Q4,emr_level,2\n"


@pytest.fixture
def setup(tmp_path: Path, rules_dir: Path) -> dict[str, Path]:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "hospital.csv").write_text(SUBMISSION, encoding="utf-8")
    return {"dir": tmp_path, "plan": tmp_path / "plan.yaml", "subs": subs, "rules": rules_dir}


def split(setup: dict[str, Path], *args: str) -> Any:
    argv = ["overdue", str(setup["plan"]), "-s", str(setup["subs"]), "--as-of", "2024-06-30",
            "--rules", str(setup["rules"]), *args]  # fmt: skip
    return run_cli(argv, env={"LANG": "C"})


def test_by_lead_one_json_file_per_lead_with_only_its_items(setup: dict[str, Path]) -> None:
    out = setup["dir"] / "notices"
    result = split(setup, "--split-by", "lead", "--output-dir", str(out), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["bureau.json", "hospital.json"]
    assert result.stdout.splitlines() == [str(out / "bureau.json"), str(out / "hospital.json")]
    bureau = json.loads((out / "bureau.json").read_text(encoding="utf-8"))
    assert [(r["task"], r["level"], r["days_overdue"]) for r in bureau["results"]] == [
        ("emr", "red", 182),
        ("platform", "yellow", 30),
    ]
    assert bureau["addressee"] == {"unit": "bureau", "name": "疾控局 (bureau)", "by": "lead"}
    assert bureau["reply"] == {"measures": None, "expected_completion": None,
                               "signed_by": None, "date": None}  # fmt: skip
    hospital = json.loads((out / "hospital.json").read_text(encoding="utf-8"))
    assert [r["task"] for r in hospital["results"]] == ["visits"]


def test_by_unit_each_reporting_unit_gets_the_tasks_it_reports_on(setup: dict[str, Path]) -> None:
    out = setup["dir"] / "by-unit"
    result = split(setup, "--split-by", "unit", "--output-dir", str(out), "-f", "markdown",
                   "--lang", "zh")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    # The bureau reports on nothing: it gets no 督办单 by unit.
    assert sorted(p.name for p in out.iterdir()) == ["centre.md", "hospital.md"]
    centre = (out / "centre.md").read_text(encoding="utf-8")
    assert "`platform`" in centre and "`visits`" in centre and "`emr`" not in centre
    assert "督办对象：卫生院 (centre)" in centre
    assert "| ● 黄 | 10 |" in centre  # visits: yellow, 10 days overdue
    assert "整改措施：" in centre and "预计完成时间：" in centre and "负责人（签字）" in centre
    hospital = (out / "hospital.md").read_text(encoding="utf-8")
    assert "`emr`" in hospital and "`platform`" in hospital and "`visits`" not in hospital
    assert "| ● 红 | 182 |" in hospital


@pytest.mark.parametrize("fmt", ["docx", "markdown", "html", "xlsx", "csv", "json"])
def test_every_format_is_named_by_the_unit_id(setup: dict[str, Path], fmt: str) -> None:
    out = setup["dir"] / fmt
    result = split(setup, "--split-by", "lead", "--output-dir", str(out), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    suffix = {"markdown": ".md"}.get(fmt, f".{fmt}")
    assert sorted(p.name for p in out.iterdir()) == [f"bureau{suffix}", f"hospital{suffix}"]
    data = (out / f"hospital{suffix}").read_bytes()
    if fmt in ("docx", "xlsx"):
        assert data.startswith(b"PK")  # a zip package
    else:
        assert "visits" in data.decode("utf-8") and "emr" not in data.decode("utf-8")


def test_the_default_format_of_a_split_is_word(setup: dict[str, Path]) -> None:
    out = setup["dir"] / "word"
    assert split(setup, "--split-by", "lead", "--output-dir", str(out)).exit_code == 0
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".docx"]


def test_other_units_files_are_left_alone_and_a_units_own_is_replaced(
    setup: dict[str, Path],
) -> None:
    out = setup["dir"] / "notices"
    out.mkdir()
    (out / "centre.json").write_text("last quarter's", encoding="utf-8")
    (out / "bureau.json").write_text("last quarter's", encoding="utf-8")
    assert split(setup, "--split-by", "lead", "--output-dir", str(out), "-f", "json").exit_code == 0
    assert (out / "centre.json").read_text(encoding="utf-8") == "last quarter's"
    assert json.loads((out / "bureau.json").read_text(encoding="utf-8"))["results"]


def test_written_file_by_file_atomically(setup: dict[str, Path]) -> None:
    out = setup["dir"] / "notices"
    out.mkdir()
    (out / "hospital.json").write_text("the previous notice", encoding="utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def fail_second(src: Any, dst: Any) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    with mock.patch("medreform_check.cli.output.os.replace", fail_second):
        result = split(setup, "--split-by", "lead", "--output-dir", str(out), "-f", "json")
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    # The first file is whole; the second kept its previous content; no temporary file left.
    assert json.loads((out / "bureau.json").read_text(encoding="utf-8"))["addressee"]
    assert (out / "hospital.json").read_text(encoding="utf-8") == "the previous notice"
    assert sorted(p.name for p in out.iterdir()) == ["bureau.json", "hospital.json"]


def test_an_input_is_never_replaced_and_nothing_is_written(setup: dict[str, Path]) -> None:
    # By unit in CSV into the submissions directory: hospital.csv is a submission.
    subs = setup["subs"]
    result = split(setup, "--split-by", "unit", "--output-dir", str(subs), "-f", "csv")
    assert result.exit_code == 2
    assert "reads" in result.stderr
    assert (subs / "hospital.csv").read_text(encoding="utf-8") == SUBMISSION
    assert not (subs / "centre.csv").exists()  # refused before the first file


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split-by", "lead", "--output-dir", "D", "--output", "x.md"], "together"),
        (["--split-by", "lead"], "--output-dir"),
        (["--output-dir", "D"], "--split-by"),
        (["--split-by", "lead", "--output-dir", "D", "-f", "table"], "docx"),
    ],
)
def test_usage_errors(setup: dict[str, Path], args: list[str], message: str) -> None:
    args = [str(setup["dir"] / a) if a in ("D", "x.md") else a for a in args]
    result = split(setup, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (setup["dir"] / "D").exists() and not (setup["dir"] / "x.md").exists()


def test_an_output_dir_that_is_a_file(setup: dict[str, Path]) -> None:
    blocker = setup["dir"] / "notices"
    blocker.write_text("a file", encoding="utf-8")
    result = split(setup, "--split-by", "lead", "--output-dir", str(blocker), "-f", "json")
    assert result.exit_code == 2 and "not a directory" in result.stderr
