"""任务分工 tables: one row per task, with 牵头单位 / 责任单位 columns — the best source of a
task's lead and owners. Other tables are read as text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medreform_check.draft.documents import Table
from medreform_check.draft.units import Assignment, split_unit_names


@dataclass(frozen=True, slots=True)
class Columns:
    text: tuple[int, ...]  # the task's wording, possibly over two columns (任务 | 具体措施)
    lead: int | None
    owners: tuple[int, ...]
    deadline: int | None
    number: int | None


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    number: str  # the 序号 cell, else the row's ordinal among task rows
    text: str
    group: str  # the heading of the row group (a row spanning the table), if any
    assignment: Assignment | None
    deadline: str  # the 完成时限 cell as written


_LEAD = re.compile(r"牵头")
_OWNERS = re.compile(r"责任|配合|参与|协同|协办|主办")
_TEXT = re.compile(r"任务|内容|措施|事项|目标|工作")
_DEADLINE = re.compile(r"时限|时间|期限|节点|进度安排")
_NUMBER = re.compile(r"^(?:序号|编号|序)$")
_UNIT_WORDS = re.compile(r"单位|部门|领导")


def _columns(header: tuple[str, ...]) -> Columns | None:
    lead = next((k for k, h in enumerate(header) if _LEAD.search(h)), None)
    owners = tuple(
        k for k, h in enumerate(header) if k != lead and _OWNERS.search(h) and _UNIT_WORDS.search(h)
    )
    text = tuple(
        k
        for k, h in enumerate(header)
        if _TEXT.search(h) and not _UNIT_WORDS.search(h) and not _DEADLINE.search(h)
    )
    if (lead is None and not owners) or not text:
        return None
    deadline = next((k for k, h in enumerate(header) if _DEADLINE.search(h)), None)
    number = next((k for k, h in enumerate(header) if _NUMBER.match(h)), None)
    return Columns(text, lead, owners, deadline, number)


def find_columns(table: Table) -> tuple[int, Columns] | None:
    """The header row (among the first three) and its column roles, for a 任务分工 table."""
    for k, row in enumerate(table.rows[:3]):
        columns = _columns(tuple(re.sub(r"\s+", "", c) for c in row))
        if columns is not None:
            return k, columns
    return None


def _cell(row: tuple[str, ...], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _assignment(row: tuple[str, ...], columns: Columns, origin: str) -> Assignment | None:
    lead = split_unit_names(_cell(row, columns.lead))
    owners = [n for k in columns.owners for n in split_unit_names(_cell(row, k))]
    everyone = list(dict.fromkeys(lead + owners))
    return Assignment(everyone[0], tuple(everyone), origin) if everyone else None


def assignment_rows(table: Table) -> list[AssignmentRow]:
    """The task rows of a 任务分工 table (empty if it is not one)."""
    found = find_columns(table)
    if found is None:
        return []
    header, columns = found
    rows: list[AssignmentRow] = []
    group = ""
    for row in table.rows[header + 1 :]:
        cells = [c for c in row if c.strip()]
        if cells and len(set(cells)) == 1 and len(row) > 1:  # one merged cell across the table
            group = cells[0]
            continue
        text = "：".join(
            dict.fromkeys(_cell(row, k) for k in columns.text if _cell(row, k))
        ).replace("\n", "")
        if not text:
            continue
        number = _cell(row, columns.number) or str(len(rows) + 1)
        origin = f"任务分工表第{number}项"
        rows.append(
            AssignmentRow(
                number, text, group, _assignment(row, columns, origin), _cell(row, columns.deadline)
            )
        )
    return rows
