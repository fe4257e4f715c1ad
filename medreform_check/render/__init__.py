"""Renderers: one module per output format, behind a registry keyed by format name.

Renderers turn finished results (an audit ``Report``, a ``Validation``, a ``PlanDiff``)
into text or bytes; they never decide verdicts. Modules are imported on first use, so
JSON output never loads rich and nothing loads openpyxl unless asked for Excel.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "en"
    color: bool = False
    width: int = 100
    strict: bool = False


Renderer = Callable[[Any, RenderOptions], str | bytes]

# What each command can produce: format name -> module (under this package) with `render`.
FORMATS: dict[str, dict[str, str]] = {
    "audit": {
        "table": "audit.table",
        "json": "audit.json_",
        "csv": "audit.csv_",
        "markdown": "audit.markdown",
        "xlsx": "audit.xlsx",
        "html": "audit.html",
        "docx": "audit.docx",
    },
    "validate": {
        "text": "validation.text",
        "json": "validation.json_",
        "github": "validation.github",
        "junit": "validation.junit",
        "sarif": "validation.sarif",
    },
    "diff": {"table": "diff.table", "json": "diff.json_", "markdown": "diff.markdown"},
    "template": {"yaml": "template.yaml_", "csv": "template.csv_", "xlsx": "template.xlsx"},
    "template-wide": {"csv": "template.wide_csv", "xlsx": "template.wide_xlsx"},
    "overdue": {
        "table": "overdue.table",
        "markdown": "overdue.markdown",
        "csv": "overdue.csv_",
        "json": "overdue.json_",
        "html": "overdue.html",
        "xlsx": "overdue.xlsx",
        "docx": "overdue.docx",
    },
}


def renderer(command: str, name: str) -> Renderer:
    module = importlib.import_module(f"{__name__}.{FORMATS[command][name]}")
    render: Renderer = module.render
    return render
