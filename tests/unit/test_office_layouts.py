"""The three layouts offices use, in every kind of file (fixtures/layouts, made by
fixtures/make_layout_files.py): the same values give the same observations and the same
audit, whatever the layout and the kind."""

from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medreform_check.engine.evaluate import evaluate
from medreform_check.loading.rules import read_catalogue
from medreform_check.loading.submissions import read_submissions
from medreform_check.model import Submissions, Unit

from helpers import ROOT, plan, task

LAYOUTS = Path(__file__).resolve().parent.parent / "fixtures" / "layouts"
CATALOGUE = read_catalogue(ROOT / "rules")
BASE = plan(
    task("visits", indicator="local_visit_rate", target=">= 80", deadline="2024-06-30",
         owners=("hospital", "wusitai")),
    task("emr", indicator="emr_level", target=">= 3", deadline="2024-06-30",
         owners=("hospital", "wusitai"), aggregate="mean"),
    units=("hospital", "wusitai"),
)  # fmt: skip
NAMES = {"hospital": "高新区综合医院", "wusitai": "乌斯太镇中心卫生院"}
PLAN = type(BASE)(
    **{
        **{f: getattr(BASE, f) for f in BASE.__dataclass_fields__},
        "units": {u: Unit(u, n) for u, n in NAMES.items()},
    }
)
# The values make_layout_files.py writes, as the reader must find them.
EXPECTED = [
    ("hospital", "emr_level", 3, date(2024, 6, 30)),
    ("hospital", "local_visit_rate", 85.3, date(2024, 6, 30)),
    ("wusitai", "emr_level", 2, date(2024, 6, 30)),
    ("wusitai", "local_visit_rate", 78, date(2024, 6, 30)),
]


def observed(subs: Submissions) -> list[tuple[str, str, float, date]]:
    return sorted((o.unit, o.indicator, o.value, o.as_of) for o in subs.observations)  # type: ignore[misc]


def verdicts(subs: Submissions) -> list[tuple[str, str, object]]:
    results = evaluate([PLAN], CATALOGUE, subs, date(2024, 6, 30)).results
    return [(r.task, r.status.value, r.actual) for r in results]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "xls", "ods"])
@pytest.mark.parametrize("layout", ["long", "form", "wide"])
def test_every_layout_in_every_kind_reads_the_same_values(layout: str, kind: str) -> None:
    subs = read_submissions([LAYOUTS / layout / kind], [PLAN], CATALOGUE)
    assert subs.rejected == [] and subs.warnings == []
    assert observed(subs) == EXPECTED
    # 县域内就诊率: hospital 85.3, wusitai 78 < 80: not met (all units must meet it).
    # 电子病历: mean (3 + 2) / 2 = 2.5 < 3: not met. Both due on the as-of date: at risk.
    assert verdicts(subs) == [("visits", "at_risk", 78), ("emr", "at_risk", 2.5)]
    if kind != "csv":  # the hidden sheet holds a note with no header: listed, not lost
        assert [(s.sheet, s.file.endswith(f"book.{kind}")) for s in subs.skipped] == [
            ("填表说明", True)
        ]
        assert any(note.endswith("sheet '填表说明' (hidden)") for note in subs.notes)
    expected_layout = {"long": "long", "form": "form", "wide": "wide"}[layout]
    assert any(note.endswith(f"{expected_layout} layout") for note in subs.notes)


def test_a_form_takes_its_unit_period_and_date_from_the_fields_above_its_header() -> None:
    subs = read_submissions([LAYOUTS / "form" / "csv"], [PLAN], CATALOGUE)
    # 填报日期 2024-07-05 above the header: every row's submitted date; 上年同期 and 目标值
    # columns are notes, not values (80.1 and 80 are nowhere among the observations).
    assert {o.submitted for o in subs.observations} == {date(2024, 7, 5)}
    assert [(r.unit, r.period.label) for r in subs.receipts] == [
        ("wusitai", "2024-Q2"),
        ("hospital", "2024-Q2"),
    ]


def test_a_workbook_numbers_rows_from_a1_whatever_its_first_used_cell() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["C1"] = "报告期：2024-Q2"
    sheet["C3"], sheet["D3"] = "单位", "县域内就诊率（%）"
    sheet["C4"], sheet["D4"] = "高新区综合医院", "abc"
    buffer = io.BytesIO()
    book.save(buffer)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c3.xlsx"
        path.write_bytes(buffer.getvalue())
        subs = read_submissions([path], [PLAN], CATALOGUE)
    ((line, col),) = [(r.at.line, r.at.col) for r in subs.rejected]
    assert (line, col) == (4, 4)  # D4, where 'abc' is


VALUES = st.lists(st.integers(0, 1000).map(lambda n: n / 10), min_size=2, max_size=2)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(VALUES, min_size=2, max_size=2), st.booleans())
def test_a_long_table_turned_wide_audits_the_same(rows: list[list[float]], workbook: bool) -> None:
    units = list(NAMES.values())
    long = ["单位,报告期,指标,数值"]
    long += [f"{u},2024-Q2,{ind},{v}" for u, vals in zip(units, rows, strict=True)
             for ind, v in zip(("local_visit_rate", "emr_level"), vals, strict=True)]  # fmt: skip
    wide = [["单位", "报告期", "县域内就诊率（%）", "电子病历系统应用水平分级"]]
    wide += [[u, "2024-Q2", *vals] for u, vals in zip(units, rows, strict=True)]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "long.csv").write_text("\n".join(long) + "\n", encoding="utf-8")
        wide_path = Path(folder) / ("wide.xlsx" if workbook else "wide.csv")
        if workbook:
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            assert sheet is not None
            for row in wide:
                sheet.append(row)
            book.save(wide_path)
        else:
            wide_path.write_text(
                "\n".join(",".join(map(str, r)) for r in wide) + "\n", encoding="utf-8"
            )
        as_long = read_submissions([Path(folder) / "long.csv"], [PLAN], CATALOGUE)
        as_wide = read_submissions([wide_path], [PLAN], CATALOGUE)
    assert observed(as_long) == observed(as_wide)
    # emr_level must be whole: a fraction is rejected in both layouts, once per value
    assert len(as_long.rejected) == len(as_wide.rejected)
    assert verdicts(as_long) == verdicts(as_wide)
