"""Clause numbering, sections and sources; a notice carrying two documents."""

from __future__ import annotations

from pathlib import Path

from drafting import NOTICE

from medreform_check.draft.clauses import chinese_number, clauses_of
from medreform_check.draft.documents import read_document
from medreform_check.draft.outline import outline
from medreform_check.draft.sentences import read_clause

LEVELS = """某区医改行动方案（2024—2025年）
为推进改革，制定本方案。
一、总体目标
到2025年，完成改革。
二、重点任务
（一）提升服务能力。力争到2024年底，签约率不低于40%。
1.加强基层建设。每年至少开展2次培训。
（1）完善设施。2024年6月底前完成改造。
①配齐设备。2024年底前配齐。
（二）2024年度任务目标。一是建立工作机制。年内完成一次评估。二是开展绩效评价。
"""


def _clauses(tmp_path: Path, text: str) -> list[tuple[str, str, str, list[str]]]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    found = []
    for part in outline(read_document(path)).parts:
        for clause in clauses_of(part):
            sentences = [s.source + "|" + s.text for s in read_clause(clause).sentences]
            found.append((clause.source, clause.section, clause.heading, sentences))
    return found


def test_every_numbering_level(tmp_path: Path) -> None:
    assert _clauses(tmp_path, LEVELS) == [
        ("序言", "序言", "", ["序言|为推进改革，制定本方案"]),
        ("一", "一、总体目标", "总体目标", ["一|到2025年，完成改革"]),
        ("二", "二、重点任务", "重点任务", []),
        ("二（一）", "二、重点任务", "提升服务能力", ["二（一）|力争到2024年底，签约率不低于40%"]),
        ("二（一）1.", "二、重点任务", "加强基层建设", ["二（一）1.|每年至少开展2次培训"]),
        ("二（一）1.（1）", "二、重点任务", "完善设施", ["二（一）1.（1）|2024年6月底前完成改造"]),
        ("二（一）1.（1）①", "二、重点任务", "配齐设备", ["二（一）1.（1）①|2024年底前配齐"]),
        (
            "二（二）",
            "二、重点任务",
            "2024年度任务目标",
            ["二（二）一|建立工作机制", "二（二）一|年内完成一次评估", "二（二）二|开展绩效评价"],
        ),
    ]


def test_a_notice_keeps_its_two_documents_apart(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    shape = outline(read_document(path))
    assert [(p.letter, p.prefix, p.years) for p in shape.parts] == [
        ("n", "通知", (2024, 2026)),
        ("a", "", (2024, 2026)),
        ("b", "工作要点", (2024, 2024)),
    ]
    assert shape.header.title == "某市医改三年行动方案（2024—2026年）及2024年医改工作要点"
    assert shape.header.issuer == "某市人民政府"
    assert str(shape.header.issued) == "2024-03-01"
    sources = [(c.source, c.section) for p in shape.parts for c in clauses_of(p) if c.paragraphs]
    # The paragraph after the clause that closed with its note is the document's 末段.
    assert sources == [
        ("通知", "通知"),
        ("一", "一、主要目标"),
        ("工作要点 一（一）", "工作要点 一、深化医疗改革"),
        ("工作要点 末段", "工作要点 末段"),
    ]
    clause = clauses_of(shape.parts[2])[1]
    text = read_clause(clause)
    assert text.assignment is not None
    assert text.assignment.owners == ("市卫生健康委", "市财政局")


def test_chinese_numbers() -> None:
    assert [chinese_number(t) for t in ("一", "十", "十二", "二十", "二十三", "一百零三", "7")] == [
        1,
        10,
        12,
        20,
        23,
        103,
        7,
    ]
