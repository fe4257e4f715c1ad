"""Markdown building blocks shared by the Markdown renderers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from medreform_check.vocabulary import escape_controls

# What Markdown (CommonMark, GitHub's) would read as markup: emphasis, code, links, HTML tags
# (an escaped `<` opens none; `>` matters only at the start of a line, where no cell is) and
# entities, table pipes, strikethrough — each escaped with a backslash.
_MARKUP = re.compile(r"([\\`*_\[\]<|~&])")


def cell(text: str) -> str:
    """Text from input, safe in a table cell or a heading: line breaks flattened, control
    characters written out (``\\x1b``), and nothing read as markup — no emphasis, no link,
    no HTML (``<script>`` shows as text), no pipe that would split the cell."""
    flat = " ".join(str(text).split())
    return _MARKUP.sub(r"\\\1", escape_controls(flat))


def table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
