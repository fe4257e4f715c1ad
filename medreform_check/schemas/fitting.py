"""Whether a document fits its schema, answered fast: the schema compiled once into plain
Python checks, for the keywords our schemas use, with jsonschema's meaning of each.

Most documents fit (a plan in CI, every run of ``audit``); only one that does not needs
jsonschema's account of why — so jsonschema is imported, and its validator built, only then.
A province's plan (two thousand units) is checked in a hundredth of jsonschema's time, and
``validate`` of a valid plan never imports jsonschema at all.

The answer is exactly jsonschema's (Draft 2020-12, no format assertions): ``fits`` is true
if and only if ``Draft202012Validator(schema).iter_errors(data)`` yields nothing. A schema
with a keyword this module does not know is not compiled (``compile_schema`` returns None)
and every document of it goes to jsonschema. A property test holds the two together.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Check = Callable[[Any], bool]

# Keywords that describe and never reject (jsonschema asserts no format unless asked to).
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "examples", "default", "format",
     "deprecated", "readOnly", "writeOnly", "then", "else"}
)  # fmt: skip


class _Unknown(Exception):
    """A keyword this module does not compile."""


def compile_schema(schema: Any) -> Check | None:
    """The check for ``schema``, or None when it uses a keyword not compiled here."""
    try:
        return _compile(schema)
    except _Unknown:
        return None


def _always(instance: Any) -> bool:
    return True


def _never(instance: Any) -> bool:
    return False


def _compile(schema: Any) -> Check:
    if schema is True:
        return _always
    if schema is False:
        return _never
    if not isinstance(schema, Mapping):
        raise _Unknown
    checks = []
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        make = _KEYWORDS.get(keyword)
        if make is None:
            raise _Unknown
        checks.append(make(value, schema))
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    return lambda instance: all(check(instance) for check in checks)


# --- what jsonschema calls a type (Draft 2020-12) ----------------------------------------


def _is_number(instance: Any) -> bool:
    return isinstance(instance, numbers.Number) and not isinstance(instance, bool)


def _is_integer(instance: Any) -> bool:
    if isinstance(instance, bool):
        return False
    return isinstance(instance, int) or (isinstance(instance, float) and instance.is_integer())


_TYPES: dict[str, Check] = {
    "object": lambda instance: isinstance(instance, dict),
    "array": lambda instance: isinstance(instance, list),
    "string": lambda instance: isinstance(instance, str),
    "number": _is_number,
    "integer": _is_integer,
    "boolean": lambda instance: isinstance(instance, bool),
    "null": lambda instance: instance is None,
}


def _equal(one: Any, two: Any) -> bool:
    """jsonschema's equality: True is not 1, and containers compare item by item so."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(_equal(i, j) for i, j in zip(one, two, strict=True))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(
            key in two and _equal(value, two[key]) for key, value in one.items()
        )
    return bool(_unbool(one) == _unbool(two))


_TRUE, _FALSE = object(), object()


def _unbool(value: Any) -> Any:
    return _TRUE if value is True else _FALSE if value is False else value


def _unique(items: list[Any]) -> bool:
    if all(isinstance(item, str) for item in items):
        return len(set(items)) == len(items)
    seen: list[Any] = []
    for item in items:
        if any(_equal(other, item) for other in seen):
            return False
        seen.append(item)
    return True


# --- the keywords --------------------------------------------------------------------------


def _type(value: Any, schema: Mapping[str, Any]) -> Check:
    names = value if isinstance(value, list) else [value]
    if not all(isinstance(name, str) and name in _TYPES for name in names):
        raise _Unknown
    tests = [_TYPES[name] for name in names]
    if len(tests) == 1:
        return tests[0]
    return lambda instance: any(test(instance) for test in tests)


def _properties(value: Any, schema: Mapping[str, Any]) -> Check:
    named = [(name, _compile(sub)) for name, sub in value.items()]

    def check(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        return all(fits(instance[name]) for name, fits in named if name in instance)

    return check


def _additional(value: Any, schema: Mapping[str, Any]) -> Check:
    if "patternProperties" in schema:
        raise _Unknown
    named = set(schema.get("properties", {}))
    extra = _compile(value)

    def check(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        return all(extra(instance[key]) for key in instance if key not in named)

    return check


def _required(value: Any, schema: Mapping[str, Any]) -> Check:
    names = list(value)
    return lambda instance: not isinstance(instance, dict) or all(n in instance for n in names)


def _enum(value: Any, schema: Mapping[str, Any]) -> Check:
    options = list(value)
    return lambda instance: any(_equal(option, instance) for option in options)


def _const(value: Any, schema: Mapping[str, Any]) -> Check:
    return lambda instance: _equal(instance, value)


def _pattern(value: Any, schema: Mapping[str, Any]) -> Check:
    search = re.compile(value).search
    return lambda instance: not isinstance(instance, str) or search(instance) is not None


def _min_length(value: Any, schema: Mapping[str, Any]) -> Check:
    return lambda instance: not isinstance(instance, str) or len(instance) >= value


def _max_length(value: Any, schema: Mapping[str, Any]) -> Check:
    return lambda instance: not isinstance(instance, str) or len(instance) <= value


def _minimum(value: Any, schema: Mapping[str, Any]) -> Check:
    return lambda instance: not _is_number(instance) or not instance < value


def _maximum(value: Any, schema: Mapping[str, Any]) -> Check:
    return lambda instance: not _is_number(instance) or not instance > value


def _min_items(value: Any, schema: Mapping[str, Any]) -> Check:
    return lambda instance: not isinstance(instance, list) or len(instance) >= value


def _max_items(value: Any, schema: Mapping[str, Any]) -> Check:
    return lambda instance: not isinstance(instance, list) or len(instance) <= value


def _unique_items(value: Any, schema: Mapping[str, Any]) -> Check:
    if not value:
        return _always
    return lambda instance: not isinstance(instance, list) or _unique(instance)


def _items(value: Any, schema: Mapping[str, Any]) -> Check:
    if "prefixItems" in schema:
        raise _Unknown
    each = _compile(value)
    return lambda instance: not isinstance(instance, list) or all(map(each, instance))


def _any_of(value: Any, schema: Mapping[str, Any]) -> Check:
    options = [_compile(sub) for sub in value]
    return lambda instance: any(option(instance) for option in options)


def _all_of(value: Any, schema: Mapping[str, Any]) -> Check:
    parts = [_compile(sub) for sub in value]
    return lambda instance: all(part(instance) for part in parts)


def _if(value: Any, schema: Mapping[str, Any]) -> Check:
    condition = _compile(value)
    then = _compile(schema["then"]) if "then" in schema else _always
    otherwise = _compile(schema["else"]) if "else" in schema else _always
    return lambda instance: then(instance) if condition(instance) else otherwise(instance)


def _property_names(value: Any, schema: Mapping[str, Any]) -> Check:
    name = _compile(value)
    return lambda instance: not isinstance(instance, dict) or all(map(name, instance))


_KEYWORDS: dict[str, Callable[[Any, Mapping[str, Any]], Check]] = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minimum": _minimum,
    "maximum": _maximum,
    "minItems": _min_items,
    "maxItems": _max_items,
    "uniqueItems": _unique_items,
    "items": _items,
    "anyOf": _any_of,
    "allOf": _all_of,
    "if": _if,
    "propertyNames": _property_names,
}
