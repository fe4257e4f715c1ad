"""Rendering rich renderables to plain or coloured text."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table

from medreform_check.render import RenderOptions
from medreform_check.vocabulary import escape_controls


def safe(text: str) -> str:
    """Text from input as a terminal may show it: ESC, BEL, CR, a bidirectional override or a
    line break written out (``\\x1b``, ``\\n``), so no title recolours the terminal, rewrites
    a line, or — printed in a CI log — starts a line that forges a workflow command. Rich
    drops some of these (BEL, CR) but passes ESC and the overrides straight through."""
    return escape_controls(text)


def titled_table(title: str, expand: bool = False) -> Table:
    """A table under a bold title at its left, with a rule below the header: the look of
    every terminal table, which also prints well on paper."""
    return Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        expand=expand,
        pad_edge=False,
    )


def to_text(renderables: list[RenderableType], options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        color_system="standard" if options.color else None,
        force_terminal=options.color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for renderable in renderables:
        console.print(renderable)
    return buffer.getvalue()
