#!/usr/bin/env python3
"""Generate a synthetic province-scale plan and its submissions, deterministically.

    python benchmarks/generate.py OUT_DIR [--units N] [--indicators N] [--quarters N] [--seed N]
                                          [--layout files|single|wide] [--reporting quarter|year]

writes OUT_DIR/rules/indicators.yaml (the catalogue), OUT_DIR/plan.yaml (one task per
indicator, every unit responsible) and the submissions, one row per unit, indicator and
quarter (units × indicators × quarters values), in one of three layouts:

- ``files`` (default): OUT_DIR/submissions/YYYY-Qn.csv, one file per quarter, five columns
  (unit, period, indicator, value, submitted);
- ``single``: OUT_DIR/submissions/all.csv, every value in one file with the contract's ten
  columns (unit, period, indicator, task, value, done, completed_on, as_of, evidence, note),
  the ones a value row does not need left empty;
- ``wide``: OUT_DIR/submissions/YYYY-Qn.xlsx, one 汇总表 per quarter: a row per unit, a
  column per indicator (needs openpyxl).

The same values whatever the layout; the same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

START_YEAR = 2023
# Kinds cycle so every code path of the engine is exercised at scale.
KINDS = ("rate", "rate", "rate", "level", "count", "amount")


def indicator_ids(count: int) -> list[str]:
    return [f"ind_{k:02d}" for k in range(1, count + 1)]


def unit_ids(count: int) -> list[str]:
    return [f"unit-{k:05d}" for k in range(1, count + 1)]


def catalogue(count: int) -> str:
    lines = ["schema_version: 1", "indicators:"]
    for k, ident in enumerate(indicator_ids(count)):
        kind = KINDS[k % len(KINDS)]
        lines.append(f"  {ident}:")
        lines.append(f"    name: 指标{k + 1}")
        lines.append(f"    kind: {kind}")
        if kind == "rate":
            lines += ['    unit: "%"', "    better: higher"]
        elif kind == "level":
            lines += [
                "    unit: 级",
                "    min: 0",
                "    max: 8",
                "    integer: true",
                "    better: higher",
            ]
        elif kind == "count":
            lines += ["    unit: 次", "    min: 0", "    integer: true", "    better: higher"]
        else:
            lines += ["    unit: 万元", "    min: 0", "    better: lower"]
    return "\n".join(lines) + "\n"


def plan(units: int, indicators: int, quarters: int, reporting: str = "quarter") -> str:
    years = max(1, (quarters + 3) // 4)
    end = START_YEAR + years - 1
    lines = [
        "schema_version: 1",
        "plan:",
        "  id: province-benchmark",
        "  title: 省级医改行动方案（基准测试）",
        f"  period: {{start: {START_YEAR}-01-01, end: {end}-12-31}}",
        f"  reporting: {{every: {reporting}, due_days: 15}}",
        "units:",
    ]
    for k, ident in enumerate(unit_ids(units)):
        kind = "county-hospital" if k % 10 == 0 else "township-health-centre"
        lines.append(f"  - {{id: {ident}, name: 单位{k + 1}, class: [{kind}, reporting-unit]}}")
    lines.append("tasks:")
    for k, ident in enumerate(indicator_ids(indicators)):
        kind = KINDS[k % len(KINDS)]
        lines += [
            f"  - id: task-{ident}",
            f"    title: 任务{k + 1}",
            "    owner_class: reporting-unit",
            f"    indicator: {ident}",
        ]
        if kind == "rate":
            lines += ["    aggregate: mean", "    stages:"]
            lines += [
                f"      - {{deadline: {START_YEAR + y}-12-31, target: '>= {60 + 5 * y}'}}"
                for y in range(years)
            ]
        elif kind == "level":
            lines += ["    aggregate: min", "    target: '>= 2'", f"    deadline: {end}-12-31"]
        elif kind == "count":
            lines += ["    aggregate: all", "    target: '>= 2'", "    every: year"]
        else:
            lines += ["    aggregate: sum", "    target: decrease", f"    deadline: {end}-12-31"]
    return "\n".join(lines) + "\n"


def quarter_values(
    units: int, indicators: int, quarter: int, rng: random.Random
) -> tuple[str, str, list[tuple[str, str, str]]]:
    """The quarter's period, its submission date and its (unit, indicator, value) triples."""
    year, index = START_YEAR + quarter // 4, quarter % 4 + 1
    period = f"{year}-Q{index}"
    submitted = f"{year + (index == 4)}-{(index * 3) % 12 + 1:02d}-{rng.randint(5, 20):02d}"
    values = []
    for unit in unit_ids(units):
        for k, ident in enumerate(indicator_ids(indicators)):
            kind = KINDS[k % len(KINDS)]
            if kind == "rate":
                value = f"{min(100.0, 50 + quarter * 1.5 + rng.uniform(-8, 8)):.1f}"
            elif kind == "level":
                value = str(rng.randint(1, 4))
            elif kind == "count":
                value = str(rng.randint(0, 2))
            else:
                value = f"{rng.uniform(100, 1000):.2f}"
            values.append((unit, ident, value))
    return period, submitted, values


def quarter_rows(units: int, indicators: int, quarter: int, rng: random.Random) -> list[str]:
    period, submitted, values = quarter_values(units, indicators, quarter, rng)
    return [f"{unit},{period},{ident},{value},{submitted}" for unit, ident, value in values]


def _write_wide(
    path: Path, indicators: int, period: str, values: list[tuple[str, str, str]]
) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("汇总表")
    sheet.append(["填报单位：各单位", None, f"报告期：{period}"])
    names = indicator_ids(indicators)
    sheet.append(["单位", *names])
    for start in range(0, len(values), indicators):
        unit = values[start][0]
        sheet.append([unit, *(float(v) for _, _, v in values[start : start + indicators])])
    book.save(path)


TEN = "unit,period,indicator,task,value,done,completed_on,as_of,evidence,note"


def generate(
    out: Path,
    units: int = 2000,
    indicators: int = 30,
    quarters: int = 12,
    seed: int = 1,
    layout: str = "files",
    reporting: str = "quarter",
) -> Path:
    rng = random.Random(seed)
    (out / "rules").mkdir(parents=True, exist_ok=True)
    (out / "submissions").mkdir(exist_ok=True)
    (out / "rules" / "indicators.yaml").write_text(catalogue(indicators), encoding="utf-8")
    (out / "plan.yaml").write_text(plan(units, indicators, quarters, reporting), encoding="utf-8")
    single = None
    if layout == "single":
        single = (out / "submissions" / "all.csv").open("w", encoding="utf-8", newline="")
        single.write(TEN + "\n")
    for quarter in range(quarters):
        year, index = START_YEAR + quarter // 4, quarter % 4 + 1
        period, submitted, values = quarter_values(units, indicators, quarter, rng)
        name = out / "submissions" / f"{year}-Q{index}"
        if single is not None:  # written as it goes: a nation's file is 500 MB
            single.writelines(f"{u},{period},{i},,{v},,,,,\n" for u, i, v in values)
        elif layout == "wide":
            _write_wide(name.with_suffix(".xlsx"), indicators, period, values)
        else:
            lines = ["unit,period,indicator,value,submitted"]
            lines += [f"{u},{period},{i},{v},{submitted}" for u, i, v in values]
            name.with_suffix(".csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if single is not None:
        single.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--quarters", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layout", choices=("files", "single", "wide"), default="files")
    parser.add_argument(
        "--reporting",
        choices=("quarter", "half", "year"),
        default="quarter",
        help="how often each unit owes a report (a nation's 50,000 units quarterly would owe "
        "more than limits.MAX_REPORTS)",
    )
    args = parser.parse_args()
    generate(
        args.out, args.units, args.indicators, args.quarters, args.seed, args.layout, args.reporting
    )
    shape = f"{args.units} units × {args.indicators} indicators × {args.quarters} quarters"
    print(f"wrote {args.out}: {shape}")


if __name__ == "__main__":
    main()
