"""The pace line itself: which instances have one, and where it runs."""

from __future__ import annotations

from medreform_check.engine.instances import instances_of
from medreform_check.engine.pace import PaceLine, behind_pace, pace_line
from medreform_check.model import Baseline, Task

from helpers import d, plan, task

BASE = Baseline(50, d("2023-12-31"))


def _lines(t: Task) -> list[PaceLine | None]:
    p = plan(t)
    return [pace_line(i) for i in instances_of(p.tasks[0], p, d("2025-12-31"))]


def test_no_line_for_every_increase_or_a_baseline_on_the_deadline() -> None:
    yearly = task(indicator="meetings", target=">= 1", every="year", baseline=BASE)
    assert _lines(yearly) == [None, None, None]  # 2023, 2024, 2025
    assert _lines(task(indicator="rate", target="increase", deadline="2024-12-31",
                       baseline=BASE)) == [None]  # fmt: skip
    on_deadline = Baseline(50, d("2024-12-31"))
    assert _lines(task(indicator="rate", target=">= 90", deadline="2024-12-31",
                       baseline=on_deadline)) == [None]  # fmt: skip


def test_a_stage_after_a_between_stage_has_no_start() -> None:
    t = task(indicator="rate", stages=[("2024-06-30", "between 60 and 70"),
                                       ("2025-12-31", ">= 90")], baseline=BASE)  # fmt: skip
    assert _lines(t) == [None, None]  # stage 1 is not a comparison; stage 2 has no start


def test_an_exact_target_is_approached_from_either_side() -> None:
    up = task(indicator="rate", target="== 90", deadline="2024-12-31", baseline=BASE)
    (line,) = _lines(up)
    assert line is not None and line.rising
    # Half way (2024-07-01 is 183 of 366 days): 50 + 40 × 183 / 366 = 70; 69 is behind.
    assert behind_pace(line, d("2024-07-01"), 69) == 70
    assert behind_pace(line, d("2024-07-01"), 71) is None
    down = task(indicator="rate", target="== 10", deadline="2024-12-31", baseline=BASE)
    (falling,) = _lines(down)
    assert falling is not None and not falling.rising
    there = task(indicator="rate", target="== 50", deadline="2024-12-31", baseline=BASE)
    assert _lines(there) == [None]


def test_the_line_says_nothing_outside_its_span() -> None:
    t = task(indicator="rate", target=">= 90", deadline="2024-12-31", baseline=BASE)
    (line,) = _lines(t)
    assert line is not None
    assert behind_pace(line, d("2023-12-30"), 0) is None
    assert behind_pace(line, d("2023-12-31"), 49) == 50
    assert behind_pace(line, d("2024-12-31"), 89) == 90
