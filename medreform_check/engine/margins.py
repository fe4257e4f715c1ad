"""Many units judged against one target at once: ``Target.margin`` and ``Target.meets`` over a
list of values, in C, with the same floating-point operations in the same order.

An `all` or `any` task of a province judges two thousand units at every date the engine
looks at; one call per unit and target costs more than everything else about that date.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from operator import abs as absolute
from operator import ge, gt, mul, neg, sub

from medreform_check.language.targets import Target


def unit_margins(target: Target, values: Sequence[float]) -> tuple[list[float], list[bool]] | None:
    """Each value's margin over ``target`` and whether it meets it — what ``target.margin``
    and ``target.meets`` give value by value — for comparison and ``between`` targets; None
    for the others (a trend needs each unit's baseline, a ratio its shares)."""
    op, number, low, high = target.op, target.number, target.low, target.high
    if op in (">=", ">") and number is not None:
        margins = list(map(sub, values, repeat(number)))
    elif op in ("<=", "<") and number is not None:
        margins = list(map(sub, repeat(number), values))
    elif op == "==" and number is not None:
        margins = list(map(neg, map(absolute, map(sub, values, repeat(number)))))
    elif op == "between" and low is not None and high is not None:
        margins = list(map(min, map(sub, values, repeat(low)), map(sub, repeat(high), values)))
    else:
        return None
    # Target._scale: the largest of 1, the value and the target's numbers (max is exact).
    fixed = max(1.0, *(abs(n) for n in (number, low, high) if n is not None))
    slack = list(map(mul, repeat(1e-9), map(max, repeat(fixed), map(absolute, values))))
    if op in (">", "<"):
        return margins, list(map(gt, margins, slack))
    return margins, list(map(ge, margins, map(neg, slack)))
