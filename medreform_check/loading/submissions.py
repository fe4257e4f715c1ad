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
) -> Submissions:
    """Read every submission file, interpret every row in it, compute the rates given by
    their numerator and denominator, and apply the checks."""
    interpreter = RowInterpreter(plans, catalogue, know_units, fast)
    out = Submissions()
    seq = 0
    unsupported = "unsupported file type '{suffix}' (expected {expected})"
    out.store.name_first((unit for plan in plans for unit in plan.units), interpreter.indicators)
    out.store.cumulative = {
        ident for ident, ind in interpreter.indicators.items() if ind.cumulative == "year"
    }
    # Read in path order, whatever the order of the arguments: which row counts in a tie
    # (the later row) never depends on how the command line was written.
    found = files_under(paths, SUFFIXES, unsupported, skipped=out.skipped)
    for path in sorted(found, key=lambda p: str(p)):
        reader = reader_for(path.suffix.lower())
        try:
            for item in reader(path, interpreter.names):
                seq = _take(item, interpreter, seq, out)
        except OSError as exc:  # a CSV or workbook; YAML reports its own
            raise cannot_read(path, exc) from None
    derived = derive_rates(out, interpreter.indicators)
    apply_checks(out, checks)
    reject_components(out, derived)
    check_afterwards(out, interpreter.indicators, plans)
    return out


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
