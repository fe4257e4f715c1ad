"""Targets in string, mapping and Chinese-phrase form, and when each is met."""

from __future__ import annotations

import pytest

from medreform_check.language.targets import Target, TargetError, parse_target


@pytest.mark.parametrize(
    ("text", "canonical", "unit"),
    [
        (">= 3", ">= 3", ""),
        ("> 3", "> 3", ""),
        ("<= 30", "<= 30", ""),
        ("< 30", "< 30", ""),
        ("== 100", "== 100", ""),
        ("≥ 3", ">= 3", ""),
        ("80%", None, None),
        ("不低于80%", ">= 80", "%"),
        ("80%以上", ">= 80", "%"),
        ("达到80%", ">= 80", "%"),
        ("超过80%", "> 80", "%"),
        ("不高于30%", "<= 30", "%"),
        ("30%以内", "<= 30", "%"),
        ("30%以下", "<= 30", "%"),
        ("低于30%", "< 30", "%"),
        ("不满30%", "< 30", "%"),
        ("８０％以上", ">= 80", "%"),
        ("80 %", None, None),
        ("达到3级", ">= 3", "级"),
        ("力争达到2级", ">= 2", "级"),
        ("控制在30%以内", "<= 30", "%"),
        ("between 2 and 3", "between 2 and 3", ""),
        ("2~3", "between 2 and 3", ""),
        ("介于2和3之间", "between 2 and 3", ""),
        ("increase", "increase", ""),
        ("较上年同期提升", "increase", ""),
        ("逐年提高", "increase", ""),
        ("decrease", "decrease", ""),
        ("持续下降", "decrease", ""),
        ("ratio 5:3:2 ± 5", "ratio 5:3:2 ± 5", ""),
        ("接近5:3:2", "ratio 5:3:2", ""),
        ("５：３：２ ± ５", "ratio 5:3:2 ± 5", ""),
    ],
)
def test_string_targets(text: str, canonical: str | None, unit: str | None) -> None:
    if canonical is None:
        with pytest.raises(TargetError, match="no comparison"):
            parse_target(text)
        return
    target = parse_target(text)
    assert str(target) == canonical
    assert target.unit == unit


@pytest.mark.parametrize(
    ("mapping", "canonical"),
    [
        ({"op": ">=", "value": 3}, ">= 3"),
        ({"op": "<", "value": "30%"}, "< 30"),
        ({"op": "between", "value": [2, 3]}, "between 2 and 3"),
        ({"op": "increase"}, "increase"),
        ({"op": "ratio", "value": [5, 3, 2], "tolerance": 5}, "ratio 5:3:2 ± 5"),
    ],
)
def test_mapping_targets(mapping: dict[str, object], canonical: str) -> None:
    assert str(parse_target(mapping)) == canonical


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("between 3 and 2", "low end is above"),
        ("达到80%以下", "disagree"),
        (">= lots", "not a number"),
        ({"op": "between", "value": 3}, "value: \\[low, high\\]"),
        ({"op": "almost", "value": 3}, "unknown target op"),
        ({"value": 3}, "needs 'op'"),
        (3, "expected a target"),
        ("", "empty target"),
        (">= 1e999", "not a number"),
    ],
)
def test_bad_targets(raw: object, message: str) -> None:
    with pytest.raises(TargetError, match=message):
        parse_target(raw)


class TestMeets:
    def test_comparisons_at_the_boundary(self) -> None:
        assert parse_target(">= 3").meets(3)
        assert not parse_target("> 3").meets(3)
        assert parse_target("<= 30").meets(30)
        assert not parse_target("< 30").meets(30)
        assert parse_target("== 100").meets(100)
        assert not parse_target("== 100").meets(99.99)

    def test_floating_point_noise_is_not_a_difference(self) -> None:
        mean = (2.9 + 3.1) / 2  # 3.0000000000000004 or 2.9999999999999996 depending on order
        assert parse_target(">= 3").meets(mean)
        assert parse_target("== 3").meets(sum([0.1] * 30))  # 3.0000000000000013
        assert not parse_target("> 3").meets(mean)

    def test_trend_targets_need_a_baseline(self) -> None:
        target = parse_target("increase")
        assert target.meets(31, baseline=30)
        assert not target.meets(30, baseline=30)
        assert not target.meets(31, baseline=None)
        assert parse_target("decrease").meets(29, baseline=30)

    def test_ratio_tolerance_is_inclusive(self) -> None:
        target = parse_target("ratio 5:3:2 ± 5")
        assert target.meets((45.0, 35.0, 20.0))
        assert target.meets((55.0, 25.0, 20.0))
        assert not target.meets((44.9, 35.1, 20.0))

    def test_ratio_without_tolerance_needs_the_exact_shares(self) -> None:
        target = parse_target("ratio 5:3:2")
        assert target.meets((50.0, 30.0, 20.0))
        assert not target.meets((50.5, 29.5, 20.0))

    def test_margin_says_how_far_on_which_side(self) -> None:
        assert Target(">=", number=80).margin(75) == -5
        assert Target("<=", number=30).margin(25) == 5
        assert Target("between", low=2, high=4).margin(3.5) == 0.5
