"""Submission rows from YAML and CSV: each used or rejected with file, line and reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from medreform_check.errors import MedreformError
from medreform_check.loading.submissions import read_submissions

from helpers import CATALOGUE, plan, task

PLAN = plan(
    task("emr", indicator="level", target=">= 3", deadline="2023-12-31", owners=("a", "b")),
    task("centre", deadline="2024-05-31", owners=("a",), evidence_required=True),
    task(
        "mix-task", indicator="mix", target="ratio 5:3:2 ± 5", deadline="2025-12-31", owners=("a",)
    ),
)


def read(tmp_path: Path, name: str, text: str | bytes) -> object:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_submissions([path], [PLAN], CATALOGUE)


def reasons(subs: object) -> list[tuple[int | None, str]]:
    return [(r.at.line, r.reason) for r in subs.rejected]  # type: ignore[attr-defined]


def test_a_yaml_submission(tmp_path: Path) -> None:
    subs = read(
        tmp_path,
        "a.yaml",
        """schema_version: 1
unit: a
period: 2024-Q2
submitted: 2024-07-05
values:
  - indicator: level
    value: 3
  - indicator: level
    value: 4
    as_of: 2024-05-15
  - task: centre
    done: 是
    completed_on: 2024-05-20
    evidence: 院发〔2024〕12号
  - indicator: mix
    value: "41.2:33.5:25.3"
  - indicator: rate
    value: ８０％
    unit: b
""",
    )
    assert subs.rejected == []  # type: ignore[attr-defined]
    observations = [(o.unit, o.indicator, o.value, o.as_of, o.submitted) for o in subs.observations]  # type: ignore[attr-defined]
    assert observations == [
        ("a", "level", 3, date(2024, 6, 30), date(2024, 7, 5)),
        ("a", "level", 4, date(2024, 5, 15), date(2024, 7, 5)),
        ("a", "mix", {"a": 41.2, "b": 33.5, "c": 25.3}, date(2024, 6, 30), date(2024, 7, 5)),
        ("b", "rate", 80, date(2024, 6, 30), date(2024, 7, 5)),
    ]
    (report,) = subs.milestones  # type: ignore[attr-defined]
    assert (report.task, report.done, report.completed_on, report.evidence) == (
        "centre",
        True,
        date(2024, 5, 20),
        "院发〔2024〕12号",
    )
    assert subs.rows_read == 5  # type: ignore[attr-defined]
    assert {(r.unit, r.period.label) for r in subs.receipts} == {("a", "2024-Q2"), ("b", "2024-Q2")}  # type: ignore[attr-defined]


def test_yaml_rows_that_cannot_be_used(tmp_path: Path) -> None:
    subs = read(
        tmp_path,
        "a.yaml",
        """schema_version: 1
unit: a
period: 2024-Q2
values:
  - indicator: level
    value: 9
  - indicator: level
    value: 2.5
  - indicator: levle
    value: 3
  - task: centre
    done: true
    completed_on: 2024-05-20
  - task: centre
    done: true
  - indicator: level
    valeu: 3
  - indicator: level
    value: 3
    unit: nobody
  - task: emr
    value: 3
    unit: c
  - note: nothing here
""",
    )
    assert reasons(subs) == [
        (6, "value 9 is outside 0–8 for 级别 (level)"),  # at the value itself
        (8, "level is a whole number; got 2.5"),
        (9, "unknown indicator 'levle' (did you mean 'level'?)"),
        (11, "task 'centre' requires evidence (佐证材料) for a completion"),
        (15, "task 'centre' is reported done but completed_on is missing"),
        (16, "unknown key 'valeu' (did you mean 'value'?)"),
        (20, "unknown unit 'nobody'"),
        (21, "unit 'c' does not report on task 'emr'"),
        (24, "the row names neither an indicator nor a task"),
    ]
    assert subs.rows_read == 9  # type: ignore[attr-defined]
    assert subs.observations == []  # type: ignore[attr-defined]


def test_a_yaml_file_with_a_bad_header_rejects_every_row(tmp_path: Path) -> None:
    subs = read(
        tmp_path,
        "a.yaml",
        "schema_version: 1\nunit: a\nperiod: 2024-Q9\nvalues:\n  - {indicator: level, value: 3}\n",
    )
    # Each row is rejected, at the header's bad period (line 3) that it inherits.
    assert reasons(subs) == [
        (
            3,
            "period: '2024-Q9' is not a period (expected 2024, 2024-H1, 2024-Q2, 2024-06, 2024年上半年, 2024年第二季度 or 2024年6月)",
        )
    ]


def test_a_yaml_file_that_is_not_yaml(tmp_path: Path) -> None:
    subs = read(tmp_path, "a.yaml", "values: [\n")
    ((_line, reason),) = reasons(subs)
    assert reason.startswith("YAML syntax error")


def test_a_schema_violation_outside_the_rows_rejects_them_all(tmp_path: Path) -> None:
    subs = read(
        tmp_path,
        "a.yaml",
        "schema_version: 1\nunit: a\nperiod: 2024-Q2\nextra: 1\nvalues:\n  - {indicator: level, value: 3}\n",
    )
    assert reasons(subs) == [
        (
            4,
            "unknown key 'extra' (expected one of: note, period, schema_version, submitted, unit, values)",
        ),
        (6, "not read: the file has errors (see line 4)"),
    ]


def test_a_csv_submission_with_chinese_headers(tmp_path: Path) -> None:
    subs = read(
        tmp_path,
        "q.csv",
        "单位,报告期,指标,数值,任务,是否完成,完成日期,佐证材料\n"
        "a,2024-Q2,level,3,,,,\n"
        "单位b,2024年第二季度,rate,80%,,,,\n"
        "a,2024-Q2,,,centre,是,2024-05-20,院发〔2024〕12号\n",
    )
    assert subs.rejected == []  # type: ignore[attr-defined]
    assert [(o.unit, o.indicator, o.value) for o in subs.observations] == [
        ("a", "level", 3),
        ("b", "rate", 80),
    ]  # type: ignore[attr-defined]
    assert [m.done for m in subs.milestones] == [True]  # type: ignore[attr-defined]


def test_csv_rejections_point_at_the_row_and_cell(tmp_path: Path) -> None:
    subs = read(
        tmp_path,
        "q.csv",
        "unit,period,indicator,value\n"
        "a,2024-Q2,level,three\n"
        "a,2024-Q2,level\n"
        "a,2024-Q2,level,3,extra\n"
        "\n"
        "a,,level,3\n",
    )
    assert [(r.at.line, r.at.col, r.reason) for r in subs.rejected] == [  # type: ignore[attr-defined]
        (2, 4, "value: 'three' is not a number"),
        (3, None, "the row has 3 cells, the header has 4"),
        (4, None, "the row has 5 cells, the header has 4"),
        (6, None, "no period or as_of given: the value cannot be dated"),
    ]
    assert subs.rows_read == 4  # type: ignore[attr-defined]  # the blank line is not a row


def test_unknown_csv_columns_are_warned_about(tmp_path: Path) -> None:
    subs = read(tmp_path, "q.csv", "序号,unit,period,indicator,value\n1,a,2024-Q2,level,3\n")
    assert next(w.reason for w in subs.warnings).startswith("column '序号' is not used")  # type: ignore[attr-defined]
    assert len(subs.observations) == 1  # type: ignore[attr-defined]


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(MedreformError, match="no such file"):
        read_submissions([tmp_path / "nope.csv"], [PLAN], CATALOGUE)


def test_an_unsupported_file_type_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(MedreformError, match=r"unsupported file type '\.txt'"):
        read_submissions([tmp_path / "notes.txt"], [PLAN], CATALOGUE)


def test_a_directory_means_every_submission_file_under_it(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.csv").write_text("unit,period,indicator,value\nb,2024-Q2,level,4\n")
    (tmp_path / "a.yaml").write_text(
        "schema_version: 1\nunit: a\nperiod: 2024-Q2\nvalues: [{indicator: level, value: 3}]\n"
    )
    (tmp_path / "readme.txt").write_text("ignored")
    subs = read_submissions([tmp_path], [PLAN], CATALOGUE)
    assert [o.unit for o in subs.observations] == ["a", "b"]


def test_an_empty_yaml_submission_still_counts_as_a_report(tmp_path: Path) -> None:
    subs = read(
        tmp_path,
        "a.yaml",
        "schema_version: 1\nunit: a\nperiod: 2024-Q2\nsubmitted: 2024-07-01\nvalues: []\n",
    )
    assert [(r.unit, r.period.label, r.submitted) for r in subs.receipts] == [
        ("a", "2024-Q2", date(2024, 7, 1))
    ]  # type: ignore[attr-defined]
    assert subs.rows_read == 0  # type: ignore[attr-defined]
