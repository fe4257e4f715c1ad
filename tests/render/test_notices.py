"""The 督办清单 and 督办单 at their edges: nothing overdue, a task without a lead unit, a unit
whose only debt is a missing report, and a 通报 with nothing to rank."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from docx import Document

from medreform_check.commands.overdue import NO_LEAD, overdue_list, split_overdue
from medreform_check.commands.summaries import summarise
from medreform_check.render import RenderOptions, renderer
from medreform_check.render.calendar import changes_text, previous_text
from medreform_check.report import Report, ReportingEntry, ReportStatus

from helpers import plan, run, task


def _quiet() -> Report:
    """One pending task (due 2025), no lead, no document number: nothing to chase."""
    return run(
        plan(task(indicator="rate", target=">= 80", deadline="2025-12-31")), [], "2024-06-30"
    )


def _orphan() -> Report:
    """A task without a lead, unreported 182 days; unit b owes the 2024-Q1 report."""
    base = run(plan(task("orphan", deadline="2023-12-31")), [], "2024-06-30")
    missing = (ReportingEntry("p", "b", "2024-Q1", date(2024, 4, 15), None, ReportStatus.MISSING),)
    summaries = summarise(base.results, missing, base.as_of, base.unit_names)
    return replace(base, reporting=missing, summaries=summaries)


def _text(data: Any) -> str:
    if isinstance(data, bytes):
        return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    return str(data)


@pytest.mark.parametrize("fmt", ["docx", "html", "markdown", "table"])
def test_nothing_overdue_says_so(fmt: str) -> None:
    text = _text(renderer("overdue", fmt)(overdue_list(_quiet()), RenderOptions(lang="en")))
    assert "Nothing is overdue." in text


def test_a_bulletin_with_nothing_to_rank_or_chase() -> None:
    data = renderer("audit", "docx")(_quiet(), RenderOptions(lang="zh"))
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    # The ranking, the overdue list and the at-risk list each say 无。; no table is drawn.
    assert texts.count("无。") == 3 and not document.tables
    assert "依据：测试方案" in texts  # no document number to add


def test_items_without_a_lead_go_to_their_own_file_by_lead() -> None:
    parts = split_overdue(overdue_list(_orphan()), "lead")
    assert [unit for unit, _ in parts] == [NO_LEAD, "b"]
    (_, orphan), (_, owing) = parts
    assert [r.task for r in orphan.results] == ["orphan"]
    assert (orphan.missing, [m.unit for m in owing.missing]) == ((), ["b"])
    markdown = renderer("overdue", "markdown")(orphan, RenderOptions(lang="zh"))
    assert "督办对象：未指定牵头单位" in str(markdown)


@pytest.mark.parametrize("fmt", ["docx", "html", "table", "csv", "xlsx"])
def test_a_unit_that_only_owes_a_report(fmt: str) -> None:
    (_, owing) = split_overdue(overdue_list(_orphan()), "unit")[-1]
    assert owing.addressee == "b" and owing.results == ()
    data = renderer("overdue", fmt)(owing, RenderOptions(lang="en"))
    if fmt == "xlsx":
        from openpyxl import load_workbook

        assert isinstance(data, bytes)
        sheet = load_workbook(io.BytesIO(data)).active
        assert sheet is not None
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        assert "Missing reports 2024-Q1" in cells and any(
            c.startswith("Unit (seal)") for c in cells
        )
        return
    text = _text(data)
    assert "2024-Q1" in text or fmt == "docx"
    assert "To: 单位b (b)" in text or fmt == "csv"
    assert "Person in charge (signature)" in text


def test_changes_words_without_a_comparison() -> None:
    report = _quiet()
    assert changes_text(report, "en") == ""
    (result,) = report.results
    assert previous_text(result, "zh") == "上期尚未开始"
