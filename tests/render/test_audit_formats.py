"""The audit in every format people and spreadsheets read, against the JSON verdicts."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from medreform_check.render import RenderOptions, renderer
from medreform_check.render.audit.csv_ import COLUMNS
from medreform_check.render.csv_ import safe_cell

from helpers import demo_audit, obs, plan, run, task


@pytest.fixture(scope="module")
def demo_json() -> dict[str, Any]:
    return json.loads(demo_audit("json"))


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("-5.51", "-5.51"),  # a number is a value, not a formula
        ("+12", "+12"),
        ("1e3", "1e3"),
        ("二级公立医院", "二级公立医院"),
        ("a=b", "a=b"),
    ],
)
def test_csv_cells_are_safe_from_formula_injection(text: str, cell: str) -> None:
    assert safe_cell(text) == cell


def test_numbers_stay_numbers_in_csv() -> None:
    assert safe_cell(-5.51) == "-5.51" and safe_cell(3) == "3" and safe_cell(None) == ""


def hostile_report() -> Any:
    evil = "=cmd|' /C calc'!A0"
    return run(
        plan(
            task(
                "t",
                title=evil,
                indicator="share",
                target="<= 30",
                deadline="2024-03-31",
                section="@section",
            )
        ),
        [obs("a", "share", -5.51, "2024-03-31")],
        "2024-06-30",
    )


def test_audit_csv_neutralises_text_from_input() -> None:
    text = renderer("audit", "csv")(hostile_report(), RenderOptions())
    assert isinstance(text, str) and text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    (row,) = rows
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["section"] == "'@section"
    assert row["actual"] == "-5.51"  # the value, unprefixed
    assert row["status"] == "met"


def test_audit_xlsx_has_fills_and_never_a_formula() -> None:
    from openpyxl import load_workbook

    data = renderer("audit", "xlsx")(hostile_report(), RenderOptions())
    assert isinstance(data, bytes)
    book = load_workbook(io.BytesIO(data))
    results, _summary, _units = book.worksheets
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    title_col = [c.value for c in results[1]].index("title") + 1
    assert results.cell(2, title_col).value == "=cmd|' /C calc'!A0"  # kept as the text it was
    assert results.cell(2, title_col).data_type == "s"
    status_cell = results.cell(2, [c.value for c in results[1]].index("status_label") + 1)
    assert status_cell.value == "✓ met" and status_cell.fill.start_color.rgb.endswith("C6EFCE")
    assert results.freeze_panes == "A2" and results.auto_filter.ref.startswith("A1:")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_xlsx_dates_are_date_cells_numbers_numbers_and_words_the_readers(lang: str) -> None:
    from datetime import datetime

    from openpyxl import load_workbook

    results, summary, *_ = load_workbook(io.BytesIO(demo_audit("xlsx", lang))).worksheets
    assert (results.title, summary.title) == (
        ("Results", "Summary") if lang == "en" else ("结果", "汇总")
    )
    head = [c.value for c in results[1]]
    if lang == "zh":  # headings in Chinese, none of them an English id
        assert head[:3] == ["方案", "任务编号", "任务"]
        assert not any(h.isascii() for h in head)
    column = {name: k for k, name in enumerate(COLUMNS)}
    rows = list(results.iter_rows(min_row=2))
    assert len(rows) == 102
    for row in rows:
        deadline = row[column["deadline"]]
        assert isinstance(deadline.value, datetime) and deadline.is_date
        assert deadline.number_format == "yyyy-mm-dd"
        done_on = row[column["completed_on"]]
        assert done_on.value is None or (done_on.is_date and done_on.number_format == "yyyy-mm-dd")
        actual = row[column["actual"]].value
        assert actual is None or isinstance(actual, (bool, int, float)) or ":" in actual
    completed = [r[column["completed_on"]].value for r in rows if r[column["completed_on"]].value]
    assert completed  # the demo has met-late instances: the column is exercised
    # The as-of date is a date cell of its own beside the summary's title.
    assert summary.cell(1, 2).is_date and summary.cell(1, 2).value == datetime(2024, 6, 30)
    targets = {r[column["task"]].value: r[column["target"]].value for r in rows}
    assert targets["emr-level"] == (">= 3" if lang == "en" else "不低于3级")


def test_a_control_character_from_input_is_spelt_out_not_a_crash() -> None:
    from openpyxl import load_workbook

    report = run(
        plan(task("t", title="bell\x07 esc\x1b[31m", deadline="2024-03-31")), [], "2024-06-30"
    )
    data = renderer("audit", "xlsx")(report, RenderOptions())
    assert isinstance(data, bytes)
    results = load_workbook(io.BytesIO(data)).worksheets[0]
    title_col = [c.value for c in results[1]].index("title") + 1
    assert results.cell(2, title_col).value == "bell\\x07 esc\\x1b[31m"


def test_the_xlsx_summary_sheet_has_rates_by_lead_section_and_unit() -> None:
    from openpyxl import load_workbook

    summary = load_workbook(io.BytesIO(demo_audit("xlsx", "zh"))).worksheets[1]
    column = [row[0] for row in summary.iter_rows(values_only=True)]
    # 63 instances due by 2024-06-30, 47 met (see test_the_terminal_table_… below).
    assert column[1] == "截至目前已到期 63 项，完成 47 项（75%）。"
    lead, section, unit = (column.index(h) for h in ("牵头单位", "章节", "单位"))
    assert section - lead - 2 == 3  # 示范区疾控局, 管委会, 医改领导小组
    assert unit - section - 2 == 10  # the ten sections with something due
    skipped = column.index("未读取的文件和工作表")  # the demo folder's README.md, listed last
    assert len([v for v in column[unit + 1 : skipped] if v]) == 7  # the seven units owing reports
    assert column[skipped + 1].endswith("examples/submissions/README.md")
    head = [c.value for c in summary[lead + 1]]
    assert head[:5] == ["牵头单位", "到期", "完成", "逾期", "完成率"]
    # 管委会 leads 4 due (chair met late; 2023 meetings and special funds met; the annual
    # appraisal unreported) and 医改领导小组 3 (三明 quarterly met; the annual bulletin
    # unreported; the 2023 evaluation missed): 示范区疾控局 leads the other 56, 43 of them met.
    first = summary.cell(lead + 2, 5)
    assert first.number_format == "0%" and abs(first.value - 43 / 56) < 1e-9


def test_markdown_tables_are_well_formed_and_cells_escaped() -> None:
    report = run(plan(task("t", title="a | b", deadline="2024-03-31", lead="a")), [], "2024-06-30")
    text = renderer("audit", "markdown")(report, RenderOptions(lang="zh"))
    assert isinstance(text, str)
    tables: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("|"):
            if not tables or not tables[-1]:
                tables.append([])
            tables[-1].append(line)
        elif tables and tables[-1]:
            tables.append([])
    for block in filter(None, tables):
        widths = {line.replace("\\|", "").count("|") for line in block}
        assert len(widths) == 1, block  # every row of a table has the header's columns
        assert set(block[1].replace("|", "")) == {"-"}  # the separator row
    assert "a \\| b" in text


def test_every_format_carries_the_json_verdicts(demo_json: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    expected = [
        (r["task"], r["period"] or r["deadline"], r["status"]) for r in demo_json["results"]
    ]
    rows = list(csv.DictReader(io.StringIO(demo_audit("csv").lstrip("\ufeff"))))
    assert [(r["task"], r["period"] or r["deadline"], r["status"]) for r in rows] == expected
    sheet = load_workbook(io.BytesIO(demo_audit("xlsx"))).worksheets[0]
    head = [c.value for c in sheet[1]]
    cols = [head.index(k) for k in ("task", "period", "deadline", "status")]
    found = [
        (row[cols[0]], row[cols[1]] or row[cols[2]].date().isoformat(), row[cols[3]])
        for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert found == expected
    markdown = demo_audit("markdown")
    counts = demo_json["summary"]
    assert (
        f"{len(expected)} task instances: met {counts['met']}, met late {counts['met_late']}, missed {counts['missed']}"
        in markdown
    )
    overdue_rows = [
        line
        for line in markdown.split("### 3. Overdue")[1].split("###")[0].splitlines()
        if line.startswith("| ") and "`" in line
    ]
    assert len(overdue_rows) == counts["missed"] + counts["unreported"]


def test_the_terminal_table_groups_by_section_and_fits_100_columns() -> None:
    from rich.cells import cell_len

    text = demo_audit("table", "zh")
    assert max(cell_len(line) for line in text.splitlines()) <= 100  # CJK characters are two cells
    sections = [
        line
        for line in text.splitlines()
        if line.startswith(("二、", "三、", "四、", "五、", "六、", "七、", "工作要点"))
    ]
    assert sections[0] == "六、攻坚行动年度推进计划"  # the plan's first task is in 六
    assert len(sections) == len(set(sections))  # each section once
    # Due by 2024-06-30 (tests/plans/test_demo_audit.py): 43 met in time, 4 met late, 9 missed,
    # 6 unreported and June's disclosure (due that day, at risk): 63; met 43 + 4 = 47.
    assert "截至目前已到期 63 项，完成 47 项（75%）。" in text
