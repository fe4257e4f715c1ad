"""Magnitudes offices write before a unit: 千 (10³), 万 (10⁴), 亿 (10⁸) — `1000万`, `12.6万人`,
`1.2亿元` (CONTRACT §1.1 "Magnitudes"). Scaling is exact: decimal text times a power of ten,
never binary floating point (12.6万 is 126000, not 125999.99…)."""

from __future__ import annotations

from decimal import Decimal

MAGNITUDES: dict[str, int] = {"千": 10**3, "万": 10**4, "亿": 10**8}


def split_magnitude(unit: str) -> tuple[int, str]:
    """``万人`` → (10000, ``人``); ``万`` → (10000, ``""``); ``人`` or ``%`` → (1, the unit)."""
    unit = unit.strip()
    if unit[:1] in MAGNITUDES:
        return MAGNITUDES[unit[0]], unit[1:].strip()
    return 1, unit


def rescale(value: Decimal, from_factor: int, to_factor: int) -> Decimal:
    """``value`` counted in units of ``from_factor``, expressed in units of ``to_factor``:
    rescale(12.6, 10⁴, 1) is 126000; rescale(126000, 1, 10⁴) is 12.6."""
    return value * from_factor / to_factor
