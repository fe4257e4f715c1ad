"""The CSV and workbook readers fuzzed (issue 13): whatever the table, nothing escapes as an
internal error, every line below the header is used or listed, and the input is unchanged."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medreform_check.loading.submissions import read_submissions
from medreform_check.model import Submissions

from helpers import CATALOGUE, plan, task

PLAN = plan(
    task("t", indicator="rate", target=">= 80", deadline="2024-12-31", owners=("a", "b")),
    task("m", deadline="2024-06-30", owners=("a",)),
)
HEADINGS = ["unit", "单位", "period", "indicator", "指标", "value", "数值", "task", "done",
            "completed_on", "as_of", "submitted", "note", "序号", "", "rate", "level（级）"]  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(
        [
            "a",
            "b",
            "x",
            "",
            " ",
            "rate",
            "level",
            "m",
            "80",
            "0.5",
            "12.6万",
            "是",
            "2024-Q2",
            "2024-06-30",
            "2024-02-30",
            "abc",
            "填报单位：a",
            "50:30:20",
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_characters='"\r\n\x00', blacklist_categories=("Cs",)),
        max_size=6,
    ),
)
QUOTED = st.text(alphabet=st.sampled_from(list('ab,"\n 1')), max_size=8)


@st.composite
def tables(draw: st.DrawFn, cells: st.SearchStrategy[str] = CELLS) -> list[list[str]]:
    header = draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=6))
    titles = draw(st.lists(st.lists(cells, max_size=3), max_size=2))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(header) + 1), max_size=8))
    return [*titles, header, *rows]


def csv_text(table: list[list[str]]) -> str:
    """The table as CSV, cells quoted where they must be (a comma in a cell stays in it)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table)
    return buffer.getvalue()


def read(path: Path) -> Submissions:
    return read_submissions([path], [PLAN], CATALOGUE)


def header_line(subs: Submissions) -> int:
    """The line the reader took as the header (from its note), 0 if it found none."""
    found = [int(m.group(1)) for n in subs.notes if (m := re.search(r"header on line (\d+)", n))]
    return found[0] if found else 0


def accounted(subs: Submissions) -> set[int]:
    lines = {o.at.line for o in subs.observations}
    lines |= {m.at.line for m in subs.milestones}
    lines |= {i.at.line for i in (*subs.rejected, *subs.warnings)}
    return {line for line in lines if line is not None}


def unread(table: list[list[str]], subs: Submissions) -> list[int]:
    """Lines below the header holding something that is neither used nor listed."""
    if subs.skipped or any(i.at.line in (None, 1) and i.code == "encoding" for i in subs.rejected):
        return []
    below = header_line(subs)
    if not below and any(i.code in ("csv-header", "empty-file") for i in subs.rejected):
        return []
    seen = accounted(subs)
    return [
        number
        for number, row in enumerate(table, 1)
        if number > below and "".join(row).strip() and number not in seen
    ]


# FUZZ_EXAMPLES=3000 for a longer search than CI's.
SETTINGS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(tables())
def test_every_csv_line_below_the_header_is_used_or_listed(table: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.csv"
        path.write_text(csv_text(table), encoding="utf-8")
        before = hashlib.sha256(path.read_bytes()).digest()
        subs = read(path)  # an exception here is what the CLI would report as exit 3
        assert hashlib.sha256(path.read_bytes()).digest() == before
        assert unread(table, subs) == []


@SETTINGS
@given(st.lists(st.lists(QUOTED, max_size=5), max_size=8))
def test_quotes_anywhere_never_crash_the_csv_reader(table: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "q.csv"
        raw = "".join(",".join(row) + "\n" for row in table)  # quotes left where they fall
        path.write_text("unit,indicator,value,as_of\n" + raw, encoding="utf-8")
        before = path.read_bytes()
        read(path)
        assert path.read_bytes() == before


@SETTINGS
@given(tables(st.one_of(CELLS, st.integers(-5, 200).map(str))))
def test_every_workbook_row_below_the_header_is_used_or_listed(table: list[list[str]]) -> None:
    from openpyxl import Workbook

    # A workbook cannot hold control characters (openpyxl refuses them when writing).
    table = [[re.sub(r"[\x00-\x1f\x7f]", "", cell) for cell in row] for row in table]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in table:
        sheet.append([_typed(cell) for cell in row] or [None])
    buffer = io.BytesIO()
    book.save(buffer)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.xlsx"
        path.write_bytes(buffer.getvalue())
        subs = read(path)
        assert path.read_bytes() == buffer.getvalue()
        assert unread(table, subs) == []


def _typed(cell: str) -> Any:
    """Numbers as number cells, text as text (a workbook holds both)."""
    try:
        return int(cell)
    except ValueError:
        return cell or None


@SETTINGS
@given(st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")), max_size=8),
       st.sampled_from([b'"', b"\xff", b"\xd6\xd0", b"\x00", b""]))  # fmt: skip
def test_bytes_of_any_kind_never_crash_the_csv_reader(lines: list[bytes], odd: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.csv"
        body = b"unit,indicator,value,as_of\n" + b"".join(line + odd + b"\n" for line in lines)
        path.write_bytes(body)
        read(path)  # whatever the bytes: rows used, rejected or the file refused, never a crash
        assert path.read_bytes() == body
