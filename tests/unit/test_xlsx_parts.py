"""What is read from an .xlsx's XML before a reader opens it (xlsx_parts.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from medreform_check.loading.readers import xlsx_parts
from medreform_check.loading.readers.xlsx_parts import (
    WorkbookRefused,
    column_letters,
    column_number,
    scan_xlsx,
)

BOOK = b"""<workbook xmlns:r="r"><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId1"/></sheets></workbook>"""
RELS = (
    b"""<Relationships><Relationship Id="rId1" Target="/xl/worksheets/s1.xml"/></Relationships>"""
)
STYLES = b"""<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="&quot;%&quot;0"/></numFmts>
<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9"/><xf numFmtId="165"/></cellXfs></styleSheet>"""


def workbook(tmp_path: Path, sheet: bytes, **parts: bytes) -> str:
    path = tmp_path / "w.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", BOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        archive.writestr("xl/worksheets/s1.xml", sheet)
        for name, content in parts.items():
            archive.writestr(f"xl/{name}.xml", content)
    return str(path)


def test_cells_formulas_and_percentages_found_in_the_xml(tmp_path: Path) -> None:
    sheet = (b'<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>0.5</v></c><c s="2"><v>1</v></c>'
             b'<c s="3"><v>2</v></c></row><row r="2"><c r="C2"><f>A1*2</f><v>1</v></c></row>'
             b"</sheetData></worksheet>")  # fmt: skip
    ((name, facts),) = scan_xlsx(workbook(tmp_path, sheet, styles=STYLES), 10**9).items()
    # "A &amp; B" is the name unescaped; the part's path was absolute (/xl/...).
    assert name == "A & B"
    assert (facts.rows, facts.cols, facts.cells) == (2, 3, 4)
    # A1 in 0.0% (164) and B1 in the built-in 0% (9) show percentages; C1's "%" is a literal.
    assert facts.percent == {(1, 1), (1, 2)}
    assert facts.formulas == {(2, 3): "A1*2"}


def test_a_workbook_without_styles_has_no_percentages(tmp_path: Path) -> None:
    sheet = b'<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>1</v></c></row></sheetData></worksheet>'
    ((_, facts),) = scan_xlsx(workbook(tmp_path, sheet), 10**9).items()
    assert facts.percent == set()


def test_shared_strings_are_counted_across_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_parts, "_BLOCK", 7)  # every "<si>" may straddle two blocks
    monkeypatch.setattr(xlsx_parts, "MAX_SHARED_STRINGS", 5)
    sheet = b"<worksheet><sheetData/></worksheet>"
    five = b"<sst>" + b"<si><t>x</t></si>" * 5 + b"</sst>"
    assert scan_xlsx(workbook(tmp_path, sheet, sharedStrings=five), 10**9)
    six = b"<sst>" + b"<si><t>x</t></si>" * 6 + b"</sst>"
    with pytest.raises(WorkbookRefused, match="more than 5 shared strings"):
        scan_xlsx(workbook(tmp_path, sheet, sharedStrings=six), 10**9)


def test_a_far_cell_makes_the_sheet_too_large_without_allocating_it(tmp_path: Path) -> None:
    sheet = b'<worksheet><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    ((_, facts),) = scan_xlsx(workbook(tmp_path, sheet), 10**9).items()
    assert facts.too_large is not None
    assert str(facts.too_large).startswith("the sheet spans A1:XFD1048576 (17,179,869,184 cells)")


def test_column_names_both_ways() -> None:
    assert [column_number(c) for c in ("A", "Z", "AA", "XFD")] == [1, 26, 27, 16384]
    assert [column_letters(n) for n in (1, 26, 27, 16384)] == ["A", "Z", "AA", "XFD"]
