"""A CSV file read in two parts: up to a line, and from that line on (by another process,
see ``loading/parallel.py``).

A part can only start where a row starts: the cut is placed after a line break, and it holds
only if every line before it was plain (``csv_blocks``: no quote could have opened a cell that
the break sits in). The first part says whether it did; the second part is read under the
header the file's first rows set up, its rows numbered as in the whole file.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TextIO

from medreform_check.loading.names import Names
from medreform_check.loading.readers.csv_blocks import plain_blocks
from medreform_check.loading.readers.csv_file import (
    Refetch,
    choose_encoding,
    limited,
    parse_rows,
    text_lines,
)
from medreform_check.loading.readers.rows import (
    ColumnChunk,
    ReadItem,
    ReadNote,
    ReadProblem,
    RowChunk,
)
from medreform_check.loading.readers.tables import Table, table_of, table_rows

# How far past the cut's byte a line break is looked for: a longer line is no place to cut.
_LOOK_AHEAD = 1 << 16


@dataclass
class Cut:
    """Where ``path`` is cut: byte ``at``, the first byte of line ``line``. The first part
    sets ``plain`` (every line before the cut was plain, so the cut is sound) and both parts
    add the rows they read to ``rows`` (the per-file limit counts the whole file)."""

    path: Path
    at: int
    line: int
    encoding: str  # (found once, for both parts)
    label: str
    plain: bool = False
    rows: int = 0


def find_cut(path: Path, near: int, names: Names | None) -> Cut | None:
    """A cut of ``path`` at the first line that starts at or after byte ``near``; None when
    the file does not decode throughout, its header does not make every row a clean run,
    or no line starts within reach."""
    encoding, label, clean = choose_encoding(path)
    if not clean:
        return None
    with text_lines(path, encoding) as head:
        if table_of(str(path), plain_blocks(head), names) is None:
            return None
    with path.open("rb") as handle:
        before = 0
        for block in iter(lambda: handle.read(1 << 20), b""):
            if handle.tell() > near:
                keep = len(block) - (handle.tell() - near)
                before += block.count(b"\n", 0, keep)
                rest = block[keep:] + handle.read(_LOOK_AHEAD)
                brk = rest.find(b"\n")
                if brk < 0:
                    return None
                line = before + rest.count(b"\n", 0, brk + 1) + 1
                return Cut(path, near + brk + 1, line, encoding, label)
            before += block.count(b"\n")
    return None


def read_first_part(path: Path, names: Names | None, cut: Cut) -> Iterator[ReadItem]:
    """The file's rows up to the cut, as ``read_csv`` reads them — or, when a line before the
    cut is not plain, the whole file (``cut.plain`` stays False: the cut does not hold)."""
    name, encoding = str(path), cut.encoding
    yield ReadNote(f"{name}: CSV, {cut.label}")
    upto = io.BufferedReader(_Upto(path.open("rb"), cut.at))
    source = io.TextIOWrapper(upto, encoding=encoding, newline="")
    again = Refetch(lambda: text_lines(path, encoding))
    rows = _first_rows(source, path, encoding, name, again, cut)
    try:
        yield from table_rows(name, limited(rows, name, cut), text_only=True, names=names)
    finally:
        again.close()
        source.close()


def _first_rows(
    source: TextIO, path: Path, encoding: str, name: str, fetch: Refetch, cut: Cut
) -> Iterator[RowChunk | ColumnChunk | ReadProblem]:
    done, width, whole = yield from plain_blocks(source)
    if whole:
        cut.plain = True
        return
    with text_lines(path, encoding) as handle:  # not plain before the cut: the whole file
        deque(islice(handle, done), maxlen=0)
        yield from parse_rows(handle, name, fetch, offset=done, width=width)


def read_second_part(path: Path, names: Names | None, cut: Cut) -> Iterator[ReadItem] | None:
    """The file's rows from the cut on, under the header its first rows set up; None when
    that header does not make every row a clean run (then the part is not read apart)."""
    name, encoding = str(path), cut.encoding
    with text_lines(path, encoding) as head:
        table = table_of(name, plain_blocks(head), names)
    if table is None:
        return None
    return _second_items(path, encoding, name, table, cut)


def _second_items(
    path: Path, encoding: str, name: str, table: Table, cut: Cut
) -> Iterator[ReadItem]:
    # A part starts mid-file: no byte order mark to skip there.
    part_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    raw = path.open("rb")
    raw.seek(cut.at)
    source = io.TextIOWrapper(raw, encoding=part_encoding, newline="")
    again = Refetch(lambda: text_lines(path, encoding))
    rows = _second_rows(source, path, encoding, name, again, cut)
    try:
        for item in limited(rows, name, cut):
            if isinstance(item, ReadProblem):
                yield item
            else:
                yield from table.chunk(item)
    finally:
        again.close()
        source.close()


def _second_rows(
    source: TextIO, path: Path, encoding: str, name: str, fetch: Refetch, cut: Cut
) -> Iterator[RowChunk | ColumnChunk | ReadProblem]:
    before = cut.line - 1
    done, width, whole = yield from plain_blocks(source, before)
    if whole:
        return
    with text_lines(path, encoding) as handle:
        deque(islice(handle, before + done), maxlen=0)
        yield from parse_rows(handle, name, fetch, offset=before + done, width=width)


class _Upto(io.RawIOBase):
    """A file's bytes up to ``end``: what a text reader over it sees as the whole file."""

    def __init__(self, handle: io.BufferedReader, end: int) -> None:
        super().__init__()
        self.handle, self.left = handle, end

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self.handle.readinto(memoryview(buffer)[: self.left]) if self.left else 0
        self.left -= count
        return count

    def close(self) -> None:
        self.handle.close()
        super().close()
