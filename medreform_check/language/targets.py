"""Targets: what a value must satisfy, parsed from the ways plans write them.

``">= 3"``, ``{op: ">=", value: 3}``, ``不低于80%``, ``30%以内``, ``between 2 and 3``,
``increase``, ``较上年同期提升``, ``ratio 5:3:2 ± 5``, ``接近5:3:2``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from medreform_check.errors import ParseError
from medreform_check.language.magnitudes import rescale, split_magnitude
from medreform_check.language.values import finite, normalise, shown, split_unit
from medreform_check.vocabulary import format_number

COMPARISON_OPS = (">=", ">", "<=", "<", "==")
OPS = (*COMPARISON_OPS, "between", "increase", "decrease", "ratio")

TARGET_FORMS = (
    "'>= 3', '<= 30%', 'between 2 and 3', 'increase', 'decrease', 'ratio 5:3:2 ± 5', "
    "'不低于80%', '30%以内' or a mapping {op: '>=', value: 3}"
)


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed target. ``number`` for comparisons, ``low``/``high`` for between,
    ``parts``/``tolerance`` for ratio; ``unit`` is the unit written with the number."""

    op: str
    number: float | None = None
    low: float | None = None
    high: float | None = None
    parts: tuple[float, ...] = ()
    tolerance: float = 0.0
    unit: str = ""

    def __str__(self) -> str:
        if self.op in COMPARISON_OPS:
            assert self.number is not None
            return f"{self.op} {format_number(self.number, 6)}"
        if self.op == "between":
            assert self.low is not None and self.high is not None
            return f"between {format_number(self.low, 6)} and {format_number(self.high, 6)}"
        if self.op == "ratio":
            text = "ratio " + ":".join(format_number(p, 6) for p in self.parts)
            return f"{text} ± {format_number(self.tolerance, 6)}" if self.tolerance else text
        return self.op

    @property
    def needs_baseline(self) -> bool:
        return self.op in ("increase", "decrease")

    @property
    def projectable(self) -> bool:
        """Comparison and between targets can be judged on a trend line."""
        return self.op in COMPARISON_OPS or self.op == "between"

    def target_shares(self) -> tuple[float, ...]:
        total = sum(self.parts)
        return tuple(p * 100.0 / total for p in self.parts)

    def margin(self, value: float | Sequence[float], baseline: float | None = None) -> float | None:
        """How far ``value`` is on the good side of the target (negative: the bad side).

        ``value`` is a tuple of shares (percent, in the indicator's part order) for
        ratio targets; None when it cannot be judged (no baseline for a trend target).
        """
        if self.op == "ratio":
            assert isinstance(value, Sequence)
            worst = max(abs(v - t) for v, t in zip(value, self.target_shares(), strict=True))
            return self.tolerance - worst
        assert isinstance(value, (int, float))
        if self.op in (">=", ">"):
            assert self.number is not None
            return value - self.number
        if self.op in ("<=", "<"):
            assert self.number is not None
            return self.number - value
        if self.op == "==":
            assert self.number is not None
            return -abs(value - self.number)
        if self.op == "between":
            assert self.low is not None and self.high is not None
            return min(value - self.low, self.high - value)
        if baseline is None:
            return None
        return value - baseline if self.op == "increase" else baseline - value

    def meets(self, value: float | Sequence[float], baseline: float | None = None) -> bool:
        margin = self.margin(value, baseline)
        if margin is None:
            return False
        # Means and shares are computed in floating point: 3.0000000000000004 is 3.
        eps = 1e-9 * self._scale(value, baseline)
        if self.op in (">", "<", "increase", "decrease"):
            return margin > eps
        return margin >= -eps

    def _scale(self, value: float | Sequence[float], baseline: float | None) -> float:
        if isinstance(value, Sequence):
            return 100.0
        numbers = (value, self.number, self.low, self.high, baseline)
        return max(1.0, *(abs(n) for n in numbers if n is not None))


class TargetError(ParseError):
    """A target that cannot be parsed; the message says what was expected."""


# --- parsing -------------------------------------------------------------------------

_INCREASE = re.compile(
    r"^(?:increase|(?:逐年|持续|较上年(?:同期)?|同比)?(?:明显)?(?:提高|提升|上升|增长|增加))$"
)
_DECREASE = re.compile(
    r"^(?:decrease|(?:逐年|持续|较上年(?:同期)?|同比)?(?:明显)?(?:下降|降低|减少))$"
)
_SYMBOLS = {"≥": ">=", "≧": ">=", "≤": "<=", "≦": "<=", "=": "=="}
_SYMBOLIC = re.compile(r"^(>=|<=|==|=|>|<|≥|≤|≧|≦)\s*(.+)$")
_BETWEEN = re.compile(
    r"^(?:between\s+(?P<a>\S+)\s+and\s+(?P<b>\S+)"
    r"|(?:在|介于)?(?P<c>[^~至到和与]+?)\s*(?:~|至|到|和|与)\s*(?P<d>[^~至到和与]+?)(?:之间)?)$"
)
_RATIO = re.compile(
    r"^(?:ratio|接近|达到)?\s*(?P<parts>\d+(?:\.\d+)?(?:\s*:\s*\d+(?:\.\d+)?)+)"
    r"(?:\s*(?:±|\+/-|\+-)\s*(?P<tol>\d+(?:\.\d+)?)\s*(?:%|个百分点|pp)?)?$"
)
# Comparator words, longest first so 不低于 wins over 低于.
_PREFIXES: tuple[tuple[str, str | None], ...] = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("至少", ">="),
    ("提高到", ">="),
    ("提高至", ">="),
    ("提升到", ">="),
    ("提升至", ">="),
    ("达到", ">="),
    ("达", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不大于", "<="),
    ("不多于", "<="),
    ("至多", "<="),
    ("最多", "<="),
    ("降低到", "<="),
    ("降低至", "<="),
    ("降到", "<="),
    ("降至", "<="),
    ("超过", ">"),
    ("高于", ">"),
    ("大于", ">"),
    ("多于", ">"),
    ("低于", "<"),
    ("不满", "<"),
    ("不足", "<"),
    ("少于", "<"),
    ("小于", "<"),
    ("控制在", None),
    ("保持在", None),
    ("稳定在", None),
)
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("及以上", ">="),
    ("以上", ">="),
    ("及以下", "<="),
    ("以下", "<="),
    ("以内", "<="),
)


def _number(text: str) -> tuple[float, str]:
    digits, unit = split_unit(text)
    try:
        return finite(float(digits)), unit
    except (ValueError, OverflowError):
        raise TargetError(f"{shown(text)} is not a number") from None


def _mapping_target(raw: Mapping[str, object]) -> Target:
    op = raw.get("op")
    value = raw.get("value")
    if not isinstance(op, str):
        raise TargetError(f"target needs 'op', one of {', '.join(OPS)}")
    op = _SYMBOLS.get(op, op)
    if op in ("increase", "decrease"):
        return Target(op)
    if op in COMPARISON_OPS:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise TargetError(f"target '{op}' needs a number as 'value'")
        number, unit = _number(str(value))
        return Target(op, number=number, unit=unit)
    if op == "between":
        if not isinstance(value, list) or len(value) != 2:
            raise TargetError("target 'between' needs 'value: [low, high]'")
        (low, unit), (high, _) = (_number(str(v)) for v in value)
        return _between(low, high, unit)
    if op == "ratio":
        if not isinstance(value, list) or len(value) < 2:
            raise TargetError("target 'ratio' needs 'value: [5, 3, 2]' with two or more parts")
        parts = tuple(_number(str(v))[0] for v in value)
        tolerance = raw.get("tolerance", 0)
        if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float, str)):
            raise TargetError("ratio 'tolerance' must be a number of percentage points")
        return _ratio(parts, _number(str(tolerance))[0])
    raise TargetError(f"unknown target op '{op}' (expected one of {', '.join(OPS)})")


def _between(low: float, high: float, unit: str) -> Target:
    if low > high:
        span = f"between {format_number(low)} and {format_number(high)}"
        raise TargetError(f"{span}: the low end is above the high end")
    return Target("between", low=low, high=high, unit=unit)


def _ratio(parts: tuple[float, ...], tolerance: float) -> Target:
    if any(p < 0 for p in parts) or sum(parts) <= 0:
        raise TargetError("ratio parts must be positive")
    if tolerance < 0:
        raise TargetError("ratio tolerance cannot be negative")
    return Target("ratio", parts=parts, tolerance=tolerance)


def _phrase_target(text: str) -> Target:
    op: str | None = None
    prefix_op: str | None = None
    for word, word_op in _PREFIXES:
        if text.startswith(word):
            text, prefix_op = text[len(word) :].strip(), word_op
            break
    for word, word_op in _SUFFIXES:
        if text.endswith(word):
            text, op = text[: -len(word)].strip(), word_op
            break
    if prefix_op and op and prefix_op != op:
        raise TargetError(f"the comparison words disagree ({prefix_op} and {op})")
    op = op or prefix_op
    if op is None:
        raise TargetError(f"it has no comparison (expected {TARGET_FORMS})")
    number, unit = _number(text)
    return Target(op, number=number, unit=unit)


def parse_target(raw: object) -> Target:
    """Parse a target in string or mapping form; raises ``TargetError`` saying what was expected."""
    if isinstance(raw, Mapping):
        return _mapping_target(raw)
    if isinstance(raw, bool) or not isinstance(raw, str):
        raise TargetError(f"expected a target such as {TARGET_FORMS}")
    text = re.sub(r"\s+", " ", normalise(raw))
    text = re.sub(r"^(?:力争|争取)\s*", "", text)
    if not text:
        raise TargetError(f"empty target (expected {TARGET_FORMS})")
    lowered = text.lower()
    if _INCREASE.match(lowered):
        return Target("increase")
    if _DECREASE.match(lowered):
        return Target("decrease")
    match = _RATIO.match(lowered)
    if match:
        parts = tuple(float(p) for p in match.group("parts").split(":"))
        return _ratio(parts, float(match.group("tol") or 0))
    match = _SYMBOLIC.match(text)
    if match:
        number, unit = _number(match.group(2).strip())
        return Target(_SYMBOLS.get(match.group(1), match.group(1)), number=number, unit=unit)
    match = _BETWEEN.match(lowered)
    if match:
        a, b = (
            (match.group("a"), match.group("b"))
            if match.group("a")
            else (match.group("c"), match.group("d"))
        )
        try:
            (low, unit), (high, _) = _number(a), _number(b)
        except TargetError:  # e.g. 达到80%: 到 is not a range here
            pass
        else:
            return _between(low, high, unit)
    try:
        return _phrase_target(text)
    except TargetError as exc:
        raise TargetError(f"{shown(raw)} is not a target: {exc}") from None


# --- comparing two targets ------------------------------------------------------------

_INF = float("inf")
Interval = tuple[float, bool, float, bool]  # low, low included, high, high included


def _interval(target: Target) -> Interval | None:
    n = target.number
    if target.op == ">=" and n is not None:
        return (n, True, _INF, False)
    if target.op == ">" and n is not None:
        return (n, False, _INF, False)
    if target.op == "<=" and n is not None:
        return (-_INF, False, n, True)
    if target.op == "<" and n is not None:
        return (-_INF, False, n, False)
    if target.op == "==" and n is not None:
        return (n, True, n, True)
    if target.op == "between" and target.low is not None and target.high is not None:
        return (target.low, True, target.high, True)
    return None


def _contains(outer: Interval, inner: Interval) -> bool:
    low_ok = outer[0] < inner[0] or (outer[0] == inner[0] and (outer[1] or not inner[1]))
    high_ok = outer[2] > inner[2] or (outer[2] == inner[2] and (outer[3] or not inner[3]))
    return low_ok and high_ok


def compare_targets(old: Target, new: Target, better: str | None) -> str:
    """How ``new`` compares with ``old`` as a bar to clear: tighter, looser, same or different.

    Comparisons by the values they accept (accepting fewer is tighter); ``between`` and
    ``ratio`` by the width they accept, a same-width shift judged by the indicator's
    direction; a trend target against a number is simply different.
    """
    if str(old) == str(new):
        return "same"
    if old.op == "ratio" or new.op == "ratio":
        if old.op != new.op or len(old.parts) != len(new.parts):
            return "different"
        if any(
            abs(a - b) > 1e-9 for a, b in zip(old.target_shares(), new.target_shares(), strict=True)
        ):
            return "different"
        return (
            "tighter"
            if new.tolerance < old.tolerance
            else "looser"
            if new.tolerance > old.tolerance
            else "same"
        )
    before, after = _interval(old), _interval(new)
    if before is None or after is None:
        return "different"  # increase, decrease, or one of them against a number
    if old.op == "between" and new.op == "between":
        width_before, width_after = before[2] - before[0], after[2] - after[0]
        if width_after != width_before:
            return "tighter" if width_after < width_before else "looser"
        if better in ("higher", "lower"):
            up = after[0] > before[0]
            return "tighter" if up == (better == "higher") else "looser"
        return "different"
    if _contains(before, after):
        return "tighter"
    if _contains(after, before):
        return "looser"
    return "different"


def in_unit(target: Target, unit: str) -> Target | None:
    """``target`` with its numbers in ``unit`` (CONTRACT §1.1 "Magnitudes": ``1000万以上``
    for an indicator in 人 is ``>= 10000000``; ``500万元`` in 万元 is 500); None when its
    written unit cannot be converted (``元`` for 人, ``%`` for 级). Scaled exactly."""
    if not target.unit or target.unit == unit:
        return target
    factor, base = split_magnitude(target.unit)
    unit_factor, unit_base = split_magnitude(unit)
    if (factor == 1 and unit_factor == 1) or (base and base != unit_base):
        return None

    def scaled(number: float | None) -> float | None:
        if number is None:
            return None
        return float(rescale(Decimal(repr(number)), factor, unit_factor))

    return replace(
        target,
        number=scaled(target.number),
        low=scaled(target.low),
        high=scaled(target.high),
        unit=unit,
    )
