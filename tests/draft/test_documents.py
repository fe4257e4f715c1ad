"""Reading documents: one canonical spelling, every format, clear errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from medreform_check.draft import documents
from medreform_check.draft.core import MedreformError
from medreform_check.draft.documents import Table, canonical, read_document


def test_canonical_spelling() -> None:
    # Half-width punctuation becomes full width; a comma or colon between digits stays.
    assert canonical("(一)调整价格,到 2025年;") == "（一）调整价格，到2025年；"
    assert canonical("比例接近5:3:2,共1,000人") == "比例接近5:3:2，共1,000人"
    # Full-width digits fold; circled numbers (a numbering level) survive.
    assert canonical("达到８０％") == "达到80%"
    assert canonical("①配齐设备") == "①配齐设备"
    # A space inside a Chinese name is kept; one next to Chinese punctuation is not.
    assert canonical("阿拉善  乌兰布和 ， 完成 DRG/DIP") == "阿拉善 乌兰布和，完成DRG/DIP"


def test_plain_text_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("一、总体目标\n\n到2025年，完成改革。\n".encode("gb18030"))
    assert read_document(path).blocks == ("一、总体目标", "到2025年，完成改革。")


def test_markdown_markers_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# 某县医改方案\n\n- **一、总体目标**\n1. 做好[改革](http://x)。\n\n"
        "| 序号 | 任务 | 牵头单位 |\n|---|:---:|---|\n| 1 | 建立机制 | 县卫生健康局 |\n\n"
        "```\n代码不是正文\n```\n",
        encoding="utf-8",
    )
    assert read_document(path).blocks == (
        "某县医改方案",
        "一、总体目标",
        "1. 做好改革。",
        Table((("序号", "任务", "牵头单位"), ("1", "建立机制", "县卫生健康局"))),
        "代码不是正文",
    )


def test_html_text_without_scripts_styles_or_head(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>标题栏</title><style>p{color:red}</style></head><body>"
        "<script>var s='2025年底达到100%';</script><h1>某区行动计划</h1>"
        "<p>一、目标<br>到2026年，建档率达到&#57;0%。</p><noscript>每年1次</noscript>"
        "<table><tr><th>任务</th><th>牵头单位</th></tr><tr><td>建立<b>机制</b></td>"
        "<td>区卫健委</td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert read_document(path).blocks == (
        "某区行动计划",
        "一、目标",
        "到2026年，建档率达到90%。",
        Table((("任务", "牵头单位"), ("建立机制", "区卫健委"))),
    )


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某县实施方案")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "任务", "牵头单位"
    table.cell(1, 0).text, table.cell(1, 1).text = "建立机制", "县卫生健康局"
    document.add_paragraph("一、目标")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert read_document(path).blocks == (
        "某县实施方案",
        Table((("任务", "牵头单位"), ("建立机制", "县卫生健康局"))),
        "一、目标",
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"%PDF-1.4", r"cannot draft from a '\.pdf' file"),
        ("plan.docx", b"not a zip at all", r"not a Word \.docx document"),
        ("plan.txt", b"abc\xff\xfe\xfd", "not text in UTF-8 or GB18030"),
        ("plan.txt", b"\n \n", "no text to draft from"),
    ],
)
def test_bad_input_is_a_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(MedreformError, match=message) as caught:
        read_document(path)
    assert str(path) in str(caught.value)


def test_a_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(MedreformError, match=r"not a readable Word \.docx document"):
        read_document(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(MedreformError, match="no such file"):
        read_document(tmp_path / "absent.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(MedreformError, match="not a regular file"):
        read_document(folder)


def test_work_is_bounded_by_input_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("一、目标\n" + "到2025年，完成改革。\n" * 20, encoding="utf-8")
    monkeypatch.setattr(documents, "MAX_CHARACTERS", 100)
    with pytest.raises(MedreformError, match="the limit is 100"):
        read_document(path)
    monkeypatch.setattr(documents, "MAX_TEXT_BYTES", 10)
    with pytest.raises(MedreformError, match="the limit is"):
        read_document(path)
