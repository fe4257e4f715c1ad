"""One small broken file per finding code, each asserting the exact line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from medreform_check.commands.validate import validate_paths
from medreform_check.lint import RULES
from medreform_check.loading.readers import csv_file, xlsx_parts

CATALOGUE = """schema_version: 1
indicators:
  level: {name: 级别, kind: level, unit: 级, min: 0, max: 8, integer: true, better: higher}
  rate: {name: 比例, kind: rate, unit: "%", better: higher}
  meetings: {name: 次数, kind: count, unit: 次, min: 0, integer: true, better: higher}
  mix: {name: 结构, kind: composition, parts: [a, b, c]}
  part: {name: 部分, kind: count, min: 0, better: higher}
  whole: {name: 总数, kind: count, min: 0, better: higher}
  share: {name: 占比, kind: rate, unit: "%", better: higher, ratio_of: [part, whole]}
  checkups: {name: 体检人数, kind: count, unit: 人, min: 0, better: higher, cumulative: year}
"""

HEAD = """schema_version: 1
plan:
  id: p
  title: T
  period: {start: 2023-01-01, end: 2025-12-31}
units:
  - {id: bureau, name: 局}
  - {id: hospital, name: 医院, class: [hospital]}
tasks:
"""  # tasks start on line 10


def plan(tasks: str) -> str:
    return HEAD + tasks


OK_TASK = "  - {id: ok, title: T, lead: bureau, deadline: 2024}\n"
SUBMISSION_HEAD = "schema_version: 1\nunit: hospital\nperiod: 2024-Q2\nvalues:\n"
CSV_HEAD = "unit,period,indicator,value,task,done,completed_on,evidence\n"
MILESTONE = (
    "  - {id: centre, title: 中心, owners: [hospital], deadline: 2024-05-31, evidence: required}\n"
)
MEASURED = "  - {id: emr, title: 病历, owners: [hospital], indicator: level, target: '>= 3', deadline: 2024}\n"


def workbook(rows: list[list[object]], merge: str | None = None) -> bytes:
    """An .xlsx holding ``rows`` on its first sheet (cells merged over ``merge``)."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# code -> (files to write, where the finding must land: file, line, and the column given
# either as a number or as the text that starts there on that line; None: the whole row)
CASES: dict[str, tuple[dict[str, str | bytes], tuple[str, int, int | str | None]]] = {
    "encoding": ({"p.yaml": b"title: \xd6\xd0\xce\xc4\n"}, ("p.yaml", 1, 8)),
    "empty-file": ({"p.yaml": ""}, ("p.yaml", 1, 1)),
    "yaml-syntax": ({"p.yaml": plan("  - {id: t, title: [T\n")}, ("p.yaml", 11, 1)),
    "yaml-tag": (
        {
            "p.yaml": plan(
                "  - {id: t, title: !!python/object/apply:os.system T, lead: bureau, deadline: 2024}\n"
            )
        },
        ("p.yaml", 10, "!!python"),
    ),
    "file-too-large": ({"p.yaml": "#" * (8 * 1024 * 1024 + 1)}, ("p.yaml", 1, 1)),
    "yaml-too-deep": ({"p.yaml": "x: " + "[" * 70 + "]" * 70 + "\n"}, ("p.yaml", 1, 67)),
    "yaml-too-large": (
        {
            "p.yaml": "a: &a [x,x,x,x,x,x,x,x,x]\n"
            + "".join(
                f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]\n"
                for p, n in zip("abcdefgh", "bcdefghi", strict=True)
            )
        },
        ("p.yaml", 7, 14),  # the third *f: a..f hold 672,603 values, each *f adds 597,871
    ),
    "duplicate-key": (
        {
            "p.yaml": plan(
                "  - id: t\n    title: T\n    lead: bureau\n    deadline: 2024\n    deadline: 2025\n"
            )
        },
        ("p.yaml", 14, 5),
    ),
    "schema": (
        {"p.yaml": plan("  - id: t\n    title: T\n    lead: bureau\n    deadlin: 2024\n")},
        ("p.yaml", 13, 5),
    ),
    "bad-date": (
        {"p.yaml": plan("  - {id: t, title: T, lead: bureau, every: year, from: 2023-02-30}\n")},
        ("p.yaml", 10, "2023-02-30"),
    ),
    "bad-deadline": (
        {"p.yaml": plan("  - {id: t, title: T, lead: bureau, deadline: 明年}\n")},
        ("p.yaml", 10, "明年"),
    ),
    "bad-target": (
        {
            "p.yaml": plan(
                "  - {id: t, title: T, lead: bureau, indicator: rate, target: '80', deadline: 2024}\n"
            )
        },
        ("p.yaml", 10, "'80'"),
    ),
    "bad-period": (
        {
            "p.yaml": HEAD.replace(
                "start: 2023-01-01, end: 2025-12-31", "start: 2025-01-01, end: 2023-12-31"
            )
            + OK_TASK.replace("2024", "2023")
        },
        ("p.yaml", 5, "{start"),
    ),
    "ambiguous-deadline": (
        {"p.yaml": plan("  - {id: t, title: T, lead: bureau, deadline: 2025年前}\n")},
        ("p.yaml", 10, "2025年前"),
    ),
    "duplicate-id": ({"p.yaml": plan(OK_TASK + OK_TASK)}, ("p.yaml", 11, "ok")),
    "unknown-kind": ({"x.yaml": "schema_version: 1\nthings: []\n"}, ("x.yaml", 1, 1)),
    # 301 years of months is 3,612 instances, over the 1,200 one task may have
    "too-many-instances": (
        {
            "p.yaml": plan("  - {id: t, title: T, lead: bureau, every: month}\n").replace(
                "{start: 2023-01-01, end: 2025-12-31}", "{start: 1900-01-01, end: 2200-12-31}"
            )
        },
        ("p.yaml", 10, 5),
    ),
    "unknown-unit": (
        {"p.yaml": plan("  - {id: t, title: T, owners: [hospitl], deadline: 2024}\n")},
        ("p.yaml", 10, "hospitl"),
    ),
    "unknown-class": (
        {"p.yaml": plan("  - {id: t, title: T, owner_class: clinic, deadline: 2024}\n")},
        ("p.yaml", 10, "clinic"),
    ),
    "no-reporter": ({"p.yaml": plan("  - {id: t, title: T, deadline: 2024}\n")}, ("p.yaml", 10, 5)),
    "unknown-indicator": (
        {
            "p.yaml": plan(
                "  - {id: t, title: T, lead: bureau, indicator: levle, target: '>= 3', deadline: 2024}\n"
            )
        },
        ("p.yaml", 10, "levle"),
    ),
    "timing-form": (
        {"p.yaml": plan("  - {id: t, title: T, lead: bureau, deadline: 2024, every: year}\n")},
        ("p.yaml", 10, "year"),
    ),
    "target-kind": (
        {"p.yaml": plan("  - {id: t, title: T, lead: bureau, target: increase, deadline: 2024}\n")},
        ("p.yaml", 10, "increase"),
    ),
    "aggregate-kind": (
        {"p.yaml": plan("  - {id: t, title: T, lead: bureau, aggregate: mean, deadline: 2024}\n")},
        ("p.yaml", 10, "mean"),
    ),
    "stage-order": (
        {
            "p.yaml": plan(
                "  - id: t\n    title: T\n    lead: bureau\n    indicator: level\n    stages:\n      - {deadline: 2025, target: '>= 3'}\n      - {deadline: 2024, target: '>= 4'}\n"
            )
        },
        ("p.yaml", 16, "2024"),
    ),
    "every-range": (
        {
            "p.yaml": plan(
                "  - {id: t, title: T, lead: bureau, every: year, from: 2025-06-01, until: 2024-12-31}\n"
            )
        },
        ("p.yaml", 10, "2025-06-01"),
    ),
    "indicator-redefined": (
        {
            "p.yaml": HEAD.replace(
                "tasks:\n",
                "indicators:\n  level: {name: L, kind: level, max: 5, better: higher}\ntasks:\n",
            )
            + OK_TASK
        },
        ("p.yaml", 10, "level"),
    ),
    "target-unit": (
        {
            "p.yaml": plan(
                "  - {id: t, title: T, lead: bureau, indicator: level, target: 不低于3%, deadline: 2024}\n"
            )
        },
        ("p.yaml", 10, "不低于3%"),
    ),
    "target-bounds": (
        {
            "p.yaml": plan(
                "  - {id: t, title: T, lead: bureau, indicator: rate, target: '>= 120', deadline: 2024}\n"
            )
        },
        ("p.yaml", 10, "'>= 120'"),
    ),
    "deadline-outside-plan": (
        {"p.yaml": plan("  - {id: t, title: T, lead: bureau, deadline: 2026年底}\n")},
        ("p.yaml", 10, "2026年底"),
    ),
    "stage-weakens": (
        {
            "p.yaml": plan(
                "  - id: t\n    title: T\n    lead: bureau\n    indicator: level\n    stages:\n      - {deadline: 2023, target: '>= 3'}\n      - {deadline: 2024, target: '>= 2'}\n"
            )
        },
        ("p.yaml", 16, "'>= 2'"),
    ),
    "evidence-quantitative": (
        {
            "p.yaml": plan(
                "  - {id: t, title: T, lead: bureau, indicator: level, target: '>= 3', deadline: 2024, evidence: required}\n"
            )
        },
        ("p.yaml", 10, "required"),
    ),
    "every-partial-period": (
        {
            "p.yaml": plan(
                "  - {id: t, title: T, lead: bureau, indicator: meetings, target: '>= 2', every: year, from: 2023-09-28}\n"
            )
        },
        ("p.yaml", 10, "2023-09-28"),
    ),
    "baseline-after-deadline": (
        {
            "p.yaml": plan(
                "  - {id: t, title: T, lead: bureau, indicator: rate, target: '>= 90', deadline: 2024-12-31, baseline: {value: 70, as_of: 2025-06-30}}\n"
            )
        },
        ("p.yaml", 10, "2025-06-30"),
    ),
    "baseline-beyond-target": (
        {
            "p.yaml": plan(
                "  - {id: t, title: T, lead: bureau, indicator: rate, stages: [{deadline: 2024, target: '>= 80'}, {deadline: 2025, target: '>= 90'}], baseline: {value: 85, as_of: 2023-12-31}}\n"
            )
        },
        ("p.yaml", 10, "85"),
    ),
    "indicator-bounds": (
        {
            "i.yaml": "schema_version: 1\nindicators:\n  x: {name: X, kind: amount, min: 10, max: 1, better: higher}\n"
        },
        ("i.yaml", 3, "10"),
    ),
    "indicator-fields": (
        {
            "i.yaml": "schema_version: 1\nindicators:\n  x: {name: X, kind: rate, better: higher, parts: [a, b]}\n"
        },
        ("i.yaml", 3, "parts"),
    ),
    "row-unknown": (
        {
            "p.yaml": plan(MEASURED),
            "s.yaml": SUBMISSION_HEAD + "  - {indicator: levle, value: 3}\n",
        },
        ("s.yaml", 5, "levle"),
    ),
    "row-not-owner": (
        {
            "p.yaml": plan(MEASURED + "  - {id: b-only, title: B, lead: bureau, deadline: 2024}\n"),
            "s.yaml": SUBMISSION_HEAD + "  - {task: b-only, done: 是, completed_on: 2024-05-01}\n",
        },
        ("s.yaml", 5, "b-only"),
    ),
    "row-value": (
        {"p.yaml": plan(MEASURED), "s.csv": CSV_HEAD + "hospital,2024-Q2,level,9,,,,\n"},
        ("s.csv", 2, 4),
    ),  # the 4th cell
    "row-date": (
        {
            "p.yaml": plan(MEASURED),
            "s.csv": "unit,period,indicator,value,as_of\nhospital,2024-Q2,level,3,2024-02-30\n",
        },
        ("s.csv", 2, 5),
    ),  # the 5th cell
    "row-completion": (
        {
            "p.yaml": plan(MILESTONE),
            "s.csv": CSV_HEAD + "hospital,2024-Q2,,,centre,是,2024-05-01,\n",
        },
        ("s.csv", 2, None),
    ),
    "row-subject": (
        {"p.yaml": plan(MEASURED), "s.csv": "unit,period,value\nhospital,2024-Q2,3\n"},
        ("s.csv", 2, None),
    ),
    "row-cells": (
        {"p.yaml": plan(MEASURED), "s.csv": CSV_HEAD + "hospital,2024-Q2,level\n"},
        ("s.csv", 2, None),
    ),
    "csv-header": (
        {"p.yaml": plan(MEASURED), "s.csv": "unit,数值,value\nhospital,3,3\n"},
        ("s.csv", 1, 3),
    ),  # the 3rd heading repeats the 2nd
    "csv-syntax": (
        {
            "p.yaml": plan(MEASURED),
            "s.csv": CSV_HEAD + 'hospital,2024-Q2,level,"' + "x" * 140_000 + '"\n',
        },
        ("s.csv", 2, None),
    ),
    "too-many-rows": (
        {
            "p.yaml": plan(MEASURED),
            "s.csv": "unit,period,indicator,value\n" + "hospital,2024-Q2,level,3\n" * 3,
        },
        ("s.csv", 3, None),  # the limit lowered to 2 rows (LOWERED): line 3 is the first past it
    ),
    "name-shared": (
        {
            "i.yaml": "schema_version: 1\nindicators:\n"
            "  a1: {name: 甲, kind: rate, unit: '%', better: higher, aliases: [就诊率]}\n"
            "  b1: {name: 乙, kind: rate, unit: '%', better: higher, aliases: [就诊率]}\n"
        },
        ("i.yaml", 4, "就诊率]"),  # b1's alias: a1 had it first
    ),
    "plan-name-shared": (
        {"p.yaml": plan(OK_TASK).replace("{id: hospital, name: 医院,", "{id: hospital, name: 局,")},
        ("p.yaml", 8, "局,"),  # the hospital's name is the bureau's name
    ),
    "too-many-cells": (
        {
            "p.yaml": plan(MEASURED),
            "s.xlsx": workbook(
                [["unit", "period", "indicator", "value"]]
                + [[None]] * 3
                + [[None, None, None, None, 1]]
            ),
        },
        ("s.xlsx", 1, 1),  # the limit lowered to 10 cells (LOWERED): A1:E5 spans 25
    ),
    "xlsx-merged": (
        {
            "p.yaml": plan(MEASURED),
            "s.xlsx": workbook(
                [["unit", "period", "indicator", "value"], ["hospital", "2024-Q2", "level", 3]],
                merge="D2:E2",
            ),
        },
        ("s.xlsx", 2, 4),  # the merge's first cell
    ),
    "as-of-after-period": (
        {
            "p.yaml": plan(MEASURED),
            "s.csv": "unit,period,indicator,value,as_of\nhospital,2024-Q1,level,3,2024-06-30\n",
        },
        ("s.csv", 2, 5),  # the as_of cell: June is after 2024-Q1 ends (03-31)
    ),
    "duplicate-value": (
        {
            "p.yaml": plan(MEASURED),
            "s.csv": "unit,period,indicator,value\n" + "hospital,2024-Q2,level,3\n" * 2,
        },
        ("s.csv", 3, None),  # the later row, which counts
    ),
    "conflicting-value": (
        {
            "p.yaml": plan(MEASURED),
            "a.csv": "unit,period,indicator,value,submitted\nhospital,2024-Q2,level,3,2024-07-10\n",
            "b.csv": "unit,period,indicator,value,submitted\nhospital,2024-Q2,level,4,2024-07-01\n",
        },
        ("a.csv", 2, None),  # a.csv was submitted later: its 3 counts, and the warning is there
    ),
    "rate-looks-fractional": (
        {
            "p.yaml": plan(MEASURED),
            "s.csv": "unit,indicator,value,as_of\nhospital,rate,85,2024-03-31\nhospital,rate,0.86,2024-06-30\n",
        },
        ("s.csv", 3, None),  # 0.86 beside the unit's 85
    ),
    "cumulative-decrease": (
        {
            "p.yaml": plan(MEASURED),
            "s.csv": "unit,indicator,value,as_of\nhospital,checkups,65,2024-03-31\nhospital,checkups,30,2024-06-30\n",
        },
        ("s.csv", 3, None),  # 30 after 65 in the same year
    ),
    "xlsx-unreadable": (
        {"p.yaml": plan(MEASURED), "s.xlsx": b"PK\x03\x04 not really a workbook"},
        ("s.xlsx", 1, 1),
    ),
    "row-blank": (
        {
            "p.yaml": plan(MEASURED),
            "s.csv": "unit,period,indicator,value\nhospital,2024-Q2,level,\n",
        },
        ("s.csv", 2, None),
    ),
    "unknown-column": (
        {
            "p.yaml": plan(MEASURED),
            "s.csv": "序号,unit,period,indicator,value\n1,hospital,2024-Q2,level,3\n",
        },
        ("s.csv", 1, 1),
    ),
    "check-syntax": (
        {
            "c.yaml": "schema_version: 1\nchecks:\n  - {id: c, rule: 'level <= rate +', severity: error, message: m}\n"
        },
        ("c.yaml", 3, "'level"),
    ),
    "check-unknown": (
        {
            "c.yaml": "schema_version: 1\nchecks:\n  - {id: c, rule: mix <= 100, severity: error, message: m}\n"
        },
        ("c.yaml", 3, "mix <="),
    ),
    "row-check": (
        {
            "p.yaml": plan(MEASURED),
            "c.yaml": "schema_version: 1\nchecks:\n  - {id: c, rule: level * 10 <= rate, severity: error, message: m}\n",
            "s.yaml": SUBMISSION_HEAD
            + "  - {indicator: level, value: 5}\n  - {indicator: rate, value: 40}\n",
        },
        ("s.yaml", 5, "{indicator: level"),
    ),
    "row-check-warning": (
        {
            "p.yaml": plan(MEASURED),
            "c.yaml": "schema_version: 1\nchecks:\n  - {id: c, rule: rate / level >= 1, severity: error, message: m}\n",
            "s.yaml": SUBMISSION_HEAD
            + "  - {indicator: level, value: 0}\n  - {indicator: rate, value: 40}\n",
        },
        ("s.yaml", 5, "{indicator: level"),  # the row holding the zero divisor
    ),
    "unit-parent": (
        {
            "p.yaml": HEAD.replace(
                "tasks:\n", "  - {id: clinic, name: 诊所, parent: nowhere}\ntasks:\n"
            )
            + OK_TASK
        },
        ("p.yaml", 9, "nowhere"),
    ),
    "by-parent": (
        {"p.yaml": plan("  - {id: t, title: T, owners: [hospital], by: parent, deadline: 2024}\n")},
        ("p.yaml", 10, "parent"),
    ),
    "unit-reports": (
        {
            "p.yaml": HEAD.replace("class: [hospital]}", "class: [hospital], reports: year}")
            + OK_TASK
        },
        ("p.yaml", 8, "year"),
    ),
    "aggregate-weight": (
        {
            "p.yaml": plan(
                "  - {id: t, title: T, owners: [hospital], aggregate: weighted_mean, "
                "indicator: rate, target: '>= 3', deadline: 2024}\n"
            )
        },
        ("p.yaml", 10, "weighted_mean"),
    ),
    "ratio-of": (
        {
            "i.yaml": "schema_version: 1\nindicators:\n"
            "  x: {name: X, kind: rate, better: higher, ratio_of: [visits, x]}\n"
        },
        ("i.yaml", 3, "visits"),
    ),
    "row-ratio": (
        {
            "p.yaml": plan(MEASURED),
            # 100 × 30 ÷ 40 = 75, reported as 80: more than rounding apart.
            "s.yaml": SUBMISSION_HEAD + "  - {indicator: part, value: 30}\n"
            "  - {indicator: whole, value: 40}\n  - {indicator: share, value: 80}\n",
        },
        ("s.yaml", 7, "{indicator: share"),
    ),
}


def findings_for(
    tmp_path: Path, files: dict[str, str | bytes], rules: Path
) -> list[tuple[str, str, int | None, int | None]]:
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (tmp_path / name).write_bytes(data)
    validation = validate_paths([tmp_path / name for name in files], rules)
    return [
        (f.code, Path(f.where.path).name, f.where.line, f.where.col)
        for report in validation.files
        for f in report.findings
    ]


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    directory = tmp_path / "rules"
    directory.mkdir()
    (directory / "indicators.yaml").write_text(CATALOGUE, encoding="utf-8")
    return directory


def column(
    files: dict[str, str | bytes], name: str, line: int, col: int | str | None
) -> int | None:
    if not isinstance(col, str):
        return col
    text = files[name]
    assert isinstance(text, str)
    return text.splitlines()[line - 1].index(col) + 1


# Limits too large to reach in a unit test, lowered for the case of their code.
LOWERED = {
    "too-many-rows": (csv_file, "MAX_ROWS_PER_FILE", 2),
    "too-many-cells": (xlsx_parts, "MAX_CELLS_PER_SHEET", 10),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_lands_on_the_offending_node(
    code: str, tmp_path: Path, rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if code in LOWERED:
        monkeypatch.setattr(*LOWERED[code])
    files, (name, line, where) = CASES[code]
    col = column(files, name, line, where)
    found = findings_for(tmp_path, files, rules)
    assert (code, name, line, col) in found, found
    # And nothing else is wrong with the file: each case breaks one thing.
    assert [f for f in found if f[0] != code] == [], found


def test_every_code_has_a_case() -> None:
    untested = sorted(set(RULES) - set(CASES))
    assert untested == []
