"""How much input medreform-check accepts, so hostile or mistaken files fail fast.

Limits bound work, not bytes: a nation's year of values (12 million rows, about 500 MB of
CSV) streams through in bounded memory, while a file built to make the reader work without
end — a workbook whose few kilobytes describe a sheet of 17 billion cells, a shared-strings
table of millions of entries — is refused before the work starts, with the limit named.
"""

from __future__ import annotations

from pathlib import Path

MIB = 1024 * 1024
# YAML is read by a pure-Python composer that keeps every node's position: ~0.7 s per MB.
MAX_YAML_BYTES = 8 * MIB
# Rows read from one file (CSV or sheet). Each kept value costs ≈ 36 bytes in the column
# store: 20 million rows is ≈ 700 MB, and about 2 minutes of reading; a nation's year is 12M.
MAX_ROWS_PER_FILE = 20_000_000
# Cells a sheet may span (rows × columns of its used area). A workbook reader holds a sheet's
# cells in memory (≈ 32 bytes each before any text): 20 million is ≈ 640 MB. One cell at
# XFD1048576 makes a 5 KB file span 17 billion cells: refused, not allocated.
MAX_CELLS_PER_SHEET = 20_000_000
# Entries in a workbook's shared-strings table: each becomes a string in memory.
MAX_SHARED_STRINGS = 5_000_000
# A workbook is a zip: what it unpacks to bounds the XML to parse (a zip bomb unpacks a few
# kilobytes to gigabytes). A 500 MB national CSV as a workbook unpacks to about 1 GB.
MAX_WORKBOOK_UNPACKED_BYTES = 2048 * MIB


# The largest magnitude a reported value may have (the schemas bound a plan's numbers the
# same way). A quadrillion is far above any health statistic in any unit, and it keeps every
# sum finite: a 64 MB CSV holds at most a few million rows, whose sum stays below 10^22 —
# far from the 10^308 where a float overflows to infinity.
MAX_VALUE = 1e15


# Task instances, bounded where they are generated: a plan of 14 KB may ask for `every: month`
# over three centuries in a hundred tasks — half a million instances, gigabytes. A real plan's
# monthly duty over five years is 60 instances and a province's plan a few thousand in all.
MAX_INSTANCES_PER_TASK = 1_200  # a century of months
MAX_INSTANCES = 50_000  # all tasks of all plans of one run: about 300 MB and a few seconds
# Periodic reports owed (units × periods): a nation's 50,000 units reporting quarterly for five
# years is 1,000,000 (measured: 22 s and 1.4 GB with their values, a 160 MB JSON report).
MAX_REPORTS = 1_000_000


def _mb(size: int) -> str:
    return f"{size / MIB:,.1f} MB"


def size_problem(path: Path, size: int, limit: int, advice: str, verb: str = "is") -> str | None:
    """The message for a file over ``limit`` bytes ("x.yaml is 70.0 MB; …"), else None."""
    if size <= limit:
        return None
    return f"{path.name} {verb} {_mb(size)}; the limit is {_mb(limit)} ({advice})"
