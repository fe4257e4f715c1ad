"""The per-unit scorecard and `by: parent` groups in every audit format, on one hand-built
report over a small hierarchy:

    prov ─┬─ c1 ── h1
          └─ c2 ── h2

- grp (`by: parent`, mean of the rate ≥ 60, owned by h1 and h2): group c1 (h1: 70) met,
  group c2 (h2: 50) missed;
- m (a milestone owned by c1 and c2): c1 done, c2 not.

As of 2024-01-31 each unit owns one due instance: c1 and h1 met theirs (100 %), c2 and h2
did not (0 %, one overdue each); ties ranked by id. Groups add up the units below:
c1 = h1 (1 of 1), c2 = h2 (0 of 1), prov = all four (2 of 4, 50 %).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from medreform_check.model import Unit
from medreform_check.render import RenderOptions, renderer
from medreform_check.report import Report

from helpers import done, obs, plan, run, task


def report() -> Report:
    units = {
        "prov": Unit("prov", "省"),
        "c1": Unit("c1", "甲市", parent="prov"),
        "c2": Unit("c2", "乙市", parent="prov"),
        "h1": Unit("h1", "甲医院", parent="c1"),
        "h2": Unit("h2", "乙医院", parent="c2"),
    }
    tasks = (
        task(
            "grp",
            title="就诊率",
            indicator="rate",
            aggregate="mean",
            target=">= 60",
            deadline="2023-12-31",
            owners=("h1", "h2"),
            by="parent",
            lead="prov",
        ),
        task("m", title="建成中心", deadline="2023-12-31", owners=("c1", "c2"), lead="prov"),
    )
    rows = [
        obs("h1", "rate", 70, "2023-12-31"),
        obs("h2", "rate", 50, "2023-12-31"),
        done("c1", "m", "2023-11-01", "2023-12-31"),
    ]
    return run(dataclasses.replace(plan(*tasks), units=units), rows, "2024-01-31")


def render(fmt: str, lang: str = "en") -> str | bytes:
    return renderer("audit", fmt)(report(), RenderOptions(lang=lang, width=120))


def test_json_lists_units_and_each_groups_result() -> None:
    data = json.loads(render("json"))  # type: ignore[arg-type]
    assert data["units"] == [
        {"unit": "c1", "name": "甲市", "parent": "prov", "due": 1, "met": 1, "overdue": 0, "rate": 100},
        {"unit": "h1", "name": "甲医院", "parent": "c1", "due": 1, "met": 1, "overdue": 0, "rate": 100},
        {"unit": "c2", "name": "乙市", "parent": "prov", "due": 1, "met": 0, "overdue": 1, "rate": 0},
        {"unit": "h2", "name": "乙医院", "parent": "c2", "due": 1, "met": 0, "overdue": 1, "rate": 0},
    ]  # fmt: skip
    found = [(r["task"], r.get("group"), r["status"], r["units"]) for r in data["results"]]
    assert found == [
        ("grp", "c1", "met", ["h1"]),
        ("grp", "c2", "missed", ["h2"]),
        ("m", None, "missed", ["c1", "c2"]),
    ]
    assert "group" not in data["results"][2]  # only results of a `by: parent` task carry it


def test_markdown_ranks_units_and_parent_groups() -> None:
    text = render("markdown", "zh")
    assert isinstance(text, str)
    units = text.split("#### 各单位完成情况排名\n\n")[1].split("\n\n")[0].splitlines()
    assert units == [
        "| 排名 | 单位 | 上级单位 | 到期 | 完成 | 逾期 | 完成率 |",
        "|---|---|---|---|---|---|---|",
        "| 1 | 甲市 | 省 | 1 | 1 | 0 | 100% |",
        "| 2 | 甲医院 | 甲市 | 1 | 1 | 0 | 100% |",
        "| 3 | 乙市 | 省 | 1 | 0 | 1 | 0% |",
        "| 4 | 乙医院 | 乙市 | 1 | 0 | 1 | 0% |",
    ]
    groups = text.split("#### 各上级单位完成情况排名（含下属单位）\n\n")[1].split("\n\n")[0]
    assert groups.splitlines()[2:] == [
        "| 1 | 甲市 | 省 | 1 | 1 | 0 | 100% |",
        "| 2 | 省 | — | 4 | 2 | 2 | 50% |",
        "| 3 | 乙市 | 省 | 1 | 0 | 1 | 0% |",
    ]
    # The overdue list names the group a result judges.
    assert "就诊率（乙市） `grp`" in text


def test_terminal_table_shows_the_ranking_and_groups() -> None:
    text = render("table")
    assert isinstance(text, str)
    lines = text.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Completion by unit")))
    ranked = [line.split() for line in lines[start + 4 : start + 8]]
    assert ranked == [
        ["1", "甲市", "省", "1", "1", "0", "100%"],
        ["2", "甲医院", "甲市", "1", "1", "0", "100%"],
        ["3", "乙市", "省", "1", "0", "1", "0%"],
        ["4", "乙医院", "乙市", "1", "0", "1", "0%"],
    ]
    assert any(line.startswith("Completion by parent unit") for line in lines)
    assert "就诊率 — 乙市" in text


def test_csv_carries_the_group_of_each_result() -> None:
    text = render("csv")
    assert isinstance(text, str)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["task"], r["group"], r["group_name"]) for r in rows] == [
        ("grp", "c1", "甲市"),
        ("grp", "c2", "乙市"),
        ("m", "", ""),
    ]


def test_xlsx_has_a_units_sheet_ranked_with_rates_as_percentages() -> None:
    from openpyxl import load_workbook

    data = render("xlsx", "zh")
    assert isinstance(data, bytes)
    sheet = load_workbook(io.BytesIO(data))["各单位完成情况"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "各单位完成情况排名"
    assert values[1] == ["排名", "单位", "上级单位", "到期", "完成", "逾期", "完成率"]
    assert values[2] == [1, "甲市", "省", 1, 1, 0, 1.0]
    assert values[5] == [4, "乙医院", "乙市", 1, 0, 1, 0.0]
    assert sheet.cell(3, 7).number_format == "0%"
    groups = next(
        k for k, row in enumerate(values) if row[0] == "各上级单位完成情况排名（含下属单位）"
    )
    assert values[groups + 3] == [2, "省", None, 4, 2, 2, 0.5]


def test_html_groups_results_and_ranks_units_with_bars() -> None:
    text = render("html")
    assert isinstance(text, str)
    assert text.count('<section class="rates units">') == 2  # units, then parent groups
    assert "就诊率 — 甲市" in text


def test_a_report_where_no_unit_owns_anything_has_no_scorecard() -> None:
    empty = run(plan(), [], "2024-01-31")
    html = renderer("audit", "html")(empty, RenderOptions())
    assert isinstance(html, str) and "rates units" not in html
    text = renderer("audit", "markdown")(empty, RenderOptions())
    assert isinstance(text, str) and "Completion by unit" not in text
