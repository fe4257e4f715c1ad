"""The YAML writer: every string loads back as itself, whatever YAML 1.1 would make of it."""

from __future__ import annotations

from datetime import date

import yaml
from hypothesis import given
from hypothesis import strategies as st

from medreform_check.draft.writer import comment, scalar


def test_strings_yaml_would_misread_are_quoted() -> None:
    for text in ("no", "yes", "on", "null", "~", "0012", "1_000", "1:10", "0x1F", ".inf", "2023"):
        assert scalar(text).startswith('"'), text
    assert scalar(date(2023, 9, 28)) == '"2023-09-28"'
    assert (
        scalar("- 一项") == '"- 一项"' and scalar("a: b") == '"a: b"' and scalar("x #y") == '"x #y"'
    )
    # Ordinary Chinese text, ids and deadline phrases stay plain.
    assert scalar("到2025年") == "到2025年" and scalar("unit-01") == "unit-01"
    assert scalar("ratio 5:3:2 ± 5") == "ratio 5:3:2 ± 5" and scalar(">= 3") == '">= 3"'


@given(st.text(max_size=40))
def test_any_string_round_trips(text: str) -> None:
    assert yaml.safe_load(f"key: {scalar(text)}\n") == {"key": text}


@given(st.text(max_size=40))
def test_a_comment_stays_on_its_line(text: str) -> None:
    loaded = yaml.safe_load(f"key: value  # {comment(text)}\nother: 1\n")
    assert loaded == {"key": "value", "other": 1}
