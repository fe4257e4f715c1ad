"""Lint rules: semantic checks with stable codes, over loaded plans and rules files."""

from __future__ import annotations

from ..errors import Finding
from ..model import Catalogue, Plan
from ..yamlio import YamlDocument
from . import loader_codes, plan_rules  # noqa: F401  (importing registers the rules)
from .plan_rules import PlanContext
from .registry import RULES, Rule, rules_for

__all__ = ["RULES", "Rule", "lint_plan"]


def lint_plan(plan: Plan, catalogue: Catalogue, doc: YamlDocument | None = None) -> list[Finding]:
    """Every rule about plans, run over ``plan``; findings sorted by position."""
    context = PlanContext(plan, catalogue, doc)
    findings = [f for r in rules_for("plan") for f in r.findings(context)]
    return sorted(
        findings, key=lambda f: (f.where.path, f.where.line or 0, f.where.col or 0, f.code)
    )
