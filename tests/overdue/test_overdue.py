"""The overdue list: what is chosen, in what order, grouped by lead; and its formats."""

from __future__ import annotations

import csv
import io
import json

from medreform_check.commands.overdue import overdue_list
from medreform_check.model import Unit
from medreform_check.render import RenderOptions, renderer
from medreform_check.report import Report

from helpers import done, obs, plan, run, task

LEADS = {"a": "综合医院", "b": "卫生院", "lead-x": "疾控局", "lead-y": "医保办"}


def report() -> Report:
    base = plan(
        task(
            "late-a", lead="lead-x", indicator="rate", target=">= 80", deadline="2024-03-31"
        ),  # 91 days
        task("late-b", lead="lead-y", deadline="2023-12-31"),  # 182 days, unreported
        task(
            "late-c", lead="lead-x", indicator="rate", target=">= 80", deadline="2023-12-31"
        ),  # 182, missed
        task(
            "soon", lead="lead-x", indicator="rate", target=">= 80", deadline="2024-07-20"
        ),  # at risk, 20 days
        task(
            "later", lead="lead-y", indicator="rate", target=">= 80", deadline="2024-12-31"
        ),  # pending
        task("ok", lead="lead-y", deadline="2024-03-31"),  # met
        task("nobody", deadline="2024-06-01"),  # no lead, unreported, 29 days
        units=("a", "b", "lead-x", "lead-y"),
    )
    named = type(base)(
        **{
            **{f: getattr(base, f) for f in base.__dataclass_fields__},
            "units": {u: Unit(u, n) for u, n in LEADS.items()},
        }
    )
    rows = [
        obs("a", "rate", 70, "2024-03-31"),
        obs("a", "rate", 60, "2023-12-31"),
        done("a", "ok", "2024-03-01", "2024-03-31"),
    ]
    return run(named, rows, "2024-06-30")


def test_most_days_overdue_first_then_at_risk_within_n_days() -> None:
    listed = overdue_list(report())
    assert [(r.task, r.days_overdue) for r in listed.results] == [
        ("late-b", 182),
        ("late-c", 182),
        ("late-a", 91),
        ("nobody", 29),
    ]
    within = overdue_list(report(), within=20)
    assert [r.task for r in within.results][-1] == "soon"
    assert "soon" not in [r.task for r in overdue_list(report(), within=19).results]


def test_grouped_by_lead_unit_with_its_name() -> None:
    groups = overdue_list(report()).groups
    # The group holding the most overdue item comes first; equal days keep task order.
    assert [(g.lead, g.name, [r.task for r in g.results]) for g in groups] == [
        ("lead-y", "医保办", ["late-b"]),
        ("lead-x", "疾控局", ["late-c", "late-a"]),
        (None, "", ["nobody"]),
    ]


def test_json_is_the_audit_object_with_only_what_to_chase() -> None:
    data = json.loads(
        renderer("overdue", "json")(overdue_list(report(), within=30), RenderOptions())
    )
    assert [r["task"] for r in data["results"]] == ["late-b", "late-c", "late-a", "nobody", "soon"]
    assert data["summary"]["met"] == 1  # the summary still covers the whole audit
    assert list(data) == [
        "as_of",
        "known_by",
        "plans",
        "summary",
        "results",
        "rejected",
        "warnings",
        "reporting",
        "units",
        "skipped",
    ]


def test_markdown_tables_are_well_formed() -> None:
    text = renderer("overdue", "markdown")(overdue_list(report()), RenderOptions(lang="zh"))
    assert isinstance(text, str)
    assert "### 医保办 (`lead-y`)" in text and "### 未指定牵头单位" in text
    tables = [line for line in text.splitlines() if line.startswith("|")]
    widths = {line.count("|") - line.count("\\|") for line in tables}
    assert widths == {9}  # eight columns everywhere, header and rows alike
    assert "| 任务 | 期限 | 状态 | 督办等级 | 逾期天数 | 目标 | 实际 | 未报单位 |" in text
    # 182 days overdue is red (more than the default 30), 29 days yellow.
    assert "| ✗ 逾期未达标 | ● 红 | 182 |" in text and "| ? 逾期未报 | ● 黄 | 29 |" in text


def test_csv_rows_per_item_with_lead_names() -> None:
    text = renderer("overdue", "csv")(overdue_list(report()), RenderOptions())
    assert isinstance(text, str) and text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:2] == ["Lead", "Task"]
    assert [(r[0], r[1], r[5], r[6]) for r in rows[1:]] == [
        ("医保办", "late-b", "● red", "182"),
        ("疾控局", "late-c", "● red", "182"),
        ("疾控局", "late-a", "● red", "91"),
        ("No lead unit", "nobody", "● yellow", "29"),
    ]


def test_table_in_black_and_white() -> None:
    text = renderer("overdue", "table")(
        overdue_list(report()), RenderOptions(lang="en", color=False, width=100)
    )
    assert isinstance(text, str) and "\x1b[" not in text
    assert (
        text.index("医保办 (lead-y)") < text.index("疾控局 (lead-x)") < text.index("No lead unit")
    )
    assert max(len(line) for line in text.splitlines()) <= 100


def _with_missing_reports() -> Report:
    """The report above, with unit b (卫生院) missing two quarterly reports."""
    from dataclasses import replace
    from datetime import date

    from medreform_check.commands.summaries import summarise
    from medreform_check.report import ReportingEntry, ReportStatus

    base = report()
    missing = tuple(
        ReportingEntry("p", "b", period, due, None, ReportStatus.MISSING)
        for period, due in (("2024-Q1", date(2024, 4, 15)), ("2023-Q4", date(2024, 1, 15)))
    )
    summaries = summarise(base.results, missing, base.as_of, base.unit_names)
    return replace(base, reporting=missing, summaries=summaries)


def test_every_format_lists_missing_reports_and_the_window() -> None:
    listed = overdue_list(_with_missing_reports(), within=20)
    assert [(m.unit, m.periods) for m in listed.missing_reports] == [("b", ("2024-Q1", "2023-Q4"))]
    table = renderer("overdue", "table")(listed, RenderOptions(lang="zh", width=100))
    markdown = renderer("overdue", "markdown")(listed, RenderOptions(lang="zh"))
    for text in (table, markdown):
        assert isinstance(text, str)
        assert "未报送报表" in text and "卫生院" in text and "2024-Q1" in text
        assert "20天内到期" in text


def test_nothing_overdue_says_so() -> None:
    empty = plan(task("ok", lead="a", deadline="2024-03-31"), units=("a",))
    listed = overdue_list(run(empty, [done("a", "ok", "2024-03-01", "2024-03-31")], "2024-06-30"))
    for fmt in ("table", "markdown"):
        text = renderer("overdue", fmt)(listed, RenderOptions(lang="en"))
        assert isinstance(text, str) and "Nothing is overdue" in text
