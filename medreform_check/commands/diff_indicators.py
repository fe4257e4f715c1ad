"""What an unchanged target comes to ask when its indicator changes (for ``diff``).

A target is written in its indicator's unit: `>= 1000` under 万人 asks for ten million
people, under 人 for a thousand. So targets are compared in the unit without its magnitude
(千/万/亿 scaled out exactly), each under the indicator it had: the same target re-expressed
in another magnitude (`1000万人` under 人, `1000` under 万人) is no change, and an indicator
moved from 万人 to 人 under an unchanged `>= 1000` relaxes every task that uses it. Bounds cut
what a target accepts (a rate's `>= 80` accepts 80–100; with `max: 200`, 80–200: more), and
`better` says which way a one-sided target pushes: a `<= 30` on a lower-is-better share asks
for improvement; once the share is higher-is-better the same text caps it instead, and asks
for nothing better (a relaxation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal

from medreform_check.language.magnitudes import rescale, split_magnitude
from medreform_check.language.targets import COMPARISON_OPS, Target, compare_targets
from medreform_check.model import Indicator

Verdict = str  # "tighter", "looser", "same" or "different", as compare_targets says
_INF = float("inf")


def in_base_unit(target: Target, indicator: Indicator | None) -> tuple[Target, str]:
    """``target`` with its numbers in the unit without a magnitude, and that unit: a number
    is in the unit written with it, else in the indicator's."""
    written = target.unit or (indicator.unit if indicator is not None else "")
    factor, base = split_magnitude(written) if written else (1, "")
    if factor == 1 or target.op not in (*COMPARISON_OPS, "between"):
        return target, base

    def scaled(number: float | None) -> float | None:
        if number is None:
            return None
        return float(rescale(Decimal(repr(number)), factor, 1))

    return replace(
        target, number=scaled(target.number), low=scaled(target.low), high=scaled(target.high)
    ), base


def compare_in_base(
    old: Target, old_indicator: Indicator | None, new: Target, new_indicator: Indicator | None
) -> Verdict:
    """How ``new`` (under ``new_indicator``) compares with ``old`` (under its own), in
    values of the same unit; targets in different units are simply different."""
    before, old_unit = in_base_unit(old, old_indicator)
    after, new_unit = in_base_unit(new, new_indicator)
    if old_unit != new_unit and before.op in (*COMPARISON_OPS, "between"):
        return "different"
    better = new_indicator.better if new_indicator is not None else None
    return compare_targets(before, after, better)


def _accepted(target: Target, indicator: Indicator) -> tuple[float, float] | None:
    """The values ``target`` accepts that the indicator's bounds let a unit report."""
    n = target.number
    if target.op in (">=", ">") and n is not None:
        low, high = n, _INF
    elif target.op in ("<=", "<") and n is not None:
        low, high = -_INF, n
    elif target.op == "==" and n is not None:
        low = high = n
    elif target.op == "between" and target.low is not None and target.high is not None:
        low, high = target.low, target.high
    else:
        return None
    floor, ceiling = indicator.bounds
    factor = split_magnitude(indicator.unit)[0] if indicator.unit else 1
    floor = -_INF if floor is None else floor * factor
    ceiling = _INF if ceiling is None else ceiling * factor
    return max(low, floor), min(high, ceiling)


def compare_bounds(target: Target, old: Indicator, new: Indicator) -> Verdict:
    """What an unchanged ``target`` accepts under the old bounds and under the new."""
    scaled_old, scaled_new = in_base_unit(target, old)[0], in_base_unit(target, new)[0]
    before, after = _accepted(scaled_old, old), _accepted(scaled_new, new)
    if before is None or after is None or before == after:
        return "same"
    if after[0] <= before[0] and after[1] >= before[1]:
        return "looser"
    if after[0] >= before[0] and after[1] <= before[1]:
        return "tighter"
    return "different"


def direction(target: Target, better: str | None) -> int:
    """1 when a one-sided target asks for better values, -1 for worse, 0 for neither."""
    up = target.op in (">=", ">", "increase")
    down = target.op in ("<=", "<", "decrease")
    if better not in ("higher", "lower") or not (up or down):
        return 0
    return 1 if up == (better == "higher") else -1


def compare_direction(target: Target, old: Indicator, new: Indicator) -> Verdict:
    before, after = direction(target, old.better), direction(target, new.better)
    return "same" if before == after else "looser" if after < before else "tighter"


def indicator_verdicts(
    targets: list[tuple[Target, Target]], old: Indicator, new: Indicator
) -> Iterator[tuple[str, Verdict]]:
    """For targets written the same in both plans: what a change of the indicator's unit or
    magnitude, bounds or direction did to them, per aspect (worst verdict first)."""
    aspects: tuple[tuple[str, bool, Callable[[Target, Target], Verdict]], ...] = (
        ("indicator unit", old.unit != new.unit, lambda o, n: compare_in_base(o, old, n, new)),
        ("indicator bounds", old.bounds != new.bounds, lambda o, n: compare_bounds(o, old, new)),
        ("indicator better", old.better != new.better, lambda o, n: compare_direction(o, old, new)),
    )
    for aspect, changed, compare in aspects:
        if not changed:
            continue
        verdicts = {compare(before, after) for before, after in targets}
        for verdict in ("looser", "tighter", "different"):
            if verdict in verdicts:
                yield aspect, verdict
                break
