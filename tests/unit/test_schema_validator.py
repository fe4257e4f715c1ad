"""Our schema validator reports what jsonschema reports, at the same places.

Documents are generated around the shape of each schema (the right keys with values of
every JSON type, plus stray keys), so every keyword is exercised on both sides.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from medreform_check.schema_validator import iter_errors
from medreform_check.schemas import KINDS, schema_for

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(-2, 2, allow_nan=False).filter(lambda f: f != int(f)),
    st.sampled_from(
        [
            "",
            "x",
            "a-b",
            "Bad Id",
            "2024-05-31",
            ">= 3",
            "required",
            "rate",
            "composition",
            "level",
            "count",
            "higher",
            "mean",
            "year",
            "error",
            "warning",
            "1.0",
        ]
    ),
)


def shaped(schema: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values that mostly follow ``schema`` and sometimes do not."""
    if depth > 4 or not isinstance(schema, dict):
        return SCALARS
    options: list[st.SearchStrategy[Any]] = [SCALARS]
    if "enum" in schema:
        options.append(st.sampled_from(schema["enum"]))
    if "const" in schema:
        options.append(st.just(schema["const"]))
    props = schema.get("properties")
    if props:
        keys = list(props)

        def build(
            chosen: list[str], extra: dict[str, Any], values: dict[str, Any]
        ) -> dict[str, Any]:
            return {**{k: values[k] for k in chosen}, **extra}

        values = st.fixed_dictionaries({k: shaped(props[k], depth + 1) for k in keys})
        options.append(
            st.builds(
                build,
                st.lists(st.sampled_from(keys), unique=True),
                st.dictionaries(st.sampled_from(["extra", "bad key", "x1"]), SCALARS, max_size=1),
                values,
            )
        )
    additional = schema.get("additionalProperties")
    if isinstance(additional, dict):
        options.append(
            st.dictionaries(
                st.sampled_from(["ok", "bad key", "emr_level"]),
                shaped(additional, depth + 1),
                max_size=2,
            )
        )
    if "items" in schema:
        options.append(st.lists(shaped(schema["items"], depth + 1), max_size=3))
    for part in schema.get("anyOf", []) + schema.get("allOf", []):
        options.append(shaped(part, depth + 1))
    return st.one_of(options)


def ours(kind: str, document: Any) -> Counter[tuple[Any, ...]]:
    found: Counter[tuple[Any, ...]] = Counter()
    for e in iter_errors(schema_for(kind), document):
        # jsonschema reports one `required` error per missing key, and the key itself for
        # propertyNames; compare on what both say: where, and which keyword.
        keyword = "propertyNames" if e.in_property_names else e.validator
        found[(e.path, keyword)] += 1
    return found


def theirs(kind: str, document: Any) -> Counter[tuple[Any, ...]]:
    found: Counter[tuple[Any, ...]] = Counter()
    for e in Draft202012Validator(schema_for(kind)).iter_errors(document):
        keyword = "propertyNames" if "propertyNames" in e.absolute_schema_path else e.validator
        found[(tuple(e.absolute_path), keyword)] += 1
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_same_violations_as_jsonschema(kind: str) -> None:
    @settings(
        max_examples=300,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(shaped(schema_for(kind)))
    def check(document: Any) -> None:
        assert ours(kind, document) == theirs(kind, document)

    check()


def test_an_unsupported_keyword_is_refused_not_ignored() -> None:
    with pytest.raises(ValueError, match="not supported: maximum"):
        list(iter_errors({"maximum": 3}, 5))
