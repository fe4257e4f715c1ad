"""How much input medreform-check accepts, so hostile or mistaken files fail fast.

Each limit is far above what an office sends — a province-scale quarter is about 3 MB of CSV,
a plan well under 1 MB — and low enough that reading stays within seconds and a few hundred
megabytes of memory.
"""

from __future__ import annotations

from pathlib import Path

MIB = 1024 * 1024
# YAML is read by a pure-Python composer that keeps every node's position: ~0.7 s per MB.
MAX_YAML_BYTES = 8 * MIB
# CSV reads at ~0.1 s per MB (a 720,000-row audit is 32 MB in 3 s).
MAX_CSV_BYTES = 64 * MIB
# A workbook is a zip: its unpacked size bounds openpyxl's time (~100,000 rows per 9 s) and
# protects against a small file that unpacks to gigabytes.
MAX_XLSX_UNPACKED_BYTES = 64 * MIB


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
# Periodic reports owed (units × periods): 300 units reporting monthly for a decade is 36,000.
MAX_REPORTS = 100_000


def _mb(size: int) -> str:
    return f"{size / MIB:,.1f} MB"


def size_problem(path: Path, size: int, limit: int, advice: str, verb: str = "is") -> str | None:
    """The message for a file over ``limit`` bytes ("x.csv is 70.0 MB; …"), else None."""
    if size <= limit:
        return None
    return f"{path.name} {verb} {_mb(size)}; the limit is {_mb(limit)} ({advice})"
