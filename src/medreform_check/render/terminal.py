"""Rendering rich renderables to plain or coloured text."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType

from . import RenderOptions


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
