"""Finding a table's header as offices lay sheets out (CONTRACT §1.4 "Spreadsheets as offices
make them"): title lines above it, form fields (``填报单位：…``, ``报告期：…``) that apply to
every row below, and the header itself — the first of the first 20 rows in which at least two
cells name known columns, indicators or units. The header decides the layout:

- *long*: one value per row (an indicator or task column);
- *form*: the same, with the unit (and period) from form fields, not columns;
- *wide* (汇总表): a row per unit, a column per indicator (``县域内就诊率（%）``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from medreform_check.errors import Location
from medreform_check.loading.names import Names, fold
from medreform_check.loading.readers.rows import HEADINGS, ReadProblem, heading_key
from medreform_check.model import FIELDS, RowIssue
from medreform_check.vocabulary import Message

HEADER_WITHIN = 20  # rows searched for the header
# Form fields above a header: label -> field. 单位 alone often means the unit of measure
# (单位：万元): it is taken as the reporting unit only when its value names a known unit.
FORM_LABELS = {
    "填报单位": "unit", "报送单位": "unit", "单位名称": "unit", "填表单位": "unit", "单位": "unit",
    "报告期": "period", "报告期间": "period", "统计期间": "period", "统计时间": "period",
    "时间": "period", "期间": "period",
    "填报日期": "submitted", "报送日期": "submitted", "填表日期": "submitted",
    "填报时间": "submitted",
}  # fmt: skip
# Columns of a unit's form that are not the period's value: read as notes, never as values.
ASIDES = frozenset({"上年同期", "去年同期", "上年同期值", "同比", "目标值", "目标", "年度目标"})
_LABELLED = re.compile(r"^(.+?)\s*[:：]\s*(.*)$")


@dataclass
class Header:
    """A table's header row, what each column holds, and the form fields above it."""

    line: int
    fields: dict[int, str] = field(default_factory=dict)  # column (0-based) -> field
    indicators: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # wide
    defaults: dict[str, Any] = field(default_factory=dict)  # form fields: field -> value
    problems: list[ReadProblem] = field(default_factory=list)
    width: int = 0
    headings: list[str] = field(default_factory=list)  # each column's heading as written

    def heading_at(self, col: int) -> str:
        return self.headings[col].strip() if col < len(self.headings) else ""

    @property
    def layout(self) -> str:
        if self.indicators and not {"indicator", "task"} & set(self.fields.values()):
            return "wide"
        return "form" if "unit" in self.defaults and "unit" not in self.fields.values() else "long"

    @property
    def broken(self) -> bool:
        return any(not problem.warning for problem in self.problems)


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell)


def _names_something(cell: str, names: Names | None) -> bool:
    if not cell.strip():
        return False
    if HEADINGS.get(heading_key(cell)) is not None:
        return True
    if names is None:
        return False
    return names.indicator_heading(cell) is not None or names.units.find(cell) is not None


def find_header(rows: Sequence[list[Any]], names: Names | None) -> int | None:
    """The index of the header among the first rows: the first naming two known things."""
    for k, cells in enumerate(rows[:HEADER_WITHIN]):
        if sum(_names_something(_text(c), names) for c in cells) >= 2:
            return k
    return None


def form_fields(rows: Sequence[list[Any]], names: Names | None) -> dict[str, Any]:
    """Form fields in the rows above a header: a label and its value in one cell
    (``填报单位：高新区综合医院``) or the value in the next non-blank cell to the right."""
    found: dict[str, Any] = {}
    for cells in rows:
        texts = [_text(c).strip() for c in cells]
        for k, text in enumerate(texts):
            match = _LABELLED.match(text)
            label, value = (match.group(1), match.group(2)) if match else (text, "")
            name = FORM_LABELS.get(unicodedata.normalize("NFKC", label).strip())
            if name is None:
                continue
            if not value:
                value = next((cells[j] for j in range(k + 1, len(cells)) if texts[j]), "")
            if value in ("", None):
                continue
            if label.strip() == "单位" and (names is None or names.units.find(str(value)) is None):
                continue  # 单位：万元 is a unit of measure
            found.setdefault(name, value)
    return found


def read_header(
    path: str, line: int, cells: list[Any], names: Names | None, defaults: dict[str, Any]
) -> Header:
    """What each heading names; problems: unknown columns (warnings), a repeated field or no
    known column (errors)."""
    header = Header(line, defaults=defaults)
    texts = [_text(c) for c in cells]
    while texts and not texts[-1].strip():
        texts.pop()
    header.width = len(texts)
    header.headings = texts
    for col, cell in enumerate(texts):
        key = heading_key(cell)
        if not key:
            continue
        where = Location(path, line, col + 1)
        field_name = HEADINGS.get(key)
        heading = names.indicator_heading(cell) if names and field_name is None else None
        if heading is not None:
            ident, unit = heading
            declared = names.indicator_units.get(ident, "") if names else ""
            same = unit is not None and fold(unit) == fold(declared)
            header.indicators[col] = (ident, None if same else unit)
        elif field_name is None:
            if fold(cell) in ASIDES or unicodedata.normalize("NFKC", cell).strip() in ASIDES:
                continue
            reason = Message("column.unused", {"column": cell, "known": ", ".join(FIELDS)})
            header.problems.append(
                ReadProblem(RowIssue(where, None, reason, "unknown-column"), True)
            )
        elif field_name in header.fields.values():
            reason = Message("column.repeated", {"column": cell, "field": field_name})
            header.problems.append(ReadProblem(RowIssue(where, None, reason, "csv-header")))
        else:
            header.fields[col] = field_name
    if not header.fields and not header.indicators:
        reason = Message("header.no_known_column")
        where = Location(path, line, 1)
        header.problems.append(ReadProblem(RowIssue(where, None, reason, "csv-header")))
    return header
