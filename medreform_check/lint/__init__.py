"""Lint rules: semantic checks with stable codes, over loaded plans and rules files.

``registry.py`` lists every rule and code; the functions here run them.
"""

from __future__ import annotations

from collections.abc import Sequence

from medreform_check.errors import Finding, Severity
from medreform_check.lint.catalogue_rules import CatalogueContext
from medreform_check.lint.plan_context import PlanContext
from medreform_check.lint.registry import CATALOGUE_RULES, PLAN_RULES, RULES
from medreform_check.lint.rule import Rule
from medreform_check.loading.yamldoc import YamlDocument
from medreform_check.model import Catalogue, Plan

__all__ = ["RULES", "Rule", "lint_catalogue", "lint_plan", "lint_plans"]


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(
        findings, key=lambda f: (f.where.path, f.where.line or 0, f.where.col or 0, f.code)
    )


def lint_plan(plan: Plan, catalogue: Catalogue, doc: YamlDocument | None = None) -> list[Finding]:
    """Every rule about plans, run over ``plan``; findings sorted by position."""
    context = PlanContext(plan, catalogue, doc)
    return _sorted([f for r in PLAN_RULES for f in r.findings(context)])


def lint_plans(loaded: Sequence[tuple[YamlDocument, Plan]], catalogue: Catalogue) -> list[Finding]:
    """Lint each plan, and check that no two plans share an id."""
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    for doc, plan in loaded:
        if plan.id in seen:
            message = f"plan id '{plan.id}' is also used by {seen[plan.id]}"
            findings.append(
                Finding("duplicate-id", Severity.ERROR, doc.locate(("plan", "id")), message)
            )
        seen.setdefault(plan.id, doc.path)
        findings += lint_plan(plan, catalogue, doc)
        if plan.indicators:
            findings += lint_catalogue(Catalogue(plan.indicators, doc.path), doc, catalogue)
    return findings


def lint_catalogue(
    catalogue: Catalogue, doc: YamlDocument, shared: Catalogue | None = None
) -> list[Finding]:
    """Every rule about catalogues, run over ``catalogue`` (a plan's own indicators may refer
    to the ``shared`` catalogue's); findings sorted by position."""
    context = CatalogueContext(catalogue, doc, shared)
    return _sorted([f for r in CATALOGUE_RULES for f in r.findings(context)])
