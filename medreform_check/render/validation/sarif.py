"""``validate --format sarif``: SARIF 2.1.0, for code-scanning dashboards.

Every file is named by a URI relative to ``%SRCROOT%`` — the git work tree around the current
directory, else the current directory — which ``originalUriBaseIds`` gives as a ``file:`` URI;
so a dashboard maps results onto the repository's files wherever the command ran. URIs are
percent-encoded (RFC 3986): a Chinese name or a space is a valid ``uri-reference``. A file
outside that root keeps an absolute ``file:`` URI rather than a ``../`` path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from medreform_check import HOMEPAGE, __version__
from medreform_check.commands.validate import Validation
from medreform_check.errors import Finding
from medreform_check.lint import RULES
from medreform_check.render import RenderOptions

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"


def source_root(cwd: Path) -> Path:
    """The git work tree that holds ``cwd`` (a ``.git`` directory, or the ``.git`` file of a
    worktree or submodule), else ``cwd`` itself."""
    here = cwd.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def _root_uri(root: Path) -> str:
    uri = root.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """``{"uri", "uriBaseId"}`` for a file under ``root``, else an absolute ``file:`` URI."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    # quote() leaves only unreserved characters and '/': every other byte of the UTF-8
    # name is percent-encoded, so the result is a relative-path reference in any case.
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": ROOT_ID}


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": " ".join(rule.doc.split("Example:")[0].split())},
            "help": {"text": f"Example: {rule.example}" if rule.example else rule.summary},
            "defaultConfiguration": {"level": rule.severity.value},
        }
        for rule in RULES.values()
    ]


def _result(finding: Finding, index: dict[str, int], root: Path) -> dict[str, Any]:
    region = {}
    if finding.where.line:
        region["startLine"] = finding.where.line
        if finding.where.col:
            region["startColumn"] = finding.where.col
    location: dict[str, Any] = {"artifactLocation": artifact_location(finding.where.path, root)}
    if region:
        location["region"] = region
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    result.update(
        level=finding.severity.value,
        message={"text": finding.message},
        locations=[{"physicalLocation": location}],
    )
    return result


def render(validation: Validation, options: RenderOptions) -> str:
    root = source_root(Path.cwd())
    index = {code: k for k, code in enumerate(RULES)}
    results = [
        _result(finding, index, root) for report in validation.files for finding in report.findings
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "medreform-check",
                "version": __version__,
                "informationUri": HOMEPAGE,
                "rules": _rules(),
            }
        },
        "originalUriBaseIds": {ROOT_ID: {"uri": _root_uri(root)}},
        "results": results,
    }
    if validation.notes:
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "note", "message": {"text": note}} for note in validation.notes
                ],
            }
        ]
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
