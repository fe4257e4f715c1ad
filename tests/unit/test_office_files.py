"""Files as offices send them: GB18030 and UTF-8-BOM CSV with Chinese headings, an Excel
workbook with date, number, percent and formula cells (fixtures/office, made by
fixtures/make_office_files.py)."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from medreform_check.loading.rules import read_catalogue
from medreform_check.loading.submissions import read_submissions
from medreform_check.model import Submissions

from helpers import ROOT, plan, task

OFFICE = Path(__file__).resolve().parent.parent / "fixtures" / "office"
PLAN = plan(
    task("centre", deadline="2024-05-31", owners=("general-hospital",)),
    units=("general-hospital", "wusitai-health-centre", "bayanmuren-health-centre"),
)
NAMES = {
    "general-hospital": "高新区综合医院",
    "wusitai-health-centre": "乌斯太镇中心卫生院",
    "bayanmuren-health-centre": "巴彦木仁卫生院",
}


def read(name: str) -> Submissions:
    from medreform_check.model import Unit

    named = type(PLAN)(
        **{
            **{f: getattr(PLAN, f) for f in PLAN.__dataclass_fields__},
            "units": {u: Unit(u, n) for u, n in NAMES.items()},
        }
    )
    return read_submissions([OFFICE / name], [named], read_catalogue(ROOT / "rules"))


def test_the_fixtures_are_what_they_claim() -> None:
    gb = (OFFICE / "gb18030.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gb.decode("utf-8")
    assert gb.decode("gb18030").startswith("单位,报告期")
    assert (OFFICE / "utf8-bom.csv").read_bytes().startswith(codecs.BOM_UTF8)
    assert (OFFICE / "office.xlsx").read_bytes()[:2] == b"PK"


def test_gb18030_csv_with_chinese_headings() -> None:
    subs = read("gb18030.csv")
    path = OFFICE / "gb18030.csv"
    assert subs.notes == [f"{path}: CSV, GB18030", f"{path}: header on line 1, long layout"]
    observed = [(o.unit, o.indicator, o.value, o.as_of, o.submitted) for o in subs.observations]
    assert observed == [
        (
            "general-hospital",
            "local_visit_rate",
            82.5,
            date(2024, 6, 30),
            date(2024, 7, 5),
        ),  # ８２．５％, named by name
        (
            "wusitai-health-centre",
            "emr_level",
            2,
            date(2024, 6, 30),
            date(2024, 7, 6),
        ),  # full-width ２
    ]
    (report,) = subs.milestones
    assert (report.unit, report.task, report.done, report.completed_on, report.evidence) == (
        "general-hospital",
        "centre",
        True,
        date(2024, 5, 20),
        "院发〔2024〕12号",
    )
    assert [(r.at.line, r.at.col, r.unit, r.reason) for r in subs.rejected] == [
        (5, 4, "巴彦木仁卫生院", "value: '百分之八十' is not a number"),
        (6, None, "高新区综合医院", "the row has 8 cells, the header has 9"),
    ]
    assert subs.rows_read == 5 == len(subs.observations) + len(subs.milestones) + len(subs.rejected)


def test_utf8_bom_csv() -> None:
    subs = read("utf8-bom.csv")
    path = OFFICE / "utf8-bom.csv"
    assert subs.notes == [f"{path}: CSV, UTF-8 with BOM", f"{path}: header on line 1, long layout"]
    assert subs.rejected == []
    assert [(o.indicator, o.value) for o in subs.observations] == [
        (
            "revenue_structure",
            {"medical_service": 41.2, "drugs_consumables": 33.5, "exams_tests": 25.3},
        ),
        ("emr_level", 3),
    ]


def test_xlsx_every_sheet_dates_numbers_percent_and_formulas() -> None:
    subs = read("office.xlsx")
    path = OFFICE / "office.xlsx"
    assert subs.notes == [
        f"{path}: XLSX, sheet '2024年二季度'",
        f"{path}: header on line 1, long layout",
        f"{path}: XLSX, sheet '说明'",
    ]
    # The second sheet holds one line of text and no header: listed as skipped, not lost.
    assert [(s.file, s.sheet, str(s.reason)) for s in subs.skipped] == [
        (
            str(path),
            "说明",
            "no header row in its first 20 rows (a row naming two known columns, indicators or units)",
        )
    ]
    observed = [(o.indicator, o.value, o.as_of) for o in subs.observations]
    assert observed == [
        ("local_visit_rate", 82.5, date(2024, 6, 30)),  # 0.825 shown as 82.5%
        ("emr_level", 3, date(2024, 5, 31)),
    ]
    assert [(m.task, m.done, m.completed_on) for m in subs.milestones] == [
        ("centre", True, date(2024, 5, 20))
    ]
    assert [(r.at.line, r.at.col, r.reason) for r in subs.rejected] == [
        (
            4,
            4,
            "cell D4 holds a formula ('=D2*100'); formulas are never evaluated: enter the value itself",
        ),
        (7, None, "the row has 9 cells, the header has 8"),
    ]
    assert subs.rows_read == 5  # the empty row 6 is not a row


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "old.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0 an old .xls")
    subs = read_submissions([fake], [PLAN], read_catalogue(ROOT / "rules"))
    ((line, reason),) = [(r.at.line, r.reason) for r in subs.rejected]
    assert line == 1 and reason.startswith("not an Excel workbook (.xlsx)")


def test_text_that_is_neither_utf8_nor_gb18030(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"unit,value\n\xff\xfe\x00\x81\n")
    subs = read_submissions([bad], [PLAN], read_catalogue(ROOT / "rules"))
    (issue,) = subs.rejected
    assert issue.reason == "not readable text (expected UTF-8, UTF-8 with BOM or GB18030)"
    assert issue.code == "encoding"
