"""The repository's own files for editors and CI: in step with the code, and well-formed."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from medreform_check.lint.registry import codes_table
from medreform_check.schemas.definitions import KINDS, schema_for

from helpers import ROOT


@pytest.mark.parametrize("kind", KINDS)
def test_schema_files_match_the_schema_command(kind: str) -> None:
    shipped = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert shipped == schema_for(kind), (
        f"regenerate: medreform-check schema {kind} > schemas/{kind}.schema.json"
    )


def test_readme_lists_every_code_as_the_rules_document_it() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert codes_table() in readme, (
        "regenerate the README's code table from medreform_check.lint.registry.codes_table()"
    )


def test_pre_commit_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["medreform-check", "medreform-check-submissions"]
    for hook in hooks:
        assert hook["entry"] == "medreform-check validate"
        assert hook["language"] == "python"
        assert hook["require_serial"] is True
        re.compile(hook["files"])
    assert re.search(hooks[0]["files"], "plans/alxa-hitech-2023-2025.yaml")
    assert re.search(hooks[0]["files"], "rules/indicators.yaml")
    assert re.search(hooks[1]["files"], "submissions/2024-Q2/hospital.xlsx")


def test_ci_documentation_yaml_blocks_parse() -> None:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    parsed = [yaml.safe_load(block) for block in blocks]
    workflow = next(p for p in parsed if isinstance(p, dict) and "jobs" in p)
    steps = workflow["jobs"]["validate"]["steps"]
    assert any("--format github" in step.get("run", "") for step in steps)
    assert any("--format sarif" in step.get("run", "") for step in steps)
    gitlab = next(
        p for p in parsed if isinstance(p, dict) and "plans" in p and "script" in p["plans"]
    )
    assert gitlab["plans"]["artifacts"]["reports"]["junit"] == "validate.xml"
