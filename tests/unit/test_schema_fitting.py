"""The compiled schema check says a document fits exactly when jsonschema finds nothing wrong
with it: drawn as the shipped files, each broken in a few random places (a key dropped or
added, a value of another type, a list emptied or repeating an item, text that breaks a
pattern), and as random values."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medreform_check.loading.yamldoc import load_yaml
from medreform_check.schemas.definitions import KINDS, schema_for
from medreform_check.schemas.fitting import compile_schema
from medreform_check.schemas.validation import violations

from helpers import ROOT

SEEDS: dict[str, Path] = {
    "plan": ROOT / "plans" / "alxa-hitech-2023-2025.yaml",
    "indicators": ROOT / "rules" / "indicators.yaml",
    "checks": ROOT / "rules" / "checks.yaml",
    "submission": ROOT / "examples" / "submissions" / "2024-Q2" / "general-hospital.yaml",
}
TEXT = st.sampled_from(
    ["", " ", "x", "A b", "emr_level", "2024-13-01", "2024-06-30", "-bad", "是", "1"]
)
VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-3, max_value=3000),
        st.floats(min_value=-1e3, max_value=1e16, allow_nan=False),
        st.just(2.0),
        TEXT,
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=6,
)


def _jsonschema_fits(data: Any, kind: str) -> bool:
    from jsonschema import Draft202012Validator

    return not any(Draft202012Validator(schema_for(kind)).iter_errors(data))


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for k, value in enumerate(node):
            found += _places(value, (*path, k))
    return found


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


@st.composite
def broken(draw: st.DrawFn, kind: str) -> Any:
    seed = load_yaml(SEEDS[kind]).data
    data = copy.deepcopy(seed)
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        places = _places(data)
        path = draw(st.sampled_from(places))
        if not path:
            continue
        parent, last = _at(data, path[:-1]), path[-1]
        how = draw(st.sampled_from(["drop", "replace", "add", "empty", "repeat", "shorten"]))
        if how == "drop":
            del parent[last]
        elif how == "replace":
            parent[last] = draw(VALUES)
        elif how == "add" and isinstance(parent, dict):
            parent[draw(TEXT)] = draw(VALUES)
        elif how == "empty":
            parent[last] = (
                type(parent[last])() if isinstance(parent[last], list | dict | str) else None
            )
        elif how == "repeat" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif how == "shorten" and isinstance(parent[last], str):
            parent[last] = parent[last][:1]
    return data


@pytest.mark.parametrize("kind", KINDS)
def test_every_schema_is_compiled(kind: str) -> None:
    assert compile_schema(schema_for(kind)) is not None


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_broken_file_fits_exactly_when_jsonschema_finds_nothing(
    kind: str, data: st.DataObject
) -> None:
    document = data.draw(broken(kind))
    fits = compile_schema(schema_for(kind))
    assert fits is not None
    assert fits(document) == _jsonschema_fits(document, kind)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=60, deadline=None)
@given(value=VALUES)
def test_any_value_fits_exactly_when_jsonschema_finds_nothing(kind: str, value: Any) -> None:
    fits = compile_schema(schema_for(kind))
    assert fits is not None
    assert fits(value) == _jsonschema_fits(value, kind)


def test_a_file_that_fits_is_not_shown_to_jsonschema_and_one_that_does_not_is() -> None:
    plan = load_yaml(SEEDS["plan"]).data
    assert violations(plan, "plan") == []
    broken_plan = copy.deepcopy(plan)
    broken_plan["tasks"][0]["deadlin"] = "2024"
    assert [v.message for v in violations(broken_plan, "plan")] == [
        "unknown key 'deadlin' (did you mean 'deadline'?)"
    ]


def test_keywords_it_does_not_know_leave_the_schema_to_jsonschema() -> None:
    assert compile_schema({"$ref": "#/$defs/x"}) is None
    assert (
        compile_schema(
            {"type": "object", "patternProperties": {"^a": {}}, "additionalProperties": False}
        )
        is None
    )
    assert compile_schema({"items": {"multipleOf": 2}}) is None
