"""JSON Schemas (Draft 2020-12) for the four kinds of file, built from shared parts.

Only standard keywords are used, so every validator accepts them (ajv in strict mode too).
A node's ``description`` is a noun phrase that completes "expected …": editors show it on
hover, and our error messages use it when a value does not match (``schema_check.py``).
"""

from __future__ import annotations

import copy
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("plan", "submission", "indicators", "checks")


def _either(*types: str, **annotations: Any) -> dict[str, Any]:
    """A value of any of ``types``: ``anyOf`` one-type branches rather than a ``type`` list,
    which ajv's strict mode flags (strictTypes). ``annotations`` (a ``description`` that
    completes "expected …", ``examples``) go on the node, where editors and our messages
    find them."""
    return {"anyOf": [{"type": t} for t in types], **annotations}


_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_ID: dict[str, Any] = {
    "type": "string",
    "pattern": _ID_PATTERN,
    "description": "an id of ASCII letters, digits, '-', '_' or '.' (first a letter or digit)",
}
_TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
_DATE: dict[str, Any] = {
    "type": "string",
    "description": "a date such as 2024-05-31",
    "examples": ["2024-05-31", "2024/5/31", "2024年5月31日"],
}
_DEADLINE: dict[str, Any] = _either(
    "string",
    "integer",
    description="a deadline such as 2024-05-31, 2024-Q2, 2024 or 2023年底",
    examples=["2024-05-31", "2024-05", "2024-Q2", "2024-H1", 2024, "2023年底", "2024年5月底前"],
)
_PERIOD: dict[str, Any] = _either(
    "string",
    "integer",
    description="a period such as 2024-Q2, 2024-H1, 2024 or 2024-06",
    examples=["2024-Q2", "2024-H1", 2024, "2024-06", "2024年第二季度"],
)
# Finite and well inside what a float holds exactly: a 400-digit integer is a typing
# mistake, not a bound, and must not overflow the arithmetic that uses it.
_NUMBER: dict[str, Any] = {
    "type": "number",
    "minimum": -1e15,
    "maximum": 1e15,
    "description": "a number between -10^15 and 10^15",
}
_STRINGS: dict[str, Any] = {
    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    "description": "a name or a list of names",
}
_TARGET: dict[str, Any] = {
    "description": (
        "a target such as '>= 3', '不低于80%', 'between 2 and 3', 'increase' "
        "or {op: '>=', value: 3}"
    ),
    "examples": [">= 3", "不低于80%", "between 2 and 3", "increase", {"op": ">=", "value": 3}],
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "required": ["op"],
            "additionalProperties": False,
            "properties": {
                "op": {
                    "enum": [">=", ">", "<=", "<", "==", "between", "increase", "decrease", "ratio"]
                },
                "value": _either(
                    "number", "string", "array", description="a number, text or a list of numbers"
                ),
                "tolerance": {**_NUMBER, "minimum": 0},
            },
        },
    ],
}

INDICATOR: dict[str, Any] = {
    "type": "object",
    "required": ["name", "kind"],
    "additionalProperties": False,
    "properties": {
        "name": _TEXT,
        "name_en": _TEXT,
        "aliases": {"type": "array", "items": _TEXT, "uniqueItems": True},
        "kind": {"enum": ["level", "rate", "count", "amount", "composition"]},
        "unit": {"type": "string"},
        "min": _NUMBER,
        "max": _NUMBER,
        "integer": {"type": "boolean"},
        "better": {"enum": ["higher", "lower", "none"]},
        "parts": {"type": "array", "items": _ID, "minItems": 2, "uniqueItems": True},
        "definition": _TEXT,
        "ratio_of": {
            "type": "array",
            "items": _ID,
            "minItems": 2,
            "maxItems": 2,
            "description": "the numerator and the denominator indicators: [local, all]",
        },
        "cumulative": {
            "enum": ["year"],
            "description": "year: each value is the running total since 1 January (1–N月累计)",
        },
    },
    "allOf": [
        {
            "if": {"properties": {"kind": {"const": "composition"}}, "required": ["kind"]},
            "then": {"required": ["parts"]},
            "else": {"required": ["better"]},
        }
    ],
}
_INDICATORS: dict[str, Any] = {
    "type": "object",
    "propertyNames": {"pattern": _ID_PATTERN},
    "additionalProperties": INDICATOR,
}

_STAGE: dict[str, Any] = {
    "type": "object",
    "required": ["deadline"],
    "additionalProperties": False,
    "properties": {"deadline": _DEADLINE, "target": _TARGET},
}

TASK: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title"],
    "additionalProperties": False,
    "properties": {
        "id": _ID,
        "title": _TEXT,
        "section": {"type": "string"},
        "source": {"type": "string"},
        "lead": _ID,
        "owners": {"type": "array", "items": _ID},
        "owner_class": _STRINGS,
        "aggregate": {
            "enum": ["all", "any", "mean", "sum", "min", "max", "pooled", "weighted_mean"]
        },
        "weight": {**_ID, "description": "the indicator whose value weighs each unit"},
        "by": {"enum": ["parent"]},
        "baseline": {
            "type": "object",
            "required": ["value", "as_of"],
            "additionalProperties": False,
            "properties": {
                "value": _either("number", "string", description="a number such as 70 or 70%"),
                "as_of": _DATE,
            },
            "description": "the value the pace (序时进度) starts from, and its date",
        },
        "indicator": _ID,
        "target": _TARGET,
        "deadline": _DEADLINE,
        "stages": {"type": "array", "items": _STAGE, "minItems": 1},
        "every": {"enum": ["year", "half", "quarter", "month"]},
        "from": _DATE,
        "until": _DATE,
        "aspirational": {"type": "boolean"},
        "waived": {
            "type": "object",
            "required": ["reason"],
            "additionalProperties": False,
            "properties": {"reason": _TEXT, "until": _DATE},
        },
        "evidence": {"enum": ["required", "optional"]},
        "note": {"type": "string"},
    },
}

PLAN: dict[str, Any] = {
    "$schema": DIALECT,
    "title": "medreform-check plan",
    "type": "object",
    "required": ["schema_version", "plan", "tasks"],
    "additionalProperties": False,
    "properties": {
        "schema_version": {"const": 1},
        "plan": {
            "type": "object",
            "required": ["id", "title", "period"],
            "additionalProperties": False,
            "properties": {
                "id": {
                    "type": "string",
                    "pattern": "^[a-z0-9][a-z0-9-]*$",
                    "description": "lowercase letters, digits and '-', like alxa-hitech-2023-2025",
                },
                "title": _TEXT,
                "issuer": {"type": "string"},
                "document_no": {"type": "string"},
                "issued": _DATE,
                "period": {
                    "type": "object",
                    "required": ["start", "end"],
                    "additionalProperties": False,
                    "properties": {"start": _DATE, "end": _DATE},
                },
                # Ten years: a warning window longer than any plan; it also keeps date
                # arithmetic (deadline − warn_days) far from overflow.
                "warn_days": {"type": "integer", "minimum": 0, "maximum": 3660},
                "escalate_days": {"type": "integer", "minimum": 0, "maximum": 3660},
                "reporting": {
                    "type": "object",
                    "required": ["every", "due_days"],
                    "additionalProperties": False,
                    "properties": {
                        "every": {"enum": ["year", "half", "quarter", "month"]},
                        "due_days": {"type": "integer", "minimum": 0, "maximum": 3660},
                    },
                },
            },
        },
        "units": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name"],
                "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "name": _TEXT,
                    "class": _STRINGS,
                    "parent": _ID,
                    "aliases": {"type": "array", "items": _TEXT, "uniqueItems": True},
                    "reports": {
                        "enum": ["year", "half", "quarter", "month", False],
                        "description": "how often the unit reports, or false: it owes none",
                    },
                },
            },
        },
        "indicators": _INDICATORS,
        "tasks": {"type": "array", "items": TASK},
    },
}

# A row left blank (a template nobody filled in) holds nulls: nothing reported, nothing wrong.
_BLANK_DATE: dict[str, Any] = _either(
    "string", "null", description=_DATE["description"], examples=_DATE["examples"]
)
SUBMISSION_ROW: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "unit": {"type": "string"},
        "period": _PERIOD,
        "indicator": {"type": "string"},
        "task": {"type": "string"},
        "value": _either(
            "number",
            "string",
            "object",
            "null",
            description="a number such as 3 or 85.3%, or a composition such as 41.2:33.5:25.3",
        ),
        "done": _either(
            "boolean", "string", "integer", "null", description="yes or no (是/否, true/false)"
        ),
        "completed_on": _BLANK_DATE,
        "as_of": _BLANK_DATE,
        "submitted": _BLANK_DATE,
        "evidence": _either("string", "number", "null", description="text"),
        "note": _either("string", "number", "null", description="text"),
    },
}

SUBMISSION: dict[str, Any] = {
    "$schema": DIALECT,
    "title": "medreform-check submission",
    "type": "object",
    "required": ["schema_version", "values"],
    "additionalProperties": False,
    "properties": {
        "schema_version": {"const": 1},
        "unit": {"type": "string"},
        "period": _PERIOD,
        "submitted": _BLANK_DATE,
        "note": _either("string", "null", description="text"),
        "values": {"type": "array", "items": SUBMISSION_ROW},
    },
}

INDICATORS: dict[str, Any] = {
    "$schema": DIALECT,
    "title": "medreform-check indicator catalogue",
    "type": "object",
    "required": ["schema_version", "indicators"],
    "additionalProperties": False,
    "properties": {"schema_version": {"const": 1}, "indicators": _INDICATORS},
}

CHECKS: dict[str, Any] = {
    "$schema": DIALECT,
    "title": "medreform-check consistency checks",
    "type": "object",
    "required": ["schema_version", "checks"],
    "additionalProperties": False,
    "properties": {
        "schema_version": {"const": 1},
        "checks": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "rule", "severity", "message"],
                "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "rule": _TEXT,
                    "severity": {"enum": ["error", "warning"]},
                    "message": _TEXT,
                    "tolerance": {**_NUMBER, "minimum": 0},
                },
            },
        },
    },
}

_BY_KIND = {"plan": PLAN, "submission": SUBMISSION, "indicators": INDICATORS, "checks": CHECKS}


def schema_for(kind: str) -> dict[str, Any]:
    """A deep copy, so callers may not alter the shared parts."""
    return copy.deepcopy(_BY_KIND[kind])
