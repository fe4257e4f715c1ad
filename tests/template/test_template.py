"""Templates: the rows a unit owes for a period, and fill → audit round trips in every format."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from medreform_check.commands.template import build_template
from medreform_check.language.periods import Period
from medreform_check.model import Indicator, Submissions

from helpers import CATALOGUE, ROOT, done, plan, run_cli, task

PLAN = plan(
    task("monthly", indicator="meetings", target=">= 1", every="month", owners=("a",)),
    task("yearly", indicator="meetings", target=">= 2", every="year", owners=("a",)),
    task("level", indicator="level", target=">= 3", deadline="2024-12-31", owners=("a", "b")),
    task("old-level", indicator="level", target=">= 2", deadline="2023-12-31", owners=("a",)),
    task("centre", deadline="2024-05-31", owners=("a",), evidence_required=True),
    task("overdue-centre", deadline="2023-12-31", owners=("a",)),
    task("b-only", deadline="2024-12-31", owners=("b",)),
)
Q2 = Period("quarter", 2024, 2)


def rows(submissions: Submissions | None = None) -> list[tuple[str, date | None]]:
    form = build_template([PLAN], CATALOGUE, "a", Q2, submissions)
    return [(r.indicator.id if r.indicator else f"task:{r.task.id}", r.as_of) for r in form.rows]  # type: ignore[union-attr]


def test_the_rows_a_unit_owes_for_a_quarter() -> None:
    assert rows() == [
        # A monthly count in a quarterly report: one row per month, dated.
        ("meetings", date(2024, 4, 30)),
        ("meetings", date(2024, 5, 31)),
        ("meetings", date(2024, 6, 30)),
        # The yearly count is reported for the quarter (dated the quarter's end by default).
        ("meetings", None),
        # Running in Q2: due 2024-12-31. old-level (due 2023) is not running any more.
        ("level", None),
        ("task:centre", None),  # due 2024-05-31, inside Q2
    ]


def test_with_submissions_done_milestones_drop_out_and_overdue_ones_stay() -> None:
    reported = Submissions(milestones=[done("a", "centre", "2024-04-20", "2024-04-30")])
    assert ("task:centre", None) not in rows(reported)
    assert ("task:overdue-centre", None) in rows(reported)


def test_an_unknown_unit_lists_the_known_ones() -> None:
    from medreform_check.errors import MedreformError

    with pytest.raises(MedreformError, match="no unit 'zz' in the plans"):
        build_template([PLAN], CATALOGUE, "zz", Q2)


# --- round trips through the CLI, on the shipped plan ------------------------------------

PLAN_FILE = ROOT / "plans" / "alxa-hitech-2023-2025.yaml"
RULES = ["--rules", str(ROOT / "rules")]


def fill_value(indicator: Indicator) -> Any:
    """A value a unit could really report for ``indicator``."""
    if indicator.kind == "composition":
        return ":".join(["50", "30", "20"][: len(indicator.parts)])
    if indicator.kind == "count":
        return 1
    low, high = indicator.bounds
    low = 0 if low is None else low
    high = low + 100 if high is None else high
    value = (low + high) / 2
    return int(value) if indicator.integer else value


def indicators() -> dict[str, Indicator]:
    from medreform_check.loading.rules import read_catalogue

    return dict(read_catalogue(ROOT / "rules").indicators)


def make(fmt: str, out: Path, lang: str) -> None:
    argv = [
        "template",
        str(PLAN_FILE),
        "--unit",
        "高新区综合医院",
        "--period",
        "2024-Q3",
        "--format",
        fmt,
        "--output",
        str(out),
        "--lang",
        lang,
        *RULES,
    ]
    result = run_cli(argv)
    assert result.exit_code == 0, result.stderr


def audit(path: Path) -> dict[str, Any]:
    import json

    argv = [
        "audit",
        str(PLAN_FILE),
        "-s",
        str(path),
        "--as-of",
        "2024-10-20",
        "--format",
        "json",
        *RULES,
    ]
    result = run_cli(argv)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_yaml_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "q3.yaml"
    make("yaml", path, "zh")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    table = indicators()
    for row in data["values"]:
        if "indicator" in row:
            row["value"] = fill_value(table[row["indicator"]])
        else:
            row.update(done="是", completed_on="2024-09-15", evidence="院发〔2024〕30号")
    data["submitted"] = "2024-10-10"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = audit(path)
    assert result["rejected"] == [] and result["warnings"] == []
    assert any(
        r["unit"] == "general-hospital" and r["period"] == "2024-Q3" and r["status"] == "on_time"
        for r in result["reporting"]
    )


def test_an_unfilled_yaml_template_reports_nothing_and_rejects_nothing(tmp_path: Path) -> None:
    path = tmp_path / "q3.yaml"
    make("yaml", path, "en")
    result = audit(path)
    assert result["rejected"] == []
    assert result["warnings"] and all(
        w["reason"].startswith("left blank") for w in result["warnings"]
    )


def test_csv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "q3.csv"
    make("csv", path, "zh")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel opens the Chinese right
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = lines[0], lines[1:]
    assert header == [
        "单位",
        "报告期",
        "指标",
        "任务",
        "数值",
        "是否完成",
        "完成日期",
        "截至日期",
        "佐证材料",
        "提交日期",
        "备注",
    ]
    table = indicators()
    for row in body:
        if row[2]:
            row[4] = str(fill_value(table[row[2]]))
        else:
            row[5], row[6], row[8] = "是", "2024-09-15", "院发〔2024〕30号"
        row[9] = "2024-10-10"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *body])
    path.write_bytes(buffer.getvalue().encode("gb18030"))  # as Excel on a Chinese Windows saves it
    result = audit(path)
    assert result["rejected"] == [] and result["warnings"] == []


def test_xlsx_round_trip(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "q3.xlsx"
    make("xlsx", path, "zh")
    book = load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"是,否"' and str(validation.sqref).startswith("F2:")
    assert sheet.column_dimensions["K"].width == 70
    table = indicators()
    for (
        _,
        _,
        indicator,
        _,
        value,
        done_cell,
        completed,
        _,
        evidence,
        submitted,
        _,
    ) in sheet.iter_rows(min_row=2):
        if indicator.value:
            value.value = fill_value(table[indicator.value])
        else:
            done_cell.value, completed.value, evidence.value = (
                "是",
                date(2024, 9, 15),
                "院发〔2024〕30号",
            )
        submitted.value = date(2024, 10, 10)
    book.save(path)
    result = audit(path)
    assert result["rejected"] == [] and result["warnings"] == []


def test_a_pooled_rate_asks_for_its_numerator_and_denominator_once() -> None:
    from medreform_check.model import Catalogue

    catalogue = Catalogue(
        {
            **CATALOGUE.indicators,
            "visits": Indicator("visits", "就诊人次", "count", "人次", better="higher"),
            "local": Indicator("local", "县域内就诊人次", "count", "人次", better="higher"),
            "local_rate": Indicator(
                "local_rate", "县域内就诊率", "rate", "%", better="higher",
                ratio_of=("local", "visits"),
            ),
        }
    )  # fmt: skip
    stages = [("2024-05-31", ">= 50"), ("2024-06-30", ">= 60")]
    pooled = plan(
        task("rate", indicator="local_rate", aggregate="pooled", deadline=None, stages=stages)
    )
    form = build_template([pooled], catalogue, "a", Q2)
    rows = [(r.indicator.id if r.indicator else None, r.component_of) for r in form.rows]
    rate = catalogue.indicators["local_rate"]
    assert rows == [
        ("local_rate", None),
        ("local", (rate, "numerator")),
        ("visits", (rate, "denominator")),
    ]


def test_xlsx_as_of_is_a_date_cell_and_text_stays_text() -> None:
    from dataclasses import replace

    from openpyxl import load_workbook

    from medreform_check.model import Unit
    from medreform_check.render import RenderOptions, renderer

    monthly = task("monthly", indicator="meetings", target=">= 1", every="month", owners=("a",))
    hostile = replace(plan(monthly), units={"a": Unit("a", '=HYPERLINK("x")\x07')})
    form = build_template([hostile], CATALOGUE, "a", Q2, None)
    data = renderer("template", "xlsx")(form, RenderOptions(lang="zh"))
    assert isinstance(data, bytes)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    head = [c.value for c in sheet[1]]
    unit, as_of = head.index("单位") + 1, head.index("截至日期") + 1
    # A monthly count in Q2: rows dated 2024-04-30, 05-31 and 06-30, each a date cell.
    dated = [sheet.cell(r, as_of) for r in range(2, sheet.max_row + 1)]
    assert [c.value.date() for c in dated] == [
        date(2024, 4, 30),
        date(2024, 5, 31),
        date(2024, 6, 30),
    ]
    assert all(c.is_date and c.number_format == "yyyy-mm-dd" for c in dated)
    # The unit's name is text, never a formula, its bell spelt out.
    assert sheet.cell(2, unit).data_type == "s"
    assert sheet.cell(2, unit).value == '=HYPERLINK("x")\\x07'
