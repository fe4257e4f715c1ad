"""The fast JSON writer writes exactly what ``json.dumps(value, ensure_ascii=False, indent=2)``
writes, whatever the value (it lays lists of strings and lists of like mappings out its own way,
so those are drawn often)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medreform_check.render.json_text import dumps

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.sampled_from('ab"\\\n\t\x00é中{}:, \u2028'), max_size=6),
)
KEYS = st.one_of(
    st.text(alphabet=st.sampled_from('ab"{}\\中 '), max_size=4),
    st.integers(min_value=-5, max_value=5),
    st.floats(allow_nan=False, width=32),
    st.booleans(),
    st.none(),
)


def _records(values: st.SearchStrategy[Any]) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Lists of mappings with the same keys (sometimes one differs), long enough to be laid
    out column by column."""

    @st.composite
    def build(draw: st.DrawFn) -> list[dict[str, Any]]:
        keys = draw(
            st.lists(st.text(alphabet="ab{}中", max_size=3), min_size=1, max_size=4, unique=True)
        )
        count = draw(st.integers(min_value=0, max_value=12))
        rows = [{k: draw(values) for k in keys} for _ in range(count)]
        if rows and draw(st.booleans()):
            rows[draw(st.integers(min_value=0, max_value=len(rows) - 1))]["other"] = 1
        return rows

    return build()


VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(st.text(max_size=3), max_size=12),
        st.tuples(inner, inner),
        st.dictionaries(KEYS, inner, max_size=4),
        _records(inner),
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_the_text_is_what_json_dumps_writes(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_json_cannot_write_is_refused_as_json_refuses_it() -> None:
    with pytest.raises(TypeError):
        json.dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({(1, 2): "tuple key"})


def test_a_long_list_of_like_mappings_is_laid_out_as_json_lays_it_out() -> None:
    rows = [
        {"unit": f"u{k}", "due": k, "submitted": None if k % 2 else "2024-07-05"} for k in range(30)
    ]
    nested = {"reporting": rows, "units": [f"u{k}" for k in range(30)], "empty": [], "map": {}}
    assert dumps(nested) == json.dumps(nested, ensure_ascii=False, indent=2)
