#!/usr/bin/env python3
"""Measure medreform-check at province scale and print the figures beside their targets.

    python benchmarks/run.py            # 2,000 units × 30 indicators × 12 quarters, 5 runs each
    python benchmarks/run.py --quick    # a small scale, one run: proves the script still works

Every figure is the median wall time of separate processes (start-up included, as a user
sees it). Needs check-jsonschema for the validate comparison (pip install check-jsonschema);
without it that line says n/a.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

ROOT = HERE.parent
FLOOR = """import csv, sys
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            pass
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    code: int


def run_once(argv: Sequence[str]) -> Run:
    """One process: its wall time and its own peak resident memory (from wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode)


def median(argv: Sequence[str], runs: int) -> Run:
    results = [run_once(argv) for _ in range(runs)]
    return Run(
        statistics.median(r.seconds for r in results),
        max(r.peak_mib for r in results),
        results[0].code,
    )


def tool() -> list[str]:
    script = shutil.which("medreform-check")
    return [script] if script else [sys.executable, "-m", "medreform_check"]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total_kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    python = f"Python {platform.python_version()} on {platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores{memory}; {python}"


def audit_argv(data: Path) -> list[str]:
    inputs = [
        str(data / "plan.yaml"),
        "-s",
        str(data / "submissions"),
        "--rules",
        str(data / "rules"),
    ]
    options = ["--as-of", "2025-06-30", "--format", "json", "--output", os.devnull]
    return [*tool(), "audit", *inputs, *options, "--fail-on", "none"]


def row(name: str, measured: str, target: str, ok: bool | None) -> list[str]:
    return [name, measured, target, "—" if ok is None else ("yes" if ok else "NO")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small scale, one run (for CI)")
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--quarters", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the generated data here and keep it")
    args = parser.parse_args()
    if args.quick:
        args.units, args.indicators, args.quarters, args.runs = 100, 6, 4, 1

    work = args.keep or Path(tempfile.mkdtemp(prefix="medreform-bench-"))
    full = generate(work / "full", args.units, args.indicators, args.quarters)
    tenth = generate(work / "tenth", max(1, args.units // 10), args.indicators, args.quarters)
    rows_full = args.units * args.indicators * args.quarters
    csvs = sorted(str(p) for p in (full / "submissions").glob("*.csv"))
    runs = args.runs
    table: list[list[str]] = []

    floor = median([sys.executable, "-c", FLOOR, *csvs], runs)
    audit = median(audit_argv(full), runs)
    if audit.code not in (0, 1):
        print(f"audit failed with exit code {audit.code}", file=sys.stderr)
        return 1
    ratio = audit.seconds / floor.seconds
    table.append(
        row(
            f"1. audit ÷ csv.reader, {rows_full:,} values",
            f"{audit.seconds:.2f} s ÷ {floor.seconds:.2f} s = {ratio:.1f}×",
            "≤ 3×",
            ratio <= 3,
        )
    )
    table.append(
        row(
            "2. peak RSS of that audit",
            f"{audit.peak_mib:.0f} MiB",
            "≤ 400 MiB",
            audit.peak_mib <= 400,
        )
    )

    small = median(audit_argv(tenth), runs)
    growth = audit.seconds / small.seconds
    table.append(
        row(
            "3. growth: 10× the data",
            f"{small.seconds:.2f} s → {audit.seconds:.2f} s = {growth:.1f}×",
            "≤ 11×",
            growth <= 11,
        )
    )

    bare = median([sys.executable, "-c", "pass"], max(runs, 5))
    for flag in ("--version", "--help"):
        started = median([*tool(), flag], max(runs, 5))
        factor = started.seconds / bare.seconds
        table.append(
            row(
                f"4. {flag} ÷ python -c pass",
                f"{started.seconds * 1000:.0f} ms ÷ {bare.seconds * 1000:.0f} ms = {factor:.1f}×",
                "≤ 5×",
                factor <= 5,
            )
        )

    checker = shutil.which("check-jsonschema")
    schema = ROOT / "schemas" / "plan.schema.json"
    for label, plan, limit in (
        ("one plan", ROOT / "plans" / "alxa-hitech-2023-2025.yaml", 0.6),
        (f"{args.units:,}-unit plan", full / "plan.yaml", 1.0),
    ):
        ours = median(
            [
                *tool(),
                "validate",
                str(plan),
                "--rules",
                str(ROOT / "rules" if "alxa" in plan.name else full / "rules"),
            ],
            runs,
        )
        if checker is None:
            table.append(
                row(
                    f"5. validate {label} ÷ check-jsonschema",
                    f"{ours.seconds * 1000:.0f} ms ÷ n/a",
                    f"≤ {limit}×",
                    None,
                )
            )
            continue
        theirs = median([checker, "--schemafile", str(schema), str(plan)], runs)
        factor = ours.seconds / theirs.seconds
        table.append(
            row(
                f"5. validate {label} ÷ check-jsonschema",
                f"{ours.seconds * 1000:.0f} ms ÷ {theirs.seconds * 1000:.0f} ms = {factor:.2f}×",
                f"≤ {limit}×",
                factor <= limit,
            )
        )

    widths = [
        max(len(r[k]) for r in [["measure", "measured", "target", "met"], *table]) for k in range(4)
    ]
    print(f"medreform-check benchmark — {machine()}")
    print(
        f"median of {runs} run(s) each; data: {args.units:,} units × "
        f"{args.indicators} indicators × {args.quarters} quarters"
    )
    for line in [["measure", "measured", "target", "met"], ["-" * w for w in widths], *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
