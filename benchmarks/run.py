#!/usr/bin/env python3
"""Measure medreform-check at province scale and print the figures beside their targets.

    python benchmarks/run.py             # 2,000 units × 30 indicators × 12 quarters, 5 runs each
    python benchmarks/run.py --quick     # a small scale, one run: proves the script still works
    python benchmarks/run.py --national  # also 12M values in one 500 MB CSV (minutes; not in CI)

Province scale is measured in both layouts (12 quarterly files; the same values in one CSV with
the contract's ten columns), growth from a quarter of the units to all of them, a 汇总表 (wide
xlsx) against the same values as a long CSV, start-up and validate.

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


def generate(out: Path, units: int, indicators: int, quarters: int, layout: str = "files") -> Path:
    """generate.py's data, written by a process of its own. A child's peak RSS as wait4
    reports it includes what it was forked with, before it ran the program: generating a
    national file here would grow this process to a gigabyte and every later figure with it."""
    shape = ["--units", str(units), "--indicators", str(indicators), "--quarters", str(quarters)]
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), str(out), *shape, "--layout", layout],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


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


def floor_argv(data: Path) -> list[str]:
    csvs = sorted(str(p) for p in (data / "submissions").glob("*.csv"))
    return [sys.executable, "-c", FLOOR, *csvs]


def audit_rows(label: str, data: Path, runs: int, limit: float, rss_mib: float) -> list[list[str]]:
    """Audit ÷ the csv.reader floor over the same files, and the audit's peak memory."""
    floor = median(floor_argv(data), runs)
    audit = median(audit_argv(data), runs)
    if audit.code not in (0, 1):
        raise SystemExit(f"audit of {label} failed with exit code {audit.code}")
    ratio = audit.seconds / floor.seconds
    return [
        row(
            f"audit ÷ csv.reader, {label}",
            f"{audit.seconds:.2f} s ÷ {floor.seconds:.2f} s = {ratio:.1f}×",
            f"≤ {limit:g}×",
            ratio <= limit,
        ),
        row(
            f"peak RSS, {label}",
            f"{audit.peak_mib:.0f} MiB",
            f"≤ {rss_mib:,.0f} MiB",
            audit.peak_mib <= rss_mib,
        ),
    ]


def province(args: argparse.Namespace, work: Path) -> list[list[str]]:
    runs, shape = args.runs, (args.units, args.indicators, args.quarters)
    values = args.units * args.indicators * args.quarters
    files = generate(work / "files", *shape)
    single = generate(work / "single", *shape, layout="single")
    table = audit_rows(f"{values:,} values in 12 files", files, runs, 3, 200)
    table += audit_rows("the same in one 10-column CSV", single, runs, 3, 200)
    quarter = generate(work / "quarter", max(1, args.units // 4), *shape[1:])
    small, full = median(audit_argv(quarter), runs), median(audit_argv(files), runs)
    growth = full.seconds / small.seconds
    table.append(
        row(
            "growth: ¼× → 1× the data",
            f"{small.seconds:.2f} s → {full.seconds:.2f} s = {growth:.1f}×",
            "≤ 4.6×",
            growth <= 4.6,
        )
    )
    return table


def wide(args: argparse.Namespace, work: Path) -> list[list[str]]:
    """A 2,000-row × 30-column 汇总表 (one quarter) against the same values as a long CSV."""
    units, indicators = (100, 6) if args.quick else (2000, 30)
    book = generate(work / "wide", units, indicators, 1, layout="wide")
    long = generate(work / "long", units, indicators, 1)
    as_book, as_csv = median(audit_argv(book), args.runs), median(audit_argv(long), args.runs)
    factor = as_book.seconds / as_csv.seconds
    return [
        row(
            f"wide xlsx ÷ long CSV, {units:,} units × {indicators}",
            f"{as_book.seconds:.2f} s ÷ {as_csv.seconds:.2f} s = {factor:.1f}×",
            "≤ 3×",
            factor <= 3,
        )
    ]


def national(args: argparse.Namespace, work: Path) -> list[list[str]]:
    """50,000 units × 60 indicators × 4 quarters = 12M values in one CSV, and a quarter of it."""
    table = []
    for label, units, limit, rss in (
        ("national, 12M values in one CSV", 50_000, 5.0, 1536),
        ("a quarter of it, 3M values", 12_500, 5.0, 600),
    ):
        data = generate(work / f"national-{units}", units, 60, 4, layout="single")
        table += audit_rows(label, data, 1, limit, rss)
    return table


def startup(runs: int) -> list[list[str]]:
    bare = median([sys.executable, "-c", "pass"], max(runs, 5))
    table = []
    for flag in ("--version", "--help"):
        started = median([*tool(), flag], max(runs, 5))
        factor = started.seconds / bare.seconds
        table.append(
            row(
                f"{flag} ÷ python -c pass",
                f"{started.seconds * 1000:.0f} ms ÷ {bare.seconds * 1000:.0f} ms = {factor:.1f}×",
                "≤ 5×",
                factor <= 5,
            )
        )
    return table


def validate_rows(runs: int, data: Path, units: int) -> list[list[str]]:
    checker = shutil.which("check-jsonschema")
    schema = ROOT / "schemas" / "plan.schema.json"
    table = []
    for label, plan, rules, limit in (
        ("one plan", ROOT / "plans" / "alxa-hitech-2023-2025.yaml", ROOT / "rules", 1.0),
        (f"{units:,}-unit plan", data / "plan.yaml", data / "rules", 1.0),
    ):
        ours = median([*tool(), "validate", str(plan), "--rules", str(rules)], runs)
        if checker is None:
            measured, ok = f"{ours.seconds * 1000:.0f} ms ÷ n/a", None
        else:
            theirs = median([checker, "--schemafile", str(schema), str(plan)], runs)
            factor = ours.seconds / theirs.seconds
            measured = (
                f"{ours.seconds * 1000:.0f} ms ÷ {theirs.seconds * 1000:.0f} ms = {factor:.2f}×"
            )
            ok = factor <= limit
        table.append(row(f"validate {label} ÷ check-jsonschema", measured, f"≤ {limit:g}×", ok))
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small scale, one run (for CI)")
    parser.add_argument("--national", action="store_true", help="also 12M values (minutes)")
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--quarters", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the generated data here and keep it")
    args = parser.parse_args()
    if args.quick:
        args.units, args.indicators, args.quarters, args.runs = 100, 6, 4, 1

    work = args.keep or Path(tempfile.mkdtemp(prefix="medreform-bench-"))
    table = province(args, work)
    table += wide(args, work)
    table += startup(args.runs)
    table += validate_rows(args.runs, work / "files", args.units)
    if args.national:
        table += national(args, work)
    table = [[f"{k}. {r[0]}", *r[1:]] for k, r in enumerate(table, 1)]
    header = ["measure", "measured", "target", "met"]
    widths = [max(len(r[k]) for r in [header, *table]) for k in range(4)]
    print(f"medreform-check benchmark — {machine()}")
    print(
        f"median of {args.runs} run(s) each; data: {args.units:,} units × "
        f"{args.indicators} indicators × {args.quarters} quarters"
    )
    for line in [header, ["-" * w for w in widths], *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
