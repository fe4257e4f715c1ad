"""The benchmark's data audited end to end, in each layout, against verdicts this test works
out on its own from the generated values (CONTRACT §2), not from the program's output.

As of 2025-06-30 every deadline of the 2023–2024 plan has passed, so each instance is met
(at its deadline), met late (by the as-of date) or missed; nobody is unreported.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from helpers import ROOT, run_cli

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import KINDS, START_YEAR, generate, indicator_ids, quarter_values, unit_ids

UNITS, INDICATORS, QUARTERS, SEED = 9, 6, 8, 3
AS_OF = date(2025, 6, 30)

Values = dict[str, dict[str, list[tuple[date, float]]]]  # indicator -> unit -> (as_of, value)


def quarter_end(quarter: int) -> date:
    year, index = START_YEAR + quarter // 4, quarter % 4 + 1
    return date(year, 3 * index, 30 if index in (2, 3) else 31)


def generated_values() -> Values:
    """The values generate() writes, drawn again from the same seeded generator."""
    rng = random.Random(SEED)
    values: Values = defaultdict(lambda: defaultdict(list))
    for quarter in range(QUARTERS):
        _, _, rows = quarter_values(UNITS, INDICATORS, quarter, rng)
        for unit, ident, value in rows:
            values[ident][unit].append((quarter_end(quarter), float(value)))
    return values


def latest(series: list[tuple[date, float]], upto: date) -> float | None:
    found = [v for day, v in series if day <= upto]
    return found[-1] if found else None


def at_least(value: float, target: float) -> bool:
    return value >= target - 1e-9 * max(1.0, abs(target))  # equal to 1 part in 10⁹


def status(met_at_deadline: bool, met_now: bool) -> str:
    return "met" if met_at_deadline else "met_late" if met_now else "missed"


def expected_statuses() -> dict[tuple[str, str], str]:
    """(task, deadline) -> status, from the plan generate() writes (see plan() there)."""
    values, units = generated_values(), unit_ids(UNITS)
    years = (QUARTERS + 3) // 4
    end = date(START_YEAR + years - 1, 12, 31)
    expected: dict[tuple[str, str], str] = {}
    for k, ident in enumerate(indicator_ids(INDICATORS)):
        kind, task, series = KINDS[k % len(KINDS)], f"task-{ident}", values[ident]

        def each(upto: date, series: dict[str, list[tuple[date, float]]] = series) -> list[float]:
            found = [latest(series[u], upto) for u in units]
            assert None not in found  # every unit reports every quarter
            return [v for v in found if v is not None]

        if kind == "rate":  # mean >= 60 + 5y at the end of each year y (stages)
            for y in range(years):
                deadline, target = date(START_YEAR + y, 12, 31), 60 + 5 * y
                mean_then, mean_now = (sum(each(t)) / UNITS for t in (deadline, AS_OF))
                met = (at_least(mean_then, target), at_least(mean_now, target))
                expected[task, deadline.isoformat()] = status(*met)
        elif kind == "level":  # min >= 2 by the end
            met = (at_least(min(each(end)), 2), at_least(min(each(AS_OF)), 2))
            expected[task, end.isoformat()] = status(*met)
        elif kind == "count":  # every unit's count summed over each year >= 2
            for y in range(years):
                deadline = date(START_YEAR + y, 12, 31)
                sums = [sum(v for d, v in series[u] if d.year == START_YEAR + y) for u in units]
                met_year = all(
                    at_least(s, 2) for s in sums
                )  # the same at D: the window is the year
                expected[task, deadline.isoformat()] = status(met_year, met_year)
        else:  # the sum decreases against the sum a year earlier, by the end

            def below_a_year_earlier(t: date) -> bool:
                a_year_before = date(t.year - 1, t.month, t.day)
                return sum(each(t)) < sum(each(a_year_before))

            met = (below_a_year_earlier(end), below_a_year_earlier(AS_OF))
            expected[task, end.isoformat()] = status(*met)
    return expected


@pytest.mark.parametrize("layout", ["files", "single"])
def test_the_generated_data_audits_to_the_verdicts_worked_out_here(
    layout: str, tmp_path: Path
) -> None:
    data = generate(tmp_path / layout, UNITS, INDICATORS, QUARTERS, SEED, layout=layout)
    result = run_cli(
        ["audit", str(data / "plan.yaml"), "-s", str(data / "submissions"), "--rules",
         str(data / "rules"), "--as-of", AS_OF.isoformat(), "--format", "json",
         "--fail-on", "none"]
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["rejected"] == []
    found = {(r["task"], r["deadline"]): r["status"] for r in report["results"]}
    expected = expected_statuses()
    assert found == expected
    assert len(set(expected.values())) >= 2  # the data is not all one verdict
