"""Magnitudes (千, 万, 亿) split from units and scaled exactly."""

from __future__ import annotations

from decimal import Decimal

from medreform_check.language.magnitudes import rescale, split_magnitude


def test_a_unit_may_carry_a_magnitude() -> None:
    assert split_magnitude("万人") == (10_000, "人")
    assert split_magnitude("亿元") == (100_000_000, "元")
    assert split_magnitude("千") == (1_000, "")
    assert split_magnitude("人") == (1, "人")
    assert split_magnitude("%") == (1, "%")


def test_scaling_is_exact() -> None:
    assert rescale(Decimal("12.6"), 10_000, 1) == Decimal("126000")
    assert rescale(Decimal("126000"), 1, 10_000) == Decimal("12.6")
    assert float(rescale(Decimal("0.1"), 100_000_000, 10_000)) == 1000.0
