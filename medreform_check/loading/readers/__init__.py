"""Submission readers, one module per kind of file, behind a registry keyed by suffix.

Each reader turns a file into ``ReadItem``s (``rows.py``): raw rows with their positions,
runs of clean table rows, located problems and notes. What the rows mean is the
interpreter's business (``loading/interpret.py``).
"""

from __future__ import annotations

from medreform_check.loading.readers.csv_file import read_csv
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
from medreform_check.loading.readers.workbook import read_workbook
from medreform_check.loading.readers.yaml_file import read_yaml

READERS: dict[str, Reader] = {
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".csv": read_csv,
    ".xlsx": read_workbook,
    ".xls": read_workbook,
    ".ods": read_workbook,
}

__all__ = [
    "CHINESE_HEADINGS",
    "HEADINGS",
    "READERS",
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
]
