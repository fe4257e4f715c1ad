"""Markdown building blocks shared by the Markdown renderers."""

from __future__ import annotations

from collections.abc import Sequence


def cell(text: str) -> str:
    """Text safe inside a table cell: pipes escaped, line breaks flattened."""
    return " ".join(str(text).replace("\\", "\\\\").replace("|", "\\|").split())


def table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
