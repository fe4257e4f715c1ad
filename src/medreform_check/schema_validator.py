"""A JSON Schema (Draft 2020-12) validator for exactly the keywords our schemas use.

Why not jsonschema at run time: importing it costs ~35 ms, more than checking a plan, and
every command starts with a schema check. This module implements the keywords in
``schemas.py`` (type, enum, const, pattern, minimum, minLength, minItems, uniqueItems,
properties, additionalProperties, propertyNames, required, items, anyOf, allOf, if/then/
else) with jsonschema's semantics; ``tests/unit/test_schema_validator.py`` checks that
both report the same violations at the same places on thousands of generated documents.
An unknown keyword is an error here, so a schema cannot quietly outgrow this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

# Keywords that describe rather than constrain.
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "x-expected"})
_HANDLED = frozenset(
    {
        "type", "enum", "const", "pattern", "minimum", "minLength", "minItems", "uniqueItems",
        "properties", "additionalProperties", "propertyNames", "required", "items", "anyOf",
        "allOf", "if", "then", "else",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SchemaError:
    """One violation, with the parts of jsonschema's ValidationError that messages use."""

    validator: str  # the keyword that failed
    validator_value: Any
    instance: Any
    schema: Mapping[str, Any]  # the (sub)schema holding the keyword
    path: tuple[Any, ...]  # where in the data
    in_property_names: bool = False  # the instance is a mapping key, checked by propertyNames


def _is_type(instance: Any, name: str) -> bool:
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "string":
        return isinstance(instance, str)
    if name == "boolean":
        return isinstance(instance, bool)
    if name == "null":
        return instance is None
    if isinstance(instance, bool) or not isinstance(instance, (int, float)):
        return False
    return name == "number" or (name == "integer" and float(instance).is_integer())


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def is_valid(schema: Mapping[str, Any], instance: Any) -> bool:
    return next(iter_errors(schema, instance), None) is None


def iter_errors(
    schema: Mapping[str, Any], instance: Any, path: tuple[Any, ...] = (), keys: bool = False
) -> Iterator[SchemaError]:
    """Every violation of ``schema`` by ``instance`` (found at ``path`` in the document)."""
    unknown = set(schema) - _HANDLED - _ANNOTATIONS
    if unknown:
        raise ValueError(f"schema keyword(s) not supported: {', '.join(sorted(unknown))}")

    def error(keyword: str) -> SchemaError:
        return SchemaError(keyword, schema[keyword], instance, schema, path, keys)

    if "type" in schema:
        wanted = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(instance, t) for t in wanted):
            yield error("type")
    if "enum" in schema and not any(_equal(instance, v) for v in schema["enum"]):
        yield error("enum")
    if "const" in schema and not _equal(instance, schema["const"]):
        yield error("const")
    if isinstance(instance, str):
        if "pattern" in schema and not _regex(schema["pattern"]).search(instance):
            yield error("pattern")
        if "minLength" in schema and len(instance) < schema["minLength"]:
            yield error("minLength")
    if _is_type(instance, "number") and "minimum" in schema and instance < schema["minimum"]:
        yield error("minimum")
    if isinstance(instance, list):
        yield from _array(schema, instance, path, error)
    if isinstance(instance, dict):
        yield from _object(schema, instance, path, error)
    if "anyOf" in schema and not any(is_valid(option, instance) for option in schema["anyOf"]):
        yield error("anyOf")
    for part in schema.get("allOf", ()):
        yield from iter_errors(part, instance, path, keys)
    if "if" in schema:
        branch = "then" if is_valid(schema["if"], instance) else "else"
        if branch in schema:
            yield from iter_errors(schema[branch], instance, path, keys)


def _array(
    schema: Mapping[str, Any], instance: list[Any], path: tuple[Any, ...], error: Any
) -> Iterator[SchemaError]:
    if "minItems" in schema and len(instance) < schema["minItems"]:
        yield error("minItems")
    if schema.get("uniqueItems") and any(
        _equal(a, b) for k, a in enumerate(instance) for b in instance[k + 1 :]
    ):
        yield error("uniqueItems")
    if "items" in schema:
        for index, item in enumerate(instance):
            yield from iter_errors(schema["items"], item, (*path, index))


def _object(
    schema: Mapping[str, Any], instance: dict[Any, Any], path: tuple[Any, ...], error: Any
) -> Iterator[SchemaError]:
    properties = schema.get("properties", {})
    for name in schema.get("required", ()):
        if name not in instance:
            yield SchemaError("required", name, instance, schema, path)
    for name, value in instance.items():
        if name in properties:
            yield from iter_errors(properties[name], value, (*path, name))
    extra = [name for name in instance if name not in properties]
    additional = schema.get("additionalProperties", True)
    if extra and additional is False:
        yield error("additionalProperties")
    elif extra and isinstance(additional, dict):
        for name in extra:
            yield from iter_errors(additional, instance[name], (*path, name))
    if "propertyNames" in schema:
        for name in instance:
            yield from iter_errors(schema["propertyNames"], name, path, keys=True)
