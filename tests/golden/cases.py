"""Every output of the demo, in every format and both languages, as the cases of the golden test.

``python tests/golden/cases.py`` rewrites the stored outputs; do that only for an intended
change of output, and read the diff before committing it.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(HERE.parent) not in sys.path:  # run as a script: make `helpers` importable
    sys.path.insert(0, str(HERE.parent))

from helpers import run_cli  # noqa: E402

# Paths relative to the project, run from there: a table wraps its lines at a fixed width, so
# an absolute path (as long as wherever the project was cloned) would move the line breaks.
PLAN = "plans/alxa-hitech-2023-2025.yaml"
SUBMISSIONS = "examples/submissions"
RULES = "rules"
AS_OF = ["--as-of", "2024-06-30", "--rules", RULES]
LANGS = ("en", "zh")


def _sheets(data: bytes) -> str:
    """A workbook's cell values, sheet by sheet (the file itself carries a timestamp)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    values = {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
        for sheet in book.worksheets
    }
    return json.dumps(values, ensure_ascii=False, indent=1, default=str) + "\n"


def _document(data: bytes) -> str:
    """A Word document's text as Word lays it out: each section's page size, each paragraph
    with its style, each table's rows (the package itself carries timestamps)."""
    from docx import Document
    from docx.shared import Mm

    document = Document(io.BytesIO(data))
    lines = [
        f"[section {round(s.page_width / Mm(1))}×{round(s.page_height / Mm(1))} mm]"
        for s in document.sections
    ]
    body = document.element.body
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for child in body.iterchildren():
        if child in paragraphs and paragraphs[child].text:
            paragraph = paragraphs[child]
            lines.append(f"[{paragraph.style.name}] {paragraph.text}")
        elif child in tables:
            for row in tables[child].rows:
                lines.append(" | ".join(c.text.replace("\n", " / ") for c in row.cells))
    return "\n".join(lines) + "\n"


CALENDAR = ["--compare-to", "2024-03-31", "--known-by", "2024-07-05"]


def _argv() -> Iterator[tuple[str, list[str]]]:
    for lang in LANGS:
        yield (
            f"audit-markdown-calendar-{lang}",
            ["audit", PLAN, "-s", SUBMISSIONS, *AS_OF, *CALENDAR, "--fail-on", "none",
             "-f", "markdown", "--lang", lang],
        )  # fmt: skip
        for fmt in ("table", "json", "csv", "markdown", "html", "xlsx", "docx"):
            yield (
                f"audit-{fmt}-{lang}",
                [
                    "audit",
                    PLAN,
                    "-s",
                    SUBMISSIONS,
                    *AS_OF,
                    "--fail-on",
                    "none",
                    "-f",
                    fmt,
                    "--lang",
                    lang,
                ],
            )
        for fmt in ("table", "json", "csv", "markdown", "html", "xlsx", "docx"):
            yield (
                f"overdue-{fmt}-{lang}",
                [
                    "overdue",
                    PLAN,
                    "-s",
                    SUBMISSIONS,
                    *AS_OF,
                    "--within",
                    "60",
                    "-f",
                    fmt,
                    "--lang",
                    lang,
                ],
            )
        for fmt in ("yaml", "csv", "xlsx"):
            yield (
                f"template-{fmt}-{lang}",
                [
                    "template",
                    PLAN,
                    "--unit",
                    "general-hospital",
                    "--period",
                    "2024-Q3",
                    "-s",
                    SUBMISSIONS,
                    "--rules",
                    RULES,
                    "-f",
                    fmt,
                    "--lang",
                    lang,
                ],
            )
    for fmt in ("text", "json", "github", "junit", "sarif"):
        yield f"validate-{fmt}", ["validate", PLAN, RULES, SUBMISSIONS, "--rules", RULES, "-f", fmt]


def cases() -> Iterator[tuple[str, Callable[[], str]]]:
    """(name, a function producing that output as text) for every stored output."""
    for name, argv in _argv():

        def produce(argv: list[str] = argv) -> str:
            with contextlib.chdir(ROOT):
                result = run_cli(argv, env={"LANG": "C", "NO_COLOR": None})
            assert result.exit_code in (0, 1), result.stderr
            if "xlsx" in argv:
                text = _sheets(result.stdout_bytes)
            elif "docx" in argv:
                text = _document(result.stdout_bytes)
            else:
                text = result.stdout
            return text.replace(str(ROOT), "<root>")

        yield name, produce


def stored(name: str) -> Path:
    return HERE / "outputs" / f"{name}.txt"


if __name__ == "__main__":
    (HERE / "outputs").mkdir(exist_ok=True)
    for name, produce in cases():
        stored(name).write_bytes(produce().encode("utf-8"))  # CRLF kept as written
        print("wrote", stored(name).relative_to(ROOT))
