"""The JSON Schemas use only Draft 2020-12 vocabulary, so every validator — ajv in its default
strict mode too — compiles them (issue 14). Our hints live in ``description`` and ``examples``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from medreform_check.schemas.definitions import KINDS, schema_for

from helpers import ROOT

# fmt: off
# The keywords of the Draft 2020-12 vocabularies: core, applicator, unevaluated, validation,
# format-annotation, content and meta-data.
CORE = {"$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
        "$comment", "$defs"}
APPLICATOR = {"prefixItems", "items", "contains", "additionalProperties", "properties",
              "patternProperties", "dependentSchemas", "propertyNames", "if", "then", "else",
              "allOf", "anyOf", "oneOf", "not"}
UNEVALUATED = {"unevaluatedItems", "unevaluatedProperties"}
VALIDATION = {"type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
              "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
              "uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties",
              "required", "dependentRequired"}
META_DATA = {"title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples"}
FORMAT_AND_CONTENT = {"format", "contentEncoding", "contentMediaType", "contentSchema"}
KEYWORDS = CORE | APPLICATOR | UNEVALUATED | VALIDATION | META_DATA | FORMAT_AND_CONTENT

# Keywords whose value is a schema, a list of schemas, or a mapping of names to schemas.
ONE = {"items", "contains", "additionalProperties", "propertyNames", "if", "then", "else", "not",
       "unevaluatedItems", "unevaluatedProperties", "contentSchema"}
MANY = {"prefixItems", "allOf", "anyOf", "oneOf"}
NAMED = {"properties", "patternProperties", "dependentSchemas", "$defs"}
# fmt: on


def subschemas(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object inside ``schema`` (not the values of enum, const, examples…)."""
    if not isinstance(schema, dict):
        return
    yield where, schema
    for key, value in schema.items():
        if key in ONE:
            yield from subschemas(value, f"{where}/{key}")
        elif key in MANY:
            for k, item in enumerate(value):
                yield from subschemas(item, f"{where}/{key}/{k}")
        elif key in NAMED:
            for name, item in value.items():
                yield from subschemas(item, f"{where}/{key}/{name}")


@pytest.mark.parametrize("kind", KINDS)
def test_every_keyword_is_draft_2020_12_vocabulary(kind: str) -> None:
    unknown = [
        (where, key)
        for where, node in subschemas(schema_for(kind))
        for key in node
        if key not in KEYWORDS
    ]
    assert unknown == []


@pytest.mark.parametrize("kind", KINDS)
def test_no_union_type_lists(kind: str) -> None:
    # ajv's strict mode (strictTypes) warns on `"type": [a, b]`; anyOf branches instead.
    lists = [
        where for where, node in subschemas(schema_for(kind)) if isinstance(node.get("type"), list)
    ]
    assert lists == []


def test_the_walk_finds_an_unknown_keyword() -> None:
    bad = {"properties": {"a": {"anyOf": [{"type": "string", "x-expected": "text"}]}}}
    found = [(w, k) for w, node in subschemas(bad) for k in node if k not in KEYWORDS]
    assert found == [("#/properties/a/anyOf/0", "x-expected")]


AJV_CHECK = """
const Ajv2020 = require("ajv/dist/2020");
const fs = require("fs");
const problems = [];
const logger = {log() {}, warn: (...a) => problems.push(a.join(" ")),
                error: (...a) => problems.push(a.join(" "))};
for (const file of process.argv.slice(2)) {
  try { new Ajv2020({logger}).compile(JSON.parse(fs.readFileSync(file, "utf8"))); }
  catch (e) { problems.push(file + ": " + e.message); }
}
console.log(JSON.stringify(problems));
"""


def ajv_dir() -> Path:
    """Where `.ci/run` installed ajv from the npm registry (MEDREFORM_AJV_DIR)."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: ajv cannot run (the keyword walk above still does)")
    folder = os.environ.get("MEDREFORM_AJV_DIR")
    if not folder or not (Path(folder) / "node_modules" / "ajv").is_dir():
        pytest.skip(
            "ajv is not installed: .ci/run installs it (npm install ajv@8) into MEDREFORM_AJV_DIR"
        )
    return Path(folder)


def test_ajv_compiles_every_schema_in_strict_mode_without_a_warning(tmp_path: Path) -> None:
    folder = ajv_dir()
    script = folder / "check-schemas.js"
    script.write_text(AJV_CHECK, encoding="utf-8")
    files = []
    for kind in KINDS:
        path = tmp_path / f"{kind}.schema.json"
        path.write_text(json.dumps(schema_for(kind)), encoding="utf-8")
        files.append(str(path))
    files.append(str(tmp_path / "bad.schema.json"))  # the check itself must catch a bad one
    Path(files[-1]).write_text(json.dumps({"type": "string", "x-expected": "t"}), encoding="utf-8")
    out = subprocess.run(
        ["node", str(script), *files], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    problems = json.loads(out.stdout)
    assert len(problems) == 1 and "x-expected" in problems[0], problems
    assert all(p.startswith(files[-1]) for p in problems)


def test_the_shipped_schema_files_are_the_generated_ones() -> None:
    for kind in KINDS:
        shipped = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert shipped == schema_for(kind)
