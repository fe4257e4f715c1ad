"""Every output of the demo, in every format and both languages, as the cases of the golden test.

``python tests/golden/cases.py`` rewrites the stored outputs; do that only for an intended
change of output, and read the diff before committing it.
"""

from __future__ import annotations

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

PLAN = str(ROOT / "plans" / "alxa-hitech-2023-2025.yaml")
SUBMISSIONS = str(ROOT / "examples" / "submissions")
RULES = str(ROOT / "rules")
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


def _argv() -> Iterator[tuple[str, list[str]]]:
    for lang in LANGS:
        for fmt in ("table", "json", "csv", "markdown", "html", "xlsx"):
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
        for fmt in ("table", "json", "csv", "markdown"):
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
            result = run_cli(argv, env={"LANG": "C", "NO_COLOR": None})
            assert result.exit_code in (0, 1), result.stderr
            text = _sheets(result.stdout_bytes) if "xlsx" in argv else result.stdout
            return text.replace(str(ROOT), "<root>")

        yield name, produce


def stored(name: str) -> Path:
    return HERE / "outputs" / f"{name}.txt"


if __name__ == "__main__":
    (HERE / "outputs").mkdir(exist_ok=True)
    for name, produce in cases():
        stored(name).write_bytes(produce().encode("utf-8"))  # CRLF kept as written
        print("wrote", stored(name).relative_to(ROOT))
