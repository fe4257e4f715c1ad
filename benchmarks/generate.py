#!/usr/bin/env python3
"""Generate a synthetic province-scale plan and its submissions, deterministically.

    python benchmarks/generate.py OUT_DIR [--units N] [--indicators N] [--quarters N] [--seed N]

writes OUT_DIR/rules/indicators.yaml (the catalogue), OUT_DIR/plan.yaml (one task per
indicator, every unit responsible) and OUT_DIR/submissions/YYYY-Qn.csv (one row per unit,
indicator and quarter: units × indicators × quarters values). The same arguments always give
the same bytes.
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


def plan(units: int, indicators: int, quarters: int) -> str:
    years = max(1, (quarters + 3) // 4)
    end = START_YEAR + years - 1
    lines = [
        "schema_version: 1",
        "plan:",
        "  id: province-benchmark",
        "  title: 省级医改行动方案（基准测试）",
        f"  period: {{start: {START_YEAR}-01-01, end: {end}-12-31}}",
        "  reporting: {every: quarter, due_days: 15}",
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


def quarter_rows(units: int, indicators: int, quarter: int, rng: random.Random) -> list[str]:
    year, index = START_YEAR + quarter // 4, quarter % 4 + 1
    period = f"{year}-Q{index}"
    submitted = f"{year + (index == 4)}-{(index * 3) % 12 + 1:02d}-{rng.randint(5, 20):02d}"
    rows = []
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
            rows.append(f"{unit},{period},{ident},{value},{submitted}")
    return rows


def generate(
    out: Path, units: int = 2000, indicators: int = 30, quarters: int = 12, seed: int = 1
) -> Path:
    rng = random.Random(seed)
    (out / "rules").mkdir(parents=True, exist_ok=True)
    (out / "submissions").mkdir(exist_ok=True)
    (out / "rules" / "indicators.yaml").write_text(catalogue(indicators), encoding="utf-8")
    (out / "plan.yaml").write_text(plan(units, indicators, quarters), encoding="utf-8")
    for quarter in range(quarters):
        year, index = START_YEAR + quarter // 4, quarter % 4 + 1
        lines = [
            "unit,period,indicator,value,submitted",
            *quarter_rows(units, indicators, quarter, rng),
        ]
        (out / "submissions" / f"{year}-Q{index}.csv").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--quarters", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.units, args.indicators, args.quarters, args.seed)
    shape = f"{args.units} units × {args.indicators} indicators × {args.quarters} quarters"
    print(f"wrote {args.out}: {shape}")


if __name__ == "__main__":
    main()
