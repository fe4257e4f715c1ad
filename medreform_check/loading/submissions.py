"""Reading submission files (CONTRACT §1.4): every file under the paths, every row read by
its reader and interpreted, then the consistency checks applied.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from medreform_check.errors import cannot_read
from medreform_check.loading.afterwards import check_afterwards
from medreform_check.loading.bulk import read_bulk
from medreform_check.loading.checks import Check
from medreform_check.loading.consistency import apply_checks
from medreform_check.loading.interpret import RowInterpreter
from medreform_check.loading.parallel import SPLIT_FROM, Halves, can_fork, halves, read_in_halves
from medreform_check.loading.paths import files_under
from medreform_check.loading.ratios import derive_rates, reject_components
from medreform_check.loading.readers import (
    SUFFIXES,
    CleanRows,
    ReadItem,
    ReadNote,
    ReadProblem,
    reader_for,
)
from medreform_check.loading.readers.csv_cut import read_first_part, read_second_part
from medreform_check.model import (
    Catalogue,
    Plan,
    Skipped,
    Submissions,
)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Reading builds hundreds of thousands of objects and no reference cycles; the
    collector's repeated scans of that growing heap cost more than the reading itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was built stays alive to the end: move it out of the collector's sight
        # rather than have the next collection scan it all.
        gc.freeze()
        if enabled:
            gc.enable()


def read_submissions(
    paths: Iterable[Path],
    plans: Sequence[Plan],
    catalogue: Catalogue,
    checks: Sequence[Check] = (),
    know_units: bool = True,
    fast: bool = True,
    split_from: int = SPLIT_FROM,
    fork: bool = True,
) -> Submissions:
    """Read every submission file, interpret every row in it, compute the rates given by
    their numerator and denominator, and apply the checks. With at least ``split_from``
    bytes to read, the second half is read by a helper process (parallel.py; or, with
    ``fork`` False, by this one after the first, through the same hand-over)."""
    interpreter = RowInterpreter(plans, catalogue, know_units, fast)
    out = Submissions()
    unsupported = "unsupported file type '{suffix}' (expected {expected})"
    out.store.name_first((unit for plan in plans for unit in plan.units), interpreter.indicators)
    out.store.cumulative = {
        ident for ident, ind in interpreter.indicators.items() if ind.cumulative == "year"
    }
    # Read in path order, whatever the order of the arguments: which row counts in a tie
    # (the later row) never depends on how the command line was written.
    found = sorted(files_under(paths, SUFFIXES, unsupported, skipped=out.skipped), key=str)
    for path in found:  # coded in read order up front: a helper's codes are these too
        out.store.path_code(str(path))
    # Two processes when a second can be forked; tests hand the halves over in this one.
    parts = halves(found, interpreter.names, split_from) if can_fork() or not fork else None
    if parts is None:
        _read_files(found, interpreter, out, 0)
    else:
        reading = _Halves(interpreter)
        seen = interpreter.receipts_seen
        read_in_halves(parts, out, 0, reading.first, reading.second, seen, fork)
    derived = derive_rates(out, interpreter.indicators)
    apply_checks(out, checks)
    reject_components(out, derived)
    check_afterwards(out, interpreter.indicators, plans)
    return out


def _read_files(
    paths: Iterable[Path], interpreter: RowInterpreter, out: Submissions, seq: int
) -> int:
    for path in paths:
        reader = reader_for(path.suffix.lower())
        seq = _read_items(path, reader(path, interpreter.names), interpreter, out, seq)
    return seq


def _read_items(
    path: Path, items: Iterable[ReadItem], interpreter: RowInterpreter, out: Submissions, seq: int
) -> int:
    try:
        for item in items:
            seq = _take(item, interpreter, seq, out)
    except OSError as exc:  # a CSV or workbook; YAML reports its own
        raise cannot_read(path, exc) from None
    return seq


class _Halves:
    """The two halves of the reading (parallel.py): the files before the cut and the cut
    file up to it; the cut file from the cut on and the files after it."""

    def __init__(self, interpreter: RowInterpreter) -> None:
        self.interpreter = interpreter

    def first(self, parts: Halves, out: Submissions, seq: int) -> int:
        seq = _read_files(parts.first, self.interpreter, out, seq)
        if parts.cut is not None:
            cut, names = parts.cut, self.interpreter.names
            seq = _read_items(
                cut.path, read_first_part(cut.path, names, cut), self.interpreter, out, seq
            )
        return seq

    def second(self, parts: Halves, out: Submissions, seq: int) -> int:
        if parts.cut is not None:
            cut = parts.cut
            items = read_second_part(cut.path, self.interpreter.names, cut)
            assert items is not None  # the cut was made where a part can be read apart
            seq = _read_items(cut.path, items, self.interpreter, out, seq)
        return _read_files(parts.second, self.interpreter, out, seq)


def _take(item: ReadItem, interpreter: RowInterpreter, seq: int, out: Submissions) -> int:
    """Add what a reader handed on to ``out``; returns the last row number used."""
    if isinstance(item, CleanRows):
        return read_bulk(interpreter, item, seq + 1, out) - 1
    if isinstance(item, ReadNote):
        out.notes.append(item.text)
    elif isinstance(item, Skipped):
        out.skipped.append(item)
    elif isinstance(item, ReadProblem):
        if item.warning:
            out.warnings.append(item.issue)
        else:
            out.rows_read += 1
            out.rejected.append(item.issue)
    else:
        seq += 1
        interpreter.read(item, seq, out)
    return seq
