"""What a reader hands to the interpreter: raw rows, problems, notes and runs of clean rows;
and which column headings name which field of a row."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from medreform_check.errors import Location
from medreform_check.language.values import normalise
from medreform_check.model import FIELDS, RowIssue, Skipped
from medreform_check.vocabulary import field_name

if TYPE_CHECKING:
    from medreform_check.loading.names import Names

# Each field of a submission row with the heading offices usually give its column (templates
# write these headings too).
CHINESE_HEADINGS: Mapping[str, str] = {name: field_name(name, "zh") for name in FIELDS}
# Every column heading read, after NFKC and lower-casing: the names, the usual headings, and
# the other words offices use.
HEADINGS: Mapping[str, str] = {
    **{name: name for name in FIELDS},
    **{heading: name for name, heading in CHINESE_HEADINGS.items()},
    "填报单位": "unit",
    "期间": "period",
    "值": "value",
    "完成时间": "completed_on",
    "统计截至日期": "as_of",
    "佐证": "evidence",
    "填报日期": "submitted",
    "报送日期": "submitted",
    # a unit's form: the period's figure (上年同期 and 目标值 beside it are not values)
    "本期": "value",
    "本期数": "value",
    "本期值": "value",
    "本期数值": "value",
    "实际值": "value",
    "指标名称": "indicator",
    "单位名称": "unit",
    "填报单位名称": "unit",
}


@dataclass(frozen=True, slots=True)
class RawRow:
    """One row as read: field name -> raw value, and where each field was written."""

    at: Location
    fields: Mapping[str, Any]
    cells: Mapping[str, Location] = field(default_factory=dict)  # YAML: each value's position
    # Tables: the column of each field, one mapping shared by every row of the file (a
    # Location per cell would cost more than reading the cell).
    columns: Mapping[str, int] = field(default_factory=dict)
    # A YAML file with no values still tells us the unit reported for the period.
    receipt_only: bool = False

    def where(self, name: str) -> Location:
        if name in self.cells:
            return self.cells[name]
        column = self.columns.get(name)
        return Location(self.at.path, self.at.line, column) if column else self.at


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A row (or a whole file) that could not be read, or a warning about one."""

    issue: RowIssue
    warning: bool = False


@dataclass(frozen=True, slots=True)
class ReadNote:
    """What a reader found out about a file (its format, its encoding), for --verbose."""

    text: str


class RowChunk(NamedTuple):
    """Rows as a reader splits them, before any header is known, and the line (or sheet
    row) each starts on: ``lines`` is a range when the rows sit on consecutive lines."""

    rows: list[list[Any]]
    lines: Sequence[int]


class ColumnChunk(NamedTuple):
    """Rows that all have the same number of cells, given column by column (a CSV block
    split in C, see csv_file.py): ``columns[c][k]`` is cell ``c`` of the row on ``lines[k]``.
    No Python object is made per row; a table turns them into rows only where it must."""

    columns: list[list[str]]
    lines: Sequence[int]

    @property
    def rows(self) -> list[list[Any]]:
        return [list(row) for row in zip(*self.columns, strict=True)]


@dataclass(frozen=True, slots=True)
class CleanRows:
    """A run of table rows under a header whose every column is known, each row as wide as
    the header: the usual case, handed over in bulk so the interpreter can take its fast
    path (see bulk.py). The cells are kept column by column: ``cells[c][k]`` is the cell of
    column ``c`` in row ``k``. Cells may still be blank."""

    path: str
    names: tuple[str, ...]  # the field of each column
    columns: Mapping[str, int]  # field -> 1-based column, for locating a problem
    cells: Sequence[Sequence[str]]  # column by column, each as long as ``lines``
    lines: Sequence[int]  # the line each row starts on

    def row(self, k: int) -> list[str]:
        """The cells of row ``k``."""
        return [column[k] for column in self.cells]

    def __len__(self) -> int:
        return len(self.lines)


ReadItem = RawRow | ReadProblem | ReadNote | CleanRows | Skipped
Reader = Callable[[Path, "Names | None"], Iterator[ReadItem]]


def heading_key(cell: str) -> str:
    return normalise(cell).lower().replace(" ", "_")


def filled_fields(
    names: Sequence[str | None], cells: Sequence[Any], text_only: bool
) -> dict[str, Any] | None:
    """The row's non-blank cells by field name; None when every cell is blank."""
    if text_only:
        fields = {n: v for n, v in zip(names, cells, strict=False) if n and v and not v.isspace()}
        return fields if fields or "".join(cells).strip() else None
    fields = {n: v for n, v in zip(names, cells, strict=False) if n and _present(v)}
    return fields if fields or any(_present(c) for c in cells) else None


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def text_or_none(value: object) -> str | None:
    return None if value is None else str(value)
