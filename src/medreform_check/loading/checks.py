"""Consistency checks (``rules/checks.yaml``, CONTRACT §1.2)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Finding, Location, Severity
from ..schema_check import check_document
from ..yamlio import YamlDocument, load_yaml

CHECKS_FILE = "checks.yaml"


@dataclass(frozen=True, slots=True)
class Check:
    """One consistency rule between indicators reported by the same unit on the same date."""

    id: str
    rule: str
    severity: Severity
    message: str
    at: Location
    tolerance: float = 0.0


def checks_from(doc: YamlDocument) -> tuple[list[Check] | None, list[Finding]]:
    findings = list(doc.findings)
    if doc.data is None:
        return None, findings
    findings += check_document(doc, "checks")
    if any(f.is_error for f in findings):
        return None, findings
    checks: list[Check] = []
    seen: dict[str, Location] = {}
    for k, spec in enumerate(doc.data["checks"]):
        at = doc.locate(("checks", k))
        if spec["id"] in seen:
            message = (
                f"check id '{spec['id']}' is used twice (first at line {seen[spec['id']].line})"
            )
            findings.append(
                Finding("duplicate-id", Severity.ERROR, doc.locate(("checks", k, "id")), message)
            )
            continue
        seen[spec["id"]] = at
        severity = Severity(spec["severity"])
        checks.append(
            Check(
                spec["id"], spec["rule"], severity, spec["message"], at, spec.get("tolerance", 0.0)
            )
        )
    return checks, findings


def load_checks(path: Path) -> tuple[list[Check] | None, list[Finding]]:
    return checks_from(load_yaml(path))
