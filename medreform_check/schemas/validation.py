"""Check loaded data against its JSON Schema with jsonschema; each violation becomes a located
finding with a plain-language message (never a JSON path)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from medreform_check.errors import Finding, Location, Severity
from medreform_check.language.values import shown
from medreform_check.loading.yamldoc import YamlDocument
from medreform_check.schemas.definitions import schema_for
from medreform_check.schemas.fitting import Check, compile_schema
from medreform_check.vocabulary import format_number

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

_ID_WORDS = "ASCII letters, digits, '-', '_' or '.', starting with a letter or digit"
_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


@cache
def _validator(kind: str) -> Validator:
    """The compiled validator for ``kind``, built once per process. jsonschema is imported
    here, by the commands that validate files, and not by ``--help`` or ``schema``."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema_for(kind))


def describe(value: Any) -> str:
    """A short description of a value for messages: ``'abc'``, ``the number 3``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {shown(value, 40)[1:-1]}"
    if isinstance(value, str):
        return shown(value, 40)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _expected(error: ValidationError) -> str | None:
    """The schema's own words for what fits here (its ``description``)."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    expected = schema.get("description")
    return expected if isinstance(expected, str) else None


def _unknown_keys(error: ValidationError) -> Iterator[tuple[str, str]]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    allowed = sorted(schema.get("properties", {}))
    instance: Any = error.instance
    for extra in instance:
        if extra in allowed:
            continue
        close = difflib.get_close_matches(extra, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(allowed)}"
        yield extra, f"unknown key '{extra}' ({hint})"


def _message(error: ValidationError) -> str:
    """The plain-language message for one violation of a value."""
    instance: Any = error.instance
    value: Any = error.validator_value
    validator, expected = error.validator, _expected(error)
    if validator == "type":
        types = value if isinstance(value, list) else [value]
        wanted = expected or " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in types)
        return f"expected {wanted}, got {describe(instance)}"
    if validator == "enum":
        options = ", ".join(str(o) for o in value)
        return f"{describe(instance)} is not one of: {options}"
    if validator == "const":
        return f"expected {value!r}, got {describe(instance)}"
    if validator == "pattern":
        return f"{describe(instance)} is not valid (expected {expected or value})"
    if validator == "minimum":
        return f"{describe(instance)} is below the minimum {format_number(value)}"
    if validator == "maximum":
        return f"{describe(instance)} is above the maximum {format_number(value)}"
    if validator == "minItems":
        return f"expected at least {value} item(s), got {len(instance)}"
    if validator == "uniqueItems":
        return "the list repeats an item"
    if validator == "minLength":
        return "expected some text, got an empty string"
    # anyOf: none of the alternatives fits; the schema says in words what would.
    return f"expected {expected or 'a different value'}, got {describe(instance)}"


@dataclass(frozen=True, slots=True)
class Violation:
    """One schema violation: where in the data (a path of keys), and what is wrong.

    ``about_key`` is set when the message is about a key itself (unknown, misspelt or
    badly named) rather than about the value under it.
    """

    path: tuple[Any, ...]
    message: str
    about_key: bool = False


def _violations_of(error: ValidationError) -> Iterator[Violation]:
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        for key, message in _unknown_keys(error):
            yield Violation((*path, key), message, True)
    elif error.validator == "required":
        # jsonschema reports each missing key as its own error, all with the whole list.
        instance: Any = error.instance
        required: Any = error.validator_value
        for key in required:
            if key not in instance:
                yield Violation(path, f"missing required key '{key}'")
    elif "propertyNames" in error.absolute_schema_path:
        # The offending key is the instance here; point at the key, not its mapping.
        message = f"{describe(error.instance)} is not a valid id (expected {_ID_WORDS})"
        yield Violation((*path, error.instance), message, True)
    else:
        yield Violation(path, _message(error))


@cache
def _fits(kind: str) -> Check | None:
    """The quick yes-or-no check for ``kind`` (fitting.py), compiled once per process."""
    return compile_schema(schema_for(kind))


def violations(data: Any, kind: str) -> list[Violation]:
    """Every way ``data`` breaks the schema for ``kind``, each once. A document that fits
    (the usual case) is told so by the compiled check; only one that does not is shown to
    jsonschema, which says how."""
    fits = _fits(kind)
    if fits is not None and fits(data):
        return []
    found: dict[Violation, None] = {}
    for error in _validator(kind).iter_errors(data):
        found.update(dict.fromkeys(_violations_of(error)))
    return list(found)


def locate_violation(doc: YamlDocument, violation: Violation) -> Location:
    return doc.locate_key(violation.path) if violation.about_key else doc.locate(violation.path)


def check_document(
    doc: YamlDocument, kind: str, found: list[Violation] | None = None
) -> list[Finding]:
    """Validate a loaded YAML document (or take its violations, already ``found``),
    locating each finding in the file."""
    found = violations(doc.data, kind) if found is None else found
    findings = [
        Finding("schema", Severity.ERROR, locate_violation(doc, v), v.message) for v in found
    ]
    return sorted(findings, key=lambda f: (f.where.line or 0, f.where.col or 0))
