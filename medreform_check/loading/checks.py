"""Consistency checks (``rules/checks.yaml``, CONTRACT §1.2): loaded, parsed, and checked
against the indicator catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from medreform_check.errors import Finding, Location, Severity
from medreform_check.language.expressions import Rule, RuleError, parse_rule
from medreform_check.loading.yamldoc import YamlDocument, load_yaml
from medreform_check.model import Catalogue
from medreform_check.schemas.validation import check_document

CHECKS_FILE = "checks.yaml"


@dataclass(frozen=True, slots=True)
class Check:
    """One consistency rule between indicators reported by the same unit on the same date."""

    id: str
    rule: Rule
    severity: Severity
    message: str
    at: Location
    tolerance: float = 0.0


def _unknown_names(rule: Rule, catalogue: Catalogue) -> list[str]:
    problems = []
    for ref in rule.refs():
        indicator = catalogue.indicators.get(ref.indicator)
        if indicator is None:
            problems.append(
                f"unknown indicator '{ref.indicator}' (at character {ref.col} of the rule)"
            )
        elif indicator.kind == "composition" and ref.part is None:
            parts = ", ".join(f"{ref.indicator}.{p}" for p in indicator.parts)
            problems.append(f"{ref.indicator} is a composition: name a part ({parts})")
        elif indicator.kind != "composition" and ref.part is not None:
            problems.append(f"{ref.indicator} is a {indicator.kind}, it has no part '{ref.part}'")
        elif ref.part is not None and ref.part not in indicator.parts:
            problems.append(
                f"{ref.indicator} has no part '{ref.part}' (parts: {', '.join(indicator.parts)})"
            )
    return problems


def checks_from(
    doc: YamlDocument, catalogue: Catalogue | None
) -> tuple[list[Check] | None, list[Finding]]:
    """The checks in ``doc``, each rule parsed and its names found in ``catalogue``
    (not looked up when there is no usable catalogue)."""
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
        rule_at = doc.locate(("checks", k, "rule"))
        try:
            rule = parse_rule(spec["rule"])
        except RuleError as exc:
            message = f"{exc} (at character {exc.col} of the rule)"
            findings.append(Finding("check-syntax", Severity.ERROR, rule_at, message))
            continue
        unknown = _unknown_names(rule, catalogue) if catalogue is not None else []
        findings += [
            Finding("check-unknown", Severity.ERROR, rule_at, problem) for problem in unknown
        ]
        if not unknown:
            severity = Severity(spec["severity"])
            tolerance = float(spec.get("tolerance", 0.0))
            checks.append(Check(spec["id"], rule, severity, spec["message"], at, tolerance))
    return checks, findings


def load_checks(path: Path, catalogue: Catalogue) -> tuple[list[Check] | None, list[Finding]]:
    return checks_from(load_yaml(path), catalogue)
