"""Submission readers, one module per kind of file, behind a registry keyed by suffix.

Each reader turns a file into ``ReadItem``s (``rows.py``): raw rows with their positions,
runs of clean table rows, located problems and notes. What the rows mean is the
interpreter's business (``loading/interpret.py``).

The readers themselves are imported when first asked for: ``validate`` of a plan names the
kinds of file (``SUFFIXES``) without reading any.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from medreform_check.loading.readers.rows import (
    CHINESE_HEADINGS,
    HEADINGS,
    CleanRows,
    RawRow,
    Reader,
    ReadItem,
    ReadNote,
    ReadProblem,
    filled_fields,
)

if TYPE_CHECKING:
    from medreform_check.loading.readers.csv_file import read_csv
    from medreform_check.loading.readers.workbook import read_workbook
    from medreform_check.loading.readers.yaml_file import read_yaml

    READERS: dict[str, Reader]

# The kinds of file submissions come in, by suffix, and the module that reads each.
_READ_BY = {
    ".yaml": "yaml_file.read_yaml",
    ".yml": "yaml_file.read_yaml",
    ".csv": "csv_file.read_csv",
    ".xlsx": "workbook.read_workbook",
    ".xls": "workbook.read_workbook",
    ".ods": "workbook.read_workbook",
}
SUFFIXES = tuple(_READ_BY)
_FUNCTIONS = {"read_csv": "csv_file", "read_workbook": "workbook", "read_yaml": "yaml_file"}

__all__ = [
    "CHINESE_HEADINGS",
    "HEADINGS",
    "READERS",
    "SUFFIXES",
    "CleanRows",
    "RawRow",
    "ReadItem",
    "ReadNote",
    "ReadProblem",
    "Reader",
    "filled_fields",
    "read_csv",
    "read_workbook",
    "read_yaml",
    "reader_for",
]


def reader_for(suffix: str) -> Reader:
    """The reader of files ending in ``suffix`` (one of SUFFIXES), its module imported now."""
    return _function(_READ_BY[suffix])


def _function(where: str) -> Reader:
    module, name = where.rsplit(".", 1)
    found: Reader = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return found


def __getattr__(name: str) -> object:
    if name == "READERS":
        readers = {suffix: _function(where) for suffix, where in _READ_BY.items()}
        globals()["READERS"] = readers
        return readers
    if name in _FUNCTIONS:
        return _function(f"{_FUNCTIONS[name]}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
