"""`--lang zh` is complete: no heading, column name or sheet name of any output is English.

Every human format of every command is rendered in Chinese from the demo (and a plan change
for diff); its headings are taken out of the layout (table header rows, Markdown headings,
HTML th/h1–h3, the first CSV row, sheet names and bold cells) and must hold no English word
other than the ids and codes the input itself carries.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import ROOT, run_cli

PLAN = str(ROOT / "plans" / "alxa-hitech-2023-2025.yaml")
SUBS = str(ROOT / "examples" / "submissions")
COMMON = ["--rules", str(ROOT / "rules"), "--lang", "zh"]
AUDIT = ["audit", PLAN, "-s", SUBS, "--as-of", "2024-06-30", "--fail-on", "none", *COMMON]
OVERDUE = ["overdue", PLAN, "-s", SUBS, "--as-of", "2024-06-30", "--within", "60", *COMMON]
TEMPLATE = ["template", PLAN, "--unit", "general-hospital", "--period", "2024-Q3", *COMMON]
ENGLISH = re.compile(r"[A-Za-z][A-Za-z_-]+")


def _input_words() -> set[str]:
    """ASCII words of the ids and units the input carries: they may appear in a heading."""
    import yaml

    plan = yaml.safe_load(Path(PLAN).read_text(encoding="utf-8"))
    catalogue = yaml.safe_load((ROOT / "rules" / "indicators.yaml").read_text(encoding="utf-8"))
    ids = [plan["plan"]["id"], *(u["id"] for u in plan["units"])]
    ids += [t["id"] for t in plan["tasks"]] + [t.get("indicator", "") for t in plan["tasks"]]
    ids += [
        *catalogue["indicators"],
        *(i.get("unit", "") for i in catalogue["indicators"].values()),
    ]
    return {w for ident in ids for w in ENGLISH.findall(str(ident))} | {"medreform-check"}


def _terminal_headings(text: str) -> Iterator[str]:
    lines = text.splitlines()
    for k, line in enumerate(lines[1:], 1):
        if line.strip() and set(line.strip()) <= {"─", " "}:
            yield lines[k - 1]  # the header row above each table's rule


def _markdown_headings(text: str) -> Iterator[str]:
    lines = text.splitlines()
    for k, line in enumerate(lines):
        if line.startswith("#"):
            yield line
        if line.startswith("|---") and k:
            yield lines[k - 1]


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("th", "h1", "h2", "h3", "title"):
            self.inside += 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "h1", "h2", "h3", "title"):
            self.inside -= 1

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.found[-1] += data


def _html_headings(text: str) -> Iterator[str]:
    parser = _Headings()
    parser.feed(text)
    yield from parser.found


def _csv_headings(text: str) -> Iterator[str]:
    yield from next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _xlsx_headings(data: bytes) -> Iterator[str]:
    from openpyxl import load_workbook

    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        yield sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and (cell.row == 1 or (cell.font and cell.font.bold)):
                    yield str(cell.value)


def _docx_headings(data: bytes) -> Iterator[str]:
    from docx import Document

    document = Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name.startswith(("Heading", "Title")):
            yield paragraph.text
    for table in document.tables:
        yield from (cell.text for cell in table.rows[0].cells)


# With what was known when, and the changes since the last quarter, shown too.
CALENDAR = [*AUDIT, "--compare-to", "2024-03-31", "--known-by", "2024-07-05"]

CASES = {
    "audit-table": (AUDIT, "table", _terminal_headings),
    "audit-table-changes": (CALENDAR, "table", _terminal_headings),
    "audit-markdown-changes": (CALENDAR, "markdown", _markdown_headings),
    "audit-html-changes": (CALENDAR, "html", _html_headings),
    "audit-csv-changes": (CALENDAR, "csv", _csv_headings),
    "audit-xlsx-changes": (CALENDAR, "xlsx", _xlsx_headings),
    "audit-docx": (CALENDAR, "docx", _docx_headings),
    "overdue-html": (OVERDUE, "html", _html_headings),
    "overdue-xlsx": (OVERDUE, "xlsx", _xlsx_headings),
    "overdue-docx": (OVERDUE, "docx", _docx_headings),
    "audit-markdown": (AUDIT, "markdown", _markdown_headings),
    "audit-html": (AUDIT, "html", _html_headings),
    "audit-csv": (AUDIT, "csv", _csv_headings),
    "audit-xlsx": (AUDIT, "xlsx", _xlsx_headings),
    "overdue-table": (OVERDUE, "table", _terminal_headings),
    "overdue-markdown": (OVERDUE, "markdown", _markdown_headings),
    "overdue-csv": (OVERDUE, "csv", _csv_headings),
    "template-csv": (TEMPLATE, "csv", _csv_headings),
    "template-xlsx": (TEMPLATE, "xlsx", _xlsx_headings),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_english_heading_in_chinese_output(name: str) -> None:
    argv, fmt, headings = CASES[name]
    result = run_cli([*argv, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    output = result.stdout_bytes if fmt in ("xlsx", "docx") else result.stdout
    found = list(headings(output))  # type: ignore[operator]
    assert found, "no heading found: the extraction no longer matches the layout"
    allowed = _input_words()
    english = {w for heading in found for w in ENGLISH.findall(heading) if w not in allowed}
    assert not english, f"English in {name} headings: {sorted(english)}"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_no_english_heading_in_a_chinese_diff(fmt: str, tmp_path: Path) -> None:
    changed = tmp_path / "changed.yaml"
    text = Path(PLAN).read_text(encoding="utf-8").replace('target: ">= 3"', 'target: ">= 2"', 1)
    changed.write_text(text, encoding="utf-8")
    result = run_cli(["diff", PLAN, str(changed), *COMMON, "-f", fmt, "--allow-relaxed"])
    assert result.exit_code == 0, result.stderr
    extract = _terminal_headings if fmt == "table" else _markdown_headings
    from medreform_check.render.markdown import cell

    text = result.stdout  # paths are the user's (in Markdown, escaped: test\_x)
    for path in (PLAN, str(changed)):
        text = text.replace(cell(path) if fmt == "markdown" else path, "")
    english = {w for h in extract(text) for w in ENGLISH.findall(h)}
    assert not english - _input_words(), english
