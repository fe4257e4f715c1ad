"""The workbook reader's edges: cells as text, kinds that cannot be read, sheets too large
for the reader, and a CSV with both an undecodable line and a stray quote."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from medreform_check.loading.readers import workbook
from medreform_check.loading.readers.workbook import cell_text
from medreform_check.loading.submissions import read_submissions

from helpers import CATALOGUE, plan, task

PLAN = plan(task("t", indicator="rate", target=">= 80", deadline="2024-12-31", owners=("a",)))


def read(path: Path) -> list[tuple[int | None, str]]:
    subs = read_submissions([path], [PLAN], CATALOGUE)
    return [(r.at.line, r.reason) for r in subs.rejected]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (3.0, "3"),
        (0.1 + 0.2, "0.30000000000000004"),  # the exact double, not a rounded one
        (1e20, "1e+20"),
        (datetime(2024, 6, 30), "2024-06-30"),
        (datetime(2024, 6, 30, 8, 30), "2024-06-30 08:30:00"),
        (date(2024, 6, 30), "2024-06-30"),
        (None, ""),
        (7, "7"),
    ],
)
def test_a_cell_becomes_the_text_it_was(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_a_file_named_xls_that_is_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "old.xls"
    fake.write_bytes(b"not a workbook at all")
    ((line, reason),) = read(fake)
    assert line == 1 and reason.startswith("not a workbook that can be read (.xls)")


def test_an_ods_with_entities_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lol.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x/>')
    assert read(path) == [
        (1, "the workbook part content.xml declares a DOCTYPE (entities); refused, never expanded")
    ]


def test_an_ods_that_unpacks_too_far_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "MAX_WORKBOOK_UNPACKED_BYTES", 1000)
    path = tmp_path / "big.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", "<x/>" + " " * 5000)
    ((line, reason),) = read(path)
    assert line == 1 and reason.startswith("big.ods unpacks to 0.0 MB; the limit is 0.0 MB")


def test_a_sheet_too_large_for_the_reader_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An .ods is not scanned beforehand: the reader's own extent is checked (limit lowered).
    monkeypatch.setattr(workbook, "MAX_CELLS_PER_SHEET", 3)
    source = (
        Path(__file__).resolve().parent.parent
        / "fixtures"
        / "layouts"
        / "wide"
        / "ods"
        / "book.ods"
    )
    # The 汇总表 spans A1:C5: 15 cells.
    assert read(source)[0] == (
        1,
        "the sheet spans A1:C5 (15 cells); the limit is 3 cells, so it was not read",
    )


def test_an_undecodable_line_and_a_stray_quote_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    rows = [
        b"unit,indicator,value,as_of\n",
        b'a,rate,"8\xff0,2024-06-30\n',
        b"a,rate,85,2024-06-30\n",
    ]
    path.write_bytes(b"".join(rows))
    # Line 2 does not decode: rejected at its byte; line 3 is read.
    # a , r a t e , " 8 then 0xff: the 10th byte
    assert read(path) == [(2, "byte 0xff at column 10 is not UTF-8 text; this line was not read")]


def test_a_stray_quote_in_a_file_with_an_undecodable_line(tmp_path: Path) -> None:
    path = tmp_path / "both.csv"
    rows = [b"unit,indicator,value,as_of\n", b"a,rate,\xff,2024-06-30\n", b'a,rate,"85,2024-06-30\n',
            b"a,rate,86,2024-06-30\n", b"a,rate,87,2024-09-30\n"]  # fmt: skip
    path.write_bytes(b"".join(rows))
    found = read(path)
    assert found[0] == (2, "byte 0xff at column 8 is not UTF-8 text; this line was not read")
    assert found[1][0] == 3 and found[1][1].startswith("a quote opens a cell here")
    assert len(found) == 2  # lines 4 and 5, swallowed by the quote, were read again
