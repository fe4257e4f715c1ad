"""CSV submissions as Excel saves them: UTF-8, UTF-8 with BOM or GB18030, detected; read as a
stream of row chunks, never the whole file at once.

Every physical line is used or listed. A quote that opens a cell and never closes where the
file's rows do (a stray quote) would swallow the lines after it into one cell: such a row is
rejected at the quote's line and the lines it swallowed are read again as rows of their own.
A line that does not decode is rejected at that line; the others are read.
"""

from __future__ import annotations

import codecs
import csv
from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Protocol, TextIO

from medreform_check.errors import Location, MedreformError
from medreform_check.limits import MAX_ROWS_PER_FILE
from medreform_check.loading.names import Names
from medreform_check.loading.readers.csv_blocks import plain_blocks
from medreform_check.loading.readers.rows import (
    ColumnChunk,
    ReadItem,
    ReadNote,
    ReadProblem,
    RowChunk,
)
from medreform_check.loading.readers.tables import table_rows
from medreform_check.model import RowIssue
from medreform_check.vocabulary import Message

CHUNK = 4096  # rows handed on at once: large enough for C loops, small enough for memory
_BLOCK = 1 << 20

Fetch = Callable[[int, int], list[str]]  # physical lines lo..hi (1-based, inclusive)


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes, read in blocks (C speed, bounded memory)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(_BLOCK), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _bad_lines(path: Path, encoding: str) -> tuple[int, int, Location | None]:
    """Lines that do not decode, lines in all, and where the first bad byte is."""
    bad, total, first = 0, 0, None
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            total = number
            try:
                raw.decode(encoding)
            except UnicodeDecodeError as exc:
                bad += 1
                first = first or Location(str(path), number, exc.start + 1)
    return bad, total, first


def _has_nul(path: Path) -> bool:
    with path.open("rb") as handle:
        return any(b"\0" in block for block in iter(lambda: handle.read(_BLOCK), b""))


def choose_encoding(path: Path) -> tuple[str, str, bool]:
    """The codec, its name for --verbose, and whether every line decodes. UTF-8 first: most
    UTF-8 Chinese also decodes as GB18030, garbled; GBK never as UTF-8.

    When neither decodes every line, the one under which fewer lines fail is used and those
    lines are rejected, one by one — unless the file is not text at all (a NUL byte, or most
    of its lines failing: UTF-16, a binary file), which is one error at its first bad byte.
    """
    with path.open("rb") as handle:
        bom = handle.read(3) == codecs.BOM_UTF8
    utf8 = ("utf-8-sig", "UTF-8 with BOM" if bom else "UTF-8")
    if _decodes(path, "utf-8-sig"):
        return (*utf8, True)
    if _decodes(path, "gb18030"):
        return "gb18030", "GB18030", True
    bad_utf8, total, first = _bad_lines(path, "utf-8-sig")
    bad_gb, _, _ = _bad_lines(path, "gb18030")
    if _has_nul(path) or 2 * min(bad_utf8, bad_gb) > total:
        raise MedreformError("not readable text (expected UTF-8, UTF-8 with BOM or GB18030)", first)
    if bad_gb < bad_utf8:
        return "gb18030", "GB18030", False
    return (*utf8, False)


class _Lines:
    """The decoded lines of a file some of whose lines do not decode: those are skipped
    (and listed), and the reader's count of lines is mapped back to physical lines."""

    def __init__(self, path: Path, encoding: str, problems: list[ReadProblem]) -> None:
        self.path, self.encoding, self.problems = path, encoding, problems
        self.physical: list[int] = [0]  # yielded line k came from physical line physical[k]

    def at(self, line: int) -> int:
        """The physical line of the reader's line ``line`` (counting a lone CR as a line
        break, the reader may count one more line than was read: the last one then)."""
        return self.physical[min(line, len(self.physical) - 1)]

    def __iter__(self) -> Iterator[str]:
        name = str(self.path)
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                try:
                    text = raw.decode(self.encoding)
                except UnicodeDecodeError as exc:
                    byte = f"0x{raw[exc.start]:02x}"
                    label = "GB18030" if self.encoding == "gb18030" else "UTF-8"
                    detail = {"byte": byte, "col": exc.start + 1, "encoding": label}
                    reason = Message("csv.undecodable_line", detail)
                    where = Location(name, number, exc.start + 1)
                    self.problems.append(ReadProblem(RowIssue(where, None, reason, "encoding")))
                    continue
                self.physical.append(number)
                yield text


def text_lines(path: Path, encoding: str) -> TextIO:
    """The file's lines as text, split the way the csv module expects (newline=''): the
    file object itself, so each line costs no Python call (the caller closes it)."""
    return path.open(encoding=encoding, newline="")


def _same(line: int) -> int:
    return line


def read_csv(path: Path, names: Names | None = None) -> Iterator[ReadItem]:
    name = str(path)
    try:
        encoding, label, clean = choose_encoding(path)
    except MedreformError as exc:
        yield ReadProblem(RowIssue(exc.where or Location(name), None, exc.message, "encoding"))
        return
    yield ReadNote(f"{name}: CSV, {label}")
    problems: list[ReadProblem] = []
    if clean:
        source: Iterator[str] = text_lines(path, encoding)
        again = Refetch(lambda: text_lines(path, encoding))
        rows = _clean_rows(source, name, again)  # type: ignore[arg-type]  # a file object
    else:
        lines = _Lines(path, encoding, problems)
        source = iter(lines)
        again = Refetch(lambda: _replaced_lines(path, encoding))
        rows = _parse(source, name, lines.at, again, problems)
    try:
        yield from table_rows(name, limited(rows, name), text_only=True, names=names)
    finally:
        again.close()
        close = getattr(source, "close", None)
        if close is not None:
            close()


def _clean_rows(
    handle: TextIO, name: str, fetch: Fetch
) -> Iterator[RowChunk | ColumnChunk | ReadProblem]:
    """The rows of a file that decodes throughout: blocks of plain lines split in C while
    they last (csv_blocks.py), then the csv module's reader from the first other line on."""
    done, width, whole = yield from plain_blocks(handle)
    if whole:
        return
    handle.seek(0)
    deque(islice(handle, done), maxlen=0)  # the plain lines: one physical line each
    yield from _parse(handle, name, _same, fetch, [], offset=done, width=width)


def _replaced_lines(path: Path, encoding: str) -> Iterator[str]:
    with path.open("rb") as handle:
        for raw in handle:
            yield raw.decode(encoding, errors="replace")


class Refetch:
    """Physical lines read again from a second pass over the file, for lines a stray quote
    swallowed. They are asked for in file order, so the pass only moves forward: reading
    them costs one more reading of the file at most."""

    def __init__(self, lines: Callable[[], Iterator[str]]) -> None:
        self.lines = lines
        self.at = 0
        self.source: Iterator[str] | None = None

    def __call__(self, low: int, high: int) -> list[str]:
        if self.source is None or low <= self.at:
            self.close()
            self.source, self.at = self.lines(), 0
        found = []
        for text in self.source:
            self.at += 1
            if self.at >= low:
                found.append(text)
            if self.at >= high:
                break
        return found

    def close(self) -> None:
        if self.source is not None:
            self.source.close()  # type: ignore[attr-defined]


class Counted(Protocol):
    rows: int  # rows of the file read so far (a file read in parts counts all of them)


def limited(
    items: Iterator[RowChunk | ColumnChunk | ReadProblem], name: str, counted: Counted | None = None
) -> Iterator[RowChunk | ColumnChunk | ReadProblem]:
    """Stop a file at MAX_ROWS_PER_FILE rows, saying so at the first row not read: the
    work (and the memory its values take) is bounded, whatever the file's size. ``counted``
    keeps the count, for a file read in parts (a later part counts on from it)."""
    count = counted.rows if counted is not None else 0
    for item in items:
        if not isinstance(item, ReadProblem):
            if counted is not None:
                counted.rows += len(item.lines)
            if count + len(item.lines) > MAX_ROWS_PER_FILE:
                keep = MAX_ROWS_PER_FILE - count
                if isinstance(item, ColumnChunk):
                    yield ColumnChunk([c[:keep] for c in item.columns], item.lines[:keep])
                else:
                    yield RowChunk(item.rows[:keep], item.lines[:keep])
                limit = {"limit": f"{MAX_ROWS_PER_FILE:,}"}
                where = Location(name, item.lines[keep])
                reason = Message("limit.rows", limit)
                yield ReadProblem(RowIssue(where, None, reason, "too-many-rows"))
                return
            count += len(item.lines)
        yield item


def _breaks(row: list[str]) -> int:
    """Line breaks inside a row's cells (a quoted cell may hold some)."""
    return sum(cell.count("\n") + cell.count("\r") - cell.count("\r\n") for cell in row)


def parse_rows(
    source: Iterator[str], name: str, fetch: Fetch, offset: int, width: int
) -> Iterator[RowChunk | ReadProblem]:
    """The csv module's rows of a file that decodes throughout, ``source`` after ``offset``
    lines of it (read already, as rows of ``width`` cells)."""
    return _parse(source, name, _same, fetch, [], offset=offset, width=width)


def _parse(
    source: Iterator[str],
    name: str,
    physical: Callable[[int], int],
    fetch: Fetch,
    problems: list[ReadProblem],
    offset: int = 0,
    width: int = 0,
) -> Iterator[RowChunk | ReadProblem]:
    """Rows in chunks, each row with the physical line it starts on; ``source`` starts after
    ``offset`` lines (read already, as rows of ``width`` cells), and then ``physical`` is
    ``_same``. ``width``: the cells of the last row that sat on one line, what a row of this
    file looks like."""
    reader = csv.reader(source)
    while True:
        before = reader.line_num + offset
        rows: list[list[str]] = []
        error: csv.Error | None = None
        try:
            rows.extend(islice(reader, CHUNK))  # keeps the rows read before an error
        except csv.Error as exc:
            error = exc
        yield from problems  # lines that did not decode, met while reading this chunk
        problems.clear()
        if not rows and error is None:
            return
        if error is None and reader.line_num + offset - before == len(rows):
            lines: range | list[int] = range(before + 1, before + 1 + len(rows))
            if physical is not _same:
                lines = [physical(n) for n in lines]
            width = len(rows[-1]) if len(rows[-1]) > 1 else width
            yield RowChunk(rows, lines)
            continue
        after = reader.line_num + offset
        yield from _careful(rows, before, after, error, name, physical, fetch, width)
        width = next((len(r) for r in reversed(rows) if len(r) > 1 and not _breaks(r)), width)


def _careful(
    rows: list[list[str]],
    before: int,
    after: int,
    error: csv.Error | None,
    name: str,
    physical: Callable[[int], int],
    fetch: Fetch,
    width: int,
) -> Iterator[RowChunk | ReadProblem]:
    """A chunk with rows over several lines, or cut short by an error: each row's line
    counted; a row that a stray quote made (not as wide as the file's rows), or the row the
    csv module gave up on, rejected at its first line and the lines after it read again."""
    line = before + 1
    kept: list[list[str]] = []
    lines: list[int] = []
    for row in rows:
        span = 1 + _breaks(row)
        if span > 1 and width and len(row) != width:
            if kept:
                yield RowChunk(kept, lines)
                kept, lines = [], []
            yield _rejected(name, physical(line), Message("csv.stray_quote"))
            # (a quote still open at the end of the file counts its last line break too)
            last = min(line + span - 1, after)
            yield from _one_by_one(line + 1, last, name, physical, fetch)
        else:
            kept.append(row)
            lines.append(physical(line))
            width = len(row) if span == 1 and len(row) > 1 else width
        line += span
    if kept:
        yield RowChunk(kept, lines)
    if error is not None:
        yield _rejected(name, physical(line), _csv_reason(error))
        yield from _one_by_one(line + 1, after, name, physical, fetch)


def _rejected(name: str, line: int, reason: Message) -> ReadProblem:
    return ReadProblem(RowIssue(Location(name, line), None, reason, "csv-syntax"))


def _csv_reason(exc: csv.Error) -> Message:
    """Why the csv module gave up on a row. Reading line by line, the one error it raises is
    a cell over its size limit (told by the type, not the wording: any other is shown)."""
    limit = csv.field_size_limit()
    if "limit" in str(exc):
        return Message("csv.row", {"reason": Message("csv.cell_too_long", {"limit": f"{limit:,}"})})
    return Message("csv.row", {"reason": Message("text", {"text": str(exc)})})


def _one_by_one(
    first: int, last: int, name: str, physical: Callable[[int], int], fetch: Fetch
) -> Iterator[RowChunk | ReadProblem]:
    """Lines first..last read again, each line a row of its own: a quote opened on one of
    them closes at its end (so one stray quote costs one line, and nothing nests)."""
    if last < first:
        return
    low = physical(first)
    texts = fetch(low, physical(last))
    rows: list[list[str]] = []
    lines: list[int] = []
    for k, text in enumerate(texts):
        try:
            row = next(csv.reader([text.rstrip("\r\n")]), [])
        except csv.Error as exc:
            yield _rejected(name, low + k, _csv_reason(exc))
            continue
        rows.append(row)
        lines.append(low + k)
    if rows:
        yield RowChunk(rows, lines)
