"""The demo's outputs stay exactly as stored, in every format and language: a redesign of the
code must not change what users get. An intended change regenerates them
(`python tests/golden/cases.py`) and the diff is read in review."""

from __future__ import annotations

import pytest
from cases import cases, stored

CASES = dict(cases())


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_unchanged(name: str) -> None:
    assert CASES[name]() == stored(name).read_bytes().decode("utf-8")
