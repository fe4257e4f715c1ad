"""Renderers: one module per output format, behind a registry keyed by format name.

Renderers turn a finished ``Report`` into text or bytes; they never decide verdicts.
Modules are imported on first use so that, say, JSON output never loads rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ..report import Report


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "en"
    color: bool = False
    width: int = 100


Renderer = Callable[[Report, RenderOptions], str | bytes]

# format name -> module in this package that defines `render(report, options)`
AUDIT_FORMATS: dict[str, str] = {"table": "table", "json": "json_"}


def audit_renderer(name: str) -> Renderer:
    module = importlib.import_module(f"{__name__}.{AUDIT_FORMATS[name]}")
    renderer: Renderer = module.render
    return renderer
