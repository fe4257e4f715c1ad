"""Word output, opened with python-docx as Word would read it: headings in Word's heading
styles, tables whose cells hold what the report holds, the East-Asian font on every run,
header rows that repeat, A4 pages (landscape where the table is wide), nothing external."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

from medreform_check.commands.audit import build_report
from medreform_check.commands.overdue import overdue_list, split_overdue
from medreform_check.errors import Location
from medreform_check.model import RowIssue, Submissions
from medreform_check.render import RenderOptions, renderer
from medreform_check.report import Report

from helpers import CATALOGUE, d, obs, plan, task


def _report() -> Report:
    """As of 2024-06-30, compared with 2024-03-31, unit a reporting on every task:
    - ok: rate 85 ≥ 80 at its deadline 2023-12-31 — met, then and now;
    - late: level 2 < 3 at 2023-12-31 — missed, 182 days now (> 30: red), missed at D0 too
      (still overdue);
    - soon: a milestone due 2024-07-10, not done — 10 days left ≤ 30: at risk (blue); 101
      days left at D0: pending.
    And one rejected row."""
    p = plan(
        task("ok", title="门诊预约", lead="a", indicator="rate", target=">= 80",
             deadline="2023-12-31"),
        task("late", title="信息平台建成", lead="b", indicator="level", target=">= 3",
             deadline="2023-12-31"),
        task("soon", title="一站式服务中心", lead="a", deadline="2024-07-10"),
    )  # fmt: skip
    subs = Submissions(
        observations=[obs("a", "rate", 85, "2023-12-31"), obs("a", "level", 2, "2023-12-31")],
        rejected=[RowIssue(Location("s.csv", 7), "x", "unknown unit 'x'")],
    )
    return build_report([p], CATALOGUE, subs, d("2024-06-30"), compare_to=d("2024-03-31"))


def _open(data: Any) -> Any:
    assert isinstance(data, bytes)
    return Document(io.BytesIO(data))


def _headings(document: Any) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]


def _east_asian_fonts(document: Any) -> set[str | None]:
    runs = [r for p in document.paragraphs for r in p.runs if r.text]
    runs += [
        r
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text
    ]
    assert runs
    return {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs}


def _audit_docx(lang: str = "zh") -> Any:
    return _open(renderer("audit", "docx")(_report(), RenderOptions(lang=lang)))


class TestBulletin:
    def test_headings_are_word_heading_styles_numbered_in_order(self) -> None:
        headings = _audit_docx("zh")
        assert _headings(headings) == [
            ("Title", "医改任务进展情况通报"),
            ("Heading 1", "一、总体情况"),
            ("Heading 1", "二、各牵头单位完成情况排名"),
            ("Heading 1", "三、各单位完成情况排名"),
            ("Heading 1", "四、本期变化（与2024-03-31相比）"),
            ("Heading 2", "新完成 (0)"),
            ("Heading 2", "新增逾期 (0)"),
            ("Heading 2", "持续逾期 (1)"),
            ("Heading 2", "逾期后完成 (0)"),
            ("Heading 1", "五、逾期任务"),
            ("Heading 1", "六、预警任务"),
            ("Heading 1", "附件：未采用的数据行"),
        ]

    def test_units_are_ranked_with_what_each_owes(self) -> None:
        # Unit a owns all three; due by 2024-06-30: ok (met) and late (missed); soon is due
        # 2024-07-10, not yet. So 2 due, 1 met, 1 overdue: 50%.
        document = _audit_docx("zh")
        tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
        (units,) = [t for t in tables if t[0][:2] == ["排名", "单位"]]
        assert units[1] == ["1", "单位a", "2", "1", "1", "50%"]  # helpers name unit a 单位a

    def test_files_not_read_close_the_annex(self) -> None:
        from dataclasses import replace

        from medreform_check.observations import Skipped

        report = replace(_report(), skipped=(Skipped("subs/city.et", None, "save it as .xlsx"),))
        document = _open(renderer("audit", "docx")(report, RenderOptions(lang="en")))
        assert _headings(document)[-1] == ("Heading 1", "Files and sheets not read")
        last = document.tables[-1]
        assert [c.text for c in last.rows[1].cells] == ["subs/city.et", "save it as .xlsx"]

    def test_english_headings(self) -> None:
        names = [text for _, text in _headings(_audit_docx("en"))]
        assert names[:3] == ["Health-reform progress bulletin", "1. Overall",
                             "2. Completion by lead unit"]  # fmt: skip

    def test_the_overdue_table_holds_the_item_its_level_and_days(self) -> None:
        document = _audit_docx("zh")
        overdue = next(t for t in document.tables if t.rows[0].cells[0].text == "牵头单位")
        header = [c.text for c in overdue.rows[0].cells]
        assert header == ["牵头单位", "任务", "期限", "逾期天数", "状态", "督办等级",
                          "实际 / 目标", "未报单位"]  # fmt: skip
        (row,) = overdue.rows[1:]
        cells = [c.text for c in row.cells]
        assert cells[:6] == ["单位b", "信息平台建成\nlate", "2023-12-31", "182", "✗ 逾期未达标",
                             "● 红"]  # fmt: skip
        level = row.cells[5]
        shading = level._tc.tcPr.find(qn("w:shd"))
        assert shading.get(qn("w:fill")) == "FFC7CE"
        assert level.paragraphs[0].runs[0].font.color.rgb == RGBColor.from_string("C00000")

    def test_every_run_carries_an_east_asian_font(self) -> None:
        assert _east_asian_fonts(_audit_docx("zh")) <= {"仿宋", "黑体", "宋体"}
        styles = _audit_docx("zh").styles
        fonts = styles["Normal"].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "仿宋"
        assert fonts.get(qn("w:ascii")) == "Times New Roman"
        assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would win over ours

    def test_a4_portrait_with_the_wide_overdue_table_in_landscape(self) -> None:
        sections = _audit_docx().sections
        sizes = [(round(s.page_width / Mm(1)), round(s.page_height / Mm(1))) for s in sections]
        assert sizes == [(210, 297), (297, 210), (210, 297)]

    def test_header_rows_repeat_and_rows_do_not_split(self) -> None:
        for table in _audit_docx().tables:
            first = table.rows[0]._tr.trPr
            assert first.find(qn("w:tblHeader")) is not None
            for row in table.rows:
                assert row._tr.trPr.find(qn("w:cantSplit")) is not None

    def test_no_macro_no_external_link(self) -> None:
        data = renderer("audit", "docx")(_report(), RenderOptions(lang="zh"))
        assert isinstance(data, bytes)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            assert not [n for n in names if "vba" in n.lower() or n.endswith(".bin")]
            relations = "".join(package.read(n).decode() for n in names if n.endswith(".rels"))
            assert 'TargetMode="External"' not in relations
            assert "hyperlink" not in package.read("word/document.xml").decode()

    def test_the_annex_lists_rejected_rows(self) -> None:
        annex = _audit_docx("en").tables[-1]
        assert [c.text for c in annex.rows[1].cells] == ["s.csv:7", "x", "unknown unit 'x'"]


class TestOverdueDocuments:
    def _listed(self) -> Any:
        return overdue_list(_report(), within=30)

    def test_the_overdue_list_is_landscape_with_a_section_per_lead(self) -> None:
        document = _open(renderer("overdue", "docx")(self._listed(), RenderOptions(lang="zh")))
        assert _headings(document) == [
            ("Title", "督办清单"),
            ("Heading 1", "一、单位b (b)"),
            ("Heading 1", "二、单位a (a)"),
        ]
        section = document.sections[0]
        assert section.page_width > section.page_height
        levels = [row.cells[4].text for t in document.tables for row in t.rows[1:]]
        assert levels == ["● 红", "● 蓝"]

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_units_notice_has_its_items_and_the_reply_lines(self, lang: str) -> None:
        ((_, notice),) = [s for s in split_overdue(self._listed(), "lead") if s[0] == "b"]
        document = _open(renderer("overdue", "docx")(notice, RenderOptions(lang=lang)))
        text = "\n".join(p.text for p in document.paragraphs)
        if lang == "zh":
            assert _headings(document)[0] == ("Title", "督办单")
            assert "督办对象：单位b (b)" in text
            assert "整改措施：" in text and "预计完成时间：" in text
            assert "负责人（签字）" in text
        else:
            assert "To: 单位b (b)" in text and "Date:" in text
        (table,) = document.tables
        assert [row.cells[0].text.split("\n")[1] for row in table.rows[1:]] == ["late"]
        section = document.sections[0]
        assert section.page_width < section.page_height  # a portrait form
