"""Reading the submissions on two processors.

Reading is most of an audit's work, and it is done on one processor. Where a second one can
help (a POSIX fork, no other thread, enough input to be worth a few milliseconds), the files
are cut in two halves by their bytes: this process reads the files before the cut and the
cut file up to it (a line boundary, ``csv_cut.py``); a helper process, forked before reading
starts, reads the rest and hands back what it read — the store's columns as raw arrays, the
rest pickled — which is added here as if it had been read here: the same row numbers, the
same order of receipts, rejected rows, warnings and notes, the same codes.

Whenever that cannot be so — the cut file not plain before the cut, the helper failing or
killed, the per-file row limit reached across the cut — the second half is read here, as it
would have been. The helper reads with the same functions as this process; a test reads the
halves in one process, through the same hand-over, and holds the result to one reading.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from io import BufferedIOBase
from itertools import repeat
from operator import add
from pathlib import Path
from typing import Any, BinaryIO

from medreform_check.limits import MAX_ROWS_PER_FILE, MIB
from medreform_check.loading.names import Names
from medreform_check.loading.readers.csv_cut import Cut, find_cut
from medreform_check.model import Submissions

SPLIT_FROM = 8 * MIB  # less input than this is read in one process (a fork costs milliseconds)
_HEADER_ROWS = 40  # a cut this early could fall inside the rows that hold the header
# The helper also hands its rows over (about a sixth of its reading time): it reads a little less.
_FIRST_SHARE = 0.535

ReadHalf = Callable[["Halves", Submissions, int], int]


@dataclass(frozen=True)
class Halves:
    """The files read here (``first``, and ``cut``'s file up to the cut) and by the helper
    (the cut file from the cut on, and ``second``)."""

    first: list[Path]
    cut: Cut | None
    second: list[Path]


def can_fork() -> bool:
    """A fork copies this process as it is: only where one is (POSIX) and no other thread runs."""
    return hasattr(os, "fork") and sys.platform != "win32" and threading.active_count() == 1


def halves(
    paths: Sequence[Path], names: Names | None, split_from: int = SPLIT_FROM
) -> Halves | None:
    """Where the files in read order are cut in two parts of about half their bytes each (the
    first a little more); None when there is too little to read or no sound place to cut."""
    try:
        sizes = [path.stat().st_size for path in paths]
    except OSError:
        return None  # reading says what is wrong, in order
    total = sum(sizes)
    if total < split_from or len(paths) == 0:
        return None
    middle, before = int(total * _FIRST_SHARE), 0
    for k, (path, size) in enumerate(zip(paths, sizes, strict=True)):
        if before + size <= middle:
            before += size
            continue
        csv = path.suffix.lower() == ".csv"
        cut = find_cut(path, middle - before, names) if csv else None
        if cut is not None and cut.line > _HEADER_ROWS:
            return Halves(list(paths[:k]), cut, list(paths[k + 1 :]))
        # Cut between files instead, where the middle is nearer.
        k += middle - before > before + size - middle
        if 0 < k < len(paths):
            return Halves(list(paths[:k]), None, list(paths[k:]))
        return None
    return None


def read_in_halves(
    parts: Halves,
    out: Submissions,
    seq: int,
    first_half: ReadHalf,
    second_half: ReadHalf,
    receipts_seen: set[tuple[Any, ...]],
    fork: bool = True,
) -> int:
    """Read ``parts``: the first half here with ``first_half``, the second with
    ``second_half`` in a forked helper (or here, after the first, when ``fork`` is False),
    into ``out``; returns the last row number used. ``receipts_seen``: the reader's keys of
    the receipts it made, to drop the helper's repeats of them."""
    helper = _Helper.start(parts, out, second_half) if fork else None
    try:
        seq = first_half(parts, out, seq)
        _look_over(out)  # (while the helper still reads, or hands over)
        if parts.cut is not None and not parts.cut.plain:
            # The cut file was read whole here (a line before the cut was not plain).
            return second_half(replace(parts, cut=None), out, seq)
        handed = (
            helper.result(out)
            if helper is not None
            else _in_process(parts, out, second_half, receipts_seen)
        )
        if handed is not None and _fits(parts, handed):
            return merge(handed, out, seq, receipts_seen)
        if handed is not None and "from" in handed:
            out.store.cut_back(handed["from"])
        return second_half(parts, out, seq)
    finally:
        if helper is not None:
            helper.stop()


def _look_over(out: Submissions) -> tuple[bool, float]:
    """What the checks that need every row ask of the store's columns (afterwards.py),
    answered over the rows read so far: an answer holds for them as rows are appended."""
    return out.store.rising(), out.store.least_above_zero()


def _fits(parts: Halves, handed: dict[str, Any]) -> bool:
    """Whether the helper's part can be added here: the same codes, and the cut file within
    the per-file row limit counted over both its parts."""
    cut_rows = (parts.cut.rows if parts.cut is not None else 0) + handed["cut_rows"]
    return bool(handed["ok"]) and cut_rows <= MAX_ROWS_PER_FILE


def _in_process(
    parts: Halves, out: Submissions, second_half: ReadHalf, seen: set[tuple[Any, ...]]
) -> dict[str, Any] | None:
    """The helper's work done here, through the same hand-over (tests hold it to one
    reading). The helper reads with a copy of the reader: what it notes of receipts made is
    forgotten here, as the copy is."""
    import io

    buffer = io.BytesIO()
    kept = set(seen)
    _send(buffer, parts, _fresh(out), second_half)
    seen.clear()
    seen.update(kept)
    buffer.seek(0)
    return _receive(buffer, out)


def _fresh(out: Submissions) -> Submissions:
    """An empty Submissions whose store codes units and indicators as ``out``'s does."""
    fresh = Submissions()
    fresh.store.name_first(out.store.unit_names, out.store.indicator_names)
    for path in out.store.paths:
        fresh.store.path_code(path)
    fresh.store.cumulative = out.store.cumulative
    return fresh


COLUMNS = ("keys", "submitted", "values", "seqs", "files", "lines", "cols")


def _send(sink: BinaryIO | BufferedIOBase, parts: Halves, out: Submissions, read: ReadHalf) -> None:
    """Read the second half into ``out`` and write it to ``sink``: a pickled header, then each
    store column's raw bytes."""
    if parts.cut is not None:  # its own count of the cut file's rows
        parts = replace(parts, cut=replace(parts.cut, rows=0))
    seq = read(parts, out, 0)
    store = out.store
    rises, least = _look_over(out)
    header = {
        "rises": rises,
        "least": least,
        "rows": store.rows,
        "units": store.unit_names,
        "indicators": store.indicator_names,
        "paths": store.paths,
        "compositions": store.compositions,
        "seq": seq,
        "cut_rows": parts.cut.rows if parts.cut is not None else 0,
        "cut": str(parts.cut.path) if parts.cut is not None else None,
        **{name: getattr(out, name) for name in _LISTS},
        "rows_read": out.rows_read,
    }
    pickle.dump(header, sink, protocol=pickle.HIGHEST_PROTOCOL)
    for name in COLUMNS:
        getattr(store, name).tofile(sink)
    sink.flush()


_LISTS = ("milestones", "receipts", "rejected", "warnings", "notes", "skipped")


def _receive(source: BinaryIO | BufferedIOBase, out: Submissions) -> dict[str, Any] | None:
    """The helper's header, its columns appended to ``out``'s store (taken back out, and
    None, when they do not all arrive or its codes are not ``out``'s)."""
    try:
        header: dict[str, Any] = pickle.load(source)
    except (EOFError, pickle.UnpicklingError, OSError):
        return None
    store = out.store
    header["ok"] = (
        header["units"] == store.unit_names and header["indicators"] == store.indicator_names
    )
    if not header["ok"]:
        return header
    header["from"] = store.rows
    try:
        for name in COLUMNS:
            getattr(store, name).fromfile(source, header["rows"])
    except (EOFError, OSError):
        store.cut_back(header["from"])
        return None
    return header


def merge(handed: dict[str, Any], out: Submissions, seq: int, seen: set[tuple[Any, ...]]) -> int:
    """The helper's part, its columns already in the store, numbered on from ``seq`` and
    added to ``out``; returns the last row number used."""
    store, first = out.store, handed["from"]
    store.seqs[first:] = array("i", map(add, store.seqs[first:], repeat(seq)))
    paths = [store.path_code(path) for path in handed["paths"]]
    if paths != list(range(len(paths))):  # (files were coded up front: usually the same)
        store.files[first:] = array("i", map(paths.__getitem__, store.files[first:]))
    for row, value in handed["compositions"].items():
        store.compositions[first + row] = value
    store.changed(appended=True)
    store.adopt(first, handed["rises"], handed["least"])
    out.milestones += [replace(m, seq=m.seq + seq) for m in handed["milestones"]]
    cut = handed["cut"]
    for receipt in handed["receipts"]:
        if receipt.at.path == cut:  # the cut file's first part may have made it already
            key = (receipt.unit, receipt.period.label, receipt.submitted, receipt.at.path)
            if key in seen:
                continue
            seen.add(key)
        out.receipts.append(receipt)
    for name in ("rejected", "warnings", "notes", "skipped"):
        getattr(out, name).extend(handed[name])
    out.rows_read += handed["rows_read"]
    return seq + int(handed["seq"])


class _Helper:
    """The forked process that reads the second half, and the pipe it hands it over on."""

    def __init__(self, pid: int, source: BinaryIO) -> None:
        self.pid, self.source = pid, source
        self.done = False

    @classmethod
    def start(cls, parts: Halves, out: Submissions, read: ReadHalf) -> _Helper | None:
        fresh = _fresh(out)
        try:
            read_end, write_end = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # pragma: no cover - the helper (its reading is the same code as here)
            _helper(read_end, write_end, parts, fresh, read)
        os.close(write_end)
        return cls(pid, os.fdopen(read_end, "rb"))

    def result(self, out: Submissions) -> dict[str, Any] | None:
        """What the helper read (its columns added to ``out``'s store), once it has handed
        it all over and exited cleanly; None (and nothing added) otherwise."""
        handed = _receive(self.source, out)
        if handed is None or not handed["ok"]:
            self.stop()  # (it may be blocked writing what is no longer read)
            return None
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        if os.waitstatus_to_exitcode(status) != 0:
            out.store.cut_back(handed["from"])
            return None
        return handed

    def stop(self) -> None:
        """Make sure the helper is gone (killed, if it is still reading) and reaped."""
        if not self.done:
            self.done = True
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.source.close()


def _helper(  # pragma: no cover - runs in the forked process
    read_end: int, write_end: int, parts: Halves, out: Submissions, read: ReadHalf
) -> None:
    """The helper's whole life: read, hand over, exit — never returning into the caller's
    code (no ``finally`` of the reader runs twice, no buffer is flushed twice)."""
    code = 1
    try:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        os.close(read_end)
        with os.fdopen(write_end, "wb") as sink:
            _send(sink, parts, out, read)
        code = 0
    finally:
        os._exit(code)
