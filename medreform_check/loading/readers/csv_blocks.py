"""The CSV reader's fast path: blocks of plain lines split in C, column by column.

A province's submissions are hundreds of thousands of lines like ``unit-00017,2024-Q2,ind_03,
81.5,2024-07-12``: no quote, no line break but ``\\n``, every line with the same number of
commas. For such lines ``csv.reader`` gives exactly ``line.split(",")``; a block of them is
split at once — the block's text turned into one list of cells in C, each column a slice of it
— so no Python object is made per row. The first block that holds anything else (a quote, a
carriage return, a NUL, a line with another number of cells, a line longer than the csv
module's field limit) ends the fast path: the caller reads the file from that block's first
line with the csv module, which decides what such lines are.
"""

from __future__ import annotations

import csv
from collections.abc import Generator
from itertools import repeat
from typing import TextIO

from medreform_check.loading.readers.rows import ColumnChunk

# Characters read at once: blocks of this size stay in the processor's cache while they
# are split (four times as much is 15 % slower; a file's worth at once, twice as slow).
TEXT_BLOCK = 1 << 16


def split_block(text: str) -> list[list[str]] | None:
    """The cells of ``text`` (whole lines, each ending in ``\\n``) column by column, or None
    when the csv module could read any of its lines otherwise than ``line.split(",")``."""
    if '"' in text or "\r" in text or "\0" in text:
        return None
    lines = text.split("\n")
    lines.pop()  # what follows the last line break: nothing
    commas = lines[0].count(",")
    # Every line as many commas as the first (at least one: a line without any may be blank,
    # which the csv module reads as no cell at all).
    if not commas or list(map(str.count, lines, repeat(","))).count(commas) != len(lines):
        return None
    limit = csv.field_size_limit()
    if len(text) > limit and max(map(len, lines)) > limit:
        return None  # a cell may be over the limit: the csv module says so
    cells = text.replace("\n", ",").split(",")
    cells.pop()
    width = commas + 1
    return [cells[column::width] for column in range(width)]


def plain_blocks(
    handle: TextIO, before: int = 0
) -> Generator[ColumnChunk, None, tuple[int, int, bool]]:
    """The file's first lines, as long as they are plain, in blocks of whole lines; returns
    how many lines were handed on, their number of cells, and whether that was the whole file.

    ``handle`` is the file opened with ``newline=""`` (or a part of it that starts a line:
    ``before`` lines come before it); when a block is not plain, it is left at an unknown
    place: the caller seeks to its start."""
    done, width = 0, 0
    rest = ""
    while True:
        block = handle.read(TEXT_BLOCK)
        text = rest + block
        if not block:
            if not text:
                return done, width, True
            text += "\n"  # the last line, without a line break
        cut = text.rfind("\n") + 1
        if not cut:  # no line break yet: a line longer than a block
            if len(text) > csv.field_size_limit():
                return done, width, False
            rest = text
            continue
        whole, rest = text[:cut], text[cut:]
        columns = split_block(whole)
        if columns is None:
            return done, width, False
        count = len(columns[0])
        first = before + done + 1
        yield ColumnChunk(columns, range(first, first + count))
        done, width = done + count, len(columns)
        if not block:
            return done, width, True
