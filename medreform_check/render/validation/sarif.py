"""``validate --format sarif``: SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json
from typing import Any

from medreform_check import __version__
from medreform_check.commands.validate import Validation
from medreform_check.lint import RULES
from medreform_check.render import RenderOptions

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.code,
            "name": rule.code,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": " ".join(rule.doc.split())},
            "help": {"text": f"Example: {rule.example}" if rule.example else rule.summary},
            "defaultConfiguration": {"level": rule.severity.value},
        }
        for rule in RULES.values()
    ]


def render(validation: Validation, options: RenderOptions) -> str:
    index = {code: k for k, code in enumerate(RULES)}
    results = []
    for report in validation.files:
        for finding in report.findings:
            region = {}
            if finding.where.line:
                region["startLine"] = finding.where.line
                if finding.where.col:
                    region["startColumn"] = finding.where.col
            location: dict[str, Any] = {"artifactLocation": {"uri": finding.where.path}}
            if region:
                location["region"] = region
            results.append(
                {
                    "ruleId": finding.code,
                    "ruleIndex": index[finding.code],
                    "level": finding.severity.value,
                    "message": {"text": finding.message},
                    "locations": [{"physicalLocation": location}],
                }
            )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "medreform-check", "version": __version__, "rules": _rules()}
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
