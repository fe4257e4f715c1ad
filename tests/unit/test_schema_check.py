"""Schema violations become plain-language findings at the offending node."""

from __future__ import annotations

import json

import pytest

from medreform_check.loading.yamldoc import load_yaml_text
from medreform_check.schemas.definitions import KINDS, schema_for
from medreform_check.schemas.validation import check_document


def findings(text: str, kind: str = "plan") -> list[str]:
    doc = load_yaml_text(text, "p.yaml")
    return [f"{f.where.line}:{f.where.col} {f.message}" for f in check_document(doc, kind)]


PLAN_HEAD = "schema_version: 1\nplan:\n  id: p\n  title: T\n  period: {start: 2023-01-01, end: 2025-12-31}\n"


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_are_valid_draft_2020_12(kind: str) -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema_for(kind))
    json.dumps(schema_for(kind))  # and plain JSON


def test_a_misspelt_key_is_reported_at_the_key_with_a_suggestion() -> None:
    text = PLAN_HEAD + "tasks:\n  - id: t\n    title: T\n    deadlin: 2024\n"
    assert findings(text) == ["9:5 unknown key 'deadlin' (did you mean 'deadline'?)"]


def test_a_missing_key_is_reported_at_its_mapping() -> None:
    text = "schema_version: 1\nplan:\n  id: p\n  period: {start: 2023-01-01, end: 2025-12-31}\ntasks: []\n"
    assert findings(text) == ["3:3 missing required key 'title'"]


def test_a_wrong_type_names_what_was_expected() -> None:
    text = PLAN_HEAD + "tasks:\n  - id: t\n    title: T\n    deadline: 2024\n    target: 3\n"
    assert findings(text) == [
        "10:13 expected a target such as '>= 3', '不低于80%', 'between 2 and 3', 'increase' or "
        "{op: '>=', value: 3}, got the number 3"
    ]


def test_enum_and_pattern_messages() -> None:
    text = (
        "schema_version: 1\nplan:\n  id: Bad_Plan\n  title: T\n  period: {start: 2023-01-01, end: 2025-12-31}\n"
        "tasks:\n  - id: t\n    title: T\n    every: week\n"
    )
    assert findings(text) == [
        "3:7 'Bad_Plan' is not valid (expected lowercase letters, digits and '-', like alxa-hitech-2023-2025)",
        "9:12 'week' is not one of: year, half, quarter, month",
    ]


def test_a_badly_named_indicator_is_reported_at_its_key() -> None:
    text = "schema_version: 1\nindicators:\n  good: {name: G, kind: count, better: higher}\n  bad id: {name: B, kind: count, better: higher}\n"
    assert findings(text, "indicators")[0].startswith("4:3 'bad id' is not a valid id")


def test_composition_needs_parts_and_others_need_better() -> None:
    text = "schema_version: 1\nindicators:\n  a: {name: A, kind: rate}\n  b: {name: B, kind: composition}\n"
    assert findings(text, "indicators") == [
        "3:6 missing required key 'better'",
        "4:6 missing required key 'parts'",
    ]


def test_schema_version_must_be_1() -> None:
    assert findings("schema_version: 2\nchecks: []\n", "checks") == [
        "1:17 expected 1, got the number 2"
    ]
